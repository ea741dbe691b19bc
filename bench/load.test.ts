/**
 * The load generator end to end on a tiny gallery (50 fingerprints, the 40 FVC2002 mates among
 * them) against a server it spawns: the report's shape, the SVG beside it, and identify answers
 * that find the mates. Skipped without the shared data.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBenchMain, parseLoadArgs } from './load.bench.js';
import { loadCurveSvg } from './load-plot.js';
import { hasLoadData } from './load-gallery.js';
import type { LoadReport } from './load-messages.js';

const out = mkdtempSync(join(tmpdir(), 'bm-load-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const RUN_KEYS = ['concurrency', 'requests', 'rps', 'p50Ms', 'p90Ms', 'p99Ms', 'errors', 'healthP99Ms', 'correct'];

describe('bench:load arguments', () => {
  it('reads the documented flags and refuses bad ones', () => {
    const o = parseLoadArgs(['--scenario', 'identify', '--concurrency', '1,2,4', '--seconds', '3', '--gallery', '100_000', '--ef', '500', '--json', '/tmp/x.json']);
    expect(o).toMatchObject({ scenario: 'identify', concurrency: [1, 2, 4], seconds: 3, gallery: 100_000, ef: 500, json: '/tmp/x.json' });
    expect(o.server).toBeUndefined();
    expect(() => parseLoadArgs(['--scenario', 'search', '--json', 'x.json'])).toThrow(/--scenario/);
    expect(() => parseLoadArgs(['--scenario', 'identify', '--concurrency', '0', '--json', 'x.json'])).toThrow(/--concurrency/);
    expect(() => parseLoadArgs(['--scenario', 'identify'])).toThrow(/--json/);
    expect(() => parseLoadArgs(['--scenario', 'identify', '--server', 'nohost', '--json', 'x.json'])).toThrow(/HOST:PORT/);
  });

  it('the plot has one labelled point per level and series', () => {
    const report: LoadReport = {
      scenario: 'identify', gallery: 10, settings: {},
      runs: [1, 2, 4].map((c) => ({ concurrency: c, requests: 10 * c, rps: 5 * c, p50Ms: 10 * c, p90Ms: 20 * c, p99Ms: 30 * c, errors: {}, healthP99Ms: 2, correct: 1 })),
    };
    const svg = loadCurveSvg(report);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(3);
    expect(svg.match(/<circle/g)).toHaveLength(9);
  });
});

describe.skipIf(!hasLoadData())('bench:load against a spawned server', () => {
  it('identify at concurrency 1 and 2 for 1 s on 50 records: the report, the SVG, and the mates found', async () => {
    const json = join(out, 'identify.json');
    await loadBenchMain(['--scenario', 'identify', '--gallery', '50', '--concurrency', '1,2', '--seconds', '1', '--warmup', '0', '--client-threads', '2', '--ef', '4000', '--json', json]);
    const report = JSON.parse(readFileSync(json, 'utf8')) as LoadReport;
    expect(Object.keys(report)).toEqual(['scenario', 'gallery', 'settings', 'runs']);
    expect(report.scenario).toBe('identify');
    expect(report.gallery).toBe(50);
    expect(report.settings).toMatchObject({ seconds: 1, server: 'spawned', ef: { requested: 4000, applied: true }, shortlist: { applied: false } });
    expect(report.runs.map((r) => r.concurrency)).toEqual([1, 2]);
    for (const run of report.runs) {
      expect(Object.keys(run)).toEqual(RUN_KEYS);
      expect(run.requests).toBeGreaterThan(0);
      expect(run.rps).toBeGreaterThan(0);
      expect(run.p50Ms).toBeGreaterThan(0);
      expect(run.p50Ms).toBeLessThanOrEqual(run.p90Ms);
      expect(run.p90Ms).toBeLessThanOrEqual(run.p99Ms);
      expect(run.healthP99Ms).toBeGreaterThan(0);
      expect(run.errors).toEqual({});
      // Not 1: exhaustive matching among these 50 ranks the mate first for 274 of the 280
      // FVC2002 probes (97.9%; a 10 s run here answers 0.976), and a 1 s run sends only a few
      // dozen of them, so three misses can fall in one. A broken pipeline (wrong subjects, no
      // mates enrolled) answers near 0.
      expect(run.correct).toBeGreaterThanOrEqual(0.75);
    }
    expect(readFileSync(join(out, 'identify.svg'), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>$/);
    expect(existsSync(json)).toBe(true);
  }, 60_000);
});
