/**
 * Ridge orientation of a mark that survives structured noise. The tenprint estimate (gradient
 * covariance, orientation-field.ts) averages every edge in the window, so a ruled line or a text
 * stroke — far stronger edges than a latent's faint ridges — takes the window over. Here each
 * block instead offers its few strongest ridge-band spectral peaks as candidates (ridge-spectrum.ts)
 * and the field is settled by agreement between neighbours, coarse to fine:
 *   1. a coarse field: the chosen candidates' doubled-angle vectors, weighted by the block's
 *      spectral clarity (peak share) and the candidate's strength, smoothed with a wide Gaussian
 *      (ORIENT_COARSE_SIGMA_BLOCKS) — wide enough that a line or a word is outvoted by the ridges
 *      around it;
 *   2. each block re-chooses the candidate that best combines strength and agreement with the
 *      coarse field (ridges crossed by a line keep a weaker peak at the ridges' orientation);
 *   3. repeat (ORIENT_ROUNDS), then a fine coherence-weighted smoothing (ORIENT_FINE_SIGMA_BLOCKS)
 *      interpolated to every pixel.
 * This is the candidate-selection idea of Feng, Zhou & Jain 2013 ("Orientation field estimation
 * for latent fingerprint enhancement", §3: several candidate orientations per block, the one
 * compatible with its neighbourhood wins) with a smoothness prior in place of their learned
 * dictionary of orientation patches (we have one labelled latent, not a training set; see
 * docs/decisions/latent-orientation.md).
 *
 * Blocks outside the ROI vote with a small weight only, so the background does not bend the
 * field at the mark's edge but the field stays defined everywhere.
 */
import type { OrientationField } from '../fingerprint/extraction/orientation-field.js';
import { insidePolygon } from './latent-features.js';
import { ORIENT_AGREEMENT_POWER, ORIENT_BACKGROUND_ANGLE_DEG, ORIENT_BACKGROUND_DISCOUNT, ORIENT_BACKGROUND_PERIOD_REL, ORIENT_COARSE_SIGMA_BLOCKS, ORIENT_FINE_SIGMA_BLOCKS, ORIENT_ROUNDS } from './latent-parameters.js';
import type { RegionOfInterest } from './region-of-interest.js';
import type { RidgeSpectrum } from './ridge-spectrum.js';

export interface LatentOrientation extends OrientationField {
  /** The block grid of the spectrum, with each block's settled orientation and its consistency 0–1. */
  block: number;
  blocksWide: number;
  blocksHigh: number;
  blockAngle: Float32Array;
  blockConsistency: Float32Array;
  /** Which spectrum candidate each block settled on (0 = its strongest peak). */
  chosen: Uint8Array;
}

/** Weight of blocks whose centre lies outside the ROI. */
const OUTSIDE_WEIGHT = 0.05;

/** Which blocks have their centre inside the polygon (all of them for none). */
function insideBlocks(spectrum: RidgeSpectrum, polygon: readonly { x: number; y: number }[] | null): Uint8Array {
  const { width: w, height: h, block: B, blocksWide: bw, blocksHigh: bh } = spectrum;
  const inside = new Uint8Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      const cx = Math.min(w - 1, bx * B + (B >> 1));
      const cy = Math.min(h - 1, by * B + (B >> 1));
      inside[by * bw + bx] = polygon === null || insidePolygon({ x: cx + 0.5, y: cy + 0.5 }, polygon) ? 1 : 0;
    }
  }
  return inside;
}

const BG_ANGLE_BINS = Math.round(180 / ORIENT_BACKGROUND_ANGLE_DEG);
/** Period bins on a log scale, ORIENT_BACKGROUND_PERIOD_REL wide, from 2 px up. */
const periodBin = (p: number): number => Math.max(0, Math.floor(Math.log(p / 2) / Math.log(1 + ORIENT_BACKGROUND_PERIOD_REL)));

