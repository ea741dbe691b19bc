/**
 * Study for docs/decisions/overlap-pair-count.md: nP from the overlap. Every FVC2002 comparison's
 * figures (eer-pairs.ts fvc2002Figures: the shipped matcher's chosen pairs, the consensus alignment
 * and each print's minutiae inside the other's finger blocks), under every condition; the minutiae
 * score re-averaged over the nP' = min(nP, scorePairCount(o + k)) most similar chosen pairs, o the
 * smaller inside count, the orientation cue's factor kept; k chosen leave one database out and the
 * declared keep rule applied (score-study.ts, score-pair-count.ts keepRuleOnConditions).
 *
 *   npx tsx scripts/eval/overlap-pair-count.ts [--ks 0,4,8,16] [--conditions none,dry,...] [--cache DIR] [--reference cond.json] [--json OUT.json]
 *
 * --reference: an eval-conditions JSON of today's code; with k = ∞ every rate must equal it (a check
 * on the harness). (k = ∞ is today and always studied.)
 */
import { scorePairCount } from '../../engine/fingerprint/matching/consolidation.js';
import type { PairFigures } from './eer-pairs.js';
import { runScoreStudy } from './score-study.js';

/** The comparison's score with nP' = min(nP, scorePairCount(o + k)); k = ∞, or no consensus: the shipped score. */
export function overlapPairScore(c: PairFigures, k: number): number {
  if (!Number.isFinite(k) || !c.consensus || c.similarities.length === 0) return c.score;
  const o = Math.min(c.probeInside, c.candidateInside);
  const n = Math.min(c.similarities.length, scorePairCount(o + k));
  if (n >= c.similarities.length) return c.score;
  const top = [...c.similarities].sort((x, y) => y - x).slice(0, n);
  const minutiae = top.reduce((s, v) => s + v, 0) / n;
  const factor = c.minutiaeScore > 0 ? c.score / c.minutiaeScore : 1;
  return Math.min(1, minutiae * factor);
}

/** The harness invariant: each comparison's minutiae score is the mean of its chosen pairs' similarities. */
function meanIsMinutiaeScore(c: PairFigures, condition: string): void {
  const mean = c.similarities.length ? c.similarities.reduce((x, y) => x + y, 0) / c.similarities.length : 0;
  if (Math.abs(mean - c.minutiaeScore) > 1e-9 * Math.max(1, c.minutiaeScore)) throw new Error(`${condition} ${c.probe}–${c.candidate}: the pairs' mean ${mean} is not the minutiae score ${c.minutiaeScore}`);
}

if (process.argv[1]?.endsWith('overlap-pair-count.ts')) {
  runScoreStudy({ option: 'ks', values: '0,4,8,16', today: Infinity, score: overlapPairScore, check: meanIsMinutiaeScore }).catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack : String(e));
    process.exit(1);
  });
}
