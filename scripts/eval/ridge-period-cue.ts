/**
 * Offline study for docs/decisions/ridge-period-cue.md: does the agreement of the two prints' ridge
 * periods in the overlap, under the matcher's consensus alignment, separate genuine pairs from
 * impostors beyond today's score? Each FVC2002 B set is extracted once with its ridge-period map
 * (the extractor's `ridge-frequency` stage), optionally under a sensor condition; every FVC-protocol
 * and extended comparison is scored by the shipped matcher, and D = mean |ln(p_probe / p_candidate)|
 * over the probe's orientation-cue blocks (every other 16-px block) that land on candidate finger
 * blocks, both periods measured. score' = score · exp(−w · D) with at least MIN_BLOCKS such blocks.
 * Leave one database out over w; the held-out sensor conditions at each set's fold w.
 *
 *   npx tsx scripts/eval/ridge-period-cue.ts [--cache /tmp/rpc] [--weights 0,2,4,8,16,32] [--conditions distortion,small-sensor,sweep] [--json OUT.json]
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { extractFingerprint } from '../../engine/fingerprint/extractor.js';
import type { RidgeFrequency } from '../../engine/fingerprint/extraction/ridge-frequency.js';
import { FingerprintMatcher, prepareCandidate, type PreparedTemplate } from '../../engine/fingerprint/matcher.js';
import { consensusAlignment } from '../../engine/fingerprint/matching/orientation-agreement.js';
import type { FingerprintTemplate } from '../../engine/fingerprint/template.js';
import { sharedDataPath } from '../../fixtures/shared-data.js';
import { type Condition, conditionNamed, seedOf } from './conditions.js';
import { onFinger, selected } from './eer-pairs.js';
import { FVC2002_SETS } from './fvc-evaluation.js';
import { fvcProtocol, fvcSamples, type Pair } from './fvc-protocol.js';
import { pickOnOthers } from './held-out.js';
import { decodeGray } from './image-templates.js';
import { fromJson, toJson } from './latent-dev-cache.js';
import { errorRates } from './verification-metrics.js';

export const MIN_BLOCKS = 4;

/** A print's ridge-period map, as kept in the cache. */
export interface PeriodMap {
  block: number;
  blocksWide: number;
  blocksHigh: number;
  period: number[];
  measured: number[];
}

interface Print {
  template: FingerprintTemplate;
  periods: PeriodMap;
}

function periodBlock(p: PeriodMap, x: number, y: number): number {
  if (x < 0 || y < 0) return -1;
  const bx = Math.floor(x / p.block), by = Math.floor(y / p.block);
  if (bx >= p.blocksWide || by >= p.blocksHigh) return -1;
  return by * p.blocksWide + bx;
}

/**
 * D and the blocks it rests on, under the probe → candidate rigid transform of the consensus
 * (y-up frame: a pixel (x, y) is (x, −y)); null without a consensus or a block field.
 */
export function periodDisagreement(probe: Print, candidate: Print, a: PreparedTemplate, b: PreparedTemplate, pairs: Parameters<typeof selected>[2]): { d: number; blocks: number } | null {
  const po = probe.template.orientations, co = candidate.template.orientations;
  if (!po || !co || pairs.pairs.length === 0) return null;
  const t = consensusAlignment(a, b, selected(a, b, pairs));
  if (!t) return null;
  const cr = Math.cos(t.rotation), sr = Math.sin(t.rotation);
  let sum = 0, n = 0;
  for (let by = 0; by < po.blocksHigh; by += 2) {
    for (let bx = 0; bx < po.blocksWide; bx += 2) {
      if (po.angles[by * po.blocksWide + bx] >= 180) continue;
      const x = (bx + 0.5) * po.block, y = (by + 0.5) * po.block;
      // y-up: (x, −y) → (u, v); back to pixels (u, −v).
      const u = cr * x - sr * -y + t.tx, v = sr * x + cr * -y + t.ty;
      const cx = u, cy = -v;
      if (!onFinger(co, u, v)) continue;
      const pi = periodBlock(probe.periods, x, y), ci = periodBlock(candidate.periods, cx, cy);
      if (pi < 0 || ci < 0 || !probe.periods.measured[pi] || !candidate.periods.measured[ci]) continue;
      sum += Math.abs(Math.log(probe.periods.period[pi] / candidate.periods.period[ci]));
      n++;
    }
  }
  return n === 0 ? null : { d: sum / n, blocks: n };
}

