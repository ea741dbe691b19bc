/**
 * The paired share of the overlap (issue 15 point 3), measured offline on the matcher's figures
 * (tried in the matcher too and not kept: docs/decisions/overlap-pairing.md).
 * scripts/eval/eer-pairs.ts showed what makes the FVC-protocol EER on DB1, DB2 and DB4: impostors
 * of similar pattern whose few consistent pairs (5–10) sit among 20–45 minutiae that lie inside
 * the other print's finger area and pair with nothing, against weak genuine pairs whose 3–9
 * consistent pairs are a good share of the 9–26 minutiae their small overlap holds. The cue
 * (counts from scripts/eval/overlap-pairing.ts):
 *   R = inliers / max(M0, min(probeInside, candidateInside))
 * inliers = chosen pairs agreeing with the orientation cue's consensus alignment; probeInside =
 * probe minutiae that this alignment lays on candidate finger blocks, candidateInside the same the
 * other way. A genuine mate pairs most of what the overlap holds; an impostor pairs few of many.
 * Fusion, from the minutiae score s and the orientation agreement A:
 *   s' = s · exp(w · (A − 1)) · R^γ
 * γ = 0 is the orientation cue alone; w 2 γ 0 is the matcher ("today" below). Parameters are chosen
 * leave-one-database-out under three criteria, each reported on the held-out set:
 *   ext:  lowest mean extended EER on the other three (the earlier studies' rule);
 *   fvc:  lowest mean FVC-protocol EER (the target), ties to the lower mean extended EER;
 *   both: lowest mean of the two.
 * Grid ties go to the matcher's present setting (w 2, γ 0), then to the middle of the plateau.
 *   npx tsx scripts/eval/paired-share.ts [--family power|gate] [--area inside|core] [--pool min|geo]
 *     [--condition NAME] [--cache /tmp/tenprint-cue] [--figures dump.json]
 */
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { conditionNamed } from './conditions.js';
import { fvc2002Figures, type PairFigures, type SetFigures } from './eer-pairs.js';
import { errorRates } from './verification-metrics.js';
import { ORIENTATION_NEUTRAL_AGREEMENT, ORIENTATION_WEIGHT } from '../../engine/fingerprint/matching/parameters.js';

const { values } = parseArgs({ options: { cache: { type: 'string' }, figures: { type: 'string' }, condition: { type: 'string' }, area: { type: 'string' }, pool: { type: 'string' }, family: { type: 'string' } } });
// --family power (default): s · exp(w (A − 1)) · R^γ; gate: s · exp(w (A − 1)) · min(1, R / r0)^γ,
// which leaves every comparison that pairs at least r0 of its overlap's minutiae as it was.
const family = values.family ?? 'power';
// --area core: count only minutiae a block away from the finger area's edge; --pool geo: the
// geometric mean of the two counts instead of the smaller.
const core = values.area === 'core', geo = values.pool === 'geo';

export function pairedShare(c: PairFigures, m0: number): number {
  const p = core ? c.probeCore : c.probeInside, q = core ? c.candidateCore : c.candidateInside;
  return Math.min(1, c.inliers / Math.max(m0, geo ? Math.sqrt(p * q) : Math.min(p, q)));
}

const sets: SetFigures[] = values.figures ? (JSON.parse(readFileSync(values.figures, 'utf8')) as SetFigures[]) : await fvc2002Figures(values.cache ?? '/tmp/tenprint-cue', values.condition ? conditionNamed(values.condition) : undefined);
const pct = (v: number): string => (100 * v).toFixed(2);

interface Fusion { name: string; fuse: (c: PairFigures) => number }
const grid: Fusion[] = [];
const TODAY = 'w 2 γ 0';
for (const w of [1.5, 2, 2.5, 3, 3.5, 4]) {
  grid.push({ name: `w ${w} γ 0`, fuse: (c) => c.minutiaeScore * Math.exp(w * (c.agreement - 1)) });
  if (family === 'power') {
    for (const m0 of [4, 6, 8, 12]) for (const g of [0.125, 0.25, 0.375, 0.5, 0.75]) {
      grid.push({ name: `w ${w} γ ${g} M0 ${m0}`, fuse: (c) => c.minutiaeScore * Math.exp(w * (c.agreement - 1)) * Math.pow(pairedShare(c, m0), g) });
    }
  } else {
    for (const m0 of [6, 8]) for (const r0 of [0.2, 0.3, 0.4, 0.5]) for (const g of [0.5, 1]) {
      grid.push({ name: `w ${w} γ ${g} M0 ${m0} r0 ${r0}`, fuse: (c) => c.minutiaeScore * Math.exp(w * (c.agreement - 1)) * Math.pow(Math.min(1, pairedShare(c, m0) / r0), g) });
    }
  }
}
// Checks the harness: today's fusion, at the matcher's scale (parameters.ts), must give what the matcher gives.
const today = grid.find((f) => f.name === TODAY)!;
const scaled = (c: PairFigures) => Math.min(1, c.minutiaeScore * Math.exp(ORIENTATION_WEIGHT * (c.agreement - ORIENTATION_NEUTRAL_AGREEMENT)));
if (ORIENTATION_WEIGHT !== 2) throw new Error('the grid names w 2 γ 0 as today: update TODAY');
for (const s of sets) for (const c of [...s.genuine, ...s.impostor]) if (Math.abs(scaled(c) - c.score) > 1e-12 * Math.max(1, c.score)) throw new Error(`harness: ${c.probe}–${c.candidate} fused ${scaled(c)} against the matcher's ${c.score}`);

