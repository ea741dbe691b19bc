/**
 * Study for docs/decisions/score-pair-count.md: MCC's nP upper end (maxNP) chosen leave one
 * database out, and the declared keep rule applied. Reads, per value V, what the record's harness
 * wrote into one folder:
 *   cond-V.json        npx tsx scripts/eval-conditions.ts --json cond-V.json   (every condition, our extractor)
 *   sg-V-dbN.json      npm run eval:fvc -- --templates $S/templates/secugen-iso19794-2/fvc2002_dbN_b --json sg-V-dbN.json
 * each run in a worktree whose only change is MAX_SCORE_PAIRS = V.
 *
 *   npx tsx scripts/eval/score-pair-count.ts --dir DIR --values 8,10,12,14,16,20 --today 12 [--json OUT.json]
 * Also the minutiae density cap study (docs/decisions/minutiae-density-cap.md): `--no-secugen` (no sg-V files;
 * no fifth point) and `--ties-to-larger` (leave-one-out ties, after today, to the larger value).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FVC2002_SETS } from './fvc-evaluation.js';
import { pickOnOthers } from './held-out.js';

export interface Rates { eer: number; fmr1000: number; extended: { eer: number } }
export type Conditions = Record<string, Record<string, Rates>>;

export const SETS: readonly string[] = FVC2002_SETS.map((s) => s.name);
export const TUNED = ['none', 'ppi-250', 'ppi-400', 'ppi-1000', 'dry', 'wet', 'low-contrast', 'noise', 'noisy-background', 'wood-grain', 'woven-fabric', 'surface-noise'];
export const NEVER_TUNED: Record<string, string[]> = {
  backgrounds: ['printed-background', 'ghost-print'],
  noises: ['gaussian-noise', 'salt-pepper', 'wet-blur'],
  sensors: ['distortion', 'small-sensor', 'sweep'],
};

/** Each set's held-out value (held-out.ts pickOnOthers: ties to today, then the smaller value, as listed). */
export function leaveOneOut(values: number[], today: number, metric: (value: number, set: string) => number, sets: readonly string[] = SETS, tiesToLarger = false): Record<string, number> {
  const sorted = [...values].sort((x, y) => (tiesToLarger ? y - x : x - y));
  const errors = new Map(sorted.map((v) => [v, new Map(sets.map((s) => [s, metric(v, s)]))]));
  return Object.fromEntries(sets.map((s) => [s, pickOnOthers(errors, sets, s, today)]));
}

/**
 * The declared keep rule's points 1–4 (docs/decisions/score-pair-count.md; overlap-pair-count.md
 * uses the same) for per-set held-out picks over `cond` (every condition's rates per value).
 */
export function keepRuleOnConditions(cond: ReadonlyMap<number, Conditions>, today: number, picks: Record<string, number>): { lines: string[]; passes: boolean[]; figures: Record<string, unknown> } {
  const heldOut = (name: string, set: string): Rates => cond.get(picks[set]!)![name]![set]!;
  const todayOf = (name: string, set: string): Rates => cond.get(today)![name]![set]!;
  const sum = (names: string[], of: (n: string, s: string) => Rates): number => names.reduce((t, n) => t + SETS.reduce((u, s) => u + 100 * of(n, s).extended.eer, 0), 0);

  const fvcHeld = SETS.map((s) => 100 * heldOut('none', s).eer);
  const fvcToday = SETS.map((s) => 100 * todayOf('none', s).eer);
  const fmrHeld = SETS.map((s) => 100 * heldOut('none', s).fmr1000);
  const r1 = fvcHeld.every((e, i) => e <= fvcToday[i]! + 1e-9) && fvcHeld.reduce((x, y) => x + y) < fvcToday.reduce((x, y) => x + y) - 1e-9;
  const r2 = fmrHeld.every((f) => f <= 3 + 1e-9);
  const tunedHeld = sum(TUNED, heldOut), tunedToday = sum(TUNED, todayOf);
  const r3 = tunedHeld <= tunedToday + 1e-9;
  const groups = Object.entries(NEVER_TUNED).map(([g, names]) => ({ g, held: sum(names, heldOut), today: sum(names, todayOf) }));
  const neverHeld = groups.reduce((t, x) => t + x.held, 0), neverToday = groups.reduce((t, x) => t + x.today, 0);
  const r4 = neverHeld <= neverToday + 1e-9 && groups.every((x) => x.held <= x.today + 2 + 1e-9);
  const lines = [
    `1. held-out FVC EER ${fvcHeld.map((e) => e.toFixed(2)).join(' / ')} (sum ${fvcHeld.reduce((x, y) => x + y).toFixed(2)}) against today ${fvcToday.map((e) => e.toFixed(2)).join(' / ')} (sum ${fvcToday.reduce((x, y) => x + y).toFixed(2)}): ${r1 ? 'passes' : 'fails'}`,
    `2. held-out FVC FMR1000 ${fmrHeld.map((e) => e.toFixed(2)).join(' / ')} (≤ 3): ${r2 ? 'passes' : 'fails'}`,
    `3. tuned + development conditions, summed ext. EER ${tunedHeld.toFixed(2)} against ${tunedToday.toFixed(2)}: ${r3 ? 'passes' : 'fails'}`,
    `4. never tuned ${neverHeld.toFixed(2)} against ${neverToday.toFixed(2)} (${groups.map((x) => `${x.g} ${x.held.toFixed(2)} / ${x.today.toFixed(2)}`).join(', ')}): ${r4 ? 'passes' : 'fails'}`,
  ];
  return { lines, passes: [r1, r2, r3, r4], figures: { fvcHeld, fvcToday, fmrHeld, tunedHeld, tunedToday, groups } };
}

