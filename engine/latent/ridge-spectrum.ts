/**
 * Short-time Fourier analysis of the mark (Chikkerur, Cartwright & Govindaraju 2007, "Fingerprint
 * enhancement using STFT analysis", §3): on a grid of SPECTRUM_BLOCK blocks, a raised-cosine
 * windowed SPECTRUM_WINDOW² FFT about each block centre. Parallel ridges put their energy in one
 * peak of the ridge band (periods SPECTRUM_PERIOD_MIN–MAX) and its mirror; the peak's position is
 * the ridge orientation and period. Structured noise does not: a ruled line puts a streak through
 * the low frequencies, text strokes and paper texture spread energy over many frequencies and
 * directions. So each block keeps its strongest ridge-band peaks as orientation candidates (the
 * orientation stage chooses among them, Feng, Zhou & Jain 2013 §3 choose among candidates the same
 * way) and the share of the window's energy its best peak holds (the ROI stage's ridge-likeness).
 * A peak's energy is discounted by the energy at half its frequency in the same direction: ridges
 * are a narrow peak, while a ruled line or a stroke edge spreads along a streak whose energy falls
 * with frequency (so its ridge-band part is mostly at half frequency too).
 *
 * Angles are ridge directions in pixel coordinates (x right, y down) in [0, π), like
 * OrientationField's.
 */
import type { GrayImage } from '../fingerprint/gray-image.js';
import { SPECTRUM_BLOCK, SPECTRUM_CANDIDATES, SPECTRUM_PERIOD_MAX, SPECTRUM_PERIOD_MIN, SPECTRUM_SHARE_PERIOD_MIN, SPECTRUM_WINDOW } from './latent-parameters.js';

export interface RidgeSpectrum {
  width: number;
  height: number;
  /** Block grid: block (bx, by) is centred on (bx·block + block/2, by·block + block/2). */
  block: number;
  blocksWide: number;
  blocksHigh: number;
  /** Non-DC spectral energy of each block's window (mean-free, windowed gray levels). */
  energy: Float32Array;
  /** Share (0–1) of `energy` held by the block's strongest ridge-band peak and its mirror. */
  peakShare: Float32Array;
  /**
   * The same share with periods shorter than `coherentPeriodMin` left out of the denominator (pores
   * and dots along the ridges); the ROI stage reads it only where the peak's direction agrees with
   * its neighbours' (ROI_COHERENT_SHARE). Null when not asked for.
   */
  coherentPeakShare: Float32Array | null;
  /**
   * Share (0–1) of `energy` at periods of PORE_PERIOD_MIN–SPECTRUM_PERIOD_MIN px, below the ridge
   * band: pores and dotted ridges (rows of dots 4–5 px apart along the ridges) put energy there.
   */
  poreShare: Float32Array;
  /** Up to SPECTRUM_CANDIDATES peaks per block, strongest first: index block·K + k. Energy 0 = none. */
  candidateAngle: Float32Array;
  candidatePeriod: Float32Array;
  candidateEnergy: Float32Array;
  candidates: number;
}

const W = SPECTRUM_WINDOW;
const LOG_W = Math.round(Math.log2(W));
const HANN = (() => {
  const h = new Float32Array(W);
  for (let i = 0; i < W; i++) h[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / W);
  return h;
})();
const COS = new Float64Array(W / 2);
const SIN = new Float64Array(W / 2);
for (let k = 0; k < W / 2; k++) {
  COS[k] = Math.cos((2 * Math.PI * k) / W);
  SIN[k] = -Math.sin((2 * Math.PI * k) / W);
}
const BITREV = (() => {
  const r = new Int32Array(W);
  for (let i = 0; i < W; i++) {
    let v = 0;
    for (let b = 0; b < LOG_W; b++) if (i & (1 << b)) v |= 1 << (LOG_W - 1 - b);
    r[i] = v;
  }
  return r;
})();
/** Ridge-band bins of the half plane: (u, v) with v > 0, or v = 0 and u > 0. */
const R_MIN = W / SPECTRUM_PERIOD_MAX;
const R_MAX = W / SPECTRUM_PERIOD_MIN;
/** Shortest period (px) counted in `poreShare`. */
const PORE_PERIOD_MIN = 3;

