import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A ridge pattern (period 9 px) with a few breaks, so the extractor finds minutiae. */
async function printPng(path: string, phase: number, shift: number): Promise<void> {
  const w = 260, h = 300;
  const px = Buffer.alloc(w * h, 250);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const u = (x - w / 2) / (w * 0.42), v = (y - h / 2) / (h * 0.45);
      if (u * u + v * v > 1) continue;
      const r = Math.hypot(x - w / 2 - shift, y - h * 0.3);
      const broken = ((Math.floor(x / 23) + Math.floor(y / 29) + phase) % 5) === 0 && (x % 23) < 4;
      px[y * w + x] = broken ? 200 : Math.round(128 + 100 * Math.cos((2 * Math.PI * r) / 9 + phase));
    }
  }
  mkdirSync(join(path, '..'), { recursive: true });
  await sharp(px, { raw: { width: w, height: h, channels: 1 } }).png().toFile(path);
}

describe('eval:latent end to end', () => {
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eval-latent-'));
    for (const [id, phase] of [['a', 0], ['b', 2]] as const) {
      await printPng(join(dir, 'pairs', id, 'latent', 'mark.png'), phase, 3);
      await printPng(join(dir, 'pairs', id, 'sensor', 'print.png'), phase, 0);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', 'scripts/eval-latent.ts', ...args], { encoding: 'utf8', stdio: 'pipe' });

  it('writes exactly the agreed keys, a rank per pair, and the CMC beside OUT.json', () => {
    const out = join(dir, 'out.json');
    run('--pairs', join(dir, 'pairs'), '--generated-background', '20', '--json', out);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(report).sort()).toEqual(['extractMsMedian', 'gallery', 'latents', 'rank1', 'rank10', 'rank20', 'ranks', 'searchMsMedian']);
    expect(report.latents).toBe(2);
    expect(report.gallery).toBe(22);
    const ranks = report.ranks as Record<string, number>;
    expect(Object.keys(ranks).sort()).toEqual(['a', 'b']);
    for (const r of Object.values(ranks)) expect(r >= 1 && r <= 22).toBe(true);
    expect(report.rank1).toBe(Object.values(ranks).filter((r) => r === 1).length / 2);
    expect(existsSync(join(dir, 'out.cmc.svg'))).toBe(true);
  }, 60_000); // a tsx child process: its cold start alone can pass vitest's 5 s default on 2 busy cores

  it('--background-cache: the first run writes the folder\'s templates, the next reads them and ranks the same', async () => {
    for (const [f, phase] of [[1, 1], [2, 3], [3, 4]] as const) await printPng(join(dir, 'bg', `${f}_1.png`), phase, 7);
    const cache = join(dir, 'bg.json');
    const ranksOf = (out: string) => JSON.parse(readFileSync(out, 'utf8')) as { gallery: number; ranks: Record<string, number> };
    run('--pairs', join(dir, 'pairs'), '--background', `${join(dir, 'bg')}:500`, '--background-cache', cache, '--json', join(dir, 'c1.json'));
    expect((JSON.parse(readFileSync(cache, 'utf8')) as unknown[]).length).toBe(3);
    run('--pairs', join(dir, 'pairs'), '--background', `${join(dir, 'bg')}:500`, '--background-cache', cache, '--json', join(dir, 'c2.json'));
    run('--pairs', join(dir, 'pairs'), '--background', `${join(dir, 'bg')}:500`, '--json', join(dir, 'c3.json'));
    expect(ranksOf(join(dir, 'c1.json')).gallery).toBe(5);
    expect(ranksOf(join(dir, 'c2.json')).ranks).toEqual(ranksOf(join(dir, 'c3.json')).ranks);
    expect(() => run('--pairs', join(dir, 'pairs'), '--background-cache', cache, '--json', join(dir, 'c4.json'))).toThrow(/--background-cache .* must follow its --background/);
  }, 120_000);

  it('background-cache.ts caches a finger range ahead of a run (refusing a range short of --expect), and the run reads it', async () => {
    for (const [f, phase] of [[1, 1], [2, 3], [3, 4]] as const) await printPng(join(dir, 'bg2', `${f}_1.png`), phase, 5);
    const cache = join(dir, 'bg2-range.json');
    const tool = (...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', 'scripts/eval/background-cache.ts', ...args], { encoding: 'utf8', stdio: 'pipe' });
    expect(() => tool('--background', `${join(dir, 'bg2')}:500:2-3`, '--cache', cache, '--expect', '3')).toThrow(/the range holds 2 prints, not 3/);
    expect(existsSync(cache)).toBe(false);
    tool('--background', `${join(dir, 'bg2')}:500:2-3`, '--cache', cache, '--expect', '2');
    expect((JSON.parse(readFileSync(cache, 'utf8')) as unknown[]).length).toBe(2);
    expect(tool('--background', `${join(dir, 'bg2')}:500:2-3`, '--cache', cache)).toMatch(/already there/);
    const ranksOf = (out: string) => JSON.parse(readFileSync(out, 'utf8')) as { gallery: number; ranks: Record<string, number> };
    run('--pairs', join(dir, 'pairs'), '--background', `${join(dir, 'bg2')}:500:2-3`, '--background-cache', cache, '--json', join(dir, 'r1.json'));
    run('--pairs', join(dir, 'pairs'), '--background', `${join(dir, 'bg2')}:500:2-3`, '--json', join(dir, 'r2.json'));
    expect(ranksOf(join(dir, 'r1.json')).gallery).toBe(4);
    expect(ranksOf(join(dir, 'r1.json')).ranks).toEqual(ranksOf(join(dir, 'r2.json')).ranks);
  }, 120_000);

  it('refuses --markup when a pair has no markup.json, and names the pair', () => {
    expect(() => run('--pairs', join(dir, 'pairs'), '--markup', '--json', join(dir, 'm.json'))).toThrow(/no markup.json in 2 pair folders \(first: a\)/);
    writeFileSync(join(dir, 'pairs', 'a', 'markup.json'), '{"roi": [{"x": 0, "y": 0}]}');
    writeFileSync(join(dir, 'pairs', 'b', 'markup.json'), '{"minutiae": 3}');
    expect(() => run('--pairs', join(dir, 'pairs'), '--markup', '--json', join(dir, 'm.json'))).toThrow(/markup.json: minutiae must be an array/);
  }, 60_000);
});
