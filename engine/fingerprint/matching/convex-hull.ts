/**
 * The minutiae convex hull enlarged by an offset ω: MCC marks a cylinder cell valid only inside it
 * (Cappelli et al. 2010, §3), so that cells over background, where no minutia could have been found,
 * neither count as evidence of absence nor against a mate.
 */

export interface ConvexHull {
  /** Hull vertices in counter-clockwise order (x, y interleaved). */
  readonly vertices: Float64Array;
  readonly offset: number;
}

/** Andrew's monotone chain over the points (x, y interleaved). */
export function convexHull(points: Float64Array, offset: number): ConvexHull {
  const n = points.length / 2;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => points[2 * a] - points[2 * b] || points[2 * a + 1] - points[2 * b + 1],
  );
  const hull: number[] = [];
  const cross = (o: number, a: number, b: number): number =>
    (points[2 * a] - points[2 * o]) * (points[2 * b + 1] - points[2 * o + 1]) -
    (points[2 * a + 1] - points[2 * o + 1]) * (points[2 * b] - points[2 * o]);
  for (const p of order) {
    while (hull.length >= 2 && cross(hull[hull.length - 2], hull[hull.length - 1], p) <= 0) hull.pop();
    hull.push(p);
  }
  const lowerSize = hull.length + 1;
  for (let i = n - 2; i >= 0; i--) {
    const p = order[i];
    while (hull.length >= lowerSize && cross(hull[hull.length - 2], hull[hull.length - 1], p) <= 0) hull.pop();
    hull.push(p);
  }
  if (hull.length > 1) hull.pop();
  const vertices = new Float64Array(hull.length * 2);
  hull.forEach((p, i) => {
    vertices[2 * i] = points[2 * p];
    vertices[2 * i + 1] = points[2 * p + 1];
  });
  return { vertices, offset };
}

function segmentDistanceSquared(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const vx = bx - ax;
  const vy = by - ay;
  const len2 = vx * vx + vy * vy;
  let t = len2 > 0 ? ((px - ax) * vx + (py - ay) * vy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const dx = px - (ax + t * vx);
  const dy = py - (ay + t * vy);
  return dx * dx + dy * dy;
}

/** True when (x, y) lies inside the hull or within its offset of it. */
export function insideEnlargedHull(hull: ConvexHull, x: number, y: number): boolean {
  const v = hull.vertices;
  const m = v.length / 2;
  if (m === 0) return false;
  if (m >= 3) {
    let inside = true;
    for (let i = 0; i < m; i++) {
      const j = (i + 1) % m;
      const c = (v[2 * j] - v[2 * i]) * (y - v[2 * i + 1]) - (v[2 * j + 1] - v[2 * i + 1]) * (x - v[2 * i]);
      if (c < 0) {
        inside = false;
        break;
      }
    }
    if (inside) return true;
  }
  const r2 = hull.offset * hull.offset;
  for (let i = 0; i < m; i++) {
    const j = (i + 1) % m;
    if (segmentDistanceSquared(x, y, v[2 * i], v[2 * i + 1], v[2 * j], v[2 * j + 1]) <= r2) return true;
  }
  return false;
}
