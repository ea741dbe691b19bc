/**
 * The minutia-list filters in one place (after the ridge-graph filters, before quality): broken
 * ridges (filters/gaps.ts), the print border (filters/border.ts), clusters (filters/clusters.ts).
 * Development studies (scripts/eval/dry-filters.ts, issue 15 point 3) pass a MinutiaListTuning to
 * try distances scaled by the measured local ridge period instead of the pixel constants of
 * extraction/parameters.ts, and other removal rules; with no tuning this is today's chain exactly.
 */
import type { MinutiaCandidate } from '../minutiae.js';
import { BORDER_MIN_PX, CLUSTER_MAX_NEIGHBOURS, CLUSTER_RADIUS_PX } from '../parameters.js';
import { periodAt, type RidgeFrequency } from '../ridge-frequency.js';
import type { SegmentationMask } from '../segmentation-mask.js';
import { removeGaps } from './gaps.js';

export interface MinutiaListTuning {
  /** Gap length in local ridge periods (at the first ending); unset: GAP_MAX_PX. */
  gapMaxPeriods?: number;
  /** Angle each ending may leave the line to the other; unset: GAP_MAX_ANGLE_RAD. */
  gapMaxAngleRad?: number;
  /** Also pair an ending with a bifurcation facing it (a broken ridge that rejoined a neighbour). */
  gapAnyType?: boolean;
  /** Border distance in periods; unset: BORDER_MIN_PX. */
  borderPeriods?: number;
  /** Cluster radius in periods; unset: CLUSTER_RADIUS_PX. */
  clusterRadiusPeriods?: number;
  /** Neighbours (within the radius) that make a cluster; unset: CLUSTER_MAX_NEIGHBOURS. */
  clusterNeighbours?: number;
}

export function filterMinutiaList(found: MinutiaCandidate[], segmentation: SegmentationMask, frequency: RidgeFrequency, t: MinutiaListTuning = {}): MinutiaCandidate[] {
  let out = removeGaps(found, {
    ...(t.gapMaxPeriods !== undefined ? { maxDistAt: (m: MinutiaCandidate) => t.gapMaxPeriods! * periodAt(frequency, m.x, m.y) } : {}),
    ...(t.gapMaxAngleRad !== undefined ? { maxAngle: t.gapMaxAngleRad } : {}),
    ...(t.gapAnyType ? { anyType: true } : {}),
  });
  const { borderDistance, width } = segmentation;
  out = out.filter((m) => borderDistance[m.y * width + m.x] >= (t.borderPeriods === undefined ? BORDER_MIN_PX : t.borderPeriods * periodAt(frequency, m.x, m.y)));
  return removeClusterMinutiae(out, frequency, t);
}

function removeClusterMinutiae(minutiae: MinutiaCandidate[], frequency: RidgeFrequency, t: MinutiaListTuning): MinutiaCandidate[] {
  const limit = t.clusterNeighbours ?? CLUSTER_MAX_NEIGHBOURS;
  const neighbours = new Int32Array(minutiae.length);
  for (let i = 0; i < minutiae.length; i++) {
    const a = minutiae[i];
    const r = t.clusterRadiusPeriods === undefined ? CLUSTER_RADIUS_PX : t.clusterRadiusPeriods * periodAt(frequency, a.x, a.y);
    const r2 = r * r;
    for (let j = 0; j < minutiae.length; j++) {
      if (j === i) continue;
      const dx = a.x - minutiae[j].x, dy = a.y - minutiae[j].y;
      if (dx * dx + dy * dy <= r2) neighbours[i]++;
    }
  }
  return minutiae.filter((_, i) => neighbours[i] < limit);
}
