/**
 * The study behind Verify's size-aware default threshold (docs/decisions/size-aware-verify-threshold.md):
 * impostor and genuine scores of partial prints (scripts/eval/partial-print.ts) against whole
 * FVC2002 prints, per minutiae count, for two template kinds; then the curve, its leave-one-
 * database-out check and the reported costs.
 *
 *   # scores (one process per kind or per part of the grid; writes DIR/KIND-mM.bin and .json)
 *   npx tsx scripts/eval/size-aware-threshold.ts collect --kind ours|secugen --out DIR [--grid 6,8,…] [--cache /tmp/fp-sensors-cue]
 *   # whole prints and the held-out small-sensor condition (DIR/KIND-whole.json, DIR/small-sensor.json)
 *   npx tsx scripts/eval/size-aware-threshold.ts whole --kind ours|secugen --out DIR [--cache …]
 *   npx tsx scripts/eval/size-aware-threshold.ts small-sensor --out DIR [--cache …]
 *   # the curve, the held-out check and the costs
 *   npx tsx scripts/eval/size-aware-threshold.ts analyse --out DIR [--json OUT.json]
 *
 * Our templates come from eer-pairs.ts's extraction cache (made there when missing); SecuGen's are
 * the shared ISO 19794-2 templates of the same images.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FingerprintMatcher, prepareCandidate } from '../../engine/fingerprint/matcher.js';
import { thresholds } from '../../engine/fingerprint/matching/thresholds.js';
import { type FmrTarget, sizeAwareCurve, type SizeAwareThresholds, thresholdForMinutiae } from './size-curve.js';
import type { FingerprintTemplate } from '../../engine/fingerprint/template.js';
import { decodeIso19794_2Single } from '../../engine/fingerprint/templates/iso-19794-2.js';
import { sharedDataPath } from '../../fixtures/shared-data.js';
import { conditionNamed } from './conditions.js';
import { cachedTemplates } from './eer-pairs.js';
import { FVC2002_SETS } from './fvc-evaluation.js';
import { fvcSamples } from './fvc-protocol.js';
import { partialPrint, partialPrintAnchors } from './partial-print.js';
import { thresholdAtFmr } from './verification-metrics.js';

export const GRID = [6, 8, 10, 12, 14, 16, 18, 20, 24, 28, 32, 40] as const;
const TARGETS: [FmrTarget, number][] = [['fmr1', 0.01], ['fmr01', 0.001], ['fmr001', 0.0001]];
const KINDS = ['ours', 'secugen'] as const;
type Kind = (typeof KINDS)[number];

interface Print {
  set: number;
  finger: string;
  template: FingerprintTemplate;
}

async function loadPrints(kind: Kind, cache: string): Promise<Print[]> {
  const out: Print[] = [];
  for (const [set, spec] of FVC2002_SETS.entries()) {
    if (kind === 'ours') {
      const { samples, templates } = await cachedTemplates(cache, spec);
      samples.forEach((s, k) => out.push({ set, finger: s.finger, template: templates[k] }));
    } else {
      const dir = sharedDataPath('fingerprints', 'templates', 'secugen-iso19794-2', `fvc2002_${spec.folder}`);
      for (const s of fvcSamples(readdirSync(dir), ['iso'])) out.push({ set, finger: s.finger, template: decodeIso19794_2Single(new Uint8Array(readFileSync(join(dir, s.file)))) });
    }
  }
  return out;
}

/** One probe set against one gallery set, genuine or impostor: where its scores lie in the .bin. */
interface Segment {
  probeSet: number;
  gallerySet: number;
  genuine: boolean;
  start: number;
  count: number;
}

