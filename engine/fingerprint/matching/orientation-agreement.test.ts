import { describe, expect, it } from 'vitest';
import { mulberry32 as rng } from '../../../fixtures/seeded-random.js';
import { EngineError } from '../../errors.js';
import { extractTemplate } from '../extractor.js';
import { blockOrientations, BACKGROUND_BLOCK } from '../extraction/block-orientations.js';
import { orientationField } from '../extraction/orientation-field.js';
import { ORIENTATION_BLOCK } from '../extraction/parameters.js';
import { segmentationMask } from '../extraction/segmentation-mask.js';
import { inDisc, parallelRidges, withNoise } from '../extraction/synthetic-prints.js';
import { FingerprintMatcher, prepareCandidate, prepareProbe } from '../matcher.js';
import type { BlockOrientations, FingerprintTemplate, Minutia } from '../template.js';
import { validateTemplate } from '../template-validation.js';
import type { SelectedPairs } from './consolidation.js';
import { pairAlignment } from './consolidation.js';
import { ProbeOrientations, consensusAlignment, fuseOrientation, orientationAgreement, hypot } from './orientation-agreement.js';
import { CONSENSUS_ANGLE, CONSENSUS_DISTANCE, ORIENTATION_NEUTRAL_AGREEMENT, ORIENTATION_WEIGHT } from './parameters.js';

const W = 300, H = 360;

/** A field of one ridge direction (whole degrees, pixel frame) over the whole image. */
function uniformField(degrees: number, width = W, height = H, block = 16): BlockOrientations {
  const blocksWide = Math.ceil(width / block), blocksHigh = Math.ceil(height / block);
  return { block, blocksWide, blocksHigh, angles: new Uint8Array(blocksWide * blocksHigh).fill(((degrees % 180) + 180) % 180) };
}

/** ~45 minutiae at least 12 px apart, directions along a smooth field (as matcher.test.ts). */
function syntheticTemplate(seed: number): FingerprintTemplate {
  const r = rng(seed);
  const minutiae: Minutia[] = [];
  while (minutiae.length < 45) {
    const x = 20 + r() * 260, y = 20 + r() * 320;
    if (minutiae.some((m) => (m.x - x) ** 2 + (m.y - y) ** 2 < 144)) continue;
    const direction = (Math.atan2(y - 180, x - 150) + Math.PI / 2 + (r() - 0.5) * 0.6 + (r() < 0.5 ? 0 : Math.PI) + 4 * Math.PI) % (2 * Math.PI);
    minutiae.push({ x, y, direction, type: r() < 0.5 ? 'ending' : 'bifurcation', quality: 60 });
  }
  return { width: W, height: H, resolutionPpi: 500, minutiae, singularPoints: [] };
}

/** Rotated by `angle` (CCW as viewed) about the centre and shifted, kept where it stays inside. */
function moved(t: FingerprintTemplate, angle: number, sx: number, sy: number): FingerprintTemplate {
  const c = Math.cos(angle), s = Math.sin(angle);
  const minutiae = t.minutiae
    .map((m) => ({ ...m, x: 150 + c * (m.x - 150) + s * (m.y - 180) + sx, y: 180 - s * (m.x - 150) + c * (m.y - 180) + sy, direction: (m.direction + angle + 2 * Math.PI) % (2 * Math.PI) }))
    .filter((m) => m.x >= 0 && m.x < W && m.y >= 0 && m.y < H);
  return { ...t, minutiae };
}

