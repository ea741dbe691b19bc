/**
 * Study for docs/decisions/latent-tenprint-fusion.md: the tenprint route fused into the latent
 * score, F = (1 − w) · L + w · T. L is the shipped latent score (LatentMatcher as the service
 * scans with it), T the tenprint matcher's score of the mark's tenprint-extractor template (`cue`:
 * as shipped, ±90° and the orientation cue; `any`: any rotation, no cue). Strict ranks (a tie with
 * a non-mate is a miss) against the cache's mates alone and against the mates plus a background
 * folder's prints (tenprint extractor at its ppi, cached beside the folder's name).
 *
 *   npx tsx scripts/eval/latent-tenprint-fusion.ts --cache DEV.json [--pairs DIR [--every K --offset I]] [--markup]
 *       [--background DIR:PPI --background-cache FILE.json] [--json OUT.json]
 *
 * DEV.json: `buildLatentDevCache` (scripts/eval/latent-dev-cache.ts), built from --pairs (every K-th
 * pair from I; with markup under --markup) when the file does not exist yet. --markup says the
 * cache's marks carry examiner markup: the gate `nomarkup` then scores them by L alone.
 */
import { writeFileSync } from 'node:fs';
import { FingerprintMatcher, prepareCandidate, type PreparedTemplate } from '../../engine/fingerprint/matcher.js';
import type { FingerprintTemplate } from '../../engine/fingerprint/template.js';
import { LatentMatcher, scaleTemplate } from '../../engine/latent/latent-matcher.js';
import { fusedLatentScore } from '../../engine/latent/tenprint-route.js';
import { LATENT_TENPRINT_ROUTE_MIN_MINUTIAE } from '../../engine/latent/latent-parameters.js';
import { arg, cachedFolderTemplates, cachedLatentDevCache, fromJson } from './latent-dev-cache.js';
import { strictRank } from './latent-ranks.js';

export interface FusionCandidate {
  name: string;
  /**
   * cue: ±90° with the orientation cue; cue2: the larger of cue on the mark and on the mark turned
   * 180°; any: any rotation, no cue; cueScaled: cue on the mark scaled by the scale the latent match
   * chose for the candidate (docs/decisions/latent-route-scale.md).
   */
  route: 'cue' | 'any' | 'cue2' | 'cueScaled';
  weight: number;
  gate: 'always' | 'nomarkup';
  /** No route for a tenprint template of fewer minutiae (the amendment's gate). */
  minMinutiae?: number;
}

/** The declared candidates, in the rule's tie order (smaller w, then `nomarkup`, then `cue`). */
export const CANDIDATES: FusionCandidate[] = [0.25, 0.5].flatMap((weight) =>
  (['nomarkup', 'always'] as const).flatMap((gate) =>
    (['cue', 'any'] as const).map((route) => ({ name: `${route}/w${weight}/${gate}`, route, weight, gate }))));
/** The amendment's candidate: the pick, with no route under LATENT_TENPRINT_ROUTE_MIN_MINUTIAE. */
CANDIDATES.push({ name: `cue/w0.5/nomarkup/min${LATENT_TENPRINT_ROUTE_MIN_MINUTIAE}`, route: 'cue', weight: 0.5, gate: 'nomarkup', minMinutiae: LATENT_TENPRINT_ROUTE_MIN_MINUTIAE });
/** docs/decisions/latent-route-orientation.md: the shipped route at either orientation, and at any rotation, both gated. */
CANDIDATES.push(
  { name: `cue2/w0.5/nomarkup/min${LATENT_TENPRINT_ROUTE_MIN_MINUTIAE}`, route: 'cue2', weight: 0.5, gate: 'nomarkup', minMinutiae: LATENT_TENPRINT_ROUTE_MIN_MINUTIAE },
  { name: `any/w0.5/nomarkup/min${LATENT_TENPRINT_ROUTE_MIN_MINUTIAE}`, route: 'any', weight: 0.5, gate: 'nomarkup', minMinutiae: LATENT_TENPRINT_ROUTE_MIN_MINUTIAE },
);
/** docs/decisions/latent-route-scale.md: the shipped route at the latent match's scale. */
CANDIDATES.push({ name: `cueScaled/w0.5/nomarkup/min${LATENT_TENPRINT_ROUTE_MIN_MINUTIAE}`, route: 'cueScaled', weight: 0.5, gate: 'nomarkup', minMinutiae: LATENT_TENPRINT_ROUTE_MIN_MINUTIAE });
/** docs/decisions/latent-route-weight.md: the shipped route with more weight. */
CANDIDATES.push(...[0.65, 0.8].map((weight) => ({ name: `cue/w${weight}/nomarkup/min${LATENT_TENPRINT_ROUTE_MIN_MINUTIAE}`, route: 'cue' as const, weight, gate: 'nomarkup' as const, minMinutiae: LATENT_TENPRINT_ROUTE_MIN_MINUTIAE })));

