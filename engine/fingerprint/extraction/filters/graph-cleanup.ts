/**
 * The ridge graph of a skeleton with its artefacts removed, in the order every extraction uses:
 * spurs, bridges, short ridges, then spurs again (cutting a bridge or a short ridge can leave a
 * new spur). One sequence for the tenprint extractor, its studies and the latent pipeline.
 */
import type { OrientationField } from '../orientation-field.js';
import type { RidgeFrequency } from '../ridge-frequency.js';
import { ridgeGraph, type RidgeGraph } from '../ridge-graph.js';
import type { ThinnedSkeleton } from '../thinned-skeleton.js';
import { removeBridges } from './bridges.js';
import { removeShortRidges } from './short-ridges.js';
import { removeSpurs } from './spurs.js';

/** Development tunings of the graph filters' lengths (in local ridge periods); unset, the constants of parameters.ts. */
export interface GraphTuning {
  spurMaxPeriods?: number;
  shortRidgeMaxPeriods?: number;
}

export function cleanedRidgeGraph(skeleton: ThinnedSkeleton, orientation: OrientationField, frequency: RidgeFrequency, tuning: GraphTuning = {}): RidgeGraph {
  const graph = ridgeGraph(skeleton);
  removeSpurs(graph, frequency, tuning.spurMaxPeriods);
  removeBridges(graph, orientation);
  removeShortRidges(graph, frequency, tuning.shortRidgeMaxPeriods);
  removeSpurs(graph, frequency, tuning.spurMaxPeriods);
  return graph;
}