describe('block orientations (extraction stage)', () => {
  it('gives the ridge direction of parallel ridges in every finger block, background elsewhere', () => {
    for (const angle of [0.3, 1.2, 2.5]) {
      const img = inDisc(withNoise(parallelRidges(192, 192, angle, 9), 10), 80);
      const o = orientationField(img);
      const field = blockOrientations(o, segmentationMask(img, o));
      expect(field.block).toBe(ORIENTATION_BLOCK);
      expect(field.angles.length).toBe(field.blocksWide * field.blocksHigh);
      const finger = [...field.angles].filter((a) => a !== BACKGROUND_BLOCK);
      expect(finger.length).toBeGreaterThan(40);
      expect(field.angles[0]).toBe(BACKGROUND_BLOCK); // a corner, outside the disc
      // Blocks well inside the disc (its rim bends the gradients) give the ridges' direction.
      const want = (angle * 180) / Math.PI;
      let inside = 0;
      for (let by = 0; by < field.blocksHigh; by++) {
        for (let bx = 0; bx < field.blocksWide; bx++) {
          if (Math.hypot((bx + 0.5) * field.block - 96, (by + 0.5) * field.block - 96) > 56) continue;
          const a = field.angles[by * field.blocksWide + bx];
          expect(Math.abs(((a - want + 270) % 180) - 90)).toBeLessThanOrEqual(3);
          inside++;
        }
      }
      expect(inside).toBeGreaterThan(30);
    }
  });

  it('is part of every extracted template, and such a template is valid', async () => {
    const t = await extractTemplate(inDisc(withNoise(parallelRidges(192, 192, 0.8, 9), 10), 80));
    expect(t.orientations).toBeDefined();
    expect(validateTemplate(t, 'template')).toBe(t);
  });
});

describe('template validation of the block orientation field', () => {
  const base = syntheticTemplate(1);
  const refuse = (orientations: BlockOrientations, field: string) => {
    try {
      validateTemplate({ ...base, orientations }, 'template');
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(EngineError);
      expect((e as EngineError).message).toContain(field);
    }
  };
  it('refuses a field that does not tile the image, a wrong length, or an angle byte out of range', () => {
    refuse({ ...uniformField(10), blocksWide: 3 }, 'template.block_orientations');
    refuse({ ...uniformField(10), angles: new Uint8Array(5) }, 'template.block_orientations.angles');
    const f = uniformField(10);
    f.angles[7] = 200;
    refuse(f, 'template.block_orientations.angles');
    refuse({ ...uniformField(10, W, H, 2), block: 2 }, 'template.block_orientations.block');
    expect(validateTemplate({ ...base, orientations: uniformField(10) }, 'template').orientations).toBeDefined();
  });
});

describe('orientation agreement', () => {
  it('is 1 for the same field under the identity, −1 for crossed ridges, and turns with the alignment', () => {
    const p = uniformField(30);
    // Every other block both ways of 19 × 23: 10 × 12.
    expect(new ProbeOrientations(p).count).toBe(120);
    const same = orientationAgreement(p, uniformField(30), { rotation: 0, tx: 0, ty: 0 });
    expect(same.agreement).toBeCloseTo(1, 9);
    expect(same.overlap).toBe(120);
    expect(orientationAgreement(p, uniformField(120), { rotation: 0, tx: 0, ty: 0 }).agreement).toBeCloseTo(-1, 9);
    // Turned 20° CCW as viewed, a pixel-frame direction of 30° becomes 10°.
    const r = (20 * Math.PI) / 180;
    expect(orientationAgreement(p, uniformField(10), { rotation: r, tx: 0, ty: 0 }).agreement).toBeCloseTo(1, 9);
    expect(orientationAgreement(p, uniformField(50), { rotation: r, tx: 0, ty: 0 }).agreement).toBeCloseTo(Math.cos((2 * 40 * Math.PI) / 180), 9);
  });

  it('counts only blocks landing on candidate finger; none gives agreement 0', () => {
    const p = uniformField(30);
    // Shifted right by 160 px (10 blocks) in the y-up frame: columns 0–8 still land inside, and
    // of those the probe keeps 0, 2, 4, 6, 8: 5 × 12.
    expect(orientationAgreement(p, uniformField(30), { rotation: 0, tx: 160, ty: 0 }).overlap).toBe(60);
    const c = uniformField(30);
    c.angles.fill(BACKGROUND_BLOCK);
    expect(orientationAgreement(p, c, { rotation: 0, tx: 0, ty: 0 })).toEqual({ agreement: 0, overlap: 0 });
  });

  it('scales by exp(w (A − A0)), never above 1', () => {
    expect(fuseOrientation(0.1, ORIENTATION_NEUTRAL_AGREEMENT)).toBe(0.1);
    expect(fuseOrientation(0.1, 1)).toBeCloseTo(0.1 * Math.exp(ORIENTATION_WEIGHT * (1 - ORIENTATION_NEUTRAL_AGREEMENT)), 12);
    expect(fuseOrientation(0.1, -1)).toBeCloseTo(0.1 * Math.exp(-ORIENTATION_WEIGHT * (1 + ORIENTATION_NEUTRAL_AGREEMENT)), 12);
    expect(fuseOrientation(0.9, 1)).toBe(1);
  });
});

