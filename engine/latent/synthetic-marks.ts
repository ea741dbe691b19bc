/**
 * Synthetic marks with known truth, for the latent stage tests: a ridge pattern of known
 * orientation inside an ellipse on light paper, with the structured noise of crime-scene marks
 * drawn over it — ruled lines across the whole image and blocks of "text" (dark strokes of letter
 * size) beside the mark. Deterministic (seeded); no randomness at test time.
 */
import type { GrayImage } from '../fingerprint/gray-image.js';

export interface SyntheticMark {
  image: GrayImage;
  /** 1 inside the mark's ellipse. */
  markMask: Uint8Array;
  /** 1 on the text blocks' area. */
  textMask: Uint8Array;
  /** True ridge orientation (pixel frame, [0, π)) at every pixel of the pattern. */
  trueAngle: Float32Array;
}

export interface SyntheticMarkOptions {
  width?: number;
  height?: number;
  period?: number;
  /** Ruled lines: spacing (px) and angle (radians, pixel frame); 0 spacing = none. */
  lineSpacing?: number;
  lineAngle?: number;
  lineWidth?: number;
  /** Draw blocks of text strokes to the right of the mark. */
  text?: boolean;
  /** Ridge contrast (gray levels, half peak-to-peak). */
  amplitude?: number;
  seed?: number;
}

/**
 * Concentric-arc ridges about a centre above the image (a loop's upper part: curved flow whose true
 * orientation is the tangent of the circles), in an ellipse left of centre.
 */
export function syntheticMark(options: SyntheticMarkOptions = {}): SyntheticMark {
  const w = options.width ?? 320;
  const h = options.height ?? 256;
  const period = options.period ?? 9;
  const amp = options.amplitude ?? 45;
  let s = (options.seed ?? 7) >>> 0;
  const rnd = (): number => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const pixels = new Float32Array(w * h);
  const markMask = new Uint8Array(w * h);
  const textMask = new Uint8Array(w * h);
  const trueAngle = new Float32Array(w * h);
  const ex = 0.3 * w, ey = 0.5 * h, ra = 0.24 * w, rb = 0.4 * h;
  const ccx = ex, ccy = -0.6 * h; // centre of the circles, above the image
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const r = Math.hypot(x - ccx, y - ccy);
      // Tangent of the circle through (x, y).
      let t = Math.atan2(y - ccy, x - ccx) + Math.PI / 2;
      t = ((t % Math.PI) + Math.PI) % Math.PI;
      trueAngle[i] = t;
      const inside = ((x - ex) / ra) ** 2 + ((y - ey) / rb) ** 2 <= 1;
      markMask[i] = inside ? 1 : 0;
      pixels[i] = 200 + (inside ? amp * Math.cos((2 * Math.PI * r) / period) - 30 : 0) + (rnd() * 2 - 1) * 12;
    }
  }
  if (options.text) {
    // Three lines of "words": letter cells 14×18 px, each with two or three random strokes.
    const x0 = Math.round(0.6 * w), x1 = w - 8;
    for (let line = 0; line < 3; line++) {
      const y0 = Math.round(0.2 * h) + line * 40;
      for (let cx = x0; cx + 14 <= x1; cx += 17) {
        if (rnd() < 0.15) continue; // word gap
        for (let y = y0; y < y0 + 18; y++) for (let x = cx; x < cx + 14; x++) textMask[y * w + x] = 1;
        const strokes = 2 + Math.floor(rnd() * 2);
        for (let k = 0; k < strokes; k++) {
          const ax = cx + rnd() * 14, ay = y0 + rnd() * 18, bx = cx + rnd() * 14, by = y0 + rnd() * 18;
          stroke(pixels, w, h, ax, ay, bx, by, 2.2, 40);
        }
      }
    }
  }
  if (options.lineSpacing && options.lineSpacing > 0) {
    const a = options.lineAngle ?? 0.3;
    const nx = -Math.sin(a), ny = Math.cos(a);
    const lw = options.lineWidth ?? 4;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const d = x * nx + y * ny;
        const m = ((d % options.lineSpacing) + options.lineSpacing) % options.lineSpacing;
        if (m < lw) pixels[y * w + x] = Math.min(pixels[y * w + x]!, 60);
      }
    }
  }
  const out = new Uint8Array(w * h);
  for (let i = 0; i < out.length; i++) out[i] = Math.max(0, Math.min(255, Math.round(pixels[i]!)));
  return { image: { width: w, height: h, pixels: out, ppi: 500 }, markMask, textMask, trueAngle };
}

function stroke(p: Float32Array, w: number, h: number, ax: number, ay: number, bx: number, by: number, halfWidth: number, gray: number): void {
  const n = Math.ceil(Math.hypot(bx - ax, by - ay)) + 1;
  for (let k = 0; k <= n; k++) {
    const x = ax + ((bx - ax) * k) / n, y = ay + ((by - ay) * k) / n;
    for (let dy = -Math.ceil(halfWidth); dy <= Math.ceil(halfWidth); dy++) {
      for (let dx = -Math.ceil(halfWidth); dx <= Math.ceil(halfWidth); dx++) {
        const xx = Math.round(x + dx), yy = Math.round(y + dy);
        if (xx < 0 || yy < 0 || xx >= w || yy >= h || dx * dx + dy * dy > halfWidth * halfWidth) continue;
        p[yy * w + xx] = gray;
      }
    }
  }
}
