/**
 * Ridge orientation at every pixel by the least-squares (gradient covariance) estimate: the
 * doubled-angle average of the gradient, turned by 90° (Bazen & Gerez 2002, "Systematic methods
 * for the computation of the directional fields and singular points of fingerprints", §2;
 * Hong, Wan & Jain 1998 §2.2), with its coherence |Σ(gx²−gy², 2gxgy)| / Σ(gx²+gy²) in [0, 1].
 *
 * Angles here are in pixel coordinates (x right, y down, θ from +x towards +y) in [0, π); the
 * extractor converts minutia directions to the ISO/IEC 19794-2 convention at the very end.
 */
import type { GrayImage } from '../gray-image.js';
import { ORIENTATION_SMOOTH_RADIUS, ORIENTATION_WINDOW_RADIUS } from './parameters.js';
import { boxMean } from './planes.js';

export interface OrientationField {
  width: number;
  height: number;
  /** Ridge direction (along the ridge), radians in [0, π), pixel coordinates. */
  angle: Float32Array;
  /** 1 = perfectly parallel ridges in the window, 0 = no dominant direction. */
  coherence: Float32Array;
}

export function orientationField(image: GrayImage): OrientationField {
  const { width: w, height: h, pixels: p } = image;
  const n = w * h;
  const gxx = new Float32Array(n);
  const gxy = new Float32Array(n);
  const gmag = new Float32Array(n);
  // Sobel gradients (interior; the border row/column keeps zero gradient).
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const a = p[i - w - 1], b = p[i - w], c = p[i - w + 1];
      const d = p[i - 1], f = p[i + 1];
      const g = p[i + w - 1], hh = p[i + w], k = p[i + w + 1];
      const gx = c + 2 * f + k - a - 2 * d - g;
      const gy = g + 2 * hh + k - a - 2 * b - c;
      gxx[i] = gx * gx - gy * gy;
      gxy[i] = 2 * gx * gy;
      gmag[i] = gx * gx + gy * gy;
    }
  }
  const tmp = new Float32Array(n);
  boxMean(gxx, w, h, ORIENTATION_WINDOW_RADIUS, tmp);
  boxMean(gxy, w, h, ORIENTATION_WINDOW_RADIUS, tmp);
  boxMean(gmag, w, h, ORIENTATION_WINDOW_RADIUS, tmp);
  const coherence = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const m = gmag[i];
    coherence[i] = m > 1e-6 ? Math.min(1, Math.hypot(gxx[i], gxy[i]) / m) : 0;
  }
  // Second smoothing of the doubled-angle field (two box passes ≈ Gaussian) bridges scars and
  // creases without letting noisy blocks vote as loudly: the vectors keep their magnitude.
  boxMean(gxx, w, h, ORIENTATION_SMOOTH_RADIUS, tmp);
  boxMean(gxy, w, h, ORIENTATION_SMOOTH_RADIUS, tmp);
  boxMean(gxx, w, h, ORIENTATION_SMOOTH_RADIUS, tmp);
  boxMean(gxy, w, h, ORIENTATION_SMOOTH_RADIUS, tmp);
  const angle = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    // Gradient direction is ½·atan2; the ridge runs perpendicular to it.
    let t = 0.5 * Math.atan2(gxy[i], gxx[i]) + Math.PI / 2;
    if (t >= Math.PI) t -= Math.PI;
    if (t < 0) t += Math.PI;
    angle[i] = t;
  }
  return { width: w, height: h, angle, coherence };
}
