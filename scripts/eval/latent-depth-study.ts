/**
 * The analyses of scripts/latent-depth.ts over its dumps (per comparison: score, mcc, paired, po, co,
 * norm, pn, cn, scale; gallery = the set's real mates, then generated templates).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { arg } from './latent-dev-cache.js';
import { median, rankRate, strictRank } from './latent-ranks.js';

interface Dump { ids: string[]; mates: number[]; gallery: number; realMates: number; names: readonly string[]; data: Float32Array }
type Row = { score: number; mcc: number; paired: number; po: number; co: number; norm: number; pn: number; cn: number; scale: number };
const F = 9;

function row(d: Dump, p: number, g: number): Row {
  const o = (p * d.gallery + g) * F;
  const x = d.data;
  return { score: x[o], mcc: x[o + 1], paired: x[o + 2], po: x[o + 3], co: x[o + 4], norm: x[o + 5], pn: x[o + 6], cn: x[o + 7], scale: x[o + 8] };
}

/** Gallery entries used: the real mates and the first `--size` generated ones (all when absent). */
function used(d: Dump): number {
  const size = arg('--size');
  return size === undefined ? d.gallery : Math.min(d.gallery, d.realMates + Number(size));
}

const q = (xs: number[], f: number) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.floor(f * (s.length - 1))))];
};
const fmt = (v: number, k = 4) => (Number.isFinite(v) ? v.toFixed(k) : '–');

