/**
 * Bridges and lakes. A short ridge joining two bifurcations across the ridge flow is a bridge
 * between neighbouring ridges (ink, sweat, or enhancement across a scar); a short loop that leaves
 * a bifurcation and returns to it (or two short parallel runs between the same two bifurcations)
 * is a lake — usually a pore opened up. Both are cut (Maltoni et al. 2nd ed. §3.8.1, Fig. 3.37;
 * Ratha, Chen & Jain 1995 §4).
 */
import type { OrientationField } from '../orientation-field.js';
import { BRIDGE_MAX_PX, BRIDGE_MIN_ANGLE_RAD, LAKE_MAX_PX } from '../parameters.js';
import { degree, removeEdge, type RidgeGraph } from '../ridge-graph.js';

export function removeBridges(graph: RidgeGraph, orientation: OrientationField): number {
  let removed = 0;
  const w = graph.width;
  const count = graph.edges.length;
  for (let id = 0; id < count; id++) {
    const e = graph.edges[id];
    if (e.removed) continue;
    if (e.a === e.b) {
      if (e.length <= LAKE_MAX_PX) { removeEdge(graph, id); removed++; }
      continue;
    }
    if (degree(graph, e.a) < 3 || degree(graph, e.b) < 3) continue;
    // Lake as two runs between the same pair of bifurcations: cut the longer one if both are short.
    const twin = graph.nodes[e.a].edges.find((o) => o !== id && !graph.edges[o].removed && otherOf(graph, o, e.a) === e.b);
    if (twin !== undefined && e.length + graph.edges[twin].length <= LAKE_MAX_PX * 1.5) {
      removeEdge(graph, e.length >= graph.edges[twin].length ? id : twin);
      removed++;
      continue;
    }
    if (e.length > BRIDGE_MAX_PX) continue;
    const pa = e.path[0], pb = e.path[e.path.length - 1];
    const dx = (pb % w) - (pa % w);
    const dy = ((pb / w) | 0) - ((pa / w) | 0);
    const mid = e.path[e.path.length >> 1];
    const t = orientation.angle[mid];
    let diff = Math.abs(Math.atan2(dy, dx) - t) % Math.PI;
    if (diff > Math.PI / 2) diff = Math.PI - diff;
    if (diff >= BRIDGE_MIN_ANGLE_RAD) { removeEdge(graph, id); removed++; }
  }
  return removed;
}

function otherOf(graph: RidgeGraph, edge: number, node: number): number {
  const e = graph.edges[edge];
  return e.a === node ? e.b : e.a;
}
