/**
 * Why a mark's spectral ROI falls short of the finger (issue 11 point 7; docs/measurements/latent.md,
 * "Dotted ridges and the spectral ROI"): for each mark, over the spectrum blocks whose centre lies in
 * the tenprint segmentation (the finger as the plain route sees it), the share that fail each test of
 * region-of-interest.ts (band energy, orientation agreement, peak share alone and averaged), the
 * medians of peak share, coherentPeakShare and pore share there, and the spectral ROI's IoU with the
 * segmentation (the route choice, PLAIN_MARK_MIN_IOU) under the shipped test and under coherentShare.
 *
 *   tsx scripts/latent-spectrum-diag.ts --pairs DIR [--only ID,…] [--coherent '{"periodMin":5,"consistency":0.8}'] [--share-period-min N] [--candidate-agreement F] [--energy E] [--consistency C]
 */
import { decodeGray } from './eval/image-templates.js';
import { readLatentPairs } from './eval/latent-pairs.js';
import { arg } from './eval/latent-dev-cache.js';
import { workingImage } from '../engine/fingerprint/extractor.js';
import { orientationField } from '../engine/fingerprint/extraction/orientation-field.js';
import { segmentationMask } from '../engine/fingerprint/extraction/segmentation-mask.js';
import { ridgeSpectrum } from '../engine/latent/ridge-spectrum.js';
import { maskIou, regionOfInterest } from '../engine/latent/region-of-interest.js';
import { latentOrientation } from '../engine/latent/latent-orientation.js';
import { ridgeContinuityImage } from '../engine/latent/ridge-continuity.js';
import { CONTINUITY_GATE, CONTINUITY_SIGMA_PX, ROI_MIN_CONSISTENCY, ROI_MIN_PEAK_SHARE, ROI_MIN_RELATIVE_ENERGY } from '../engine/latent/latent-parameters.js';

function median(v: number[]): number {
  if (v.length === 0) return NaN;
  const s = [...v].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}


const dir = arg('--pairs');
if (!dir) throw new Error('usage: latent-spectrum-diag --pairs DIR [--only ID,…] [--coherent JSON] [--share-period-min N]');
const only = arg('--only')?.split(',');
const coherent = JSON.parse(arg('--coherent') ?? '{"periodMin":5,"consistency":0.8}') as { periodMin: number; consistency: number };
const spm = Number(arg('--share-period-min') ?? 0);
console.log('| mark | finger blocks | fail energy | fail agreement | agreement p50 | peak share p50 | coherent share p50 | pore share p50 | IoU shipped | IoU variant |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const p of readLatentPairs(dir)) {
  if (only && !only.some((o) => p.id === o || p.id.endsWith(o))) continue;
  const image = workingImage(await decodeGray(p.latent), 500);
  const sp = ridgeSpectrum(image, spm, coherent.periodMin);
  const smooth = ridgeContinuityImage(image, latentOrientation(sp, { polygon: null }), CONTINUITY_SIGMA_PX, CONTINUITY_GATE);
  const seg = segmentationMask(smooth, orientationField(smooth), { coreScore: 0 });
  const roiA = regionOfInterest(sp, undefined, 0);
  const roiB = regionOfInterest(sp, undefined, coherent.consistency, Number(arg('--candidate-agreement') ?? 0), Number(arg('--energy') ?? ROI_MIN_RELATIVE_ENERGY), Number(arg('--consistency') ?? ROI_MIN_CONSISTENCY));
  const { blocksWide: bw, blocksHigh: bh, block: B, candidates: K } = sp;
  const band = Array.from({ length: bw * bh }, (_, b) => sp.candidateEnergy[b * K]!);
  const p95 = [...band].sort((a, b) => a - b)[Math.floor(0.95 * (band.length - 1))] ?? 0;
  let n = 0, failE = 0, failA = 0;
  const agreeV: number[] = [], share: number[] = [], cshare: number[] = [], pore: number[] = [];
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      const cx = Math.min(image.width - 1, bx * B + (B >> 1)), cy = Math.min(image.height - 1, by * B + (B >> 1));
      if (!seg.mask[cy * image.width + cx]) continue;
      const b = by * bw + bx;
      n++;
      if (band[b]! < ROI_MIN_RELATIVE_ENERGY * p95 || band[b]! <= 0) { failE++; continue; }
      const t = sp.candidateAngle[b * K]!;
      let agree = 0, weight = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        if (!dx && !dy) continue;
        const x = bx + dx, y = by + dy;
        if (x < 0 || y < 0 || x >= bw || y >= bh) continue;
        const j = y * bw + x;
        agree += sp.peakShare[j]! * Math.cos(2 * (sp.candidateAngle[j * K]! - t));
        weight += sp.peakShare[j]!;
      }
      const a = weight > 0 ? agree / weight : 0;
      agreeV.push(a);
      if (a < ROI_MIN_CONSISTENCY) failA++;
      share.push(sp.peakShare[b]!);
      cshare.push(sp.coherentPeakShare![b]!);
      pore.push(sp.poreShare[b]!);
    }
  }
  const f = (v: number) => (100 * v / Math.max(1, n)).toFixed(0) + '%';
  console.log(`| ${p.id} | ${n} | ${f(failE)} | ${f(failA)} | ${median(agreeV).toFixed(2)} | ${median(share).toFixed(3)} | ${median(cshare).toFixed(3)} | ${median(pore).toFixed(3)} | ${maskIou(roiA.mask, seg.mask).toFixed(2)} | ${maskIou(roiB.mask, seg.mask).toFixed(2)} |`);
}
console.log(`(peak-share threshold ROI_MIN_PEAK_SHARE ${ROI_MIN_PEAK_SHARE}, averaged over the blocks about each)`);
