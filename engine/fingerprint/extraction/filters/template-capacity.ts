/**
 * Template capacity: a finger view of ISO/IEC 19794-2:2005 (§7.4.1) or ANSI INCITS 378-2004
 * (§6.4.1.4) counts its minutiae in one byte, so a template holds at most 255, and every API here
 * takes no more (template-validation.ts). An image that yields more (a noisy background the
 * segmentation let through) keeps its best-quality minutiae: quality is what the records carry
 * for an extractor to rank its own minutiae by, and the matcher cuts to its own budget by the
 * same rule (matching/prepared-template.ts). The caller is told how many were dropped; a plausible
 * count must come from segmentation, not from this cut.
 */
import type { MinutiaCandidate } from '../minutiae.js';

export function keepBestQuality<M extends Pick<MinutiaCandidate, 'quality'>>(minutiae: M[], capacity: number): { kept: M[]; dropped: number } {
  if (minutiae.length <= capacity) return { kept: minutiae, dropped: 0 };
  // Best quality first, ties in the extractor's own order; the kept ones stay in that order.
  const order = minutiae.map((_, i) => i);
  order.sort((a, b) => minutiae[b].quality - minutiae[a].quality || a - b);
  const kept = order.slice(0, capacity).sort((a, b) => a - b).map((i) => minutiae[i]);
  return { kept, dropped: minutiae.length - capacity };
}
