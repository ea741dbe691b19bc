/**
 * Study (docs/decisions/latent-route-strict.md): what lies outside the tenprint segmentation of a
 * mark, read from the ridge spectrum the latent extractor already made. On plain paper the
 * segmentation holds the mark and the rest is blank; on a textured surface (text, ruled lines,
 * printed patterns, other prints) the rest carries ridge-band energy of its own, and the
 * segmentation may still agree with the spectral ROI.
 */
import { ridgeLikeBlocks } from './region-of-interest.js';
import type { RidgeSpectrum } from './ridge-spectrum.js';

export interface RouteStatistics {
  /** Share of the image's non-DC spectral energy in blocks whose centre lies outside the mask. */
  outsideEnergy: number;
  /** The same for each block's strongest ridge-band peak (its candidate energy). */
  outsideBand: number;
  /** Share of the ridge-like blocks (ridgeLikeBlocks, shipped tests) outside the mask. */
  outsideRidgeBlocks: number;
  /** Median strongest-peak energy of outside blocks over that of inside blocks (0 when either is empty). */
  outsideRelative: number;
}

export function routeStatistics(spectrum: RidgeSpectrum, mask: Uint8Array): RouteStatistics {
  const { width: w, height: h, blocksWide: bw, blocksHigh: bh, block: B, candidates: K } = spectrum;
  const ridge = ridgeLikeBlocks(spectrum);
  let eIn = 0, eOut = 0, bIn = 0, bOut = 0, rIn = 0, rOut = 0;
  const inside: number[] = [];
  const outside: number[] = [];
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      const b = by * bw + bx;
      const x = Math.min(w - 1, bx * B + (B >> 1));
      const y = Math.min(h - 1, by * B + (B >> 1));
      const band = spectrum.candidateEnergy[b * K]!;
      const energy = spectrum.energy[b]!;
      if (mask[y * w + x]) {
        eIn += energy; bIn += band; rIn += ridge[b]!; inside.push(band);
      } else {
        eOut += energy; bOut += band; rOut += ridge[b]!; outside.push(band);
      }
    }
  }
  const med = (v: number[]): number => {
    if (v.length === 0) return 0;
    const s = v.slice().sort((a, b) => a - b);
    return s[Math.floor((s.length - 1) / 2)]!;
  };
  const mIn = med(inside);
  return {
    outsideEnergy: eIn + eOut > 0 ? eOut / (eIn + eOut) : 0,
    outsideBand: bIn + bOut > 0 ? bOut / (bIn + bOut) : 0,
    outsideRidgeBlocks: rIn + rOut > 0 ? rOut / (rIn + rOut) : 0,
    outsideRelative: mIn > 0 && outside.length > 0 ? med(outside) / mIn : 0,
  };
}
