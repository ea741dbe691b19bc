/**
 * Clusters: real minutiae are spread out (rarely more than two within a ridge period or so);
 * many within CLUSTER_RADIUS_PX mark noise — a scar, a smudge, a badly enhanced patch — so all of
 * the cluster goes (Maltoni et al. 2nd ed. §3.8.1; NBIS mindtct removes "islands and lakes" and
 * overlapping minutiae in the same spirit).
 */
import type { MinutiaCandidate } from '../minutiae.js';
import { CLUSTER_MAX_NEIGHBOURS, CLUSTER_RADIUS_PX } from '../parameters.js';

export function removeClusters(minutiae: MinutiaCandidate[]): MinutiaCandidate[] {
  const r2 = CLUSTER_RADIUS_PX * CLUSTER_RADIUS_PX;
  const neighbours = new Int32Array(minutiae.length);
  for (let i = 0; i < minutiae.length; i++) {
    for (let j = i + 1; j < minutiae.length; j++) {
      const dx = minutiae[i].x - minutiae[j].x, dy = minutiae[i].y - minutiae[j].y;
      if (dx * dx + dy * dy <= r2) { neighbours[i]++; neighbours[j]++; }
    }
  }
  return minutiae.filter((_, i) => neighbours[i] < CLUSTER_MAX_NEIGHBOURS);
}
