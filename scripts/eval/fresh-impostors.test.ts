import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dbAImpressions } from './fresh-impostors.js';
import { shareAtOrAbove } from './verification-metrics.js';

const root = mkdtempSync(join(tmpdir(), 'bm-fresh-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('fresh-impostors', () => {
  it('reads one clean impression per DB1 "A" folder, by finger, and leaves the "B" folders out', () => {
    for (const [id, file] of [['VC2002DbsDb1a10', '10_2.png'], ['VC2002DbsDb1a9', '9_7.png'], ['VC2002DbsDb1b101', '101_1.png']]) {
      mkdirSync(join(root, id!, 'clean'), { recursive: true });
      mkdirSync(join(root, id!, 'latent'), { recursive: true });
      writeFileSync(join(root, id!, 'clean', file!), '');
      writeFileSync(join(root, id!, 'clean', file!.replace('.png', '.xyt')), '');
      writeFileSync(join(root, id!, 'latent', file!), '');
    }
    expect(dbAImpressions(root).map((p) => [p.finger, p.file.slice(root.length)])).toEqual([
      [9, '/VC2002DbsDb1a9/clean/9_7.png'],
      [10, '/VC2002DbsDb1a10/clean/10_2.png'],
    ]);
  });
  it('counts a score equal to the threshold as a match', () => {
    expect(shareAtOrAbove([0.01, 0.0184, 0.02, 0.03], 0.0184)).toBe(0.75);
    expect(shareAtOrAbove([], 0.5)).toBe(0);
  });
});