/**
 * A template turned by 180° about the centre of its block grid (of the image when it has no field):
 * positions mirrored through the centre, directions + π, the block field's grid reversed (a ridge
 * direction, modulo 180°, is unchanged by a half turn); ridge counts keep their indices.
 */
export function turned180(t: FingerprintTemplate): FingerprintTemplate {
  const o = t.orientations;
  const w = o ? o.blocksWide * o.block : t.width;
  const h = o ? o.blocksHigh * o.block : t.height;
  const turn = (d: number) => (Number.isNaN(d) ? d : (d + Math.PI) % (2 * Math.PI));
  const out: FingerprintTemplate = {
    ...t,
    width: w,
    height: h,
    minutiae: t.minutiae.map((m) => ({ ...m, x: w - m.x, y: h - m.y, direction: turn(m.direction) })),
    singularPoints: t.singularPoints.map((p) => ({ ...p, x: w - p.x, y: h - p.y, direction: turn(p.direction) })),
  };
  if (o) {
    const angles = new Uint8Array(o.angles.length);
    for (let by = 0; by < o.blocksHigh; by++) for (let bx = 0; bx < o.blocksWide; bx++) angles[by * o.blocksWide + bx] = o.angles[(o.blocksHigh - 1 - by) * o.blocksWide + (o.blocksWide - 1 - bx)];
    out.orientations = { ...o, angles };
  }
  return out;
}

/** F for one candidate over one probe's score arrays. */
export function fused(c: FusionCandidate, latent: ArrayLike<number>, tenprint: ArrayLike<number>, markup: boolean, tenprintMinutiae: number): Float64Array {
  const out = new Float64Array(latent.length);
  const w = (c.gate === 'nomarkup' && markup) || tenprintMinutiae < (c.minMinutiae ?? 0) ? 0 : c.weight;
  for (let i = 0; i < latent.length; i++) out[i] = fusedLatentScore(latent[i], tenprint[i], w);
  return out;
}

function rankOf(scores: ArrayLike<number>, mate: number, limit: number): number {
  const others: number[] = [];
  for (let i = 0; i < limit; i++) if (i !== mate) others.push(scores[i]);
  return strictRank(scores[mate], others);
}

