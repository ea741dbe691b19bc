/**
 * Depth study for the latent matcher (issue 11 point 7; docs/measurements/latent.md, "Impostor-only
 * score normalisation"): why mates lose to the best of 10,000 generated impostors, and a
 * normalisation of the latent score learnt from impostor comparisons only.
 *
 *   tsx scripts/latent-depth.ts --cache C.json [--generated-background N] [--every K [--offset I]] --dump OUT
 *       every mark of the cache (scripts/latent-depth-cache.ts) against its set's mates and N generated
 *       templates (fixtures/gallery, seed 7, as eval:latent), the shipped matcher (the normalisation
 *       off unless --normalise); keeps per comparison the features below (OUT.json + OUT.bin).
 *       --mates-from C2.json: the real prints are another set's mates (every one an impostor; for --describe's
 *       real-against-generated line only).
 *       --background DIR:PPI (repeatable): every FVC-style image of DIR, our tenprint extractor at PPI, as
 *       eval:latent reads --background; placed after the mates, before the generated templates, and
 *       counted as background (impostors for --fit, --rank's gallery, --size) like the generated ones
 *       (docs/decisions/latent-synthmodel.md).
 *       --harness: the gallery as eval:latent builds it today: templates keep their block fields and
 *       the generated ones carry the block field of their flow ({ field: true }); without it, as the
 *       first dumps were made (fields stripped, generated without a field).
 *   tsx scripts/latent-depth.ts --from D1[,D2…] --describe [--model M.json] [--size N]   impostor tails by feature, mates, winners (scores normalised by M)
 *   tsx scripts/latent-depth.ts --from D1[,D2…] --fit MODEL.json  the impostor model (impostors only)
 *   tsx scripts/latent-depth.ts --from D1[,D2…] --rank MODEL.json strict ranks, raw and normalised; --against M0.json: and by M0, the marks moved between the two
 *   tsx scripts/latent-depth.ts --from D1[,D2…] --tails --model M.json  the score scale: impostor tail, best impostor, mates
 *   --marks K:I with --from: only the marks with index ≡ I (mod K) of each dump (fit on one half, check on the other)
 *   --fit … --form probe-cubic: the model with the mark's count interacting more freely (19 terms; default quadratic, 15)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { type PreparedTemplate, prepareCandidate } from '../engine/fingerprint/matcher.js';
import type { FingerprintTemplate } from '../engine/fingerprint/template.js';
import { LatentMatcher } from '../engine/latent/latent-matcher.js';
import { backgroundGallery } from '../fixtures/gallery/background-gallery.js';
import { median, rankRate, strictRank } from './eval/latent-ranks.js';
import { arg, fromJson, type LatentDevCache } from './eval/latent-dev-cache.js';
import { folderTemplates, parseFolderSpec } from './eval/image-folders.js';

/** Per comparison. pn / cn: the prepared probe's and candidate's minutiae (what the matcher sees). */
const NAMES = ['score', 'mcc', 'paired', 'po', 'co', 'norm', 'pn', 'cn', 'scale'] as const;
const F = NAMES.length;
interface Header { ids: string[]; mates: number[]; gallery: number; realMates: number; names: readonly string[] }
export interface Dump extends Header { data: Float32Array }

function strip(t: FingerprintTemplate): FingerprintTemplate {
  const { orientations: _o, ...rest } = t;
  return rest;
}

/** Every value of a repeatable option. */
function args(name: string): string[] {
  return process.argv.flatMap((a, i) => (a === name && i + 1 < process.argv.length ? [process.argv[i + 1]] : []));
}

async function compute(out: string): Promise<void> {
  const cache = JSON.parse(readFileSync(arg('--cache')!, 'utf8')) as LatentDevCache;
  // --mates-from C2: the real part of the gallery is another set's mates (all impostors; mate index −1).
  const matesFrom = arg('--mates-from');
  if (matesFrom) {
    cache.mates = (JSON.parse(readFileSync(matesFrom, 'utf8')) as LatentDevCache).mates;
    for (const p of cache.probes) p.mate = -1;
  }
  // --harness: score what eval:latent scores (the cache's JSON block fields back to arrays, not dropped).
  const harness = process.argv.includes('--harness');
  const own = (t: FingerprintTemplate) => (harness ? fromJson(t) : strip(t));
  const gallery: PreparedTemplate[] = cache.mates.map((t) => prepareCandidate(own(t)));
  for (const spec of args('--background')) {
    const { dir, ppi } = parseFolderSpec(spec, `--background ${spec}`);
    for (const p of await folderTemplates(dir, ppi, { label: `--background ${dir}` })) gallery.push(prepareCandidate(p.template));
  }
  const n = Number(arg('--generated-background') ?? 0);
  for (const t of backgroundGallery(7, n, 0, harness ? { field: true } : {})) gallery.push(prepareCandidate(t));
  const every = Number(arg('--every') ?? 1);
  const offset = Number(arg('--offset') ?? 0);
  const probes = cache.probes.filter((_, i) => i % every === offset);
  const options = JSON.parse(arg('--options') ?? '{}');
  const data = new Float32Array(probes.length * gallery.length * F);
  const t0 = performance.now();
  let o = 0;
  for (const p of probes) {
    const m = new LatentMatcher(own(p.latent), options);
    for (const g of gallery) {
      const r = m.match(g);
      const v = r.verification;
      data.set([r.score, v.mcc, v.paired, v.probeOverlap, v.candidateOverlap, v.normalised, m.probe.count, g.count, r.scale], o);
      o += F;
    }
  }
  console.error(`matched ${probes.length} × ${gallery.length} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  const header: Header = { ids: probes.map((p) => p.id), mates: probes.map((p) => p.mate), gallery: gallery.length, realMates: cache.mates.length, names: NAMES };
  writeFileSync(`${out}.json`, JSON.stringify(header));
  writeFileSync(`${out}.bin`, Buffer.from(data.buffer));
}

export function loadDump(path: string): Dump {
  const h = JSON.parse(readFileSync(`${path}.json`, 'utf8')) as Header;
  const b = readFileSync(`${path}.bin`);
  return { ...h, data: new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4) };
}

export const col = (name: (typeof NAMES)[number]) => NAMES.indexOf(name);

const main = async () => {
  const dump = arg('--dump');
  if (dump) return await compute(dump);
  const from = arg('--from');
  if (!from) throw new Error('usage: see the file comment');
  const { describe, fitModel, marksOf, normalised, rankAll, tails } = await import('./eval/latent-depth-study.js');
  const marks = arg('--marks')?.split(':').map(Number);
  const dumps = from.split(',').map(loadDump).map((d) => (marks ? marksOf(d, marks[0], marks[1]) : d));
  const model = arg('--model');
  if (process.argv.includes('--tails') && model) tails(dumps, from.split(','), JSON.parse(readFileSync(model, 'utf8')));
  if (process.argv.includes('--describe')) describe(model ? dumps.map((d) => normalised(d, JSON.parse(readFileSync(model, 'utf8')))) : dumps, from.split(','));
  const fitOut = arg('--fit');
  if (fitOut) fitModel(dumps, fitOut);
  const rank = arg('--rank');
  if (rank !== undefined) rankAll(dumps, from.split(','), rank);
};
await main();
export { median, rankRate, strictRank };