describe('consensus alignment', () => {
  it('recovers the transform of the consistent pairs where the mean over all pairs is pulled off by one wrong pair', () => {
    const probe = syntheticTemplate(3);
    const angle = 0.35, sx = 12, sy = -9;
    const cand = moved(probe, angle, sx, sy);
    const a = prepareCandidate(probe);
    const b = prepareCandidate(cand);
    // Pair cylinders of the same source minutia; the moved template keeps minutiae in order, so
    // map by position.
    const c = Math.cos(angle), s = Math.sin(angle);
    const pairs: [number, number][] = [];
    for (let i = 0; i < a.count && pairs.length < 8; i++) {
      const m = probe.minutiae[a.minutia[i]];
      const x = 150 + c * (m.x - 150) + s * (m.y - 180) + sx, y = 180 - s * (m.x - 150) + c * (m.y - 180) + sy;
      for (let j = 0; j < b.count; j++) {
        const n = cand.minutiae[b.minutia[j]];
        if (Math.abs(n.x - x) < 1e-6 && Math.abs(n.y - y) < 1e-6) pairs.push([i, j]);
      }
    }
    expect(pairs.length).toBe(8);
    // One wrong pair: a probe minutia paired with a far-away candidate minutia.
    const far = [...Array(b.count).keys()].find((j) => Math.hypot(b.x[j] - b.x[pairs[0][1]], b.y[j] - b.y[pairs[0][1]]) > 150)!;
    pairs.push([pairs[1][0] === 0 ? 1 : 0, far]);
    const n = pairs.length;
    const sel: SelectedPairs = {
      pairA: Int32Array.from(pairs, (p) => p[0]),
      pairB: Int32Array.from(pairs, (p) => p[1]),
      lambda: new Float32Array(n).fill(0.5),
      chosen: Int32Array.from({ length: n }, (_, i) => i),
      chosenCount: { value: n },
    };
    const t = consensusAlignment(a, b, sel)!;
    expect(t.rotation).toBeCloseTo(angle, 9);
    // In the y-up frame the centre (150, −180) maps to (150 + sx, −180 − sy).
    expect(Math.cos(t.rotation) * 150 + Math.sin(t.rotation) * 180 + t.tx).toBeCloseTo(150 + sx, 6);
    expect(Math.sin(t.rotation) * 150 - Math.cos(t.rotation) * 180 + t.ty).toBeCloseTo(-180 - sy, 6);
    const mean = pairAlignment(a, b, sel);
    // MatchResult's image-frame convention: the true shift is (dx, dy) below; the mean misses it.
    const dx = 150 - 150 * c - 180 * s + sx, dy = 180 + 150 * s - 180 * c + sy;
    expect(Math.hypot(mean.dx - dx, mean.dy - dy)).toBeGreaterThan(5);
  });
});

describe('the matcher with the orientation cue', () => {
  const base = syntheticTemplate(1);
  const angle = (24 * Math.PI) / 180;
  const other = moved(base, angle, 20, -15);
  it('raises the minutiae score a little where the fields agree, lowers it much where the ridges cross', () => {
    const plain = new FingerprintMatcher(prepareProbe(base)).match(other);
    expect(plain.minutiaeScore).toBeUndefined();
    expect(plain.score).toBeGreaterThan(0.3);
    const withCue = new FingerprintMatcher(prepareProbe({ ...base, orientations: uniformField(40) }));
    const agree = withCue.match({ ...other, orientations: uniformField(16) });
    expect(agree.minutiaeScore).toBe(plain.score);
    expect(agree.orientationAgreement).toBeCloseTo(1, 9);
    expect(agree.orientationOverlap).toBeGreaterThan(50);
    expect(agree.score).toBeCloseTo(Math.min(1, plain.score * Math.exp(ORIENTATION_WEIGHT * (1 - ORIENTATION_NEUTRAL_AGREEMENT))), 9);
    const crossed = withCue.match({ ...other, orientations: uniformField(106) });
    expect(crossed.orientationAgreement).toBeCloseTo(-1, 9);
    expect(crossed.score).toBeCloseTo(plain.score * Math.exp(-ORIENTATION_WEIGHT * (1 + ORIENTATION_NEUTRAL_AGREEMENT)), 9);
    // The score-only path gives the same.
    expect(withCue.score(prepareCandidate({ ...other, orientations: uniformField(106) }))).toBe(crossed.score);
  });

  it('leaves the score alone when either side has no field (ISO/ANSI templates) or at any rotation (latent search)', () => {
    const plain = new FingerprintMatcher(base).score(other);
    expect(new FingerprintMatcher({ ...base, orientations: uniformField(40) }).score(other)).toBe(plain);
    expect(new FingerprintMatcher(base).score({ ...other, orientations: uniformField(106) })).toBe(plain);
    const any = new FingerprintMatcher(base, { anyRotation: true }).score(other);
    expect(new FingerprintMatcher({ ...base, orientations: uniformField(40) }, { anyRotation: true }).score({ ...other, orientations: uniformField(106) })).toBe(any);
  });
});