/**
 * Per candidate slot (block·K + k), the share of the blocks outside the ROI that hold a candidate
 * of the same direction and period (each outside block counted once per neighbouring bin, so
 * "same" is within about one bin either way); 0 for slots outside the ROI or without energy.
 * A printed pattern or ruled paper runs under the mark and around it alike; the mark's ridges,
 * curving, put no one (direction, period) in most blocks around it.
 */
export function backgroundShare(spectrum: RidgeSpectrum, polygon: readonly { x: number; y: number }[] | null): Float32Array {
  const { blocksWide: bw, blocksHigh: bh, candidates: K } = spectrum;
  const n = bw * bh;
  const share = new Float32Array(n * K);
  if (polygon === null) return share;
  const inside = insideBlocks(spectrum, polygon);
  const pBins = periodBin(64) + 2;
  const counts = new Float32Array(BG_ANGLE_BINS * pBins);
  const stamp = new Int32Array(BG_ANGLE_BINS * pBins).fill(-1);
  let outside = 0;
  const aBin = (t: number): number => Math.floor((((t % Math.PI) + Math.PI) % Math.PI) / Math.PI * BG_ANGLE_BINS) % BG_ANGLE_BINS;
  for (let b = 0; b < n; b++) {
    if (inside[b]) continue;
    outside++;
    for (let k = 0; k < K; k++) {
      if (spectrum.candidateEnergy[b * K + k] <= 0) continue;
      const a0 = aBin(spectrum.candidateAngle[b * K + k]), p0 = periodBin(spectrum.candidatePeriod[b * K + k]);
      for (let da = -1; da <= 1; da++) {
        for (let dp = -1; dp <= 1; dp++) {
          const p = p0 + dp;
          if (p < 0 || p >= pBins) continue;
          const bin = ((a0 + da + BG_ANGLE_BINS) % BG_ANGLE_BINS) * pBins + p;
          if (stamp[bin] === b) continue;
          stamp[bin] = b;
          counts[bin]++;
        }
      }
    }
  }
  if (outside === 0) return share;
  for (let b = 0; b < n; b++) {
    if (!inside[b]) continue;
    for (let k = 0; k < K; k++) {
      if (spectrum.candidateEnergy[b * K + k] <= 0) continue;
      const bin = aBin(spectrum.candidateAngle[b * K + k]) * pBins + Math.min(pBins - 1, periodBin(spectrum.candidatePeriod[b * K + k]));
      share[b * K + k] = counts[bin] / outside;
    }
  }
  return share;
}

export interface LatentOrientationOptions {
  /** ORIENT_BACKGROUND_DISCOUNT override: discount candidates the background around the ROI holds too. */
  backgroundDiscount?: boolean;
  /**
   * Study (ORIENT_NETWORK 'prior'): a doubled-angle field per spectrum block (the orientation
   * network's) that the candidates are chosen by, once, in place of the rounds of their own coarse field.
   */
  prior?: { vx: Float32Array; vy: Float32Array };
}