async function main(): Promise<void> {
  const cachePath = arg('--cache');
  if (!cachePath) throw new Error('usage: latent-tenprint-fusion --cache DEV.json [--pairs DIR [--every K --offset I]] [--markup] [--background DIR:PPI --background-cache FILE.json] [--json OUT.json]');
  const markup = process.argv.includes('--markup');
  const pairs = arg('--pairs');
  const cache = await cachedLatentDevCache(cachePath, pairs ? { dir: pairs, markup, every: Number(arg('--every') ?? 1), offset: Number(arg('--offset') ?? 0) } : undefined,
    `--cache ${cachePath} does not exist: give --pairs DIR to build it`);
  const mates = cache.mates.map(fromJson);
  const bgSpec = arg('--background');
  const background = bgSpec ? await cachedFolderTemplates(bgSpec, arg('--background-cache')) : [];
  const gallery: PreparedTemplate[] = [...mates, ...background].map(prepareCandidate);
  const nMates = mates.length;
  const columns = { mates: nMates, all: gallery.length };
  const names = ['latent', 'tenprint/cue', 'tenprint/any', 'tenprint/cue2', 'tenprint/cueScaled', ...CANDIDATES.map((c) => c.name)];
  const ranks: Record<string, Record<string, number[]>> = { mates: {}, all: {} };
  const perProbe: { id: string; mates: Record<string, number>; all: Record<string, number> }[] = [];
  const t0 = performance.now();
  for (const [pi, p] of cache.probes.entries()) {
    const latentMatcher = new LatentMatcher(fromJson(p.latent));
    const tenprint = fromJson(p.tenprint);
    const cue = new FingerprintMatcher(tenprint);
    const any = new FingerprintMatcher(tenprint, { anyRotation: true });
    const half = new FingerprintMatcher(turned180(tenprint));
    const atScale = new Map<number, FingerprintMatcher>([[1, cue]]);
    const L = new Float64Array(gallery.length);
    const Ts = new Float64Array(gallery.length);
    const Tc = new Float64Array(gallery.length);
    const Ta = new Float64Array(gallery.length);
    const Tc2 = new Float64Array(gallery.length);
    for (let i = 0; i < gallery.length; i++) {
      const m = latentMatcher.match(gallery[i]);
      L[i] = m.score;
      Tc[i] = cue.score(gallery[i]);
      let scaled = atScale.get(m.scale);
      if (!scaled) atScale.set(m.scale, (scaled = new FingerprintMatcher(scaleTemplate(tenprint, m.scale))));
      Ts[i] = scaled.score(gallery[i]);
      Ta[i] = any.score(gallery[i]);
      Tc2[i] = Math.max(Tc[i], half.score(gallery[i]));
    }
    const scores: Record<string, ArrayLike<number>> = { latent: L, 'tenprint/cue': Tc, 'tenprint/any': Ta, 'tenprint/cue2': Tc2, 'tenprint/cueScaled': Ts };
    for (const c of CANDIDATES) scores[c.name] = fused(c, L, { cue: Tc, cue2: Tc2, any: Ta, cueScaled: Ts }[c.route], markup, tenprint.minutiae.length);
    const row = { id: p.id, mates: {} as Record<string, number>, all: {} as Record<string, number> };
    for (const [col, limit] of Object.entries(columns) as ['mates' | 'all', number][]) {
      for (const n of names) {
        const r = rankOf(scores[n], p.mate, limit);
        (ranks[col][n] ??= []).push(r);
        row[col][n] = r;
      }
    }
    perProbe.push(row);
    if ((pi + 1) % 10 === 0) console.log(`  ${pi + 1}/${cache.probes.length} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  const summary: Record<string, Record<string, { rank1: number; rank10: number }>> = { mates: {}, all: {} };
  for (const col of ['mates', 'all'] as const) {
    console.log(`gallery ${col === 'mates' ? `of mates (${nMates})` : `mates + background (${gallery.length})`}, ${cache.probes.length} marks${markup ? ', markup' : ''}: strict rank-1 / rank-10 in marks`);
    for (const n of names) {
      const r = ranks[col][n];
      const s = { rank1: r.filter((v) => v === 1).length, rank10: r.filter((v) => v <= 10).length };
      summary[col][n] = s;
      console.log(`  ${n.padEnd(24)} ${String(s.rank1).padStart(4)} ${String(s.rank10).padStart(4)}`);
    }
  }
  const out = arg('--json');
  if (out) writeFileSync(out, JSON.stringify({ cache: cachePath, markup, marks: cache.probes.length, mates: nMates, gallery: gallery.length, summary, perProbe }, null, 1) + '\n');
}

if (process.argv[1]?.endsWith('latent-tenprint-fusion.ts')) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack : String(e));
    process.exit(1);
  });
}