function collect(prints: Print[], m: number): { scores: Float64Array; segments: Segment[] } {
  const forms = prints.map((p) => prepareCandidate(p.template));
  const buckets = new Map<string, number[]>();
  for (const [i, p] of prints.entries()) {
    if (p.template.minutiae.length < m + 4) continue;
    for (const anchor of partialPrintAnchors(p.template)) {
      const matcher = new FingerprintMatcher(partialPrint(p.template, m, anchor));
      for (const [j, q] of prints.entries()) {
        if (j === i) continue;
        const genuine = q.set === p.set && q.finger === p.finger;
        const key = `${p.set}|${q.set}|${genuine ? 1 : 0}`;
        let b = buckets.get(key);
        if (!b) buckets.set(key, (b = []));
        b.push(matcher.score(forms[j]));
      }
    }
  }
  const segments: Segment[] = [];
  let total = 0;
  for (const [key, b] of buckets) {
    const [probeSet, gallerySet, g] = key.split('|').map(Number);
    segments.push({ probeSet, gallerySet, genuine: g === 1, start: total, count: b.length });
    total += b.length;
  }
  const scores = new Float64Array(total);
  for (const s of segments) scores.set(buckets.get(`${s.probeSet}|${s.gallerySet}|${s.genuine ? 1 : 0}`)!, s.start);
  return { scores, segments };
}

/** A whole-print comparison: score, the smaller template's minutiae, sets, genuine. */
type Whole = [score: number, minutiae: number, probeSet: number, gallerySet: number, genuine: 0 | 1];

function wholeComparisons(prints: Print[], sameSetOnly: boolean): Whole[] {
  const forms = prints.map((p) => prepareCandidate(p.template));
  const out: Whole[] = [];
  for (let i = 0; i < prints.length; i++) {
    const matcher = new FingerprintMatcher(forms[i]);
    for (let j = i + 1; j < prints.length; j++) {
      if (sameSetOnly && prints[i].set !== prints[j].set) continue;
      const genuine = prints[i].set === prints[j].set && prints[i].finger === prints[j].finger;
      const m = Math.min(prints[i].template.minutiae.length, prints[j].template.minutiae.length);
      out.push([matcher.score(forms[j]), m, prints[i].set, prints[j].set, genuine ? 1 : 0]);
    }
  }
  return out;
}

// ---- analysis ----

interface Scores {
  kind: Kind;
  m: number;
  scores: Float64Array;
  segments: Segment[];
}

function loadScores(dir: string): Scores[] {
  const out: Scores[] = [];
  for (const kind of KINDS) {
    for (const m of GRID) {
      const base = join(dir, `${kind}-m${m}`);
      if (!existsSync(`${base}.json`)) throw new Error(`${base}.json missing: run collect --kind ${kind} first`);
      const buf = readFileSync(`${base}.bin`);
      out.push({ kind, m, scores: new Float64Array(buf.buffer, buf.byteOffset, buf.byteLength / 8), segments: JSON.parse(readFileSync(`${base}.json`, 'utf8')) as Segment[] });
    }
  }
  return out;
}

function pick(s: Scores, keep: (seg: Segment) => boolean): Float64Array {
  const parts = s.segments.filter(keep);
  const out = new Float64Array(parts.reduce((n, p) => n + p.count, 0));
  let at = 0;
  for (const p of parts) {
    out.set(s.scores.subarray(p.start, p.start + p.count), at);
    at += p.count;
  }
  return out;
}

/** The declared curve from the impostors `keep` selects (both kinds; the stricter per grid point). */
function curveFrom(all: Scores[], keep: (seg: Segment) => boolean): SizeAwareThresholds {
  const measured = { fmr1: [], fmr01: [], fmr001: [] } as Record<FmrTarget, number[]>;
  for (const m of GRID) {
    for (const [target, f] of TARGETS) {
      let t = Number.NEGATIVE_INFINITY;
      for (const kind of KINDS) t = Math.max(t, thresholdAtFmr(pick(all.find((s) => s.kind === kind && s.m === m)!, (seg) => !seg.genuine && keep(seg)), f));
      measured[target].push(t);
    }
  }
  return sizeAwareCurve(GRID, measured);
}

const share = (xs: ArrayLike<number>, t: number, above: boolean) => {
  let n = 0;
  for (let i = 0; i < xs.length; i++) if (above ? xs[i] >= t : xs[i] < t) n++;
  return { n, of: xs.length };
};
const pct = (r: { n: number; of: number }) => (r.of === 0 ? '—' : `${((100 * r.n) / r.of).toFixed(3)}%`);