export function latentOrientation(spectrum: RidgeSpectrum, roi: Pick<RegionOfInterest, 'polygon'>, options: LatentOrientationOptions = {}): LatentOrientation {
  const { width: w, height: h, blocksWide: bw, blocksHigh: bh, candidates: K } = spectrum;
  const B = spectrum.block;
  const n = bw * bh;
  const weight = new Float32Array(n);
  const inside = insideBlocks(spectrum, roi.polygon);
  for (let b = 0; b < n; b++) weight[b] = spectrum.peakShare[b] * (inside[b] ? 1 : OUTSIDE_WEIGHT);
  // Candidate energies as the choice reads them: discounted by the background's share when asked.
  const discount = options.backgroundDiscount ?? ORIENT_BACKGROUND_DISCOUNT;
  let energy = spectrum.candidateEnergy;
  if (discount && roi.polygon !== null) {
    const bg = backgroundShare(spectrum, roi.polygon);
    energy = Float32Array.from(spectrum.candidateEnergy, (e, s) => e * (1 - bg[s]) ** 2);
  }
  const chosen = new Uint8Array(n);
  const vx = new Float32Array(n);
  const vy = new Float32Array(n);
  const fill = (): void => {
    for (let b = 0; b < n; b++) {
      const e0 = spectrum.candidateEnergy[b * K];
      const k = chosen[b];
      const e = energy[b * K + k];
      const s = e0 > 0 ? weight[b] * (e / e0) : 0;
      const t = spectrum.candidateAngle[b * K + k];
      vx[b] = s * Math.cos(2 * t);
      vy[b] = s * Math.sin(2 * t);
    }
  };
  const cx = new Float32Array(n);
  const cy = new Float32Array(n);
  const prior = options.prior;
  if (prior && (prior.vx.length !== n || prior.vy.length !== n)) throw new Error('latent orientation: the prior is not on the spectrum grid');
  for (let round = 0; round < (prior ? 1 : ORIENT_ROUNDS); round++) {
    if (prior) {
      cx.set(prior.vx);
      cy.set(prior.vy);
    } else {
      fill();
      cx.set(vx);
      cy.set(vy);
      gaussian(cx, bw, bh, ORIENT_COARSE_SIGMA_BLOCKS);
      gaussian(cy, bw, bh, ORIENT_COARSE_SIGMA_BLOCKS);
    }
    for (let b = 0; b < n; b++) {
      const t = 0.5 * Math.atan2(cy[b], cx[b]);
      let best = 0, bestScore = -1;
      for (let k = 0; k < K; k++) {
        const e = energy[b * K + k];
        if (spectrum.candidateEnergy[b * K + k] <= 0) continue;
        const agree = 0.5 + 0.5 * Math.cos(2 * (spectrum.candidateAngle[b * K + k] - t));
        const score = e * agree ** ORIENT_AGREEMENT_POWER;
        if (score > bestScore) { bestScore = score; best = k; }
      }
      chosen[b] = best;
    }
  }
  fill();
  // Fine smoothing; consistency = |Σ v| / Σ |v| over the same kernel.
  const mag = new Float32Array(n);
  for (let b = 0; b < n; b++) mag[b] = Math.hypot(vx[b], vy[b]);
  gaussian(vx, bw, bh, ORIENT_FINE_SIGMA_BLOCKS);
  gaussian(vy, bw, bh, ORIENT_FINE_SIGMA_BLOCKS);
  gaussian(mag, bw, bh, ORIENT_FINE_SIGMA_BLOCKS);
  const blockAngle = new Float32Array(n);
  const blockConsistency = new Float32Array(n);
  for (let b = 0; b < n; b++) {
    let t = 0.5 * Math.atan2(vy[b], vx[b]);
    if (t < 0) t += Math.PI;
    blockAngle[b] = t >= Math.PI ? t - Math.PI : t;
    blockConsistency[b] = mag[b] > 1e-9 ? Math.min(1, Math.hypot(vx[b], vy[b]) / mag[b]) : 0;
  }
  const { angle, coherence } = pixelField(spectrum, vx, vy, blockConsistency);
  return { width: w, height: h, angle, coherence, block: B, blocksWide: bw, blocksHigh: bh, blockAngle, blockConsistency, chosen };
}

/**
 * Per pixel: the doubled-angle block vectors (vx, vy) interpolated bilinearly between block centres
 * (the angle), and the blocks' consistency the same way (the coherence).
 */
