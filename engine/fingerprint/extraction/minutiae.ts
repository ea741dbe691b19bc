/**
 * Ridge endings (graph nodes with one ridge) and bifurcations (three ridges) with their
 * directions, in pixel coordinates. Direction, measured DIRECTION_TRACE_PX along the ridges:
 * - ending: along its ridge, pointing from the end into the ridge body (an ending is a valley
 *   bifurcation, and like a bifurcation it points into its fork — here the fork of valleys, which
 *   holds the ridge),
 * - bifurcation: along its single ridge (the stem), pointing from the stem into the fork, between
 *   the two branches,
 * which is the sense of ISO/IEC 19794-2:2005 §6.4.1, checked against the SecuGen ISO templates of
 * the same FVC2002 images (minutiae.test.ts: endings and bifurcations within 6 px of one of theirs
 * agree within 45° in 98%+ of cases; with the ending sense flipped they disagree in 99%). The traced direction is replaced by the local
 * orientation field (smoother, sub-pixel) when the two agree within DIRECTION_SNAP_RAD.
 */
import type { MinutiaType } from '../template.js';
import type { OrientationField } from './orientation-field.js';
import { DIRECTION_SNAP_RAD, DIRECTION_TRACE_PX } from './parameters.js';
import { degree, directionAlong, liveEdges, type RidgeGraph } from './ridge-graph.js';

/** A minutia in the extractor's pixel frame; the extractor converts it to the template form. */
export interface MinutiaCandidate {
  x: number;
  y: number;
  /** Radians in [0, 2π), pixel coordinates (from +x towards +y). */
  angle: number;
  type: Exclude<MinutiaType, 'other'>;
  /** Ridge graph node it came from. */
  node: number;
  /** 0–100, filled in by minutia-quality.ts. */
  quality: number;
}

const TWO_PI = 2 * Math.PI;

export function minutiae(graph: RidgeGraph, orientation: OrientationField): MinutiaCandidate[] {
  const out: MinutiaCandidate[] = [];
  for (let id = 0; id < graph.nodes.length; id++) {
    const nd = graph.nodes[id];
    if (nd.removed) continue;
    const d = degree(graph, id);
    if (d === 1) {
      const [e] = liveEdges(graph, id);
      const [vx, vy] = directionAlong(graph, e, id, DIRECTION_TRACE_PX);
      out.push({ x: nd.x, y: nd.y, angle: refine(Math.atan2(vy, vx), orientation, nd.x, nd.y), type: 'ending', node: id, quality: 0 });
    } else if (d === 3) {
      const edges = liveEdges(graph, id);
      if (edges.length !== 3) continue; // a loop through the junction: no clear stem
      const v = edges.map((e) => directionAlong(graph, e, id, DIRECTION_TRACE_PX));
      // The two branches are the pair closest in direction; the third ridge is the stem.
      let stem = 0;
      let best = -Infinity;
      for (let s = 0; s < 3; s++) {
        const p = v[(s + 1) % 3], q = v[(s + 2) % 3];
        const dot = p[0] * q[0] + p[1] * q[1];
        if (dot > best) { best = dot; stem = s; }
      }
      const [sx, sy] = v[stem];
      out.push({ x: nd.x, y: nd.y, angle: refine(Math.atan2(-sy, -sx), orientation, nd.x, nd.y), type: 'bifurcation', node: id, quality: 0 });
    }
  }
  return out;
}

/** Snaps a traced angle to the orientation field (either sense) when they agree. */
function refine(traced: number, orientation: OrientationField, x: number, y: number): number {
  const t = orientation.angle[y * orientation.width + x];
  let a = traced < 0 ? traced + TWO_PI : traced;
  for (const c of [t, t + Math.PI]) {
    let diff = Math.abs(a - c);
    if (diff > Math.PI) diff = TWO_PI - diff;
    if (diff < DIRECTION_SNAP_RAD) { a = c; break; }
  }
  return a >= TWO_PI ? a - TWO_PI : a;
}
