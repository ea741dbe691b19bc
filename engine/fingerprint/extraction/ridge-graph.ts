/**
 * The ridge skeleton as a graph, as SourceAFIS does it: nodes are skeleton pixels with one
 * neighbour (ridge endings) or three and more (bifurcations; touching junction pixels merge into
 * one node), edges are the ridge runs between them with their pixel paths. False-minutia filters
 * (filters/*) edit this graph — cut a spur, a bridge, a short ridge — and a node left with two
 * ridges is dissolved into the ridge it now lies on.
 */
import { skeletonCountsKernel } from './extraction-simd.js';
import type { ThinnedSkeleton } from './thinned-skeleton.js';

export interface RidgeNode {
  x: number;
  y: number;
  /** Ids of the edges touching the node (removed ones are dropped lazily). */
  edges: number[];
  removed: boolean;
}

export interface RidgeEdge {
  a: number;
  b: number;
  /** Pixel indices (y·width + x) from node a's pixel to node b's pixel. */
  path: Int32Array;
  /** Arc length in px (diagonal steps √2). */
  length: number;
  removed: boolean;
}

export interface RidgeGraph {
  width: number;
  height: number;
  nodes: RidgeNode[];
  edges: RidgeEdge[];
}

const OFF_X = [0, 1, 1, 1, 0, -1, -1, -1];
const OFF_Y = [-1, -1, 0, 1, 1, 1, 0, -1];

/**
 * `kernel`: 'auto' takes the neighbour counts and the node search's start pixels from WebAssembly
 * where available (extraction-simd.ts: the same counts, the same pixels in the same order),
 * 'javascript' always here (the reference, for the test).
 */
export function ridgeGraph(skeleton: ThinnedSkeleton, kernel: 'auto' | 'javascript' = 'auto'): RidgeGraph {
  const { width: w, height: h, skeleton: sk } = skeleton;
  const n = w * h;
  const off = OFF_X.map((dx, k) => dx + OFF_Y[k] * w);
  const simd = kernel === 'auto' ? skeletonCountsKernel() : null;
  const counted = simd?.run(sk, w, h);
  let count: Uint8Array;
  // The node search visits skeleton pixels in raster order and acts on counts 1 and ≥ 3 only, so
  // where WebAssembly lists those pixels it visits the list (the same pixels in the same order).
  let starts: Int32Array | undefined;
  if (counted) {
    count = counted.count;
    starts = counted.starts;
  } else {
    count = new Uint8Array(n);
    for (let y = 1; y < h - 1; y++) {
      for (let x = 1; x < w - 1; x++) {
        const i = y * w + x;
        if (!sk[i]) continue;
        let c = 0;
        for (let k = 0; k < 8; k++) c += sk[i + off[k]];
        count[i] = c;
      }
    }
  }
  // Nodes: endings alone, junction pixels grouped by 8-adjacency.
  const nodeOf = new Int32Array(n).fill(-1);
  const nodes: RidgeNode[] = [];
  const nodePixels: number[][] = [];
  const stack: number[] = [];
  const visits = starts ? starts.length : n;
  for (let v = 0; v < visits; v++) {
    const i = starts ? starts[v] : v;
    if (!sk[i] || nodeOf[i] >= 0) continue;
    const c = count[i];
    if (c === 1) {
      nodeOf[i] = nodes.length;
      nodes.push({ x: i % w, y: (i / w) | 0, edges: [], removed: false });
      nodePixels.push([i]);
    } else if (c >= 3) {
      const id = nodes.length;
      const pix: number[] = [];
      stack.push(i);
      nodeOf[i] = id;
      while (stack.length) {
        const j = stack.pop()!;
        pix.push(j);
        for (let k = 0; k < 8; k++) {
          const q = j + off[k];
          if (sk[q] && count[q] >= 3 && nodeOf[q] < 0) {
            nodeOf[q] = id;
            stack.push(q);
          }
        }
      }
      let sx = 0, sy = 0;
      for (const j of pix) { sx += j % w; sy += (j / w) | 0; }
      nodes.push({ x: Math.round(sx / pix.length), y: Math.round(sy / pix.length), edges: [], removed: false });
      nodePixels.push(pix);
    }
  }
  const graph: RidgeGraph = { width: w, height: h, nodes, edges: [] };
  const visited = new Uint8Array(n);
  const path: number[] = [];
  for (let a = 0; a < nodes.length; a++) {
    for (const s of nodePixels[a]) {
      for (let k = 0; k < 8; k++) {
        const q = s + off[k];
        if (!sk[q]) continue;
        const qn = nodeOf[q];
        if (qn === a) continue;
        if (qn >= 0) {
          // Two nodes touching: a one-step ridge, added once (from the lower id).
          if (a < qn) addEdge(graph, a, qn, [s, q]);
          continue;
        }
        if (visited[q]) continue;
        path.length = 0;
        path.push(s, q);
        visited[q] = 1;
        let prev = s, cur = q, end = -1;
        for (let guard = 0; guard < n; guard++) {
          let next = -1;
          for (let m = 0; m < 8; m++) {
            const r = cur + off[m];
            if (!sk[r] || r === prev) continue;
            if (nodeOf[r] >= 0) {
              // Prefer stepping onto a node over another ridge pixel (it ends the run).
              if (!(nodeOf[r] === a && path.length === 2)) { next = r; break; }
              continue;
            }
            if (!visited[r]) next = r;
          }
          if (next < 0) break;
          path.push(next);
          if (nodeOf[next] >= 0) { end = nodeOf[next]; break; }
          visited[next] = 1;
          prev = cur;
          cur = next;
        }
        if (end >= 0) addEdge(graph, a, end, path);
      }
    }
  }
  return graph;
}

