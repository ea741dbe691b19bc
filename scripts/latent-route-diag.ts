/**
 * Study (docs/decisions/latent-route-strict.md): which marks take the plain-mark route, and what
 * the route test's two masks look like there.
 *
 *   npx tsx scripts/latent-route-diag.ts --pairs DIR [--ppi N] [--force-latent-route] [--compare-max-fraction F] --json OUT.json
 *
 * For every pair: the route test's IoU and outcome (latent-extractor.ts routeProbe), the spectral
 * ROI's and the tenprint segmentation's area as fractions of the image, and, where the pair carries
 * a true ROI (markup.json of the generated hard marks), how much of each mask lies on it and how
 * much of the true ROI the segmentation covers. Also the statistics a stricter route test could
 * read (all from the ridge spectrum the extractor already made):
 *   outsideEnergy: share of the image's spectral energy (non-DC, per block) in blocks outside the
 *     segmentation; outsideBand: the same for the energy of each block's strongest ridge-band peak
 *     (energy × peakShare); outsideRidgeBlocks: share of the ridge-like blocks (the spectral ROI's
 *     block map, before its largest component is taken) that lie outside the segmentation;
 *     outsideRelative: median band energy of outside blocks over that of inside blocks.
 * The ROI the extractor finally used (its 'segmentation-mask' stage: the plain route's segmentation
 * or the latent route's spectral ROI; with --force-latent-route always the latent route's) is given
 * the same way: roiFraction, roiOnTrue, trueCoveredByRoi.
 * --compare-max-fraction F: each mark is also extracted with routeMaxFraction F and `sameFeatures`
 * says whether its LatentFeatures are identical (JSON) to those without: where they are, its search
 * ranks are the same at any gallery size.
 * generation.json `layers` (the hard marks' surface draws) are copied through. No image data is
 * written, only these figures.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractLatentFeatures, type RouteProbe } from '../engine/latent/latent-extractor.js';
import { insidePolygon } from '../engine/latent/latent-features.js';
import { decodeGray } from './eval/image-templates.js';
import { readLatentPairs } from './eval/latent-pairs.js';
import { readMarkupFile } from './eval/latent-markup-file.js';
import { routeStatistics } from '../engine/latent/route-statistics.js';

const argv = process.argv.slice(2).filter((a) => a !== '--');
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i < 0 ? undefined : argv[i + 1];
};
const dir = opt('--pairs');
const out = opt('--json');
const ppi = Number(opt('--ppi') ?? 500);
const forceLatent = argv.includes('--force-latent-route');
const compare = opt('--compare-max-fraction') === undefined ? undefined : Number(opt('--compare-max-fraction'));
if (!dir || !out) throw new Error('usage: latent-route-diag --pairs DIR [--ppi N] --json OUT.json');

const rows: Record<string, unknown>[] = [];
const pairs = readLatentPairs(dir);
for (const [n, p] of pairs.entries()) {
  const image = await decodeGray(p.latent);
  let probe: RouteProbe | null = null;
  let used: Uint8Array | null = null;
  const features = await extractLatentFeatures(image, {
    ppi,
    ...(forceLatent ? { forceRoute: 'latent' as const } : {}),
    routeProbe: (r) => { probe = r; },
    sink: (stage, output) => { if (stage === 'segmentation-mask') used = (output as { mask: Uint8Array }).mask; },
  });
  const row: Record<string, unknown> = { id: p.id };
  if (compare !== undefined) {
    const strict = await extractLatentFeatures(image, { ppi, ...(forceLatent ? { forceRoute: 'latent' as const } : {}), routeMaxFraction: compare });
    row.sameFeatures = JSON.stringify(strict) === JSON.stringify(features);
  }
  const genPath = join(dir, p.id, 'generation.json');
  if (existsSync(genPath)) row.layers = JSON.parse(readFileSync(genPath, 'utf8')).layers;
  if (probe === null) {
    row.probed = false;
    rows.push(row);
    continue;
  }
  const r: RouteProbe = probe;
  const { width: w, height: h } = r.spectrum;
  const roiMask: Uint8Array = used ?? new Uint8Array(w * h);
  let spectral = 0, seg = 0, roiArea = 0;
  for (let i = 0; i < w * h; i++) { spectral += r.spectralMask[i]!; seg += r.segmentationMask[i]!; roiArea += roiMask[i]!; }
  Object.assign(row, { probed: true, plain: r.plain, iou: r.iou, spectralFraction: spectral / (w * h), segmentationFraction: seg / (w * h), roiFraction: roiArea / (w * h) }, routeStatistics(r.spectrum, r.segmentationMask));
  const markup = p.markup ? readMarkupFile(p.markup) : undefined;
  if (markup?.roi && markup.roi.length >= 3 && ppi === 500) {
    // The true ROI as a pixel mask at 500 ppi (the generated marks are written at 500 ppi).
    let truth = 0, specOn = 0, segOn = 0, roiOn = 0;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        if (!insidePolygon({ x: x + 0.5, y: y + 0.5 }, markup.roi)) continue;
        const i = y * w + x;
        truth++;
        specOn += r.spectralMask[i]!;
        segOn += r.segmentationMask[i]!;
        roiOn += roiMask[i]!;
      }
    }
    Object.assign(row, { trueFraction: truth / (w * h), spectralOnTrue: spectral ? specOn / spectral : 0, segmentationOnTrue: seg ? segOn / seg : 0, trueCoveredBySegmentation: truth ? segOn / truth : 0, roiOnTrue: roiArea ? roiOn / roiArea : 0, trueCoveredByRoi: truth ? roiOn / truth : 0 });
  }
  rows.push(row);
  if ((n + 1) % 25 === 0) console.log(`${n + 1}/${pairs.length}`);
}
writeFileSync(out, JSON.stringify(rows, null, 1) + '\n');
console.log(`wrote ${out}: ${rows.length} marks, ${rows.filter((r) => r.plain).length} on the plain route`);
