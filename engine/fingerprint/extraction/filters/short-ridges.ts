/**
 * Short ridges: a ridge with two endings shorter than SHORT_RIDGE_MAX_PERIODS local ridge periods is a dot, an island of
 * noise or a fragment between creases (Maltoni et al. 2nd ed. §3.8.1). Its two endings go.
 */
import { SHORT_RIDGE_MAX_PERIODS } from '../parameters.js';
import { periodAt, type RidgeFrequency } from '../ridge-frequency.js';
import { degree, removeEdge, type RidgeGraph } from '../ridge-graph.js';

export function removeShortRidges(graph: RidgeGraph, frequency: RidgeFrequency, maxPeriods = SHORT_RIDGE_MAX_PERIODS): number {
  let removed = 0;
  const count = graph.edges.length;
  for (let id = 0; id < count; id++) {
    const e = graph.edges[id];
    if (e.removed || e.a === e.b) continue;
    const nd = graph.nodes[e.a];
    if (e.length > maxPeriods * periodAt(frequency, nd.x, nd.y)) continue;
    if (degree(graph, e.a) === 1 && degree(graph, e.b) === 1) {
      removeEdge(graph, id);
      removed++;
    }
  }
  return removed;
}
