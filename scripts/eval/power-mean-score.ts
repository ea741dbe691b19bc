/**
 * Study for docs/decisions/power-mean-score.md: the minutiae score as the power mean of the
 * matcher's chosen pairs' similarities, M_p = (Σ s_i^p / n)^(1/p), instead of their arithmetic mean
 * (p = 1, today); the orientation cue's and the quality spread's factor (score / minutiae score)
 * kept. p chosen leave one database out, the declared keep rule applied (score-study.ts).
 *
 *   npx tsx scripts/eval/power-mean-score.ts [--powers 1,1.5,2,3,4] [--conditions none,dry,...] [--cache DIR] [--reference cond.json] [--json OUT.json]
 */
import type { PairFigures } from './eer-pairs.js';
import { runScoreStudy } from './score-study.js';

/** The comparison's score with the power mean of order p; p 1 or no pairs: the shipped score. */
export function powerMeanScore(c: Pick<PairFigures, 'score' | 'minutiaeScore' | 'similarities'>, p: number): number {
  if (p === 1 || c.similarities.length === 0 || c.minutiaeScore <= 0) return c.score;
  let sum = 0;
  for (const s of c.similarities) sum += Math.max(0, s) ** p;
  const minutiae = (sum / c.similarities.length) ** (1 / p);
  return Math.min(1, minutiae * (c.score / c.minutiaeScore));
}

if (process.argv[1]?.endsWith('power-mean-score.ts')) {
  runScoreStudy({ option: 'powers', values: '1,1.5,2,3,4', today: 1, score: powerMeanScore }).catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack : String(e));
    process.exit(1);
  });
}
