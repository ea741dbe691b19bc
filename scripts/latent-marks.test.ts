import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

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
