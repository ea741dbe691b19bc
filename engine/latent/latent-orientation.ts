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
import { ORIENT_AGREEMENT_POWER, ORIENT_COARSE_SIGMA_BLOCKS, ORIENT_FINE_SIGMA_BLOCKS, ORIENT_ROUNDS } from './latent-parameters.js';
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

export function latentOrientation(spectrum: RidgeSpectrum, roi: Pick<RegionOfInterest, 'polygon'>): LatentOrientation {
  const { width: w, height: h, block: B, blocksWide: bw, blocksHigh: bh, candidates: K } = spectrum;
  const n = bw * bh;
  const weight = new Float32Array(n);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      const b = by * bw + bx;
      const cx = Math.min(w - 1, bx * B + (B >> 1));
      const cy = Math.min(h - 1, by * B + (B >> 1));
      const inside = roi.polygon === null || insidePolygon({ x: cx + 0.5, y: cy + 0.5 }, roi.polygon);
      weight[b] = spectrum.peakShare[b] * (inside ? 1 : OUTSIDE_WEIGHT);
    }
  }
  const chosen = new Uint8Array(n);
  const vx = new Float32Array(n);
  const vy = new Float32Array(n);
  const fill = (): void => {
    for (let b = 0; b < n; b++) {
      const e0 = spectrum.candidateEnergy[b * K];
      const k = chosen[b];
      const e = spectrum.candidateEnergy[b * K + k];
      const s = e0 > 0 ? weight[b] * (e / e0) : 0;
      const t = spectrum.candidateAngle[b * K + k];
      vx[b] = s * Math.cos(2 * t);
      vy[b] = s * Math.sin(2 * t);
    }
  };
  const cx = new Float32Array(n);
  const cy = new Float32Array(n);
  for (let round = 0; round < ORIENT_ROUNDS; round++) {
    fill();
    cx.set(vx);
    cy.set(vy);
    gaussian(cx, bw, bh, ORIENT_COARSE_SIGMA_BLOCKS);
    gaussian(cy, bw, bh, ORIENT_COARSE_SIGMA_BLOCKS);
    for (let b = 0; b < n; b++) {
      const t = 0.5 * Math.atan2(cy[b], cx[b]);
      let best = 0, bestScore = -1;
      for (let k = 0; k < K; k++) {
        const e = spectrum.candidateEnergy[b * K + k];
        if (e <= 0) continue;
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
  // Bilinear interpolation of the doubled-angle vectors between block centres.
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
  return { width: w, height: h, angle, coherence, block: B, blocksWide: bw, blocksHigh: bh, blockAngle, blockConsistency, chosen };
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