export function describe(dumps: Dump[], names: string[]): void {
  dumps.forEach((d, di) => {
    const G = used(d);
    const gen = G - d.realMates;
    console.log(`\n== ${names[di]}: ${d.ids.length} marks, gallery ${G} (${d.realMates} real mates, ${gen} generated)`);
    // Real against generated impostors at equal size: each mark's best of the other real mates, and of as many generated.
    const k = d.realMates - 1;
    const bestReal: number[] = [], bestGen: number[] = [], realAll: number[] = [], genAll: number[] = [], cnReal: number[] = [], cnGen: number[] = [];
    for (let p = 0; p < d.ids.length; p++) {
      let br = -1, bg = -1;
      for (let g = 0; g < d.realMates; g++) if (g !== d.mates[p]) { const r = row(d, p, g); br = Math.max(br, r.score); realAll.push(r.score); if (p === 0) cnReal.push(r.cn); }
      for (let g = d.realMates; g < Math.min(G, d.realMates + k); g++) { const r = row(d, p, g); bg = Math.max(bg, r.score); genAll.push(r.score); if (p === 0) cnGen.push(r.cn); }
      bestReal.push(br);
      bestGen.push(bg);
    }
    if (gen >= k) {
      console.log(`real vs generated impostors, ${k} each per mark: best median ${fmt(median(bestReal))} vs ${fmt(median(bestGen))}; p90 of the best ${fmt(q(bestReal, 0.9))} vs ${fmt(q(bestGen, 0.9))}`);
      console.log(`  all such comparisons p50 / p99 / p99.9: ${fmt(q(realAll, 0.5))} / ${fmt(q(realAll, 0.99))} / ${fmt(q(realAll, 0.999))} vs ${fmt(q(genAll, 0.5))} / ${fmt(q(genAll, 0.99))} / ${fmt(q(genAll, 0.999))}`);
      console.log(`  candidate minutiae (prepared) p10/p50/p90: real ${q(cnReal, 0.1)}/${q(cnReal, 0.5)}/${q(cnReal, 0.9)}, generated ${q(cnGen, 0.1)}/${q(cnGen, 0.5)}/${q(cnGen, 0.9)}`);
    }
    // Which impostors win: each mark's best impostor over the whole gallery used, against its mate.
    const mates: Row[] = [], winners: Row[] = [], lostTo: Row[] = [], lostMates: Row[] = [];
    let winnerGenerated = 0;
    const imps: Row[] = [];
    for (let p = 0; p < d.ids.length; p++) {
      let b = -1, bs = -1;
      for (let g = 0; g < G; g++) {
        if (g === d.mates[p]) continue;
        const r = row(d, p, g);
        if ((g * 7919 + p) % 50 === 0) imps.push(r);
        if (r.score > bs) { bs = r.score; b = g; }
      }
      const m = row(d, p, d.mates[p]);
      const w = row(d, p, b);
      mates.push(m);
      winners.push(w);
      if (b >= d.realMates) winnerGenerated++;
      if (w.score >= m.score) { lostTo.push(w); lostMates.push(m); }
    }
    console.log(`best impostor generated for ${winnerGenerated} of ${d.ids.length} marks; mate beaten (strict) for ${lostTo.length}`);
    const keys = ['score', 'mcc', 'paired', 'po', 'co', 'norm', 'pn', 'cn', 'scale'] as const;
    const line = (rs: Row[], key: (typeof keys)[number]) => `${fmt(q(rs.map((r) => r[key]), 0.1), 3)}/${fmt(q(rs.map((r) => r[key]), 0.5), 3)}/${fmt(q(rs.map((r) => r[key]), 0.9), 3)}`;
    console.log('feature   mates (all)        best impostors     mates beaten       their winners      impostors (2% sample)   p10/p50/p90');
    for (const key of keys) console.log(`${key.padEnd(9)} ${line(mates, key).padEnd(18)} ${line(winners, key).padEnd(18)} ${line(lostMates, key).padEnd(18)} ${line(lostTo, key).padEnd(18)} ${line(imps, key)}`);
  });
  // Impostor tails by feature (generated impostors of every dump pooled): what the score's impostor
  // distribution depends on. Thresholds: the pooled 1% and 0.1% points.
  const all: Row[] = [];
  for (const d of dumps) {
    const G = used(d);
    for (let p = 0; p < d.ids.length; p++) for (let g = d.realMates; g < G; g++) all.push(row(d, p, g));
  }
  const scores = all.map((r) => r.score).sort((a, b) => b - a);
  const t1 = scores[Math.floor(0.01 * scores.length)], t01 = scores[Math.floor(0.001 * scores.length)];
  console.log(`\npooled generated impostors: ${all.length}; 1% point ${fmt(t1)}, 0.1% point ${fmt(t01)}`);
  const bins = (key: keyof Row, edges: number[]) => {
    console.log(`by ${key}: bin  n  mean  sd  p99  p99.9  rate≥1%pt  rate≥0.1%pt`);
    for (let b = 0; b + 1 < edges.length; b++) {
      const s = all.filter((r) => r[key] >= edges[b] && r[key] < edges[b + 1]).map((r) => r.score);
      if (s.length < 50) continue;
      const mean = s.reduce((a, v) => a + v, 0) / s.length;
      const sd = Math.sqrt(s.reduce((a, v) => a + (v - mean) ** 2, 0) / s.length);
      console.log(`  [${edges[b]}, ${edges[b + 1]})  ${s.length}  ${fmt(mean)}  ${fmt(sd)}  ${fmt(q(s, 0.99))}  ${fmt(q(s, 0.999))}  ${(100 * s.filter((v) => v >= t1).length / s.length).toFixed(2)}%  ${(100 * s.filter((v) => v >= t01).length / s.length).toFixed(3)}%`);
    }
  };
  // Within each mark (what ranks see): the share of its impostors above its own 1% / 0.1% points, by candidate-side feature.
  const within = (key: keyof Row, edges: number[]) => {
    const n = new Array<number>(edges.length).fill(0), a1 = n.slice(), a01 = n.slice();
    for (const d of dumps) {
      const G = used(d);
      for (let p = 0; p < d.ids.length; p++) {
        const rs: Row[] = [];
        for (let g = d.realMates; g < G; g++) rs.push(row(d, p, g));
        const s = rs.map((r) => r.score).sort((x, y) => y - x);
        const p1 = s[Math.floor(0.01 * s.length)], p01 = s[Math.floor(0.001 * s.length)];
        for (const r of rs) {
          const b = edges.findIndex((e, i) => i + 1 < edges.length && r[key] >= e && r[key] < edges[i + 1]);
          if (b < 0) continue;
          n[b]++;
          if (r.score > p1) a1[b]++;
          if (r.score > p01) a01[b]++;
        }
      }
    }
    console.log(`within marks, by ${key}: ` + edges.slice(0, -1).map((e, b) => `[${e},${edges[b + 1]}) n ${n[b]} ${(100 * a1[b] / n[b]).toFixed(2)}% ${(100 * a01[b] / n[b]).toFixed(3)}%`).join('; '));
  };
  within('cn', [0, 20, 30, 40, 50, 60, 1000]);
  within('co', [0, 5, 10, 15, 20, 30, 1000]);
  within('po', [0, 5, 10, 15, 20, 30, 40, 1000]);
  within('paired', [0, 4, 6, 8, 1000]);
  if (process.argv.includes('--within')) return;
  bins('cn', [0, 20, 30, 40, 50, 60, 70, 80, 100, 1000]);
  bins('pn', [0, 10, 20, 30, 40, 50, 60, 80, 1000]);
  bins('co', [0, 5, 10, 15, 20, 25, 30, 40, 1000]);
  bins('po', [0, 5, 10, 15, 20, 25, 30, 40, 1000]);
  bins('paired', [0, 3, 4, 5, 6, 7, 8, 10, 12, 1000]);
}