describe('a gallery scan skips the cue only where it cannot change the answer', () => {
  it('keeps the same candidates, scores and hit count as exact scoring', async () => {
    const { PreparedArena } = await import('../identification/prepared-arena.js');
    const { scanGallery } = await import('../identification/gallery-scan.js');
    const probe = { ...syntheticTemplate(1), orientations: uniformField(40) };
    const gallery: FingerprintTemplate[] = [];
    for (let i = 0; i < 24; i++) {
      const base = i % 3 === 0 ? moved(syntheticTemplate(1), 0.1 * i - 1, i, -i) : syntheticTemplate(100 + i);
      gallery.push({ ...base, orientations: uniformField((37 * i) % 180) });
    }
    const arena = new PreparedArena(32);
    for (const t of gallery) arena.add(prepareCandidate(t), { group: 0, fingerPosition: 0, minutiae: t.minutiae.length });
    const exact = gallery.map((t) => new FingerprintMatcher(probe).score(t));
    for (const minScore of [Number.NEGATIVE_INFINITY, 0, 0.02, 0.1]) {
      for (const keep of [1, 3, 8]) {
        const r = scanGallery({ probe, arena: arena.share(), range: { from: 0, to: arena.size }, filter: { groups: new Uint8Array([1]) }, keep, minScore, describe: 0, stop: new Int32Array(new SharedArrayBuffer(4)) });
        const want = exact.map((s, slot) => ({ s, slot })).filter((e) => e.s >= minScore).sort((a, b) => b.s - a.s || a.slot - b.slot).slice(0, keep);
        expect(r.slots).toEqual(want.map((e) => e.slot));
        expect(r.scores).toEqual(want.map((e) => e.s));
        expect(r.hits).toBe(exact.filter((s) => s >= minScore).length);
      }
    }
    // The bound itself: under `below` only when the exact score is too.
    const m = new FingerprintMatcher(probe);
    for (const t of gallery) {
      const s = m.score(t);
      const bounded = m.score(t, s + 1e-3);
      expect(bounded).toBeGreaterThanOrEqual(s);
      expect(bounded).toBeLessThan(s + 1e-3);
      expect(m.score(t, s)).toBe(s);
    }
    // Under an unreachable `below` the ceiling comes back: above the exact score where the fields disagree.
    expect(gallery.filter((t) => m.score(t, 2) > m.score(t)).length).toBeGreaterThan(10);
  });
});

/**
 * The consensus as first written: every proposal's agreeing pairs counted in full. The matcher's
 * stops counting a proposal that can no longer win; this pins that it picks the same winner and
 * so the same bits.
 */
