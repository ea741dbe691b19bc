/**
 * A mark with its features drawn on it, for an examiner (ExtractLatent's drawing, `biomatch latent
 * extract --draw`): the mark at 500 ppi in gray, the ROI outline in yellow, ridge endings as red
 * circles and bifurcations as green squares (examiner minutiae in blue), each with a tick along
 * its direction whose length grows with its reliability, cores magenta and deltas cyan. The
 * colours follow scripts/draw.ts. Pure: RGB bytes out; the caller encodes them.
 */
import type { GrayImage } from '../fingerprint/gray-image.js';
import type { LatentFeatures } from './latent-features.js';

type Rgb = [number, number, number];

export interface Drawing {
  width: number;
  height: number;
  /** 3 bytes a pixel, row-major. */
  rgb: Uint8Array;
}

export function drawLatentFeatures(image500: GrayImage, f: LatentFeatures): Drawing {
  const W = image500.width;
  const H = image500.height;
  const rgb = new Uint8Array(W * H * 3);
  for (let i = 0; i < W * H; i++) rgb.fill(image500.pixels[i], i * 3, i * 3 + 3);
  const put = (x: number, y: number, c: Rgb) => {
    x = Math.round(x); y = Math.round(y);
    if (x < 0 || y < 0 || x >= W || y >= H) return;
    rgb.set(c, (y * W + x) * 3);
  };
  const line = (x0: number, y0: number, x1: number, y1: number, c: Rgb) => {
    const n = Math.ceil(Math.hypot(x1 - x0, y1 - y0)) + 1;
    for (let k = 0; k <= n; k++) put(x0 + ((x1 - x0) * k) / n, y0 + ((y1 - y0) * k) / n, c);
  };
  const circle = (cx: number, cy: number, r: number, c: Rgb) => {
    for (let k = 0; k < 48; k++) put(cx + r * Math.cos((k * Math.PI) / 24), cy + r * Math.sin((k * Math.PI) / 24), c);
  };
  if (f.roi) f.roi.forEach((p, i) => { const q = f.roi![(i + 1) % f.roi!.length]; line(p.x, p.y, q.x, q.y, [255, 220, 0]); });
  for (const m of f.minutiae) {
    const c: Rgb = m.source === 'examiner' ? [40, 90, 255] : m.type === 'bifurcation' ? [0, 170, 0] : [230, 20, 20];
    const r = 4;
    if (m.type === 'bifurcation') {
      line(m.x - r, m.y - r, m.x + r, m.y - r, c); line(m.x + r, m.y - r, m.x + r, m.y + r, c);
      line(m.x + r, m.y + r, m.x - r, m.y + r, c); line(m.x - r, m.y + r, m.x - r, m.y - r, c);
    } else circle(m.x, m.y, r, c);
    // ISO direction: counter-clockwise as viewed, so y goes up (−sin).
    const L = 6 + 10 * Math.max(0, Math.min(1, m.reliability));
    line(m.x, m.y, m.x + L * Math.cos(m.direction), m.y - L * Math.sin(m.direction), c);
  }
  for (const p of f.singularPoints) {
    const c: Rgb = p.type === 'core' ? [220, 0, 220] : [0, 200, 220];
    circle(p.x, p.y, 7, c);
    circle(p.x, p.y, 8, c);
  }
  return { width: W, height: H, rgb };
}