import type { ComparisonOpportunity, ImpostorModel } from '../../engine/latent/impostor-normalisation.js';
import { normaliseLatentScore, opportunityFeatures } from '../../engine/latent/impostor-normalisation.js';

const opportunity = (r: Row): ComparisonOpportunity => ({ probeMinutiae: r.pn, candidateMinutiae: r.cn, probeOverlap: r.po, candidateOverlap: r.co });

/** Weighted least squares: Σ w (y − β·x)² → β (normal equations, Gaussian elimination). */
function wls(xs: number[][], ys: number[], ws: number[]): number[] {
  const k = xs[0].length;
  const a = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  for (let n = 0; n < xs.length; n++) {
    const x = xs[n], w = ws[n];
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) a[i][j] += w * x[i] * x[j];
      a[i][k] += w * x[i] * ys[n];
    }
  }
  for (let i = 0; i < k; i++) {
    let p = i;
    for (let r = i + 1; r < k; r++) if (Math.abs(a[r][i]) > Math.abs(a[p][i])) p = r;
    [a[i], a[p]] = [a[p], a[i]];
    for (let r = 0; r < k; r++) if (r !== i) {
      const f = a[r][i] / a[i][i];
      for (let c = i; c <= k; c++) a[r][c] -= f * a[i][c];
    }
  }
  return a.map((r, i) => r[k] / r[i]);
}

/** Σ w ρτ(t − β·x) → β (pinball loss; full-batch Adam on standardised columns, from the OLS fit). */
export function quantileRegression(xs: number[][], ts: number[], ws: number[], tau: number): number[] {
  const k = xs[0].length, n = xs.length;
  const mean = new Array<number>(k).fill(0), sd = new Array<number>(k).fill(1);
  let wsum = 0;
  for (let i = 0; i < n; i++) wsum += ws[i];
  for (let j = 1; j < k; j++) {
    let m = 0, v = 0;
    for (let i = 0; i < n; i++) m += ws[i] * xs[i][j];
    m /= wsum;
    for (let i = 0; i < n; i++) v += ws[i] * (xs[i][j] - m) ** 2;
    mean[j] = m;
    sd[j] = Math.sqrt(v / wsum) || 1;
  }
  const z = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) z[i * k + j] = j === 0 ? 1 : (xs[i][j] - mean[j]) / sd[j];
  // Start: OLS on the standardised columns, intercept moved to the residuals' τ-quantile.
  const ols = wls(Array.from({ length: n }, (_, i) => Array.from(z.subarray(i * k, i * k + k))), ts, ws);
  const res = ts.map((t, i) => t - ols.reduce((s, b, j) => s + b * z[i * k + j], 0)).sort((a, b) => a - b);
  const beta = ols.slice();
  beta[0] += res[Math.floor(tau * (n - 1))];
  const m1 = new Array<number>(k).fill(0), m2 = new Array<number>(k).fill(0), g = new Array<number>(k);
  const iterations = Number(arg('--iterations') ?? 1500);
  for (let it = 1; it <= iterations; it++) {
    g.fill(0);
    for (let i = 0; i < n; i++) {
      let f = 0;
      for (let j = 0; j < k; j++) f += beta[j] * z[i * k + j];
      // d/dβ of ρτ(t − f): −τ above, (1 − τ) below.
      const d = ts[i] > f ? -tau * ws[i] : (1 - tau) * ws[i];
      for (let j = 0; j < k; j++) g[j] += d * z[i * k + j];
    }
    const lr = 0.02 / Math.sqrt(it);
    for (let j = 0; j < k; j++) {
      g[j] /= wsum;
      m1[j] = 0.9 * m1[j] + 0.1 * g[j];
      m2[j] = 0.999 * m2[j] + 0.001 * g[j] * g[j];
      beta[j] -= (lr * (m1[j] / (1 - 0.9 ** it))) / (Math.sqrt(m2[j] / (1 - 0.999 ** it)) + 1e-12);
    }
  }
  // Back to the raw columns.
  const out = beta.map((b, j) => (j === 0 ? b : b / sd[j]));
  for (let j = 1; j < k; j++) out[0] -= (beta[j] * mean[j]) / sd[j];
  let above = 0;
  for (let i = 0; i < n; i++) if (ts[i] > xs[i].reduce((s, v, j) => s + v * out[j], 0)) above += ws[i];
  console.log(`quantile ${tau}: share above the fit ${(above / wsum).toFixed(5)}`);
  return out;
}

