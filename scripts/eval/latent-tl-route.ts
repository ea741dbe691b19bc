/**
 * Study for docs/decisions/latent-tl-route.md: TL (a tenprint against the unsolved latent file) with
 * the tenprint route. Each mark of the file is read by the latent pipeline and, by its image, by the
 * tenprint extractor (its route when that holds ≥ LATENT_TENPRINT_ROUTE_MIN_MINUTIAE minutiae); each
 * tenprint (the marks' mates and a background folder's prints) is compared with every mark as TL
 * does: L = the latent matcher with the tenprint as probe (the scan's direction), T = the tenprint
 * matcher with the tenprint as probe against the mark's route template, F = fusedLatentScore(L, T),
 * S = 1 − (1 − F)^k.
 *
 *   # k from impostors only (rule 3)
 *   npx tsx scripts/eval/latent-tl-route.ts --file CACHE.json[=PAIRS_DIR[:EVERY:OFFSET]]... --background DIR:PPI:FROM-TO --background-cache F.json --calibrate [--json OUT.json]
 *   # true and false hits at the threshold, S (with --k) against L (rule 5)
 *   npx tsx scripts/eval/latent-tl-route.ts --file … --background … --k K [--threshold 0.031] [--json OUT.json]
 *   # marks the service refuses dropped (--min-mark-minutiae 4); hits also counted with a TL floor (tl-few-minutiae.md)
 *   npx tsx scripts/eval/latent-tl-route.ts … --k K --threshold 0.057 --min-mark-minutiae 4 --tl-floor 8
 *
 * The files must not share fingers: a mark's mate is known only within its own file, so a mark
 * against another file's print of its finger counts as a false hit (gan-fvc2002-db1's b marks and
 * the hard marks share FVC2002 DB1_B fingers 101–110; tl-few-minutiae.md).
 *
 * `--file CACHE.json=DIR:3:1` builds the cache (buildLatentDevCache, no markup) from every 3rd pair
 * of DIR from index 1 when CACHE.json does not exist; `--file CACHE.json` reads it.
 */
import { writeFileSync } from 'node:fs';
import { FingerprintMatcher, prepareCandidate, type PreparedTemplate } from '../../engine/fingerprint/matcher.js';
import type { FingerprintTemplate } from '../../engine/fingerprint/template.js';
import { LatentMatcher } from '../../engine/latent/latent-matcher.js';
import { fusedLatentScore, hasTenprintRoute, onLatentScale } from '../../engine/latent/tenprint-route.js';
import { cachedFolderTemplates, cachedLatentDevCache, fromJson, type LatentDevCache } from './latent-dev-cache.js';

