import { describe, expect, it } from 'vitest';
import { movedTemplate } from '../../../fixtures/gallery/moved-template.js';
import { galleryTemplate } from '../../../fixtures/gallery/background-gallery.js';
import type { FingerprintTemplate } from '../template.js';
import { LOCAL_FEATURES, localFeatureVector, triangleHistogramDimension, triangleHistogramVector } from './finger-vector-local.js';
import { pairHistogramDimension, pairHistogramVector } from './finger-vector.js';
import { applyProjection, shippedProjection } from './finger-vector-projection.js';
import { FINGER_VECTOR } from './parameters.js';

const moved = movedTemplate;

const dot = (a: number[], b: number[]): number => a.reduce((s, x, i) => s + x * b[i], 0);
const templates = Array.from({ length: 12 }, (_, i) => galleryTemplate(7, i));

describe('candidate finger-vector inputs (study code)', () => {
  it('have the declared lengths and unit norm', () => {
    const t = templates[0];
    expect(triangleHistogramVector(t)).toHaveLength(triangleHistogramDimension());
    expect(localFeatureVector('pairs+triangles', t)).toHaveLength(pairHistogramDimension() + triangleHistogramDimension());
    for (const name of LOCAL_FEATURES) expect(Math.hypot(...localFeatureVector(name, t))).toBeCloseTo(1, 9);
  });

  it('do not change when the finger is rotated and shifted', () => {
    for (const t of templates) {
      const m = moved(t, 0.6, 25, -30);
      for (const name of LOCAL_FEATURES) {
        // Not exactly 1: a side at exactly a cut-off, or two neighbours at exactly one distance,
        // can fall either way after rotation in floating point.
        expect(dot(localFeatureVector(name, t), localFeatureVector(name, m))).toBeGreaterThan(0.995);
      }
    }
  });

  it('tell different fingers apart more than a moved copy of one', () => {
    // Rotation invariance is worthless if every template gives the same histogram.
    const a = triangleHistogramVector(templates[0]);
    const others = templates.slice(1).map((t) => dot(a, triangleHistogramVector(t)));
    expect(Math.max(...others)).toBeLessThan(0.98);
  });

  it('give the zero vector when no minutia has two neighbours in range', () => {
    const lone: FingerprintTemplate = { ...templates[0], minutiae: templates[0].minutiae.slice(0, 2).map((m, i) => ({ ...m, x: 10 + 200 * i, y: 10 })) };
    expect(triangleHistogramVector(lone).every((x) => x === 0)).toBe(true);
  });

  it('weigh pairs by quality: unknown qualities give today\'s histogram, known ones change it, rotation does not', () => {
    const t = templates[1];
    // Generated templates carry quality 0 (ISO: unknown): exactly today's histogram.
    expect(localFeatureVector('pairs-quality-1', t)).toEqual(pairHistogramVector(t));
    const graded: FingerprintTemplate = { ...t, minutiae: t.minutiae.map((m, i) => ({ ...m, quality: 20 + ((i * 37) % 81) })) };
    const plain = pairHistogramVector(graded);
    for (const name of ['pairs-quality-0.5', 'pairs-quality-1', 'pairs-quality-2'] as const) {
      const v = localFeatureVector(name, graded);
      expect(dot(v, plain)).toBeLessThan(0.9999);
      expect(dot(v, localFeatureVector(name, moved(graded, 0.6, 25, -30)))).toBeGreaterThan(0.995);
    }
  });

  it('keep the invariance through a projection (the stored vector, not only the histogram)', () => {
    // Round 2 sends the quality-weighted input through the shipped projection; the whitening
    // magnifies small differences, so this is the check that matters for the index.
    const projection = shippedProjection(FINGER_VECTOR.projection.sha256);
    for (const t of templates.slice(0, 6)) {
      const graded: FingerprintTemplate = { ...t, minutiae: t.minutiae.map((m, i) => ({ ...m, quality: 20 + ((i * 37) % 81) })) };
      const a = applyProjection(projection, localFeatureVector('pairs-quality-1', graded));
      const b = applyProjection(projection, localFeatureVector('pairs-quality-1', moved(graded, 0.6, 25, -30)));
      expect(a).toHaveLength(FINGER_VECTOR.projection.dimensions);
      expect(dot(a, b)).toBeGreaterThan(0.99);
    }
  });
});