function exhaustiveConsensus(a: ReturnType<typeof prepareCandidate>, b: ReturnType<typeof prepareCandidate>, s: SelectedPairs): [number, number, number] {
  const m = s.chosenCount.value;
  const P = [...Array(m).keys()].map((q) => {
    const t = s.chosen[q], pa = s.pairA[t], pb = s.pairB[t];
    const d = b.direction[pb] - a.direction[pa], c = Math.cos(d), sn = Math.sin(d);
    return { ax: a.x[pa], ay: a.y[pa], bx: b.x[pb], by: b.y[pb], c, sn, tx: b.x[pb] - (c * a.x[pa] - sn * a.y[pa]), ty: b.y[pb] - (sn * a.x[pa] + c * a.y[pa]), lambda: s.lambda[t] };
  });
  const agrees = (p: (typeof P)[0], o: (typeof P)[0]) => {
    const ex = p.c * o.ax - p.sn * o.ay + p.tx - o.bx, ey = p.sn * o.ax + p.c * o.ay + p.ty - o.by;
    return ex * ex + ey * ey <= CONSENSUS_DISTANCE * CONSENSUS_DISTANCE && o.c * p.c + o.sn * p.sn >= Math.cos(CONSENSUS_ANGLE);
  };
  let best = 0, bestCount = 0, bestLambda = -1;
  for (let q = 0; q < m; q++) {
    const count = P.filter((o) => agrees(P[q], o)).length;
    if (count > bestCount || (count === bestCount && P[q].lambda > bestLambda)) [best, bestCount, bestLambda] = [q, count, P[q].lambda];
  }
  const inliers = P.filter((o) => agrees(P[best], o));
  let sc = 0, ss = 0;
  for (const o of inliers) (sc += o.c), (ss += o.sn);
  const norm = Math.hypot(sc, ss), cr = sc / norm, sr = ss / norm;
  let tx = 0, ty = 0;
  for (const o of inliers) (tx += o.bx - (cr * o.ax - sr * o.ay)), (ty += o.by - (sr * o.ax + cr * o.ay));
  return [Math.atan2(sr, cr), tx / inliers.length, ty / inliers.length];
}

describe('consensus alignment, cut short', () => {
  it('gives the same transform, bit for bit, as counting every proposal in full (random pair sets, λ ties)', () => {
    const r = rng(11);
    let checked = 0;
    for (let trial = 0; trial < 300; trial++) {
      const probe = syntheticTemplate(100 + (trial % 7));
      const a = prepareCandidate(probe);
      const b = prepareCandidate(moved(probe, (r() - 0.5) * 0.8, (r() - 0.5) * 40, (r() - 0.5) * 40));
      // 1–16 pairs: some of the same minutia index (mostly consistent, as the moved template keeps
      // order where it keeps minutiae), the rest random; λ from a few values, so ties happen.
      const n = 1 + Math.floor(r() * 16);
      const pairs: [number, number][] = [];
      for (let k = 0; k < n; k++) {
        const i = Math.floor(r() * Math.min(a.count, b.count));
        pairs.push(r() < 0.5 ? [i, i] : [i, Math.floor(r() * b.count)]);
      }
      const sel: SelectedPairs = {
        pairA: Int32Array.from(pairs, (p) => p[0]),
        pairB: Int32Array.from(pairs, (p) => p[1]),
        lambda: Float32Array.from(pairs, () => [0.25, 0.5, 0.75][Math.floor(r() * 3)]),
        chosen: Int32Array.from({ length: n }, (_, i) => i),
        chosenCount: { value: n },
      };
      const t = consensusAlignment(a, b, sel)!;
      const [rotation, tx, ty] = exhaustiveConsensus(a, b, sel);
      expect([t.rotation, t.tx, t.ty]).toEqual([rotation, tx, ty]);
      checked++;
    }
    expect(checked).toBe(300);
  });
});

describe('hypot (the consensus refit norm)', () => {
  it('is Math.hypot to the bit on finite numbers: a million random pairs over many scales, and the edge cases', () => {
    const r = rng(5);
    const differ: [number, number][] = [];
    for (let k = 0; k < 1_000_000; k++) {
      // Sums of up to 32 cosines and sines (what the refit passes), and any magnitude.
      const scale = k % 2 ? 32 : 2 ** Math.floor(r() * 200 - 100);
      const x = (r() * 2 - 1) * scale, y = (r() * 2 - 1) * (k % 3 ? scale : scale * r() * 1e-9);
      if (!Object.is(hypot(x, y), Math.hypot(x, y))) differ.push([x, y]);
    }
    const edges = [0, -0, 1, -1, 5e-324, -5e-324, 1.7976931348623157e308, -1.7976931348623157e308, 3, 4, 1e-300, 1e300];
    for (const x of edges) for (const y of edges) if (!Object.is(hypot(x, y), Math.hypot(x, y))) differ.push([x, y]);
    expect(differ).toEqual([]);
  });
});
