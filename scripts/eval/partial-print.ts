/**
 * A template cut to a partial print: the disc about an anchor that holds its m nearest minutiae
 * (docs/decisions/size-aware-verify-threshold.md, declared rule 2). The minutiae kept are those m
 * (ties by index); the block orientation field keeps the blocks whose centre lies within the disc's
 * radius plus half a block (the others become background, 255); ridge counts keep the pairs whose
 * both ends are kept, with indices remapped; singular points inside the disc are kept. The template
 * is returned unchanged when it holds m minutiae or fewer.
 */
import type { FingerprintTemplate } from '../../engine/fingerprint/template.js';

export interface Point {
  x: number;
  y: number;
}

/** The declared five anchors: the minutiae's centroid c, and c ± (0.5 σx, 0), c ± (0, 0.5 σy). */
export function partialPrintAnchors(t: FingerprintTemplate): Point[] {
  const n = t.minutiae.length;
  if (n === 0) return [];
  const cx = t.minutiae.reduce((s, m) => s + m.x, 0) / n;
  const cy = t.minutiae.reduce((s, m) => s + m.y, 0) / n;
  const sx = Math.sqrt(t.minutiae.reduce((s, m) => s + (m.x - cx) ** 2, 0) / n);
  const sy = Math.sqrt(t.minutiae.reduce((s, m) => s + (m.y - cy) ** 2, 0) / n);
  return [
    { x: cx, y: cy },
    { x: cx + 0.5 * sx, y: cy },
    { x: cx - 0.5 * sx, y: cy },
    { x: cx, y: cy + 0.5 * sy },
    { x: cx, y: cy - 0.5 * sy },
  ];
}

export function partialPrint(t: FingerprintTemplate, m: number, anchor: Point): FingerprintTemplate {
  if (t.minutiae.length <= m) return t;
  const d = t.minutiae.map((p, i) => ({ i, d: Math.hypot(p.x - anchor.x, p.y - anchor.y) }));
  d.sort((a, b) => a.d - b.d || a.i - b.i);
  const keptIdx = d.slice(0, m).map((e) => e.i).sort((a, b) => a - b);
  const radius = d[m - 1].d;
  const newIndex = new Map(keptIdx.map((old, k) => [old, k]));
  const inside = (x: number, y: number, slack: number) => Math.hypot(x - anchor.x, y - anchor.y) <= radius + slack;
  const out: FingerprintTemplate = {
    ...t,
    minutiae: keptIdx.map((i) => t.minutiae[i]),
    singularPoints: t.singularPoints.filter((s) => inside(s.x, s.y, 0)),
  };
  if (t.orientations) {
    const o = t.orientations;
    const angles = Uint8Array.from(o.angles);
    for (let by = 0; by < o.blocksHigh; by++) {
      for (let bx = 0; bx < o.blocksWide; bx++) {
        if (!inside((bx + 0.5) * o.block, (by + 0.5) * o.block, o.block / 2)) angles[by * o.blocksWide + bx] = 255;
      }
    }
    out.orientations = { ...o, angles };
  }
  if (t.ridgeCounts) {
    out.ridgeCounts = t.ridgeCounts.flatMap((r) => {
      const from = newIndex.get(r.from);
      const to = newIndex.get(r.to);
      return from === undefined || to === undefined ? [] : [{ ...r, from, to }];
    });
  }
  return out;
}