/** In-place radix-2 FFT of W complex values at re[off + k·stride], im[…]. */
function fft(re: Float64Array, im: Float64Array, off: number, stride: number): void {
  for (let i = 0; i < W; i++) {
    const j = BITREV[i];
    if (j > i) {
      const a = off + i * stride, b = off + j * stride;
      let t = re[a]; re[a] = re[b]; re[b] = t;
      t = im[a]; im[a] = im[b]; im[b] = t;
    }
  }
  for (let size = 2; size <= W; size <<= 1) {
    const half = size >> 1;
    const step = W / size;
    for (let start = 0; start < W; start += size) {
      for (let k = 0; k < half; k++) {
        const a = off + (start + k) * stride;
        const b = a + half * stride;
        const c = COS[k * step], s = SIN[k * step];
        const tr = re[b] * c - im[b] * s;
        const ti = re[b] * s + im[b] * c;
        re[b] = re[a] - tr; im[b] = im[a] - ti;
        re[a] += tr; im[a] += ti;
      }
    }
  }
}

/**
 * `sharePeriodMin` (px, 0: none): energy at periods shorter than this is left out of the peak
 * share's denominator, so that pores or dots along the ridges (periods of 4–5 px, below the
 * ridge band) do not count against the ridges (SPECTRUM_SHARE_PERIOD_MIN).
 */
export function ridgeSpectrum(image: GrayImage, sharePeriodMin: number = SPECTRUM_SHARE_PERIOD_MIN, coherentPeriodMin = 0): RidgeSpectrum {
  const { width: w, height: h, pixels } = image;
  const B = SPECTRUM_BLOCK;
  const bw = Math.ceil(w / B);
  const bh = Math.ceil(h / B);
  const nb = bw * bh;
  const K = SPECTRUM_CANDIDATES;
  const energy = new Float32Array(nb);
  const peakShare = new Float32Array(nb);
  const poreShare = new Float32Array(nb);
  const coherentPeakShare = coherentPeriodMin > 0 ? new Float32Array(nb) : null;
  const candidateAngle = new Float32Array(nb * K);
  const candidatePeriod = new Float32Array(nb * K);
  const candidateEnergy = new Float32Array(nb * K);
  const re = new Float64Array(W * W);
  const im = new Float64Array(W * W);
  const power = new Float64Array(W * W);
  const peakE = new Float64Array(K);
  const peakI = new Int32Array(K);
  // The bins (in increasing order) of the share's denominator without short periods (only when
  // sharePeriodMin > 0; else the share is over every bin but DC), of the coherent share's (only when
  // asked for) and of the pore band: summed per block after the power spectrum.
  const shareBins: number[] = [], coherentBins: number[] = [], poreBins: number[] = [];
  for (let j = 0; j < W; j++) {
    for (let i = 0; i < W; i++) {
      const u = i < W / 2 ? i : i - W, v = j < W / 2 ? j : j - W;
      const r = Math.hypot(u, v);
      if (sharePeriodMin > 0 && r > 0 && r <= W / sharePeriodMin) shareBins.push(j * W + i);
      if (coherentPeriodMin > 0 && r > 0 && r <= W / coherentPeriodMin) coherentBins.push(j * W + i);
      if (r > R_MAX && r <= W / PORE_PERIOD_MIN) poreBins.push(j * W + i);
    }
  }
  const sumOver = (bins: number[]): number => {
    let e = 0;
    for (const k of bins) e += power[k];
    return e;
  };
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      const b = by * bw + bx;
      const x0 = bx * B + (B >> 1) - (W >> 1);
      const y0 = by * B + (B >> 1) - (W >> 1);
      // Mean over the in-image part; off-image pixels take it (so they add no step).
      let sum = 0, count = 0;
      for (let y = Math.max(0, y0); y < Math.min(h, y0 + W); y++) {
        for (let x = Math.max(0, x0); x < Math.min(w, x0 + W); x++) { sum += pixels[y * w + x]; count++; }
      }
      const mean = count > 0 ? sum / count : 0;
      for (let j = 0; j < W; j++) {
        const y = y0 + j;
        for (let i = 0; i < W; i++) {
          const x = x0 + i;
          const v = x >= 0 && y >= 0 && x < w && y < h ? pixels[y * w + x] - mean : 0;
          re[j * W + i] = v * HANN[i] * HANN[j];
          im[j * W + i] = 0;
        }
      }
      for (let j = 0; j < W; j++) fft(re, im, j * W, 1);
      for (let i = 0; i < W; i++) fft(re, im, i, W);
      let total = 0;
      for (let k = 0; k < W * W; k++) {
        const p = re[k] * re[k] + im[k] * im[k];
        power[k] = p;
        total += p;
      }
      total -= power[0];
      energy[b] = total;
      if (total <= 1e-9) continue;
      poreShare[b] = sumOver(poreBins) / total;
      peakE.fill(0);
      peakI.fill(-1);
      // Local maxima of the ridge band on the half plane, scored by their 3×3 neighbourhood.
      for (let v = 0; v <= R_MAX; v++) {
        for (let u = -Math.floor(R_MAX); u <= R_MAX; u++) {
          if (v === 0 && u <= 0) continue;
          const r = Math.hypot(u, v);
          if (r < R_MIN || r > R_MAX) continue;
          const p = power[bin(u, v)];
          let isMax = true;
          let e = 0;
          for (let dv = -1; dv <= 1 && isMax; dv++) {
            for (let du = -1; du <= 1; du++) {
              const q = power[bin(u + du, v + dv)];
              if ((du !== 0 || dv !== 0) && q > p) { isMax = false; break; }
              if (Math.hypot(u + du, v + dv) >= 1.5) e += q;
            }
          }
          if (!isMax) continue;
          // A ridge pattern is a peak at its own frequency with little at half of it; a line's or a
          // stroke edge's energy runs along a streak through the origin that falls with frequency,
          // so at half the frequency in the same direction there is more. The candidate keeps
          // e·ρ, ρ = e/(e + e½) the share of the two that is its own.
          const own = e / (e + neighbourhood(power, Math.round(u / 2), Math.round(v / 2)));
          e *= own;
          // Insert into the top-K list (strongest first).
          for (let k = 0; k < K; k++) {
            if (e > peakE[k]) {
              for (let m = K - 1; m > k; m--) { peakE[m] = peakE[m - 1]; peakI[m] = peakI[m - 1]; }
              peakE[k] = e;
              peakI[k] = (v + W) * 4 * W + (u + W);
              break;
            }
          }
        }
      }
      for (let k = 0; k < K; k++) {
        if (peakI[k] < 0) continue;
        const u = (peakI[k] % (4 * W)) - W;
        const v = Math.floor(peakI[k] / (4 * W)) - W;
        // Energy-weighted centroid of the 3×3 neighbourhood: sub-bin peak position.
        let su = 0, sv = 0, sp = 0;
        for (let dv = -1; dv <= 1; dv++) {
          for (let du = -1; du <= 1; du++) {
            const q = power[bin(u + du, v + dv)];
            su += q * (u + du);
            sv += q * (v + dv);
            sp += q;
          }
        }
        const cu = su / sp, cv = sv / sp;
        // The wave vector (cu, cv) points across the ridges; the ridges run perpendicular to it.
        let t = Math.atan2(cv, cu) + Math.PI / 2;
        t = ((t % Math.PI) + Math.PI) % Math.PI;
        candidateAngle[b * K + k] = t;
        candidatePeriod[b * K + k] = W / Math.max(1e-6, Math.hypot(cu, cv));
        candidateEnergy[b * K + k] = peakE[k];
      }
      // The peak and its mirror, over the window's energy.
      const shareOf = sharePeriodMin > 0 ? sumOver(shareBins) : total;
      peakShare[b] = shareOf > 1e-9 ? Math.min(1, (2 * peakE[0]) / shareOf) : 0;
      if (coherentPeakShare) {
        const coherentTotal = sumOver(coherentBins);
        coherentPeakShare[b] = coherentTotal > 1e-9 ? Math.min(1, (2 * peakE[0]) / coherentTotal) : 0;
      }
    }
  }
  return { width: w, height: h, block: B, blocksWide: bw, blocksHigh: bh, energy, peakShare, coherentPeakShare, poreShare, candidateAngle, candidatePeriod, candidateEnergy, candidates: K };
}

