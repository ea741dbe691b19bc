import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeGray } from './eval/image-templates.js';

const FVC = '../shared/data/fingerprints/fvc2002';

describe('gen:latent-marks --scale-jitter', () => {
  const dir = mkdtempSync(join(tmpdir(), 'latent-marks-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', 'scripts/latent-marks.ts', ...args], { encoding: 'utf8', stdio: 'pipe' });

  it.skipIf(!existsSync(FVC))('rescales each mark by its own factor within ±J, and says so in generation.json', () => {
    run('--out', join(dir, 'j'), '--count', '2', '--seed', '3', '--scale-jitter', '0.15');
    for (const id of ['m0000', 'm0001']) {
      const g = JSON.parse(readFileSync(join(dir, 'j', id, 'generation.json'), 'utf8')) as { scale?: number; trueMinutiae: number };
      expect(g.scale).toBeGreaterThanOrEqual(0.85);
      expect(g.scale).toBeLessThanOrEqual(1.15);
      expect(g.scale).not.toBe(1);
    }
    const summary = JSON.parse(readFileSync(join(dir, 'j', 'summary.json'), 'utf8')) as { scaleJitter?: number };
    expect(summary.scaleJitter).toBe(0.15);
  }, 120_000);

  it('refuses a jitter outside 0–0.5', () => {
    expect(() => run('--out', join(dir, 'bad'), '--count', '1', '--scale-jitter', '0.9')).toThrow(/--scale-jitter must be a number from 0 to 0.5/);
  });
});

describe('gen:latent-marks --style, --sets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'latent-marks-style-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', 'scripts/latent-marks.ts', ...args], { encoding: 'utf8', stdio: 'pipe' });
  const pixelSum = async (path: string) => createHash('sha256').update((await decodeGray(path)).pixels).digest('hex');
  const fileSum = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

  it.skipIf(!existsSync(FVC))('the default (seed 1) still writes the marks of before: checksums of /tmp/le/hard300 m0000, m0001 taken before the options', async () => {
    run('--out', join(dir, 'd'), '--count', '2', '--seed', '1');
    expect(await pixelSum(join(dir, 'd', 'm0000', 'latent', 'mark.png'))).toBe('fc73a8961bfd17d30e6227614a056c3337519d67f41657c8fddc2216f9f47b3c');
    expect(await pixelSum(join(dir, 'd', 'm0001', 'latent', 'mark.png'))).toBe('fb3f5e5498a181f5b44204c2f184ee6d4100ce7124d8ccc3018fded06031a43e');
    expect(fileSum(join(dir, 'd', 'm0000', 'markup.json'))).toBe('0e32951b422794cd896d9b5565af0f70a0fb1a9ab15ffa7ab05128d9de8477fb');
    expect(fileSum(join(dir, 'd', 'm0001', 'markup.json'))).toBe('d87232d1e1107909cb881583882ee6b03999dd9639632952b812ea5b472d6a97');
    const g = JSON.parse(readFileSync(join(dir, 'd', 'm0000', 'generation.json'), 'utf8')) as Record<string, unknown>;
    expect(g.style).toBeUndefined();
    expect(JSON.parse(readFileSync(join(dir, 'd', 'summary.json'), 'utf8')).sets).toBeUndefined();
  }, 120_000);

  it.skipIf(!existsSync(FVC))('plain marks from the chosen sets only, the same bytes on a second run, style and sets recorded', async () => {
    for (const k of ['p1', 'p2']) run('--out', join(dir, k), '--count', '3', '--seed', '22', '--style', 'plain', '--sets', 'db3_b,db4_b');
    for (const id of ['m0000', 'm0001', 'm0002']) {
      expect(fileSum(join(dir, 'p2', id, 'latent', 'mark.png'))).toBe(fileSum(join(dir, 'p1', id, 'latent', 'mark.png')));
      const g = JSON.parse(readFileSync(join(dir, 'p1', id, 'generation.json'), 'utf8')) as { style: string; source: string; mate: string; areaFraction: number };
      expect(g.style).toBe('plain');
      expect(g.source).toMatch(/^fvc2002\/db3_b\//);
      expect(g.mate).toMatch(/^fvc2002\/db3_b\//);
      expect(g.areaFraction).toBeGreaterThanOrEqual(0.48);
    }
    const summary = JSON.parse(readFileSync(join(dir, 'p1', 'summary.json'), 'utf8')) as { style: string; sets: string[]; fingers: number };
    expect(summary).toMatchObject({ style: 'plain', sets: ['db3_b', 'db4_b'], fingers: 20 });
  }, 120_000);

  it('refuses an unknown style or set', () => {
    expect(() => run('--out', join(dir, 'bad'), '--count', '1', '--style', 'soft')).toThrow(/--style must be hard or plain/);
    expect(() => run('--out', join(dir, 'bad'), '--count', '1', '--sets', 'db1_b,db9_b')).toThrow(/--sets must name some of db1_b, db2_b, db3_b, db4_b/);
  });
});