/** k of rule 3: the median over the quantiles of log(1 − q_L) / log(1 − q_F). */
export function scaleExponent(latent: ArrayLike<number>, fused: ArrayLike<number>, quantiles: readonly number[] = [0.01, 0.001, 0.0001]): { k: number; points: { q: number; l: number; f: number; ratio: number }[] } {
  const desc = (xs: ArrayLike<number>) => Float64Array.from(xs).sort().reverse();
  const l = desc(latent);
  const f = desc(fused);
  const points = quantiles.map((q) => {
    const ql = l[Math.floor(q * l.length)];
    const qf = f[Math.floor(q * f.length)];
    return { q, l: ql, f: qf, ratio: Math.log(1 - ql) / Math.log(1 - qf) };
  });
  const ratios = points.map((p) => p.ratio).sort((a, b) => a - b);
  return { k: Math.round(ratios[Math.floor(ratios.length / 2)] * 100) / 100, points };
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

interface Mark {
  file: number;
  id: string;
  /** Index of its mate in the probe list. */
  mate: number;
  form: PreparedTemplate;
  route: PreparedTemplate | null;
  /** Minutiae of the latent template and of the tenprint route's (reported with the false hits). */
  minutiae: number;
  routeMinutiae: number;
}

async function loadFile(spec: string): Promise<LatentDevCache> {
  const [path, source] = spec.split('=');
  const [dir, every = '1', offset = '0'] = source ? source.split(':') : [];
  return cachedLatentDevCache(path, dir ? { dir, markup: false, every: Number(every), offset: Number(offset) } : undefined,
    `--file ${path} does not exist: give ${path}=PAIRS_DIR[:EVERY:OFFSET] to build it`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2).filter((a) => a !== '--');
  const all = (name: string) => argv.flatMap((a, i) => (argv[i - 1] === name ? [a] : []));
  const one = (name: string) => all(name)[0];
  const files = all('--file');
  if (files.length === 0) throw new Error('usage: latent-tl-route --file CACHE.json[=DIR[:EVERY:OFFSET]]... [--background DIR:PPI:FROM-TO...] [--background-cache F.json] (--calibrate | --k K) [--threshold T] [--json OUT.json]');
  const minMarkMinutiae = Number(one('--min-mark-minutiae') ?? 0);
  const tlFloor = Number(one('--tl-floor') ?? 0);
  const probes: FingerprintTemplate[] = [];
  const marks: Mark[] = [];
  let dropped = 0;
  for (const [fi, spec] of files.entries()) {
    const cache = await loadFile(spec);
    const base = probes.length;
    probes.push(...cache.mates.map(fromJson));
    for (const p of cache.probes) {
      const latent = fromJson(p.latent);
      if (latent.minutiae.length < minMarkMinutiae) { dropped++; continue; }
      const tenprint = fromJson(p.tenprint);
      const route = hasTenprintRoute(tenprint);
      marks.push({ file: fi, id: p.id, mate: base + p.mate, form: prepareCandidate(latent), route: route ? prepareCandidate(tenprint) : null, minutiae: latent.minutiae.length, routeMinutiae: route ? tenprint.minutiae.length : 0 });
    }
  }
  const nMates = probes.length;
  const bgCaches = all('--background-cache');
  for (const [i, spec] of all('--background').entries()) probes.push(...(await cachedFolderTemplates(spec, bgCaches[i])));
  if (dropped > 0) console.log(`${dropped} marks with fewer than ${minMarkMinutiae} minutiae dropped (the service refuses them)`);
  console.log(`${marks.length} marks (${marks.filter((m) => m.route).length} with a route) against ${probes.length} tenprints (${nMates} mates)`);

  // Every (tenprint, mark) comparison: L and, for a route mark, F.
  const L = new Float64Array(probes.length * marks.length);
  const F = new Float64Array(probes.length * marks.length).fill(Number.NaN);
  const t0 = performance.now();
  for (const [pi, t] of probes.entries()) {
    const latent = new LatentMatcher(t);
    const tenprint = new FingerprintMatcher(t);
    for (const [mi, m] of marks.entries()) {
      const l = latent.score(m.form);
      L[pi * marks.length + mi] = l;
      if (m.route) F[pi * marks.length + mi] = fusedLatentScore(l, tenprint.score(m.route));
    }
    if ((pi + 1) % 200 === 0) console.log(`  ${pi + 1}/${probes.length} tenprints (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  const genuine = (pi: number, mi: number) => marks[mi].mate === pi;
  const report: Record<string, unknown> = { marks: marks.length, routeMarks: marks.filter((m) => m.route).length, tenprints: probes.length, mates: nMates };

  if (argv.includes('--calibrate')) {
    const l: number[] = [];
    const f: number[] = [];
    for (let pi = 0; pi < probes.length; pi++) {
      for (let mi = 0; mi < marks.length; mi++) {
        if (!marks[mi].route || genuine(pi, mi)) continue;
        l.push(L[pi * marks.length + mi]);
        f.push(F[pi * marks.length + mi]);
      }
    }
    const { k, points } = scaleExponent(l, f);
    for (const p of points) console.log(`impostor ${100 * p.q}%: L ${p.l.toFixed(4)}  F ${p.f.toFixed(4)}  log ratio ${p.ratio.toFixed(3)}`);
    console.log(`k = ${k} (over ${l.length} impostor comparisons of route marks)`);
    Object.assign(report, { impostors: l.length, k, points });
  }
  const kText = one('--k');
  if (kText !== undefined) {
    const k = Number(kText);
    const threshold = Number(one('--threshold') ?? 0.031);
    const rows: Record<string, unknown>[] = [];
    for (const [fi, spec] of files.entries()) {
      // …Floor: S hits when marks under --tl-floor minutiae are skipped, as the automatic TL does.
      const c = { file: spec.split('=')[0], marks: 0, routeMarks: 0, trueL: 0, trueS: 0, falseL: 0, falseS: 0, genuine: 0, impostors: 0, underFloor: 0, trueSFloor: 0, falseSFloor: 0 };
      // Every mark: its mate's S, its best impostor's S and its false hits (for rules that depend on the mark).
      const perMark: { id: string; minutiae: number; routeMinutiae: number; mateS: number; bestImpostorS: number; falseS: number }[] = [];
      for (const [mi, m] of marks.entries()) {
        if (m.file !== fi) continue;
        c.marks++;
        if (m.route) c.routeMarks++;
        let falseS = 0;
        let mateS = Number.NaN;
        let bestImpostorS = 0;
        for (let pi = 0; pi < probes.length; pi++) {
          const l = L[pi * marks.length + mi];
          const s = m.route ? onLatentScale(F[pi * marks.length + mi], k) : l;
          if (genuine(pi, mi)) { c.genuine++; mateS = s; if (l >= threshold) c.trueL++; if (s >= threshold) c.trueS++; }
          else { c.impostors++; bestImpostorS = Math.max(bestImpostorS, s); if (l >= threshold) c.falseL++; if (s >= threshold) falseS++; }
        }
        c.falseS += falseS;
        if (m.minutiae < tlFloor) c.underFloor++;
        else { c.falseSFloor += falseS; if (mateS >= threshold) c.trueSFloor++; }
        perMark.push({ id: m.id, minutiae: m.minutiae, routeMinutiae: m.routeMinutiae, mateS: round4(mateS), bestImpostorS: round4(bestImpostorS), falseS });
      }
      // Which marks raise the false hits (by S), with their minutiae: most first.
      const falseByMark = perMark.filter((m) => m.falseS > 0).map(({ id, minutiae, routeMinutiae, falseS }) => ({ id, minutiae, routeMinutiae, falseS })).sort((a, b) => b.falseS - a.falseS);
      rows.push({ ...c, falseByMark, perMark });
      console.log(`${c.file}: ${c.marks} marks (${c.routeMarks} with a route), at ${threshold}: true hits L ${c.trueL} → S ${c.trueS} of ${c.genuine}; false hits L ${c.falseL} → S ${c.falseS} of ${c.impostors}`);
      if (tlFloor > 0) console.log(`  with the TL floor ${tlFloor} (${c.underFloor} marks skipped): true hits S ${c.trueSFloor}, false hits S ${c.falseSFloor}`);
    }
    Object.assign(report, { k, threshold, minMarkMinutiae, tlFloor, rows });
  }
  const out = one('--json');
  if (out) writeFileSync(out, JSON.stringify(report, null, 1) + '\n');
}

if (process.argv[1]?.endsWith('latent-tl-route.ts')) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack : String(e));
    process.exit(1);
  });
}