/** Index of frequency (u, v) (any integers) in the W×W FFT output. */
function bin(u: number, v: number): number {
  return (((v % W) + W) % W) * W + (((u % W) + W) % W);
}

/** Power summed over the 3×3 bins about (u, v), DC excluded. */
function neighbourhood(power: Float64Array, u: number, v: number): number {
  let e = 0;
  for (let dv = -1; dv <= 1; dv++) {
    for (let du = -1; du <= 1; du++) if (u + du !== 0 || v + dv !== 0) e += power[bin(u + du, v + dv)]!;
  }
  return e;
}

/**
 * How dotted a mark's ridges are: the median pore share over its strong ridge blocks (ridge-band
 * energy at least a quarter of the image's 95th-percentile block, so paper and background do not
 * count). 0 when no block qualifies.
 */
export function markDottedness(spectrum: RidgeSpectrum): number {
  const { candidates: K } = spectrum;
  const n = spectrum.blocksWide * spectrum.blocksHigh;
  const band = new Float32Array(n);
  for (let b = 0; b < n; b++) band[b] = spectrum.candidateEnergy[b * K];
  const sorted = Float32Array.from(band).sort();
  const p95 = sorted[Math.floor(0.95 * (n - 1))] ?? 0;
  const shares: number[] = [];
  for (let b = 0; b < n; b++) if (p95 > 0 && band[b] >= 0.25 * p95) shares.push(spectrum.poreShare[b]);
  if (shares.length === 0) return 0;
  shares.sort((x, y) => x - y);
  return shares[shares.length >> 1]!;
}