function pixelField(spectrum: RidgeSpectrum, vx: Float32Array, vy: Float32Array, blockConsistency: Float32Array): { angle: Float32Array; coherence: Float32Array } {
  const { width: w, height: h, blocksWide: bw, blocksHigh: bh } = spectrum;
  const B = spectrum.block;
  const angle = new Float32Array(w * h);
  const coherence = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const fy = Math.max(0, Math.min(bh - 1, (y - (B >> 1) + 0.5) / B));
    const y0 = Math.floor(fy), y1 = Math.min(bh - 1, y0 + 1), ay = fy - y0;
    for (let x = 0; x < w; x++) {
      const fx = Math.max(0, Math.min(bw - 1, (x - (B >> 1) + 0.5) / B));
      const x0 = Math.floor(fx), x1 = Math.min(bw - 1, x0 + 1), ax = fx - x0;
      const b00 = y0 * bw + x0, b01 = y0 * bw + x1, b10 = y1 * bw + x0, b11 = y1 * bw + x1;
      const w00 = (1 - ax) * (1 - ay), w01 = ax * (1 - ay), w10 = (1 - ax) * ay, w11 = ax * ay;
      const sx = w00 * vx[b00] + w01 * vx[b01] + w10 * vx[b10] + w11 * vx[b11];
      const sy = w00 * vy[b00] + w01 * vy[b01] + w10 * vy[b10] + w11 * vy[b11];
      let t = 0.5 * Math.atan2(sy, sx);
      if (t < 0) t += Math.PI;
      angle[y * w + x] = t >= Math.PI ? t - Math.PI : t;
      coherence[y * w + x] = w00 * blockConsistency[b00] + w01 * blockConsistency[b01] + w10 * blockConsistency[b10] + w11 * blockConsistency[b11];
    }
  }
  return { angle, coherence };
}

/**
 * Study (ORIENT_NETWORK 'field'): the orientation network's block field (doubled-angle vectors on
 * the spectrum grid) as the latent orientation: angle ½ atan2, consistency min(1, length) (the net
 * shrinks its vector where unsure), interpolated as the settled field is; each block's `chosen`
 * candidate, which the period stage reads, is the spectral peak nearest the network's angle.
 */
export function networkOrientation(spectrum: RidgeSpectrum, net: { vx: Float32Array; vy: Float32Array }): LatentOrientation {
  const { width: w, height: h, blocksWide: bw, blocksHigh: bh, candidates: K } = spectrum;
  const n = bw * bh;
  if (net.vx.length !== n || net.vy.length !== n) throw new Error('latent orientation: the network field is not on the spectrum grid');
  const blockAngle = new Float32Array(n);
  const blockConsistency = new Float32Array(n);
  const chosen = new Uint8Array(n);
  for (let b = 0; b < n; b++) {
    let t = 0.5 * Math.atan2(net.vy[b], net.vx[b]);
    if (t < 0) t += Math.PI;
    blockAngle[b] = t >= Math.PI ? t - Math.PI : t;
    blockConsistency[b] = Math.min(1, Math.hypot(net.vx[b], net.vy[b]));
    let best = 0, bestAgree = -2;
    for (let k = 0; k < K; k++) {
      if (spectrum.candidateEnergy[b * K + k] <= 0) continue;
      const agree = Math.cos(2 * (spectrum.candidateAngle[b * K + k] - blockAngle[b]));
      if (agree > bestAgree) { bestAgree = agree; best = k; }
    }
    chosen[b] = best;
  }
  const { angle, coherence } = pixelField(spectrum, net.vx, net.vy, blockConsistency);
  return { width: w, height: h, angle, coherence, block: spectrum.block, blocksWide: bw, blocksHigh: bh, blockAngle, blockConsistency, chosen };
}

/** Separable Gaussian of σ (cells) on a grid, in place; off-grid cells count as zero (unnormalised sums). */
export function gaussian(data: Float32Array, w: number, h: number, sigma: number): void {
  const r = Math.max(1, Math.ceil(3 * sigma));
  const k = new Float32Array(2 * r + 1);
  for (let i = -r; i <= r; i++) k[i + r] = Math.exp((-i * i) / (2 * sigma * sigma));
  const tmp = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let i = -r; i <= r; i++) {
        const xx = x + i;
        if (xx >= 0 && xx < w) s += k[i + r] * data[y * w + xx];
      }
      tmp[y * w + x] = s;
    }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let i = -r; i <= r; i++) {
        const yy = y + i;
        if (yy >= 0 && yy < h) s += k[i + r] * tmp[yy * w + x];
      }
      data[y * w + x] = s;
    }
  }
}