/**
 * The impostor model from the generated impostors of the dumps (the first `--size` of each; mates
 * never read): t = ln(score + ε); the location is its 99% point given the features (linear quantile
 * regression, each mark weighted equally), the spread the 99.9% point less the 99% point.
 */
export function fitModel(dumps: Dump[], out: string): ImpostorModel {
  const epsilon = Number(arg('--epsilon') ?? 0.002);
  // --form probe-cubic: the 15 quadratic terms and a³, a²b, a²c, a²d (a: the mark's minutiae).
  const form = arg('--form') ?? 'quadratic';
  if (form !== 'quadratic' && form !== 'probe-cubic') throw new Error('--form must be quadratic or probe-cubic');
  const probe: ImpostorModel = { epsilon, location: [], spread: [], spreadFloor: 0, low: [0, 0, 0, 0], high: [1e9, 1e9, 1e9, 1e9], refLocation: 0, refSpread: 1, ...(form === 'probe-cubic' ? { form } : {}) };
  const xs: number[][] = [], ts: number[] = [], ws: number[] = [];
  for (const d of dumps) {
    const G = used(d);
    for (let p = 0; p < d.ids.length; p++) {
      const w = 1 / (G - d.realMates);
      for (let g = d.realMates; g < G; g++) {
        const r = row(d, p, g);
        if (r.pn <= 0 || r.cn <= 0) continue;
        xs.push(opportunityFeatures(probe, opportunity(r)));
        ts.push(Math.log(Math.max(0, r.score) + epsilon));
        ws.push(w);
      }
    }
  }
  // The tail, not the bulk, decides rank-1 among thousands: the location is the conditional 99%
  // point of t and the spread the gap to the 99.9% point, each a linear quantile regression.
  const b99 = quantileRegression(xs, ts, ws, 0.99);
  const b999 = quantileRegression(xs, ts, ws, 0.999);
  const location = b99;
  const spread = b999.map((v, k) => v - b99[k]);
  const low = [1, 2, 3, 4].map((k) => xs.reduce((m, x) => Math.min(m, x[k]), Infinity));
  const high = [1, 2, 3, 4].map((k) => xs.reduce((m, x) => Math.max(m, x[k]), -Infinity));
  const m4 = [1, 2, 3, 4].map((k) => q(xs.map((x) => x[k]), 0.5));
  const med = opportunityFeatures({ ...probe, low: [-1e9, -1e9, -1e9, -1e9] }, { probeMinutiae: Math.expm1(m4[0]), candidateMinutiae: Math.expm1(m4[1]), probeOverlap: Math.expm1(m4[2]), candidateOverlap: Math.expm1(m4[3]) });
  const sds = xs.map((x) => x.reduce((s, v, k) => s + v * spread[k], 0)).sort((a, b) => a - b);
  const model: ImpostorModel = {
    epsilon,
    ...(probe.form ? { form: probe.form } : {}),
    location: location.map((v) => +v.toPrecision(5)),
    spread: spread.map((v) => +v.toPrecision(5)),
    spreadFloor: +sds[Math.floor(0.01 * sds.length)].toPrecision(3),
    low: low.map((v) => +v.toFixed(4)),
    high: high.map((v) => +v.toFixed(4)),
    refLocation: +med.reduce((s, v, k) => s + v * location[k], 0).toPrecision(5),
    refSpread: +med.reduce((s, v, k) => s + v * spread[k], 0).toPrecision(5),
  };
  // A spread at or below 0 would turn the normalisation round (not monotone in s): the 99.9% fit
  // has not converged above the 99% one (seen at 300 iterations on the generated populations).
  if (!(model.spreadFloor > 0)) throw new Error(`the fitted spread's 1% point is ${model.spreadFloor}, not above 0: raise --iterations`);
  writeFileSync(out, JSON.stringify(model, null, 1));
  console.log(`fitted on ${xs.length} impostor comparisons (${dumps.map((d) => d.ids.length).join(' + ')} marks):`, JSON.stringify(model));
  return model;
}

