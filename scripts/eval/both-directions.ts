/**
 * Diagnostic (docs/measurements/fvc2002-accuracy.md, session 34): is the tenprint score the same
 * both ways, and would scoring both ways move the FVC-protocol EER? The FVC protocol scores each
 * pair once (the lower index as probe); MCC's pair selection, relaxation and the orientation cue's
 * alignment are taken in the probe's frame, so s(a, b) and s(b, a) can differ. For each FVC2002
 * set: how many FVC-protocol comparisons differ and by how much, and the FVC-protocol EER and
 * genuine pairs at or below the top impostor when the score is s(a, b), s(b, a), their mean or
 * their larger.
 *
 *   npx tsx scripts/eval/both-directions.ts [--cache DIR]     # the eer-pairs extraction cache (default /tmp/tenprint-cue)
 */
import { parseArgs } from 'node:util';
import { FingerprintMatcher, prepareCandidate } from '../../engine/fingerprint/matcher.js';
import { cachedTemplates } from './eer-pairs.js';
import { FVC2002_SETS } from './fvc-evaluation.js';
import { fvcProtocol, type Pair } from './fvc-protocol.js';
import { errorRates } from './verification-metrics.js';

export type Direction = 'forward' | 'backward' | 'mean' | 'max';
export const DIRECTIONS: readonly Direction[] = ['forward', 'backward', 'mean', 'max'];

/** The score of a pair from its two directions. */
export function combine(ab: number, ba: number, how: Direction): number {
  if (how === 'forward') return ab;
  if (how === 'backward') return ba;
  return how === 'mean' ? (ab + ba) / 2 : Math.max(ab, ba);
}

/** Genuine scores at or below the highest impostor score (the pairs an EER under 1 % must lift). */
export function genuineAtOrBelowTopImpostor(genuine: number[], impostor: number[]): number {
  const top = Math.max(...impostor);
  return genuine.filter((g) => g <= top).length;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { cache: { type: 'string', default: '/tmp/tenprint-cue' } } });
  for (const set of FVC2002_SETS) {
    const { samples, templates } = await cachedTemplates(String(values.cache), set);
    const prepared = templates.map((t) => prepareCandidate(t));
    const protocol = fvcProtocol(samples);
    const both = (p: Pair): [number, number] => [new FingerprintMatcher(prepared[p[0]]).score(prepared[p[1]]), new FingerprintMatcher(prepared[p[1]]).score(prepared[p[0]])];
    const genuine = protocol.genuine.map(both);
    const impostor = protocol.impostor.map(both);
    const all = [...genuine, ...impostor];
    const differ = all.filter(([ab, ba]) => ab !== ba).length;
    const largest = Math.max(...all.map(([ab, ba]) => Math.abs(ab - ba) / Math.max(ab, ba, 1e-12)));
    const cells = DIRECTIONS.map((how) => {
      const g = genuine.map(([ab, ba]) => combine(ab, ba, how));
      const i = impostor.map(([ab, ba]) => combine(ab, ba, how));
      return `${how} ${(100 * errorRates(g, i).eer).toFixed(2)} % (${genuineAtOrBelowTopImpostor(g, i)} ≤ ${Math.max(...i).toFixed(4)})`;
    });
    console.log(`${set.name}: ${differ} of ${all.length} comparisons differ both ways (largest ${(100 * largest).toFixed(1)} %); FVC EER ${cells.join(', ')}`);
  }
}

if (process.argv[1]?.endsWith('both-directions.ts')) await main();
