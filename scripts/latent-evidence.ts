/**
 * Evidence study for the latent matcher (issue 11 points 3 and 7; docs/measurements/latent.md,
 * "Distortion and evidence"). Reads a development cache (scripts/eval/latent-dev-cache.ts), matches
 * every mark against the mates (plus `--generated-background N` generated templates) with one
 * LatentMatcher option set, and keeps each comparison's verification features: MCC, the paired
 * count m (and how many the distortion pass added), the overlaps, the normalised score, the pairs'
 * mean local similarity. Then ranks the mates under score formulas over those features (strict
 * rank-1 / rank-10, the best impostor), so that evidence formulas are compared without re-matching:
 *
 *   tsx scripts/latent-evidence.ts --cache /tmp/ls/fvc2.json [--generated-background 1000] [--every 3]
 *       [--options JSON] [--dump OUT.json] [--from DUMP.json] [--stats]
 *
 * A formula here picks the final score only; the matcher picks its alignment with its own evidence
 * (the shipped one unless --options says otherwise), so a formula worth keeping is then checked
 * through the matcher (`scripts/latent-misses.ts --variants`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { type PreparedTemplate, prepareCandidate } from '../engine/fingerprint/matcher.js';
import type { FingerprintTemplate } from '../engine/fingerprint/template.js';
import { LatentMatcher, type LatentMatcherOptions } from '../engine/latent/latent-matcher.js';
import { backgroundGallery } from '../fixtures/gallery/background-gallery.js';
import { median, rankRate, strictRank } from './eval/latent-ranks.js';
import { arg, type LatentDevCache } from './eval/latent-dev-cache.js';

/** Per comparison: mcc, paired, distorted, probeOverlap, candidateOverlap, normalised, similarity, probe count, candidate count, score. */
const F = 10;
interface Dump { ids: string[]; mates: number[]; gallery: number; features: number[][] }

function strip(t: FingerprintTemplate): FingerprintTemplate {
  const { orientations: _o, ...rest } = t;
  return rest;
}