function main(): void {
  const { values: a } = parseArgs({ options: { dir: { type: 'string' }, values: { type: 'string' }, today: { type: 'string' }, json: { type: 'string' }, 'no-secugen': { type: 'boolean' }, 'ties-to-larger': { type: 'boolean' } } });
  const withSecugen = !a['no-secugen'];
  const tiesToLarger = a['ties-to-larger'] === true;
  if (!a.dir || !a.values || !a.today) throw new Error('usage: score-pair-count --dir DIR --values 8,10,... --today 12 [--json OUT.json]');
  const values = a.values.split(',').map(Number);
  const today = Number(a.today);
  const cond = new Map<number, Conditions>(values.map((v) => [v, JSON.parse(readFileSync(join(a.dir!, `cond-${v}.json`), 'utf8')) as Conditions]));
  const sg = new Map<number, Record<string, Rates>>(withSecugen ? values.map((v) => [v, Object.fromEntries(SETS.map((s, i) => [s, JSON.parse(readFileSync(join(a.dir!, `sg-${v}-db${i + 1}.json`), 'utf8')) as Rates]))]) : []);
  const pct = (x: number): string => (100 * x).toFixed(2);

  console.log('our extractor, original images: FVC EER / FMR1000 / ext. EER %');
  for (const v of values) console.log(`  ${String(v).padStart(8)}: ${SETS.map((s) => { const r = cond.get(v)!.none[s]!; return `${pct(r.eer)} / ${pct(r.fmr1000)} / ${pct(r.extended.eer)}`; }).join(' | ')}`);
  const picks = leaveOneOut(values, today, (v, s) => cond.get(v)!.none[s]!.extended.eer, SETS, tiesToLarger);
  console.log(`held-out picks (ours): ${SETS.map((s) => `${s} ${picks[s]}`).join(', ')}`);
  const rule = keepRuleOnConditions(cond, today, picks);
  const lines = [...rule.lines];
  let r5 = true;
  let secugen: Record<string, unknown> = {};
  if (withSecugen) {
    console.log('SecuGen templates: FVC EER / ext. EER %');
    for (const v of values) console.log(`  ${String(v).padStart(8)}: ${SETS.map((s) => { const r = sg.get(v)![s]!; return `${pct(r.eer)} / ${pct(r.extended.eer)}`; }).join(' | ')}`);
    const sgPicks = leaveOneOut(values, today, (v, s) => sg.get(v)![s]!.extended.eer, SETS, tiesToLarger);
    console.log(`held-out picks (SecuGen): ${SETS.map((s) => `${s} ${sgPicks[s]}`).join(', ')}`);
    const sgHeld = SETS.reduce((t, s) => t + 100 * sg.get(sgPicks[s]!)![s]!.extended.eer, 0) / 4;
    const sgToday = SETS.reduce((t, s) => t + 100 * sg.get(today)![s]!.extended.eer, 0) / 4;
    r5 = sgHeld <= sgToday + 1e-9;
    lines.push(`5. SecuGen held-out mean ext. EER ${sgHeld.toFixed(3)} against ${sgToday.toFixed(3)}: ${r5 ? 'passes' : 'fails'}`);
    secugen = { sgPicks, sgHeld, sgToday };
  }
  for (const l of lines) console.log(l);
  const kept = rule.passes.every(Boolean) && r5;
  console.log(kept ? 'KEPT by the declared rule' : 'NOT KEPT by the declared rule');
  if (a.json) writeFileSync(a.json, JSON.stringify({ values, today, picks, ...secugen, ...rule.figures, kept }, null, 1) + '\n');
}

if (process.argv[1]?.endsWith('score-pair-count.ts')) main();