async function prints(cacheDir: string, set: (typeof FVC2002_SETS)[number], condition?: Condition): Promise<{ prints: Print[]; samples: ReturnType<typeof fvcSamples> }> {
  const dir = sharedDataPath('fingerprints', 'fvc2002', set.folder);
  const samples = fvcSamples(readdirSync(dir), ['tif']);
  const file = join(cacheDir, `${set.name}-${condition?.name ?? 'none'}.json`);
  if (existsSync(file)) {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as Print[];
    return { prints: cached.map((p) => ({ ...p, template: fromJson(p.template) })), samples };
  }
  const out: Print[] = [];
  for (const s of samples) {
    let image = await decodeGray(join(dir, s.file));
    let ppi: number = set.ppi;
    if (condition) ({ image, ppi } = condition.apply(image, ppi, seedOf(s.file)));
    let freq: RidgeFrequency | undefined;
    const r = await extractFingerprint(image, { ppi, sink: (stage, value) => { if (stage === 'ridge-frequency') freq = value as RidgeFrequency; } });
    if (!freq) throw new Error(`${s.file}: no ridge-frequency stage`);
    out.push({ template: r.template, periods: { block: freq.block, blocksWide: freq.blocksWide, blocksHigh: freq.blocksHigh, period: Array.from(freq.period, (v) => Math.round(v * 1000) / 1000), measured: Array.from(freq.measured) } });
  }
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(file, JSON.stringify(out.map((p) => ({ ...p, template: toJson(p.template) }))));
  return { prints: out, samples };
}

/** Every comparison of a set's FVC protocol: score and D (null where the cue does not apply). */
interface Scored { genuine: [number, number | null][]; impostor: [number, number | null][]; extended: [number, number | null][] }

function scoreSet(ps: Print[], pairs: { genuine: readonly Pair[]; impostor: readonly Pair[]; extendedImpostor: readonly Pair[] }): Scored {
  const prepared = ps.map((p) => prepareCandidate(p.template));
  const memo = new Map<string, [number, number | null]>();
  const one = ([i, j]: Pair): [number, number | null] => {
    const key = `${i},${j}`;
    let v = memo.get(key);
    if (!v) {
      const m = new FingerprintMatcher(prepared[i]).match(prepared[j]);
      const pd = periodDisagreement(ps[i], ps[j], prepared[i], prepared[j], m);
      v = [m.score, pd && pd.blocks >= MIN_BLOCKS ? pd.d : null];
      memo.set(key, v);
    }
    return v;
  };
  return { genuine: pairs.genuine.map(one), impostor: pairs.impostor.map(one), extended: pairs.extendedImpostor.map(one) };
}

