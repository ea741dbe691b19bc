/**
 * Spurs: a short ridge (up to SPUR_MAX_PERIODS local ridge periods) that leaves a
 * bifurcation and soon ends is a thinning artefact or a
 * ridge-edge burr, not two minutiae (Maltoni et al., Handbook of Fingerprint Recognition 2nd ed.,
 * §3.8.1; SourceAFIS "TailRemover"/"FragmentRemover"). The branch is cut; the bifurcation
 * dissolves into the ridge it was on. Two rounds, since cutting one spur can expose another.
 */
import { SPUR_MAX_PERIODS } from '../parameters.js';
import { periodAt, type RidgeFrequency } from '../ridge-frequency.js';
import { degree, liveEdges, otherEnd, removeEdge, type RidgeGraph } from '../ridge-graph.js';

export function removeSpurs(graph: RidgeGraph, frequency: RidgeFrequency, maxPeriods = SPUR_MAX_PERIODS): number {
  let removed = 0;
  for (let round = 0; round < 2; round++) {
    for (let id = 0; id < graph.nodes.length; id++) {
      if (graph.nodes[id].removed || degree(graph, id) !== 1) continue;
      const [e] = liveEdges(graph, id);
      const edge = graph.edges[e];
      const nd = graph.nodes[id];
      if (edge.length > maxPeriods * periodAt(frequency, nd.x, nd.y)) continue;
      if (degree(graph, otherEnd(graph, e, id)) < 3) continue;
      removeEdge(graph, e);
      removed++;
    }
  }
  return removed;
}
