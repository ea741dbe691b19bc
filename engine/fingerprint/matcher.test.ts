import { describe, expect, it } from 'vitest';
import { FingerprintMatcher, prepareCandidate, prepareProbe } from './matcher.js';
import type { FingerprintTemplate, Minutia } from './template.js';
import { mulberry32 as rng } from '../../fixtures/seeded-random.js';
import { plausibleTemplate } from '../../fixtures/synthetic-templates.js';


/** A plausible template: ~45 minutiae at least 12 px apart over a 300x360 print. */
const syntheticTemplate = (seed: number): FingerprintTemplate => plausibleTemplate(seed);

/** Rotates by `angle` (CCW as viewed) about the centre, shifts, jitters, and keeps what `keep` says. */
function transformed(t: FingerprintTemplate, angle: number, shiftX: number, shiftY: number, jitter: number, seed: number, keep: (x: number, y: number) => boolean = () => true): FingerprintTemplate {
  const r = rng(seed);
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const minutiae: Minutia[] = [];
  for (const m of t.minutiae) {
    const x0 = m.x - 150;
    const y0 = m.y - 180;
    // CCW as viewed with y down: (x, y) -> (x cos + y sin, -x sin + y cos).
    const x = 150 + c * x0 + s * y0 + shiftX + (r() - 0.5) * 2 * jitter;
    const y = 180 - s * x0 + c * y0 + shiftY + (r() - 0.5) * 2 * jitter;
    if (!keep(x, y)) continue;
    const direction = (m.direction + angle + (r() - 0.5) * 0.2 * (jitter > 0 ? 1 : 0) + 4 * Math.PI) % (2 * Math.PI);
    minutiae.push({ ...m, x, y, direction });
  }
  return { ...t, minutiae };
}

describe('FingerprintMatcher (MCC) invariances on synthetic templates', () => {
  const base = syntheticTemplate(1);
  const matcher = new FingerprintMatcher(prepareProbe(base));
  const impostorScores = [2, 3, 4, 5, 6].map((seed) => matcher.match(syntheticTemplate(seed)).score);
  const worstImpostor = Math.max(...impostorScores);

  it('scores a template against itself near 1 with every minutia paired to itself', () => {
    const result = matcher.match(base);
    expect(result.score).toBeGreaterThan(0.95);
    for (const p of result.pairs) expect(p.candidate).toBe(p.probe);
    expect(Math.abs(result.dx) + Math.abs(result.dy)).toBeLessThan(1e-3);
  });

  it('scores unrelated templates low', () => {
    expect(worstImpostor).toBeLessThan(0.35);
  });

  it('is invariant to rotation and translation, and recovers them', () => {
    const angle = 0.7;
    const moved = transformed(base, angle, 40, -25, 0, 7);
    const result = matcher.match(moved);
    expect(result.score).toBeGreaterThan(0.95);
    expect(Math.abs(result.rotation - angle)).toBeLessThan(0.01);
    // The probe's centre (150, 180) lands on the candidate's (190, 155).
    const c = Math.cos(result.rotation);
    const s = Math.sin(result.rotation);
    expect(150 * c + 180 * s + result.dx).toBeCloseTo(190, 0);
    expect(-150 * s + 180 * c + result.dy).toBeCloseTo(155, 0);
  });

  it('tolerates jitter (distortion-like), partial overlap and rotation up to 80°', () => {
    const jittered = transformed(base, -1.2, 10, 30, 4, 8);
    const cropped = transformed(base, 0.3, 0, 0, 3, 9, (x, y) => x < 220 && y < 260);
    // MCC compares only cylinders whose minutiae differ in direction by at most δθ = 90° (§4.1).
    const upside = transformed(base, 1.4, 0, 0, 2, 10);
    for (const t of [jittered, cropped, upside]) {
      const score = matcher.match(prepareCandidate(t)).score;
      expect(score).toBeGreaterThan(worstImpostor + 0.2);
    }
  });

  it('gives the same score both ways round and through prepared or raw candidates', () => {
    const other = transformed(base, 0.5, 5, 5, 3, 11);
    const ab = matcher.match(other).score;
    const ba = new FingerprintMatcher(other).match(prepareCandidate(base)).score;
    expect(Math.abs(ab - ba)).toBeLessThan(0.1);
    expect(matcher.score(prepareCandidate(other))).toBe(ab);
  });

  it('returns score 0 and no pairs for an empty candidate', () => {
    const result = matcher.match({ ...base, minutiae: [] });
    expect(result).toEqual({ score: 0, pairs: [], rotation: 0, dx: 0, dy: 0 });
  });

  it('refuses non-finite minutiae with INVALID_ARGUMENT naming the field', () => {
    const bad = { ...base, minutiae: [{ ...base.minutiae[0], x: Number.NaN }] };
    expect(() => matcher.match(bad)).toThrow(/template\.minutiae\[0\]/);
  });

  it('survives degenerate templates: one minutia, collinear or coincident minutiae, more than 128', () => {
    const m0 = base.minutiae[0];
    const one = { ...base, minutiae: [m0] };
    const line = { ...base, minutiae: [0, 1, 2, 3, 4].map((k) => ({ ...m0, x: 20 + 30 * k, y: 50 })) };
    const same = { ...base, minutiae: [m0, m0, m0, m0] };
    const many = syntheticTemplate(12);
    const r = rng(13);
    const crowded = { ...many, minutiae: Array.from({ length: 200 }, (_, k) => ({ ...m0, x: r() * 300, y: r() * 360, direction: r() * 6.28, quality: k % 100 })) };
    for (const t of [one, line, same, crowded]) {
      const result = matcher.match(t);
      expect(Number.isFinite(result.score)).toBe(true);
      expect(result.score).toBeGreaterThanOrEqual(0);
      expect(result.score).toBeLessThanOrEqual(1);
      expect(new FingerprintMatcher(t).match(t).score).toBeGreaterThanOrEqual(0);
    }
    expect(prepareCandidate(crowded).count).toBeLessThanOrEqual(128);
  });

  it('finds a half-turned print with anyRotation, and not without', () => {
    const upside = transformed(base, Math.PI, 0, 0, 2, 14);
    expect(matcher.match(upside).score).toBeLessThan(worstImpostor + 0.05);
    const result = new FingerprintMatcher(base, { anyRotation: true }).match(upside);
    expect(result.score).toBeGreaterThan(worstImpostor + 0.2);
    expect(Math.abs(Math.cos(result.rotation) + 1)).toBeLessThan(0.01);
  });
});