function addEdge(g: RidgeGraph, a: number, b: number, pixels: number[]): number {
  const path = Int32Array.from(pixels);
  const id = g.edges.length;
  g.edges.push({ a, b, path, length: pathLength(path, g.width), removed: false });
  g.nodes[a].edges.push(id);
  if (b !== a) g.nodes[b].edges.push(id);
  return id;
}

function pathLength(path: Int32Array, w: number): number {
  let len = 0;
  for (let k = 1; k < path.length; k++) {
    const d = Math.abs(path[k] - path[k - 1]);
    len += d === 1 || d === w ? 1 : Math.SQRT2;
  }
  return len;
}

/** Live edges at a node (a loop counts twice, as it leaves and returns). */
export function liveEdges(g: RidgeGraph, node: number): number[] {
  const nd = g.nodes[node];
  nd.edges = nd.edges.filter((e) => !g.edges[e].removed);
  return nd.edges;
}

export function degree(g: RidgeGraph, node: number): number {
  let d = 0;
  for (const e of liveEdges(g, node)) d += g.edges[e].a === g.edges[e].b ? 2 : 1;
  return d;
}

export function otherEnd(g: RidgeGraph, edge: number, node: number): number {
  const e = g.edges[edge];
  return e.a === node ? e.b : e.a;
}

/** Removes an edge; end nodes left with no ridge disappear, those left with two are dissolved. */
export function removeEdge(g: RidgeGraph, edge: number): void {
  const e = g.edges[edge];
  if (e.removed) return;
  e.removed = true;
  for (const nd of e.a === e.b ? [e.a] : [e.a, e.b]) settle(g, nd);
}

/** A node with no ridges is removed; one on a single ridge run (degree 2) joins its two edges. */
function settle(g: RidgeGraph, node: number): void {
  const nd = g.nodes[node];
  if (nd.removed) return;
  const live = liveEdges(g, node);
  const d = degree(g, node);
  if (d === 0) { nd.removed = true; return; }
  if (d !== 2 || live.length !== 2) return;
  const [e1, e2] = live.map((id) => g.edges[id]);
  // Orient e1 to end at node and e2 to start at it, then concatenate.
  const p1 = e1.b === node ? e1.path : e1.path.slice().reverse();
  const p2 = e2.a === node ? e2.path : e2.path.slice().reverse();
  const start = e1.b === node ? e1.a : e1.b;
  const finish = e2.a === node ? e2.b : e2.a;
  const joined = new Int32Array(p1.length + p2.length - 1);
  joined.set(p1, 0);
  joined.set(p2.subarray(1), p1.length);
  e1.removed = true;
  e2.removed = true;
  nd.removed = true;
  addEdge(g, start, finish, Array.from(joined));
}

/**
 * Unit vector from a node along an edge, to the path point DIST px of arc away (or the far end
 * if the edge is shorter). Pixel coordinates.
 */
export function directionAlong(g: RidgeGraph, edge: number, node: number, dist: number): [number, number] {
  const e = g.edges[edge];
  const w = g.width;
  const p = e.path;
  const forward = e.a === node;
  const n = p.length;
  const i0 = forward ? p[0] : p[n - 1];
  const x0 = i0 % w, y0 = (i0 / w) | 0;
  let tx = x0, ty = y0;
  for (let k = 1; k < n; k++) {
    const i = forward ? p[k] : p[n - 1 - k];
    tx = i % w;
    ty = (i / w) | 0;
    if (Math.hypot(tx - x0, ty - y0) >= dist) break;
  }
  const dx = tx - x0, dy = ty - y0;
  const len = Math.hypot(dx, dy) || 1;
  return [dx / len, dy / len];
}