function analyse(dir: string, json: string | undefined): void {
  const all = loadScores(dir);
  const report: Record<string, unknown> = {};
  const full = curveFrom(all, () => true);
  report.curve = full;
  console.log('curve from all four sets (both kinds), threshold by the smaller template\'s minutiae:');
  console.log(`  m       ${GRID.map((m) => String(m).padStart(7)).join('')}`);
  for (const [target] of TARGETS) console.log(`  ${target.padEnd(7)} ${full.values[target].map((v) => v.toFixed(4).padStart(7)).join('')}   (base ${thresholds[target]})`);

  // Rule 6: leave one database out.
  const heldOut: Record<string, unknown>[] = [];
  const pooled001 = { curve: { n: 0, of: 0 }, base: { n: 0, of: 0 } };
  let passA = true;
  for (const [set, spec] of FVC2002_SETS.entries()) {
    const curve = curveFrom(all, (seg) => seg.probeSet !== set && seg.gallerySet !== set);
    const row: Record<string, unknown> = { set: spec.name, curve };
    for (const [target, f] of TARGETS) {
      const atCurve = { n: 0, of: 0 };
      const atBase = { n: 0, of: 0 };
      const perM: Record<number, string> = {};
      for (const s of all) {
        if (s.m > 32) continue;
        const imp = pick(s, (seg) => !seg.genuine && seg.probeSet === set && seg.gallerySet === set);
        const c = share(imp, thresholdForMinutiae(curve, target, s.m), true);
        const b = share(imp, thresholds[target], true);
        atCurve.n += c.n; atCurve.of += c.of; atBase.n += b.n; atBase.of += b.of;
        perM[s.m] = `${perM[s.m] ? perM[s.m] + ' ' : ''}${s.kind}:${pct(c)}/${pct(b)}`;
      }
      row[target] = { curve: atCurve, base: atBase, perM };
      if (target === 'fmr001') {
        pooled001.curve.n += atCurve.n; pooled001.curve.of += atCurve.of; pooled001.base.n += atBase.n; pooled001.base.of += atBase.of;
      } else if (atCurve.n / atCurve.of > 2 * f) passA = false;
      console.log(`held out ${spec.name} ${target}: FMR at the curve ${pct(atCurve)} (${atCurve.n}/${atCurve.of}), at the base ${pct(atBase)}; target ${100 * f}%`);
    }
    heldOut.push(row);
  }
  const passB = pooled001.curve.n / pooled001.curve.of <= 2 * 0.0001;
  console.log(`held out, four sets pooled, fmr001: at the curve ${pct(pooled001.curve)} (${pooled001.curve.n}/${pooled001.curve.of}), at the base ${pct(pooled001.base)}`);
  console.log(`rule 6: (a) ${passA ? 'passes' : 'FAILS'}, (b) ${passB ? 'passes' : 'FAILS'} → ${passA && passB ? 'adopt' : 'do not adopt'}`);
  report.heldOut = heldOut;
  report.pooled001 = pooled001;
  report.adopt = passA && passB;

  // Rule 7 (i): costs. Cut genuine per m; whole-print genuine.
  const cost: Record<string, unknown>[] = [];
  for (const s of all) {
    const gen = pick(s, (seg) => seg.genuine);
    const c = share(gen, thresholdForMinutiae(full, 'fmr001', s.m), false);
    const b = share(gen, thresholds.fmr001, false);
    cost.push({ kind: s.kind, m: s.m, fnmrCurve: c, fnmrBase: b });
  }
  console.log('cut probes against their own finger, FNMR at FMR 0.01 % (curve / base):');
  for (const kind of KINDS) console.log(`  ${kind}: ${cost.filter((c) => c.kind === kind).map((c) => `m${c.m} ${pct(c.fnmrCurve as { n: number; of: number })}/${pct(c.fnmrBase as { n: number; of: number })}`).join('  ')}`);
  report.cutGenuine = cost;

  for (const name of [...KINDS.map((k) => `${k}-whole`), 'small-sensor']) {
    const file = join(dir, `${name}.json`);
    if (!existsSync(file)) { console.log(`${name}: not collected`); continue; }
    const rows = JSON.parse(readFileSync(file, 'utf8')) as Whole[];
    const out: Record<string, unknown> = {};
    for (const [target] of TARGETS) {
      const imp = rows.filter((r) => r[4] === 0);
      const gen = rows.filter((r) => r[4] === 1);
      const acc = (xs: Whole[], thr: (r: Whole) => number, above: boolean) => ({ n: xs.filter((r) => (above ? r[0] >= thr(r) : r[0] < thr(r))).length, of: xs.length });
      const curveThr = (r: Whole) => thresholdForMinutiae(full, target, r[1]);
      const small = imp.filter((r) => r[1] < 24);
      out[target] = {
        impostorCurve: acc(imp, curveThr, true), impostorBase: acc(imp, () => thresholds[target], true),
        genuineFnmrCurve: acc(gen, curveThr, false), genuineFnmrBase: acc(gen, () => thresholds[target], false),
        smallImpostorCurve: acc(small, curveThr, true), smallImpostorBase: acc(small, () => thresholds[target], true),
      };
      const o = out[target] as Record<string, { n: number; of: number }>;
      console.log(`${name} ${target}: impostors ≥ curve ${pct(o.impostorCurve)} (${o.impostorCurve.n}/${o.impostorCurve.of}), ≥ base ${pct(o.impostorBase)} (${o.impostorBase.n}); under 24 minutiae ${o.smallImpostorCurve.n}/${o.smallImpostorCurve.of} against ${o.smallImpostorBase.n}; genuine FNMR curve ${pct(o.genuineFnmrCurve)} base ${pct(o.genuineFnmrBase)} (of ${o.genuineFnmrBase.of})`);
    }
    report[name] = out;
  }
  if (json) writeFileSync(json, JSON.stringify(report, null, 1) + '\n');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2).filter((a) => a !== '--');
  const mode = argv[0];
  const opt = (name: string, d?: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : d);
  const out = opt('--out');
  const cache = opt('--cache', '/tmp/fp-sensors-cue')!;
  if (!out || !['collect', 'whole', 'small-sensor', 'analyse'].includes(mode)) throw new Error('usage: size-aware-threshold collect|whole|small-sensor|analyse --out DIR [--kind ours|secugen] [--grid …] [--cache DIR] [--json OUT.json]');
  mkdirSync(out, { recursive: true });
  if (mode === 'analyse') return analyse(out, opt('--json'));
  if (mode === 'small-sensor') {
    const prints: Print[] = [];
    for (const [set, spec] of FVC2002_SETS.entries()) {
      const { samples, templates } = await cachedTemplates(cache, spec, conditionNamed('small-sensor'));
      samples.forEach((s, k) => prints.push({ set, finger: s.finger, template: templates[k] }));
    }
    writeFileSync(join(out, 'small-sensor.json'), JSON.stringify(wholeComparisons(prints, true)));
    return;
  }
  const kind = opt('--kind') as Kind;
  if (!KINDS.includes(kind)) throw new Error('--kind: ours or secugen');
  const prints = await loadPrints(kind, cache);
  if (mode === 'whole') {
    writeFileSync(join(out, `${kind}-whole.json`), JSON.stringify(wholeComparisons(prints, false)));
    return;
  }
  const grid = (opt('--grid') ?? GRID.join(',')).split(',').map(Number);
  for (const m of grid) {
    if (!(GRID as readonly number[]).includes(m)) throw new Error(`--grid: ${m} is not a declared grid point`);
    const t0 = performance.now();
    const { scores, segments } = collect(prints, m);
    writeFileSync(join(out, `${kind}-m${m}.bin`), Buffer.from(scores.buffer, scores.byteOffset, scores.byteLength));
    writeFileSync(join(out, `${kind}-m${m}.json`), JSON.stringify(segments));
    console.log(`${kind} m=${m}: ${scores.length} comparisons in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('size-aware-threshold.ts')) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  });
}
