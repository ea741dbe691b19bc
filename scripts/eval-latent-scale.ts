/**
 * Development harness for scale tolerance and the tenprint route of latent marks (issue 11 point 7;
 * docs/measurements/latent.md, "Scale"). Same searches and strict ranks as eval:latent (exhaustive,
 * mates of equal content one entry), templates cached, many settings scored in one pass:
 *
 *   tsx scripts/eval-latent-scale.ts --pairs DIR [--markup] [--every K [--offset I]] [--sample K]
 *       [--generated-background N] [--scales 0.85,0.92,1,1.08,1.18] [--cue-weights 0,1,2,3] [--penalties 0,0.5,1]
 *       [--latent-only] --cache FILE.json [--json OUT.json]
 *
 * Settings scored:
 * - latent/s{…}: the latent matcher (engine/latent/latent-matcher.ts) with the probe searched at
 *   these scales, the best score kept (each subset of --scales that holds 1 and is symmetric
 *   about it, plus the one-sided ones below 1);
 * - tenprint/cue: the tenprint extractor on the mark and the tenprint matcher as a tenprint search
 *   runs it (rotation within 90°, the orientation cue where both sides carry a block field: the
 *   mates do, generated background templates do not, so with a generated background this route's
 *   mates are scored with the cue and the impostors without);
 * - tenprint/any: the same templates at any rotation (no cue);
 * - fused: max and mean of latent and tenprint/cue scores.
 */
import { writeFileSync } from 'node:fs';
import { FingerprintMatcher, type PreparedTemplate, prepareCandidate } from '../engine/fingerprint/matcher.js';
import { LatentMatcher, scaleTemplate } from '../engine/latent/latent-matcher.js';
import { LATENT_ORIENTATION_NEUTRAL } from '../engine/latent/latent-parameters.js';
import { backgroundGallery } from '../fixtures/gallery/background-gallery.js';
import { median, rankRate, strictRank } from './eval/latent-ranks.js';
import { arg, cachedLatentDevCache, fromJson } from './eval/latent-dev-cache.js';