const cued = (xs: [number, number | null][], w: number) => xs.map(([s, d]) => (d === null ? s : s * Math.exp(-w * d)));

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { cache: { type: 'string' }, weights: { type: 'string' }, conditions: { type: 'string' }, json: { type: 'string' } } });
  const cache = values.cache ?? '/tmp/rpc';
  const weights = (values.weights ?? '0,2,4,8,16,32').split(',').map(Number);
  const conditions = (values.conditions ?? 'distortion,small-sensor,sweep').split(',').filter(Boolean).map(conditionNamed);
  const names = FVC2002_SETS.map((s) => s.name);
  const report: Record<string, unknown> = { weights };

  const scored = new Map<string, Scored>();
  for (const set of FVC2002_SETS) {
    const { prints: ps, samples } = await prints(cache, set);
    scored.set(set.name, scoreSet(ps, fvcProtocol(samples)));
  }
  // Per w: FVC and extended EER per set; the D distributions, for the record.
  const fvc = new Map<number, Map<string, number>>(), ext = new Map<number, Map<string, number>>();
  for (const w of weights) {
    fvc.set(w, new Map()); ext.set(w, new Map());
    for (const [name, s] of scored) {
      fvc.get(w)!.set(name, errorRates(cued(s.genuine, w), cued(s.impostor, w)).eer);
      ext.get(w)!.set(name, errorRates(cued(s.genuine, w), cued(s.extended, w)).eer);
    }
  }
  const pct = (v: number) => (100 * v).toFixed(2);
  console.log('in-sample, FVC EER / extended EER % per set:');
  for (const w of weights) console.log(`  w ${String(w).padStart(3)}: ${names.map((n) => `${n} ${pct(fvc.get(w)!.get(n)!)} / ${pct(ext.get(w)!.get(n)!)}`).join('   ')}`);
  const med = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[s.length >> 1] : NaN; };
  for (const [name, s] of scored) {
    const d = (xs: [number, number | null][]) => xs.flatMap(([, v]) => (v === null ? [] : [v]));
    console.log(`  ${name}: D median genuine ${med(d(s.genuine)).toFixed(3)} (${d(s.genuine).length}/${s.genuine.length} with the cue), extended impostors ${med(d(s.extended)).toFixed(3)} (${d(s.extended).length}/${s.extended.length})`);
  }

  // Rule 1: leave one database out.
  const picks: Record<string, number> = {};
  let fvcSum = 0, extSum = 0;
  for (const n of names) {
    const w = pickOnOthers(ext, names, n, 0);
    picks[n] = w;
    fvcSum += fvc.get(w)!.get(n)!;
    extSum += ext.get(w)!.get(n)!;
    console.log(`held out ${n}: w ${w} (chosen on the other three): FVC EER ${pct(fvc.get(w)!.get(n)!)} (today ${pct(fvc.get(0)!.get(n)!)}), extended ${pct(ext.get(w)!.get(n)!)} (today ${pct(ext.get(0)!.get(n)!)})`);
  }
  const todayFvc = names.reduce((s, n) => s + fvc.get(0)!.get(n)!, 0), todayExt = names.reduce((s, n) => s + ext.get(0)!.get(n)!, 0);
  console.log(`held-out sums: FVC EER ${pct(fvcSum)} (today ${pct(todayFvc)}), extended ${pct(extSum)} (today ${pct(todayExt)})`);
  const passA = fvcSum < todayFvc - 1e-12 && names.every((n) => fvc.get(picks[n])!.get(n)! <= fvc.get(0)!.get(n)! + 1e-12);
  const passB = extSum <= todayExt + 1e-12;
  report.inSample = Object.fromEntries(weights.map((w) => [w, { fvc: Object.fromEntries(fvc.get(w)!), extended: Object.fromEntries(ext.get(w)!) }]));
  report.picks = picks;
  report.heldOut = { fvcSum, extSum, todayFvc, todayExt };

  // Rule 2 (c): the held-out sensor conditions at each set's fold w.
  let condSum = 0, condToday = 0;
  const condRows: Record<string, Record<string, [number, number]>> = {};
  for (const c of conditions) {
    condRows[c.name] = {};
    for (const set of FVC2002_SETS) {
      const { prints: ps, samples } = await prints(cache, set, c);
      const s = scoreSet(ps, { ...fvcProtocol(samples), impostor: [] });
      const at = (w: number) => errorRates(cued(s.genuine, w), cued(s.extended, w)).eer;
      const [today, fold] = [at(0), at(picks[set.name])];
      condRows[c.name][set.name] = [today, fold];
      condToday += today;
      condSum += fold;
    }
    console.log(`${c.name}: extended EER today / at the fold's w: ${names.map((n) => `${n} ${pct(condRows[c.name][n][0])} / ${pct(condRows[c.name][n][1])}`).join('   ')}`);
  }
  const passC = condSum <= condToday + 1e-12;
  console.log(`conditions summed: ${pct(condSum)} (today ${pct(condToday)})`);
  console.log(`rule 2: (a) ${passA ? 'passes' : 'fails'}, (b) ${passB ? 'passes' : 'fails'}, (c) ${passC ? 'passes' : 'fails'} → ${passA && passB && passC ? 'passed offline' : 'not passed'}`);
  report.conditions = condRows;
  report.conditionSums = { today: condToday, atFold: condSum };
  report.passed = passA && passB && passC;
  if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 1) + '\n');
}

if (process.argv[1]?.endsWith('ridge-period-cue.ts')) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack : String(e));
    process.exit(1);
  });
}