/** The marks of a dump with index ≡ offset (mod every), their comparisons copied (a fit half and a check half). */
export function marksOf(d: Dump, every: number, offset: number): Dump {
  const keep = d.ids.map((_, p) => p).filter((p) => p % every === offset);
  const data = new Float32Array(keep.length * d.gallery * F);
  keep.forEach((p, k) => data.set(d.data.subarray(p * d.gallery * F, (p + 1) * d.gallery * F), k * d.gallery * F));
  return { ...d, ids: keep.map((p) => d.ids[p]), mates: keep.map((p) => d.mates[p]), data };
}

/** A copy of the dump with the score column normalised by the model. */
export function normalised(d: Dump, model: ImpostorModel): Dump {
  const data = new Float32Array(d.data);
  for (let o = 0; o < data.length; o += F) {
    const r = { pn: data[o + 6], cn: data[o + 7], po: data[o + 3], co: data[o + 4] } as Row;
    data[o] = normaliseLatentScore(data[o], opportunity(r), model);
  }
  return { ...d, data };
}

/** Strict ranks of every mark's mate over the gallery used, raw and normalised; the marks that moved. */
export function rankAll(dumps: Dump[], names: string[], modelPath: string): void {
  const model = modelPath ? (JSON.parse(readFileSync(modelPath, "utf8")) as ImpostorModel) : null;
  dumps.forEach((d, di) => {
    const G = used(d);
    const variants: [string, Dump][] = [['raw', d]];
    if (model) variants.push(['normalised', normalised(d, model)]);
    // --against M0.json: a second model (e.g. the shipped one) scored on the same comparisons, and the
    // marks that move between the two (docs/decisions/latent-synthmodel.md).
    const against = arg('--against');
    if (against) variants.push(['against', normalised(d, JSON.parse(readFileSync(against, 'utf8')) as ImpostorModel)]);
    const ranks: number[][] = [];
    for (const [name, v] of variants) {
      const rs: number[] = [], best: number[] = [];
      for (let p = 0; p < v.ids.length; p++) {
        const others: number[] = [];
        for (let g = 0; g < G; g++) if (g !== v.mates[p]) others.push(row(v, p, g).score);
        rs.push(strictRank(row(v, p, v.mates[p]).score, others));
        best.push(Math.max(...others));
      }
      ranks.push(rs);
      console.log(`${names[di]} gallery ${G} ${name.padEnd(10)} rank-1 ${(100 * rankRate(rs, 1)).toFixed(1)}% (${rs.filter((r) => r <= 1).length}/${rs.length})  rank-10 ${(100 * rankRate(rs, 10)).toFixed(1)}%  rank-20 ${(100 * rankRate(rs, 20)).toFixed(1)}%  best impostor p50 ${fmt(median(best))}`);
    }
    const moves = (from: number, to: number, label: string) => {
      const moved = d.ids.map((id, p) => [id, ranks[from][p], ranks[to][p]] as const).filter(([, a, b]) => a !== b && (a === 1 || b === 1));
      console.log(`  ${label}rank-1 gained: ${moved.filter(([, a, b]) => b === 1 && a > 1).map(([id, a]) => `${id} (${a})`).join(' ') || '–'}; lost: ${moved.filter(([, a, b]) => a === 1 && b > 1).map(([id, , b]) => `${id} (→${b})`).join(' ') || '–'}`);
    };
    if (model) moves(0, 1, 'normalised against raw: ');
    if (model && against) moves(2, 1, 'normalised against --against: ');
  });
}

/** The score scale, raw and normalised: per-comparison impostor tail (generated), the best impostor's median, the mates' median. */
export function tails(dumps: Dump[], names: string[], model: ImpostorModel): void {
  dumps.forEach((d, di) => {
    const G = used(d);
    for (const [name, v] of [['raw', d], ['normalised', normalised(d, model)]] as const) {
      const imp: number[] = [], best: number[] = [], mates: number[] = [];
      for (let p = 0; p < v.ids.length; p++) {
        let b = -1;
        for (let g = v.realMates; g < G; g++) { const s = row(v, p, g).score; imp.push(s); if (s > b) b = s; }
        best.push(b);
        mates.push(row(v, p, v.mates[p]).score);
      }
      imp.sort((a, b) => b - a);
      const at = (r: number) => fmt(imp[Math.max(0, Math.ceil(r * imp.length) - 1)]);
      console.log(`${names[di]} ${G - d.realMates} generated, ${name.padEnd(10)}: impostor comparisons ${imp.length} at 1% / 0.1% / 0.01% / 0.001%: ${at(0.01)} / ${at(0.001)} / ${at(0.0001)} / ${at(0.00001)}; best impostor median ${fmt(median(best))}; mates median ${fmt(median(mates))} (p10 ${fmt(q(mates, 0.1))})`);
    }
  });
}