async function main(): Promise<void> {
  const dir = arg('--pairs');
  const cachePath = arg('--cache');
  if (!dir || !cachePath) throw new Error('usage: eval-latent-scale --pairs DIR [--markup] [--every K [--offset I]] [--sample K] [--generated-background N] [--scales a,b,c] --cache FILE.json [--json OUT.json]');
  const markup = process.argv.includes('--markup');
  const every = Number(arg('--every') ?? 1);
  const generated = Number(arg('--generated-background') ?? 0);
  const scales = (arg('--scales') ?? '0.85,0.92,1,1.08,1.18').split(',').map(Number).sort((a, b) => a - b);
  if (!scales.includes(1) || scales.some((k) => !(k > 0))) throw new Error('--scales: positive numbers, 1 among them');
  const cache = await cachedLatentDevCache(cachePath, { dir, markup, every, offset: Number(arg('--offset') ?? 0) }, '');
  cache.mates = cache.mates.map(fromJson);
  for (const p of cache.probes) {
    p.tenprint = fromJson(p.tenprint);
    p.latent = fromJson(p.latent);
  }
  // --latent-only: skip the tenprint route and the fusions (a large background at less cost).
  const latentOnly = process.argv.includes('--latent-only');
  const sample = Number(arg('--sample') ?? 1);
  cache.probes = cache.probes.filter((_, i) => i % sample === 0);
  const gallery: PreparedTemplate[] = cache.mates.map(prepareCandidate);
  for (const t of backgroundGallery(7, generated)) gallery.push(prepareCandidate(t));
  console.log(`${dir}${markup ? ' (markup)' : ''}: ${cache.probes.length} marks, gallery ${gallery.length}, scales ${scales.join(' ')}`);

  // Scale subsets scored: {1}, the symmetric ones growing outwards, and those below 1 only.
  const one = scales.indexOf(1);
  const subsets: number[][] = [[1]];
  for (let r = 1; one - r >= 0 || one + r < scales.length; r++) subsets.push(scales.slice(Math.max(0, one - r), one + r + 1));
  for (let r = 1; one - r >= 0; r++) subsets.push(scales.slice(one - r, one + 1));
  const uniq = new Map(subsets.map((s) => [`latent/s${s.join('_')}`, s]));
  const weights = (arg('--cue-weights') ?? '0,1,2,3').split(',').map(Number);
  const penalties = (arg('--penalties') ?? '0,0.5,1').split(',').map(Number);
  const margins = (arg('--margins') ?? '').split(',').filter((v) => v !== '').map(Number);

  const ranks: Record<string, number[]> = {};
  // The best impostor's score per mark (with a generated background: its k = 1 at that size).
  const bestImpostor: Record<string, number[]> = {};
  const mateScale: Record<string, number> = {};
  const push = (k: string, s: ArrayLike<number>, mate: number) => {
    const others: number[] = [];
    for (let i = 0; i < s.length; i++) if (i !== mate) others.push(s[i]);
    (ranks[k] ??= []).push(strictRank(s[mate], others));
    let top = 0;
    for (const o of others) top = Math.max(top, o);
    (bestImpostor[k] ??= []).push(top);
  };
  const perProbe: { id: string; ranks: Record<string, number>; mateScale: number }[] = [];
  const t0 = performance.now();
  for (const [pi, p] of cache.probes.entries()) {
    const byScale = new Map<number, Float64Array>();
    const agreeAt = new Map<number, Float64Array>();
    const mccAt = new Map<number, Float64Array>();
    for (const k of scales) {
      const m = new LatentMatcher(scaleTemplate(p.latent, k), { scales: [1], reportOrientation: true });
      const s = new Float64Array(gallery.length);
      const a = new Float64Array(gallery.length);
      const mc = new Float64Array(gallery.length);
      for (let gi = 0; gi < gallery.length; gi++) {
        const r = m.match(gallery[gi]);
        s[gi] = r.score;
        a[gi] = r.orientationAgreement ?? Number.NaN;
        mc[gi] = r.verification.mcc;
      }
      byScale.set(k, s);
      mccAt.set(k, mc);
      agreeAt.set(k, a);
    }
    const row: Record<string, number> = {};
    for (const [subsetName, subset] of uniq) {
      for (const w of weights) {
        for (const pen of penalties) {
          const name = `${subsetName}${w ? `/cue${w}` : ''}${pen ? `/pen${pen}` : ''}`;
          if (pen && subset.length === 1) continue;
          const s = new Float64Array(gallery.length);
          for (let gi = 0; gi < gallery.length; gi++) {
            let b = 0;
            for (const k of subset) {
              const a = agreeAt.get(k)![gi];
              let v = byScale.get(k)![gi];
              if (w && !Number.isNaN(a)) v = Math.min(1, v * Math.exp(w * (a - LATENT_ORIENTATION_NEUTRAL)));
              if (pen) v *= Math.exp(-pen * Math.abs(Math.log(k)));
              b = Math.max(b, v);
            }
            s[gi] = b;
          }
          push(name, s, p.mate);
          row[name] = ranks[name].at(-1)!;
        }
      }
    }
    // The cheaper form: MCC's score (its fast path) picks the scale, the latent score is taken there
    // only (and at scale 1: "bymcc1"), so one or two full latent comparisons instead of one per scale.
    for (const [subsetName, subset] of uniq) {
      if (subset.length === 1) continue;
      const pick = new Float64Array(gallery.length);
      const pick1 = new Float64Array(gallery.length);
      for (let gi = 0; gi < gallery.length; gi++) {
        let kb = 1;
        for (const k of subset) if (mccAt.get(k)![gi] > mccAt.get(kb)![gi]) kb = k;
        pick[gi] = byScale.get(kb)![gi];
        pick1[gi] = Math.max(pick[gi], byScale.get(1)![gi]);
      }
      push(`${subsetName}/bymcc`, pick, p.mate);
      push(`${subsetName}/bymcc1`, pick1, p.mate);
      // An off scale only when its MCC beats the mark's own scale by a margin (fewer impostor picks).
      for (const margin of margins) {
        const pm = new Float64Array(gallery.length);
        for (let gi = 0; gi < gallery.length; gi++) {
          let kb = 1;
          let mb = mccAt.get(1)![gi] * (1 + margin);
          for (const k of subset) if (k !== 1 && mccAt.get(k)![gi] > mb) { kb = k; mb = mccAt.get(k)![gi]; }
          pm[gi] = byScale.get(kb)![gi];
        }
        push(`${subsetName}/bymcc/margin${margin}`, pm, p.mate);
      }
    }
    let bestK = 1;
    for (const k of scales) if (byScale.get(k)![p.mate] > byScale.get(bestK)![p.mate]) bestK = k;
    mateScale[p.id] = bestK;
    if (latentOnly) {
      perProbe.push({ id: p.id, ranks: row, mateScale: bestK });
      if ((pi + 1) % 5 === 0) console.log(`  ${pi + 1}/${cache.probes.length} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
      continue;
    }
    const cue = new FingerprintMatcher(p.tenprint);
    const any = new FingerprintMatcher(p.tenprint, { anyRotation: true });
    const tc = new Float64Array(gallery.length);
    const ta = new Float64Array(gallery.length);
    for (let gi = 0; gi < gallery.length; gi++) {
      tc[gi] = cue.score(gallery[gi]);
      ta[gi] = any.score(gallery[gi]);
    }
    push('tenprint/cue', tc, p.mate);
    push('tenprint/any', ta, p.mate);
    const l1 = byScale.get(1)!;
    push('fused/max(latent s1, tenprint cue)', l1.map((v, i) => Math.max(v, tc[i])), p.mate);
    push('fused/mean(latent s1, tenprint cue)', l1.map((v, i) => (v + tc[i]) / 2), p.mate);
    const widest = [...uniq.keys()][subsets.findIndex((s) => s.length === scales.length)];
    if (widest) {
      const lw = new Float64Array(gallery.length);
      for (let gi = 0; gi < gallery.length; gi++) for (const k of scales) lw[gi] = Math.max(lw[gi], byScale.get(k)![gi]);
      push(`fused/max(${widest}, tenprint cue)`, lw.map((v, i) => Math.max(v, tc[i])), p.mate);
    }
    for (const k of ['tenprint/cue', 'tenprint/any']) row[k] = ranks[k].at(-1)!;
    perProbe.push({ id: p.id, ranks: row, mateScale: bestK });
    if ((pi + 1) % 10 === 0) console.log(`  ${pi + 1}/${cache.probes.length} (${((performance.now() - t0) / 1000).toFixed(0)} s): rank-1 latent/s1 ${(100 * rankRate(ranks['latent/s1'], 1)).toFixed(1)}%`);
  }
  const pct = (v: number) => (100 * v).toFixed(1).padStart(5);
  const rows = Object.keys(ranks).sort().map((k) => ({ k, r1: rankRate(ranks[k], 1), r10: rankRate(ranks[k], 10), r20: rankRate(ranks[k], 20), bestImpostorMedian: median([...bestImpostor[k]]) }));
  for (const r of rows) console.log(`${r.k.padEnd(48)} rank-1 ${pct(r.r1)}%  rank-10 ${pct(r.r10)}%  rank-20 ${pct(r.r20)}%  best impostor p50 ${r.bestImpostorMedian.toFixed(4)}`);
  const counts: Record<string, number> = {};
  for (const v of Object.values(mateScale)) counts[v] = (counts[v] ?? 0) + 1;
  console.log(`mate's best scale: ${JSON.stringify(counts)}; ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  const out = arg('--json');
  if (out) writeFileSync(out, JSON.stringify({ marks: cache.probes.length, gallery: gallery.length, scales, rows, perProbe }, null, 1) + '\n');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : String(e));
  process.exit(1);
});