function compute(): Dump {
  const cache = JSON.parse(readFileSync(arg('--cache')!, 'utf8')) as LatentDevCache;
  const gallery: PreparedTemplate[] = cache.mates.map((t) => prepareCandidate(strip(t)));
  for (const t of backgroundGallery(7, Number(arg('--generated-background') ?? 0))) gallery.push(prepareCandidate(t));
  const every = Number(arg('--every') ?? 1);
  const offset = Number(arg('--offset') ?? 0);
  const probes = cache.probes.filter((_, i) => i % every === offset);
  const options: LatentMatcherOptions = { reportSimilarity: true, ...(JSON.parse(arg('--options') ?? '{}') as LatentMatcherOptions) };
  const dump: Dump = { ids: [], mates: [], gallery: gallery.length, features: [] };
  const t0 = performance.now();
  for (const p of probes) {
    const m = new LatentMatcher(strip(p.latent), options);
    const row: number[] = [];
    for (const g of gallery) {
      const r = m.match(g);
      const v = r.verification;
      row.push(v.mcc, v.paired, v.distorted ?? 0, v.probeOverlap, v.candidateOverlap, v.normalised, v.similarity ?? 0, p.latent.minutiae.length, g.count, r.score);
    }
    dump.ids.push(p.id);
    dump.mates.push(p.mate);
    dump.features.push(row.map((x) => +x.toPrecision(6)));
  }
  console.error(`matched ${probes.length} × ${gallery.length} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return dump;
}

const z = (v: number, mu: number, tau: number) => 1 / (1 + Math.exp(-tau * (v - mu)));
type Row = { mcc: number; m: number; dist: number; po: number; co: number; norm: number; sim: number; pn: number; cn: number; score: number };
const FORMULAS: Record<string, (r: Row) => number> = {
  shipped: (r) => r.score,
  mccOnly: (r) => r.mcc,
  // the shipped fusion recomputed (check: equals shipped)
  fused: (r) => 0.95 * r.mcc + 0.05 * r.norm * z(r.m, 6, 0.8),
  sqrtShare: (r) => 0.95 * r.mcc + 0.05 * Math.sqrt(r.norm) * z(r.m, 6, 0.8),
  count10: (r) => 0.95 * r.mcc + 0.05 * (0.5 * r.norm * z(r.m, 6, 0.8) + 0.5 * z(r.m, 10, 0.8)),
  count12: (r) => 0.95 * r.mcc + 0.05 * (0.5 * r.norm * z(r.m, 6, 0.8) + 0.5 * z(r.m, 12, 0.6)),
  mu8: (r) => 0.95 * r.mcc + 0.05 * r.norm * z(r.m, 8, 0.8),
  mu10: (r) => 0.95 * r.mcc + 0.05 * r.norm * z(r.m, 10, 0.8),
  simW: (r) => 0.95 * r.mcc + 0.05 * r.norm * z(r.m, 6, 0.8) * r.sim * 2.5,
  simZ: (r) => 0.95 * r.mcc + 0.05 * r.norm * z(r.m * r.sim * 2.5, 6, 0.8),
  // The mark's coverage: the share of its minutiae that land inside the candidate's region.
  cov025: (r) => r.score * Math.min(1, r.po / r.pn) ** 0.25,
  cov05: (r) => r.score * Math.min(1, r.po / r.pn) ** 0.5,
  cov1: (r) => r.score * Math.min(1, r.po / r.pn),
  vcov05: (r) => 0.95 * r.mcc + 0.05 * r.norm * z(r.m, 6, 0.8) * Math.min(1, r.po / r.pn) ** 0.5,
  vcov1: (r) => 0.95 * r.mcc + 0.05 * r.norm * z(r.m, 6, 0.8) * Math.min(1, r.po / r.pn),
  vcov2: (r) => 0.95 * r.mcc + 0.05 * r.norm * z(r.m, 6, 0.8) * Math.min(1, r.po / r.pn) ** 2,
};

function rows(d: Dump, p: number): Row[] {
  const f = d.features[p];
  const out: Row[] = [];
  for (let g = 0; g < d.gallery; g++) {
    const o = g * F;
    out.push({ mcc: f[o], m: f[o + 1], dist: f[o + 2], po: f[o + 3], co: f[o + 4], norm: f[o + 5], sim: f[o + 6], pn: f[o + 7], cn: f[o + 8], score: f[o + 9] });
  }
  return out;
}

function evaluate(d: Dump, formulas: Record<string, (r: Row) => number>): void {
  for (const [name, f] of Object.entries(formulas)) {
    const ranks: number[] = [];
    const best: number[] = [];
    const per: string[] = [];
    for (let p = 0; p < d.ids.length; p++) {
      const rs = rows(d, p);
      const s = rs.map(f);
      const others = s.filter((_, i) => i !== d.mates[p]);
      const rank = strictRank(s[d.mates[p]], others);
      ranks.push(rank);
      best.push(Math.max(...others));
      if (rank > 1) per.push(`${d.ids[p].replace('VC2002DbsDb1', '')}:${rank}`);
    }
    console.log(`${name.padEnd(14)} rank-1 ${(100 * rankRate(ranks, 1)).toFixed(1)}%  rank-10 ${(100 * rankRate(ranks, 10)).toFixed(1)}%  best imp p50 ${median(best).toFixed(4)}  misses ${per.join(' ')}`);
  }
}

function stats(d: Dump): void {
  // Mates against every impostor and against each mark's best impostor (by the shipped score).
  const mate: Row[] = [];
  const top: Row[] = [];
  const imp: Row[] = [];
  for (let p = 0; p < d.ids.length; p++) {
    const rs = rows(d, p);
    mate.push(rs[d.mates[p]]);
    let b = -1;
    rs.forEach((r, i) => {
      if (i === d.mates[p]) return;
      imp.push(r);
      if (b < 0 || r.score > rs[b].score) b = i;
    });
    top.push(rs[b]);
  }
  const q = (xs: number[], f: number) => xs.slice().sort((a, b) => a - b)[Math.floor(f * (xs.length - 1))];
  for (const k of ['m', 'dist', 'po', 'co', 'norm', 'sim', 'mcc'] as const) {
    const line = (rs: Row[]) => `${q(rs.map((r) => r[k]), 0.1).toFixed(3)}/${q(rs.map((r) => r[k]), 0.5).toFixed(3)}/${q(rs.map((r) => r[k]), 0.9).toFixed(3)}`;
    console.log(`${k.padEnd(6)} mates ${line(mate)}  best impostors ${line(top)}  all impostors ${line(imp)}  (p10/p50/p90)`);
  }
  console.log(`distortion pairs > 0: mates ${mate.filter((r) => r.dist > 0).length}/${mate.length}, best impostors ${top.filter((r) => r.dist > 0).length}/${top.length}, all impostors ${(100 * imp.filter((r) => r.dist > 0).length / imp.length).toFixed(1)}%`);
}

/** The features of the pairwise fit (rows of a dump → a vector). */
const FIT_FEATURES: [string, (r: Row) => number][] = [
  ['mcc', (r) => r.mcc],
  ['log mcc', (r) => Math.log(r.mcc + 1e-3)],
  ['v·Z(m)', (r) => r.norm * z(r.m, 6, 0.8)],
  ['norm', (r) => r.norm],
  ['log(1+m)', (r) => Math.log1p(r.m)],
  ['m/po', (r) => (r.po > 0 ? r.m / r.po : 0)],
  ['m/co', (r) => (r.co > 0 ? r.m / r.co : 0)],
  ['log(1+po)', (r) => Math.log1p(r.po)],
  ['log(1+co)', (r) => Math.log1p(r.co)],
  ['sim', (r) => r.sim],
];

/**
 * Pairwise logistic ranking fit (RankNet with a linear score) on the development dumps: for every
 * mark, its mate against its `hard` best impostors by the shipped score; L2 `l2`. Returns the weights
 * over standardised features (and the standardisation).
 */
function fit(dumps: Dump[], names: string[], hard: number, l2: number): { w: number[]; mean: number[]; sd: number[] } {
  const feats = FIT_FEATURES.filter(([n]) => names.includes(n));
  const diffs: number[][] = [];
  const all: number[][] = [];
  for (const d of dumps) for (let p = 0; p < d.ids.length; p++) {
    const rs = rows(d, p);
    const mate = rs[d.mates[p]];
    const order = rs.map((r, i) => [r.score, i]).filter(([, i]) => i !== d.mates[p]).sort((x, y) => y[0] - x[0]).slice(0, hard);
    const fm = feats.map(([, f]) => f(mate));
    all.push(fm);
    for (const [, i] of order) {
      const fi = feats.map(([, f]) => f(rs[i]));
      all.push(fi);
      diffs.push(fm.map((v, k) => v - fi[k]));
    }
  }
  const k = feats.length;
  const mean = Array.from({ length: k }, (_, j) => all.reduce((s, v) => s + v[j], 0) / all.length);
  const sd = Array.from({ length: k }, (_, j) => Math.sqrt(all.reduce((s, v) => s + (v[j] - mean[j]) ** 2, 0) / all.length) || 1);
  const x = diffs.map((dv) => dv.map((v, j) => v / sd[j]));
  const w = new Array<number>(k).fill(0);
  const m = new Array<number>(k).fill(0);
  const v2 = new Array<number>(k).fill(0);
  for (let it = 1; it <= 1500; it++) {
    const g = w.map((wj) => 2 * l2 * wj);
    for (const xi of x) {
      const s = xi.reduce((acc, v, j) => acc + v * w[j], 0);
      const e = -1 / (1 + Math.exp(s));
      for (let j = 0; j < k; j++) g[j] += (e * xi[j]) / x.length;
    }
    for (let j = 0; j < k; j++) {
      m[j] = 0.9 * m[j] + 0.1 * g[j];
      v2[j] = 0.999 * v2[j] + 0.001 * g[j] * g[j];
      w[j] -= (0.05 * (m[j] / (1 - 0.9 ** it))) / (Math.sqrt(v2[j] / (1 - 0.999 ** it)) + 1e-8);
    }
  }
  console.log('fit', feats.map(([n], j) => `${n} ${(w[j] / sd[j]).toPrecision(3)}`).join(', '));
  return { w, mean, sd };
}

/**
 * A grid over the fused score s = (1 − w) · MCC · cov^a + w · norm^α · Z(m; μ, 0.8) · cov^b, cov the
 * share of the mark's minutiae inside the candidate's region, on the dumps given (development only):
 * strict rank-1 hits summed over them, then rank-10.
 */
function grid(dumps: Dump[]): void {
  const results: [string, number[], number[]][] = [];
  for (const a of [0, 0.25, 0.5]) for (const b of [0, 0.5, 1, 2]) for (const w of [0.03, 0.05, 0.08, 0.12]) for (const al of [1, 0.75, 0.5]) for (const mu of [6, 8]) {
    const f = (r: Row) => {
      const cov = Math.min(1, r.pn > 0 ? r.po / r.pn : 0);
      return (1 - w) * r.mcc * cov ** a + w * r.norm ** al * z(r.m, mu, 0.8) * cov ** b;
    };
    const r1: number[] = [];
    const r10: number[] = [];
    for (const d of dumps) {
      let h1 = 0, h10 = 0;
      for (let p = 0; p < d.ids.length; p++) {
        const s = rows(d, p).map(f);
        const rank = strictRank(s[d.mates[p]], s.filter((_, i) => i !== d.mates[p]));
        if (rank <= 1) h1++;
        if (rank <= 10) h10++;
      }
      r1.push(h1);
      r10.push(h10);
    }
    results.push([`a ${a} b ${b} w ${w} α ${al} μ ${mu}`, r1, r10]);
  }
  const sum = (x: number[]) => x.reduce((s, v) => s + v, 0);
  results.sort((x, y) => sum(y[1]) - sum(x[1]) || sum(y[2]) - sum(x[2]));
  for (const [name, r1, r10] of results.slice(0, Number(arg('--top') ?? 25))) console.log(`${name.padEnd(34)} rank-1 ${r1.join(' + ')} = ${sum(r1)}   rank-10 ${r10.join(' + ')} = ${sum(r10)}`);
  const ship = results.find(([n]) => n === 'a 0 b 0 w 0.05 α 1 μ 6');
  if (ship) console.log(`shipped: rank-1 ${ship[1].join(' + ')} = ${sum(ship[1])}   rank-10 ${ship[2].join(' + ')} = ${sum(ship[2])}`);
}

function main(): void {
  const gridFrom = arg('--grid');
  if (gridFrom) {
    grid(gridFrom.split(',').map((f) => JSON.parse(readFileSync(f, 'utf8')) as Dump));
    return;
  }
  const fitFrom = arg('--fit');
  if (fitFrom) {
    const train = fitFrom.split(',').map((f) => JSON.parse(readFileSync(f, 'utf8')) as Dump);
    const names = (arg('--features') ?? FIT_FEATURES.map(([n]) => n).join(',')).split(',');
    const model = fit(train, names, Number(arg('--hard') ?? 30), Number(arg('--l2') ?? 0.001));
    const feats = FIT_FEATURES.filter(([n]) => names.includes(n));
    const score = (r: Row) => feats.reduce((s, [, f], j) => s + (model.w[j] * f(r)) / model.sd[j], 0);
    for (const f of (arg('--test') ?? fitFrom).split(',')) {
      console.log(`-- ${f}`);
      evaluate(JSON.parse(readFileSync(f, 'utf8')) as Dump, { shipped: (r) => r.score, fitted: score });
    }
    return;
  }
  const from = arg('--from');
  const d: Dump = from ? (JSON.parse(readFileSync(from, 'utf8')) as Dump) : compute();
  const out = arg('--dump');
  if (out) writeFileSync(out, JSON.stringify(d));
  if (process.argv.includes('--stats')) stats(d);
  evaluate(d, FORMULAS);
}

main();
