import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingSharedData, sharedDataPath } from '../../fixtures/shared-data.js';
import { FingerprintMatcher, prepareCandidate } from './matcher.js';
import { decodeIso19794_2Single } from './templates/iso-19794-2.js';

const SET = ['fingerprints', 'templates', 'secugen-iso19794-2', 'fvc2002_db1_b'];

describe.skipIf(missingSharedData(...SET))('matcher on FVC2002 DB1 (SecuGen ISO templates)', () => {
  it('scores genuine pairs above impostor pairs on average, and most above the worst impostor', () => {
    const dir = sharedDataPath(...SET);
    // Fingers 101..105, all 8 impressions: 140 genuine and 640 impostor pairs, quick enough for a unit test.
    const files = readdirSync(dir).filter((f) => /^10[1-5]_[1-8]\.iso$/.test(f)).sort();
    const finger = files.map((f) => f.split('_')[0]);
    const prepared = files.map((f) => prepareCandidate(decodeIso19794_2Single(new Uint8Array(readFileSync(join(dir, f))))));
    const genuine: number[] = [];
    const impostor: number[] = [];
    for (let i = 0; i < files.length; i++) {
      const m = new FingerprintMatcher(prepared[i]);
      for (let j = i + 1; j < files.length; j++) (finger[i] === finger[j] ? genuine : impostor).push(m.score(prepared[j]));
    }
    const mean = (v: number[]): number => v.reduce((s, x) => s + x, 0) / v.length;
    expect(genuine).toHaveLength(140);
    expect(impostor).toHaveLength(640);
    expect(mean(genuine)).toBeGreaterThan(3 * mean(impostor));
    // Most genuine pairs beat the worst impostor seen (FVC2002 DB1 has a few very poor impressions).
    const worstImpostor = Math.max(...impostor);
    expect(genuine.filter((g) => g > worstImpostor).length / genuine.length).toBeGreaterThan(0.8);
  });
});