interface Rates { eer: number; fmr1000: number; ext: number; extFmr1000: number }
const table: Rates[][] = grid.map((f) => sets.map((s) => {
  const g = s.genuine.map(f.fuse);
  const fvc = errorRates(g, s.impostor.map(f.fuse));
  const ext = errorRates(g, s.extended.map(f.fuse));
  return { eer: fvc.eer, fmr1000: fvc.fmr1000, ext: ext.eer, extFmr1000: ext.fmr1000 };
}));
const cell = (r: Rates): string => `${pct(r.eer)} / ${pct(r.fmr1000)} / ${pct(r.ext)} / ${pct(r.extFmr1000)}`;
console.log(`| fusion | ${sets.map((s) => s.name).join(' | ')} | mean FVC EER | mean ext. EER |`);
console.log(`|---|${sets.map(() => '---').join('|')}|---|---|`);
grid.forEach((f, k) => {
  const mean = (key: keyof Rates) => pct(table[k].reduce((a, r) => a + r[key], 0) / sets.length);
  console.log(`| ${f.name} | ${table[k].map(cell).join(' | ')} | ${mean('eer')} | ${mean('ext')} |`);
});

const criteria: Record<string, (r: Rates) => [number, number]> = {
  ext: (r) => [r.ext, 0],
  fvc: (r) => [r.eer, r.ext],
  both: (r) => [(r.eer + r.ext) / 2, 0],
};
const todayIndex = grid.indexOf(today);
for (const [name, key] of Object.entries(criteria)) {
  console.log(`\nleave-one-database-out, criterion ${name} (cells: FVC EER / FMR1000 / ext. EER / ext. FMR1000, %):`);
  let heldFvc = 0, heldExt = 0;
  sets.forEach((s, si) => {
    const others = sets.map((_, i) => i).filter((i) => i !== si);
    const mean = (k: number): [number, number] => {
      const v = others.map((i) => key(table[k][i]));
      return [v.reduce((a, x) => a + x[0], 0) / v.length, v.reduce((a, x) => a + x[1], 0) / v.length];
    };
    const better = (a: [number, number], b: [number, number]) => a[0] < b[0] - 1e-9 || (Math.abs(a[0] - b[0]) <= 1e-9 && a[1] < b[1] - 1e-9);
    let best = mean(todayIndex);
    grid.forEach((_, k) => { if (better(mean(k), best)) best = mean(k); });
    const plateau = grid.map((_, k) => k).filter((k) => !better(best, mean(k)));
    const pick = plateau.includes(todayIndex) ? todayIndex : plateau[(plateau.length - 1) >> 1];
    heldFvc += table[pick][si].eer / sets.length;
    heldExt += table[pick][si].ext / sets.length;
    console.log(`  held out ${s.name}: ${grid[pick].name} (plateau of ${plateau.length}): ${cell(table[pick][si])} (today ${cell(table[todayIndex][si])})`);
  });
  const t = (key2: keyof Rates) => pct(table[todayIndex].reduce((a, r) => a + r[key2], 0) / sets.length);
  console.log(`  mean held-out FVC EER ${pct(heldFvc)}% (today ${t('eer')}%), ext. EER ${pct(heldExt)}% (today ${t('ext')}%)`);
}

// What ships: the same ext rule on all four sets.
{
  const mean = (k: number) => table[k].reduce((a, r) => a + r.ext, 0) / sets.length;
  const lowest = Math.min(...grid.map((_, k) => mean(k)));
  const plateau = grid.map((_, k) => k).filter((k) => mean(k) <= lowest + 1e-9);
  const pick = plateau.includes(todayIndex) ? todayIndex : plateau[(plateau.length - 1) >> 1];
  console.log(`\nall four sets, criterion ext: ${grid[pick].name} (plateau of ${plateau.length}), mean ext. EER ${pct(mean(pick))}% (today ${pct(mean(todayIndex))}%): ${table[pick].map(cell).join(' | ')}`);
}
