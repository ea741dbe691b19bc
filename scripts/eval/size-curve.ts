/**
 * The size-aware threshold curve of docs/decisions/size-aware-verify-threshold.md (studied, not
 * adopted): thresholds per smaller-template minutiae count, built from measured per-size values.
 */
import { thresholds } from '../../engine/fingerprint/matching/thresholds.js';
export type FmrTarget = keyof typeof thresholds;

/**
 * A threshold per template size: `minutiae` an ascending grid; `values[target][k]` the threshold
 * for a comparison whose smaller template holds `minutiae[k]` minutiae up to the next grid point.
 */
export interface SizeAwareThresholds {
  minutiae: readonly number[];
  values: Readonly<Record<FmrTarget, readonly number[]>>;
}

/**
 * The declared curve (docs/decisions/size-aware-verify-threshold.md, rule 5) from measured
 * per-size thresholds `measured[target][k]` on grid `minutiae`: at each grid point the largest of
 * the base threshold and every measured value at that point or above, rounded up to 4 decimals, so
 * that it never falls below the base and never rises with the minutiae count.
 */
export function sizeAwareCurve(minutiae: readonly number[], measured: Readonly<Record<FmrTarget, readonly number[]>>, base: Readonly<Record<FmrTarget, number>> = thresholds): SizeAwareThresholds {
  for (let k = 1; k < minutiae.length; k++) if (!(minutiae[k] > minutiae[k - 1])) throw new Error('sizeAwareCurve: the grid must ascend');
  const values = {} as Record<FmrTarget, number[]>;
  for (const target of Object.keys(base) as FmrTarget[]) {
    const row = measured[target];
    if (row.length !== minutiae.length) throw new Error(`sizeAwareCurve: ${target} has ${row.length} values for ${minutiae.length} grid points`);
    const out = new Array<number>(row.length);
    let running = base[target];
    for (let k = row.length - 1; k >= 0; k--) {
      running = Math.max(running, row[k]);
      out[k] = Math.ceil(running * 1e4 - 1e-9) / 1e4;
    }
    values[target] = out;
  }
  return { minutiae, values };
}

/**
 * The threshold for a comparison whose smaller template holds `minutiae` minutiae: the value of the
 * largest grid point at or below it (the first below the grid), the base above the grid's last
 * point, and never below the base.
 */
export function thresholdForMinutiae(curve: SizeAwareThresholds, target: FmrTarget, minutiae: number, base: Readonly<Record<FmrTarget, number>> = thresholds): number {
  const grid = curve.minutiae;
  if (grid.length === 0 || minutiae > grid[grid.length - 1]) return base[target];
  let k = 0;
  while (k + 1 < grid.length && grid[k + 1] <= minutiae) k++;
  return Math.max(base[target], curve.values[target][k]);
}
