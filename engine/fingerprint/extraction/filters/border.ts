/**
 * Border: ridges cut by the edge of the print (or of the segmentation mask) end there without
 * being ridge endings (Maltoni et al. 2nd ed. §3.8.1). Two rules (BORDER_FILTER, a study switch;
 * docs/decisions/border-filter.md):
 * - 'distance' (today): every minutia nearer than BORDER_MIN_PX to the background goes, whatever
 *   its kind or direction;
 * - 'direction': in that band only what the border makes goes. A ridge ending whose ridge, carried
 *   on beyond the ending, runs into the border is a cut ridge and goes; an ending whose ridge runs
 *   along the border, and a bifurcation (a cut does not fork a ridge), stay, their quality already
 *   lowered near the border (minutia-quality.ts). Nearer than BORDER_INNER_PX everything goes.
 * - 'direction-clarity' (docs/decisions/border-filter-gate.md): as 'direction', but what it keeps
 *   in the band must also lie in clear ridges (the gate's clarity at least its minClarity): a wet
 *   or blurred edge makes false endings and forks the direction test cannot tell from true ones,
 *   and they sit where the ridges are unclear.
 */
import type { MinutiaCandidate } from '../minutiae.js';
import { BORDER_INNER_PX, BORDER_INTO_RAD, BORDER_LOOKAHEAD_PX, BORDER_MIN_PX } from '../parameters.js';
import type { SegmentationMask } from '../segmentation-mask.js';

export type BorderFilter = 'distance' | 'direction' | 'direction-clarity';

/** 'direction-clarity': the ridge clarity score (0–1) at a band minutia, and the least kept. */
export interface BandClarityGate {
  clarity: (m: MinutiaCandidate) => number;
  minClarity: number;
}

/**
 * 'distance' unless told: the latent extractor calls this with its region of interest and is not
 * part of the study.
 */
export function removeBorderMinutiae(minutiae: MinutiaCandidate[], segmentation: SegmentationMask, filter: BorderFilter = 'distance', gate?: BandClarityGate): MinutiaCandidate[] {
  const { borderDistance, width } = segmentation;
  if (filter === 'distance') return minutiae.filter((m) => borderDistance[m.y * width + m.x] >= BORDER_MIN_PX);
  if (filter === 'direction-clarity' && !gate) throw new Error("border filter 'direction-clarity' needs a clarity gate");
  return minutiae.filter((m) => {
    const d = borderDistance[m.y * width + m.x];
    if (d >= BORDER_MIN_PX) return true;
    if (d < BORDER_INNER_PX) return false;
    if (m.type !== 'bifurcation' && runsIntoBorder(m, d, segmentation)) return false;
    // Only the band's survivors are gated: the clarity is computed for a few minutiae per print.
    return filter === 'direction' || gate!.clarity(m) >= gate!.minClarity;
  });
}

/**
 * Does the ridge of ending `m` (at border distance `d`) run into the border? An ending's direction
 * points from the end into its ridge (minutiae.ts), so the ridge carried on beyond the end goes the
 * opposite way. Its point BORDER_LOOKAHEAD_PX ahead is outside the mask (or the image), or nearer
 * the background than the ending by more than the lookahead's share sin(BORDER_INTO_RAD): then the
 * ridge meets the border at more than BORDER_INTO_RAD, and the ending is where the border cut it.
 */
export function runsIntoBorder(m: MinutiaCandidate, d: number, segmentation: SegmentationMask): boolean {
  const { borderDistance, mask, width, height } = segmentation;
  const x = Math.round(m.x - BORDER_LOOKAHEAD_PX * Math.cos(m.angle));
  const y = Math.round(m.y - BORDER_LOOKAHEAD_PX * Math.sin(m.angle));
  if (x < 0 || y < 0 || x >= width || y >= height) return true;
  const j = y * width + x;
  if (!mask[j]) return true;
  return borderDistance[j] <= d - BORDER_LOOKAHEAD_PX * Math.sin(BORDER_INTO_RAD);
}
