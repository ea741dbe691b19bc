/**
 * Study for docs/decisions/core-position-cue.md: do the two prints' cores agree under the matcher's
 * consensus alignment? Every FVC2002 comparison's figures (eer-pairs.ts fvc2002Figures) under every
 * condition; where both prints have a core inside the common finger area (PairFigures.coreDistance,
 * d px), score' = score · exp(−w · max(0, d − D0) / 100); elsewhere the score is today's. w chosen
 * leave one database out and the declared keep rule applied (score-pair-count.ts).
 *
 *   npx tsx scripts/eval/core-position-cue.ts [--weights 0,0.5,1,2,4] [--conditions none,dry,...] [--cache DIR] [--reference cond.json] [--json OUT.json]
 *
 * --reference: an eval-conditions JSON of today's code; with w = 0 every rate must equal it (a check
 * on the harness).
 */
import type { PairFigures, SetFigures } from './eer-pairs.js';
import { runScoreStudy } from './score-study.js';

/** Distance the two cores may lie apart with no penalty: core localisation (8-px blocks) and alignment error away from the pairs. */
export const CORE_SLACK_PX = 24;

/** The comparison's score under weight w (per 100 px beyond the slack); w 0 or no core pair: the shipped score. */
export function corePositionScore(c: Pick<PairFigures, 'score' | 'coreDistance'>, w: number): number {
  if (w === 0 || c.coreDistance === null) return c.score;
  return c.score * Math.exp((-w * Math.max(0, c.coreDistance - CORE_SLACK_PX)) / 100);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[s.length >> 1]! : Number.NaN;
};

function describe(s: SetFigures): { line: string; figures: unknown } {
  const d = (xs: PairFigures[]) => xs.flatMap((c) => (c.coreDistance === null ? [] : [c.coreDistance]));
  const gd = d(s.genuine), id = d(s.extended);
  return {
    line: `core distance median genuine ${median(gd).toFixed(1)} px (${gd.length}/${s.genuine.length} with the cue), extended impostors ${median(id).toFixed(1)} px (${id.length}/${s.extended.length})`,
    figures: { genuine: { withCue: gd.length, of: s.genuine.length, median: median(gd) }, extended: { withCue: id.length, of: s.extended.length, median: median(id) } },
  };
}

if (process.argv[1]?.endsWith('core-position-cue.ts')) {
  runScoreStudy({ option: 'weights', values: '0,0.5,1,2,4', today: 0, score: corePositionScore, describe }).catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack : String(e));
    process.exit(1);
  });
}
