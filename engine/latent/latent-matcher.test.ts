import { describe, expect, it } from 'vitest';
import { prepareCandidate } from '../fingerprint/matcher.js';
import type { FingerprintTemplate, Minutia } from '../fingerprint/template.js';
import { backgroundGallery, galleryTemplate } from '../../fixtures/gallery/background-gallery.js';
import { mulberry32 } from '../../fixtures/seeded-random.js';
import { scanGallery } from '../fingerprint/identification/gallery-scan.js';
import { PreparedArena } from '../fingerprint/identification/prepared-arena.js';
import { LatentMatcher, scaleTemplate } from './latent-matcher.js';
import { invert } from './reverse-search.js';
import { evidenceToProto } from '../service/bindings/fingerprint.js';

/**
 * A mark of `print`: the minutiae within `radius` px of a point of the print, turned by `rotation`
 * (radians, CCW as viewed) about the origin and shifted, each moved by up to ±2 px and ±6°, a
 * fifth of them lost, and a few spurious ones added (seeded).
 */
function partialMark(print: FingerprintTemplate, rotation: number, radius: number, seed: number, scale = 1): FingerprintTemplate {
  const rand = mulberry32(seed);
  const cx = print.width / 2 + 20;
  const cy = print.height / 2 - 10;
  const kept = print.minutiae.filter((m) => Math.hypot(m.x - cx, m.y - cy) <= radius && rand() > 0.2);
  const c = Math.cos(rotation);
  const s = Math.sin(rotation);
  // Image frame is y down; a CCW-as-viewed turn maps (x, y) to (x c + y s, −x s + y c).
  const turn = (m: Minutia): Minutia => {
    const x = m.x - cx;
    const y = m.y - cy;
    return {
      ...m,
      x: 200 + scale * (x * c + y * s) + (rand() - 0.5) * 4,
      y: 200 + scale * (-x * s + y * c) + (rand() - 0.5) * 4,
      direction: (((m.direction + rotation + (rand() - 0.5) * 0.2) % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI),
      quality: 40 + Math.round(rand() * 60),
    };
  };
  const minutiae = kept.map(turn);
  for (let k = 0; k < 3; k++) {
    minutiae.push({ x: 200 + (rand() - 0.5) * radius, y: 200 + (rand() - 0.5) * radius, direction: rand() * 2 * Math.PI, type: 'ending', quality: 20 });
  }
  return { width: 400, height: 400, resolutionPpi: 500, minutiae, singularPoints: [] };
}

describe('LatentMatcher', () => {
  const impostors = [...backgroundGallery(11, 300)].map(prepareCandidate);

  it('finds the mate of a partial mark turned 0–330° above 300 impostors', () => {
    let firsts = 0;
    const trials = 12;
    for (let t = 0; t < trials; t++) {
      const print = galleryTemplate(5, t);
      const mark = partialMark(print, (t * 30 * Math.PI) / 180, 110, 100 + t);
      expect(mark.minutiae.length).toBeGreaterThan(8);
      const matcher = new LatentMatcher(mark);
      const mate = matcher.score(prepareCandidate(print));
      const best = Math.max(...impostors.map((c) => matcher.score(c)));
      if (mate > best) firsts++;
    }
    // Every rotation, none of them special: all twelve marks rank their mate first.
    expect(firsts).toBe(trials);
  });

  it('gives scores in [0, 1], the same on every call, with the alignment and the overlap counts', () => {
    const print = galleryTemplate(5, 3);
    const mark = partialMark(print, 2.5, 120, 7);
    const a = new LatentMatcher(mark);
    const b = new LatentMatcher(mark);
    const candidates = [prepareCandidate(print), ...impostors.slice(0, 50)];
    for (const c of candidates) {
      const s = a.score(c);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
      expect(b.score(c)).toBe(s);
      expect(a.score(c)).toBe(s);
    }
    const m = a.match(candidates[0]);
    expect(m.verification.paired).toBeGreaterThan(5);
    expect(m.verification.paired).toBeLessThanOrEqual(m.verification.probeOverlap);
    expect(m.verification.paired).toBeLessThanOrEqual(m.verification.candidateOverlap);
    // The mark was turned by 2.5 rad: MCC's alignment says about that (candidate = print, so
    // the probe turns back by −2.5 rad ≡ 2π − 2.5).
    const back = 2 * Math.PI - 2.5;
    expect(Math.abs(Math.atan2(Math.sin(m.rotation - back), Math.cos(m.rotation - back)))).toBeLessThan(0.15);
  });

  it('normalises by the overlap: a whole print does not dilute a small mark', () => {
    const print = galleryTemplate(5, 4);
    const mark = partialMark(print, 1, 90, 9);
    const m = new LatentMatcher(mark).match(prepareCandidate(print));
    // Only the print's minutiae under the mark count against it.
    expect(m.verification.candidateOverlap).toBeLessThan(print.minutiae.length / 2);
    expect(m.verification.normalised).toBeGreaterThan(0.3);
  });

  it('scores an empty mark 0 and refuses what is not a template', () => {
    const empty: FingerprintTemplate = { width: 100, height: 100, resolutionPpi: 500, minutiae: [], singularPoints: [] };
    expect(new LatentMatcher(empty).score(impostors[0])).toBe(0);
    expect(() => new LatentMatcher(null as unknown as FingerprintTemplate)).toThrow(/probe/);
  });

  it('is what latent scans (LT, LL, TL) score with, on the arena forms of a gallery', () => {
    const print = galleryTemplate(5, 6);
    const mark = partialMark(print, 4, 110, 13);
    const arena = new PreparedArena(16);
    const templates = [print, ...[...backgroundGallery(11, 20)]];
    templates.forEach((t) => arena.add(prepareCandidate(t), { group: 0, fingerPosition: 0, minutiae: t.minutiae.length }));
    const stop = new Int32Array(new SharedArrayBuffer(4));
    const r = scanGallery({ probe: mark, arena: arena.share(), range: { from: 0, to: arena.size }, filter: { groups: new Uint8Array([1]) }, keep: 5, minScore: -Infinity, describe: 1, anyRotation: true, stop });
    const matcher = new LatentMatcher(mark);
    expect(r.slots[0]).toBe(0);
    expect(r.scores[0]).toBe(matcher.score(prepareCandidate(print)));
    expect(r.matches[0]!.pairs.length).toBeGreaterThan(3);
  });

  it('searches the probe scales it is given: a mark magnified 15% finds its mate at scale 1/1.15', () => {
    let withSearch = 0;
    let without = 0;
    for (let t = 0; t < 6; t++) {
      const print = galleryTemplate(5, 20 + t);
      const mark = partialMark(print, t, 120, 300 + t, 1.15);
      // Without the smooth-field filter (which already ranks these six first at scale 1), to see the scale search alone.
      const one = new LatentMatcher(mark, { scales: [1], consistentRigid: false });
      const search = new LatentMatcher(mark, { scales: [0.87, 1, 1.15], consistentRigid: false });
      const mate = prepareCandidate(print);
      expect(new LatentMatcher(mark, { scales: [0.87, 1, 1.15] }).match(mate).scale).toBe(0.87);
      const m = search.match(mate);
      // MCC picks the shrinking scale, and the latent score there beats the scale-1 score.
      expect(m.scale).toBe(0.87);
      expect(m.score).toBeGreaterThan(one.score(mate));
      if (m.score > Math.max(...impostors.map((c) => search.score(c)))) withSearch++;
      if (one.score(mate) > Math.max(...impostors.map((c) => one.score(c)))) without++;
    }
    expect(withSearch).toBe(6);
    expect(withSearch).toBeGreaterThan(without);
  });

  it('a gallery scan reports the scale its alignment is at; the alignment and its inverse carry each paired minutia onto its pair', () => {
    const print = galleryTemplate(5, 21);
    const mark = partialMark(print, 1, 120, 301, 1.15);
    const arena = new PreparedArena(16);
    for (const t of [print, ...backgroundGallery(12, 10)]) arena.add(prepareCandidate(t), { group: 0, fingerPosition: 0, minutiae: t.minutiae.length });
    const stop = new Int32Array(new SharedArrayBuffer(4));
    const r = scanGallery({ probe: mark, arena: arena.share(), range: { from: 0, to: arena.size }, filter: { groups: new Uint8Array([1]) }, keep: 3, minScore: -Infinity, describe: 1, anyRotation: true, stop });
    expect(r.slots[0]).toBe(0);
    const m = r.matches[0]!;
    expect(m.scale).toBeDefined();
    expect(m.scale!).toBeLessThan(1);
    const a = { rotation: m.rotation, dx: m.dx, dy: m.dy, scale: m.scale };
    // The forward form the evidence states: candidate = R(rotation) · (scale · probe) + (dx, dy).
    const forward = (t: { rotation: number; dx: number; dy: number; scale?: number }, x: number, y: number) => {
      const k = t.scale ?? 1, c = Math.cos(t.rotation), s = Math.sin(t.rotation);
      return [k * (x * c + y * s) + t.dx, k * (-x * s + y * c) + t.dy];
    };
    const back = invert(a);
    expect(back.scale).toBeCloseTo(1 / m.scale!, 12);
    const off: number[] = [];
    const roundTrip: number[] = [];
    for (const p of m.pairs) {
      const q = mark.minutiae[p.probe], c = print.minutiae[p.candidate];
      const [x, y] = forward(a, q.x, q.y);
      off.push(Math.hypot(x - c.x, y - c.y));
      const [bx, by] = forward(back, x, y);
      roundTrip.push(Math.hypot(bx - q.x, by - q.y));
    }
    off.sort((u, v) => u - v);
    expect(m.pairs.length).toBeGreaterThan(3);
    expect(off[Math.floor(off.length / 2)]).toBeLessThan(12);
    expect(Math.max(...roundTrip)).toBeLessThan(1e-9);
    // The same scan at the mark's own scale only (a prepared probe, or no search) reports none.
    const own = scanGallery({ probe: mark, arena: arena.share(), range: { from: 0, to: arena.size }, filter: { groups: new Uint8Array([1]) }, keep: 3, minScore: -Infinity, describe: 1, anyRotation: false, stop });
    expect(own.matches[0]!.scale).toBeUndefined();
    expect(evidenceToProto({ pairs: [], probeMinutiae: 1, candidateMinutiae: 1, alignment: a, retrieval: 'exhaustive' }).scale).toBe(m.scale);
    expect(evidenceToProto({ pairs: [], probeMinutiae: 1, candidateMinutiae: 1, alignment: { rotation: 0, dx: 0, dy: 0 }, retrieval: 'exhaustive' }).scale).toBe(1);
  });

  it('scales a template with its block field, and scale 1 is the template itself', () => {
    const t: FingerprintTemplate = {
      width: 100, height: 80, resolutionPpi: 500, singularPoints: [{ type: 'core', x: 10, y: 20, direction: 1 }],
      minutiae: [{ x: 40, y: 30, direction: 2, type: 'ending', quality: 50 }],
      orientations: { block: 16, blocksWide: 7, blocksHigh: 5, angles: new Uint8Array(35) },
    };
    expect(scaleTemplate(t, 1)).toBe(t);
    const s = scaleTemplate(t, 0.5);
    expect(s.minutiae[0]).toEqual({ x: 20, y: 15, direction: 2, type: 'ending', quality: 50 });
    expect(s.singularPoints[0]).toMatchObject({ x: 5, y: 10, direction: 1 });
    expect([s.width, s.height, s.orientations!.block]).toEqual([50, 40, 8]);
    expect(() => new LatentMatcher(t, { scales: [0] })).toThrow(/scales/);
  });

  it('applies the orientation cue under its alignment when both sides carry a field, and not at weight 0', () => {
    const print = galleryTemplate(5, 8);
    const mark = partialMark(print, 0, 120, 21);
    const field = (angle: number, w: number, h: number) => ({ block: 16, blocksWide: Math.ceil(w / 16), blocksHigh: Math.ceil(h / 16), angles: new Uint8Array(Math.ceil(w / 16) * Math.ceil(h / 16)).fill(angle) });
    const probe = { ...mark, orientations: field(30, mark.width, mark.height) };
    const agreeing = prepareCandidate({ ...print, orientations: field(30, print.width, print.height) });
    const crossing = prepareCandidate({ ...print, orientations: field(120, print.width, print.height) });
    // The cue's own arithmetic, on the raw score (the impostor normalisation off).
    const plain = new LatentMatcher(mark, { impostorModel: null }).score(prepareCandidate(print));
    // Weight 0 (the default): the field changes nothing.
    expect(new LatentMatcher(probe, { orientationWeight: 0, impostorModel: null }).score(agreeing)).toBe(plain);
    const cued = new LatentMatcher(probe, { orientationWeight: 2, impostorModel: null });
    const a = cued.match(agreeing);
    const c = cued.match(crossing);
    expect(a.orientationAgreement!).toBeGreaterThan(0.9);
    expect(c.orientationAgreement!).toBeLessThan(-0.9);
    expect(a.score).toBeCloseTo(Math.min(1, plain * Math.exp(2 * (a.orientationAgreement! - 0.82))), 12);
    expect(c.score).toBeLessThan(plain / 10);
    // One side without a field (a latent-route mark, a print without one): no cue at any weight.
    expect(new LatentMatcher(mark, { orientationWeight: 2, impostorModel: null }).score(crossing)).toBe(plain);
    expect(cued.score(prepareCandidate(print))).toBe(plain);
    expect(cued.match(prepareCandidate(print)).orientationAgreement).toBeUndefined();
  });

  it('reads a generated print\'s flow field like a real one: its mark agrees with it, impostors do not', () => {
    // The generated background's field (option `field`) follows the flow its minutiae were placed on,
    // so under the alignment the minutiae give, a mark carrying the same flow agrees with its print.
    const print = galleryTemplate(5, 9, { field: true });
    const mark = partialMark(print, 0, 130, 22); // rotation 0: the print shifted by (200 − cx, 200 − cy)
    const sx = 200 - (print.width / 2 + 20), sy = 200 - (print.height / 2 - 10);
    const o = print.orientations!;
    const bw = Math.ceil(mark.width / 16), bh = Math.ceil(mark.height / 16);
    const angles = new Uint8Array(bw * bh).fill(255);
    for (let by = 0; by < bh; by++) {
      for (let bx = 0; bx < bw; bx++) {
        const u = Math.floor(((bx + 0.5) * 16 - sx) / 16), v = Math.floor(((by + 0.5) * 16 - sy) / 16);
        if (u >= 0 && v >= 0 && u < o.blocksWide && v < o.blocksHigh) angles[by * bw + bx] = o.angles[v * o.blocksWide + u]!;
      }
    }
    const matcher = new LatentMatcher({ ...mark, orientations: { block: 16, blocksWide: bw, blocksHigh: bh, angles } }, { orientationWeight: 2, impostorModel: null, scales: [1] });
    const mate = matcher.match(prepareCandidate(print)).orientationAgreement!;
    expect(mate).toBeGreaterThan(0.8);
    const impostors = [...backgroundGallery(13, 30, 0, { field: true })].map((t) => matcher.match(prepareCandidate(t)).orientationAgreement!).sort((a, b) => a - b);
    expect(impostors[15]!).toBeLessThan(mate - 0.3);
  });

  /** The mark of partialMark, then stretched radially about its centre (200, 200) by `k` px per px: skin distortion, smooth. */
  function stretched(mark: FingerprintTemplate, k: number): FingerprintTemplate {
    return { ...mark, minutiae: mark.minutiae.map((m) => ({ ...m, x: 200 + (m.x - 200) * (1 + k), y: 200 + (m.y - 200) * (1 + k) })) };
  }

  it('distortion pass (option): a smoothly stretched mark gains pairs on its mate beyond the rigid tolerance, impostors almost none', () => {
    // The pass alone, without the smooth-field filter on the rigid pairs.
    const options = { distortionReach: 30, distortionSmooth: 6, distortionMinSimilarity: 0.2, scales: [1], consistentRigid: false };
    let gained = 0;
    let impostorAdded = 0;
    for (let t = 0; t < 4; t++) {
      const print = galleryTemplate(5, 40 + t);
      const mark = stretched(partialMark(print, t, 130, 500 + t), 0.12);
      const mate = prepareCandidate(print);
      const rigid = new LatentMatcher(mark, { scales: [1], consistentRigid: false }).match(mate).verification;
      const gated = new LatentMatcher(mark, options);
      const v = gated.match(mate).verification;
      expect(v.paired).toBeGreaterThanOrEqual(rigid.paired);
      if ((v.distorted ?? 0) > 0 && v.paired > rigid.paired) gained++;
      for (const c of impostors.slice(0, 100)) impostorAdded += gated.match(c).verification.distorted ?? 0;
    }
    expect(gained).toBeGreaterThanOrEqual(3);
    // Chance pairs are not smoothly consistent: well under one added pair per impostor comparison.
    expect(impostorAdded / 400).toBeLessThan(0.1);
  });

  it('non-rigid re-pairing (option): stretched marks re-paired along the fitted field pair more on their mates; off below the pair floor', () => {
    let gained = 0;
    for (let t = 0; t < 4; t++) {
      const print = galleryTemplate(5, 40 + t);
      const mark = stretched(partialMark(print, t, 130, 500 + t), 0.12);
      const mate = prepareCandidate(print);
      const rigid = new LatentMatcher(mark, { scales: [1], consistentRigid: false }).match(mate).verification;
      const refit = new LatentMatcher(mark, { scales: [1], distortionRefitMin: 5, consistentRigid: false }).match(mate).verification;
      expect(refit.paired).toBeGreaterThanOrEqual(rigid.paired);
      if (refit.paired > rigid.paired) gained++;
      const floor = new LatentMatcher(mark, { scales: [1], distortionRefitMin: 500, consistentRigid: false }).match(mate).verification;
      expect(floor.paired).toBe(rigid.paired);
    }
    expect(gained).toBeGreaterThanOrEqual(3);
  });

  it('coverage (option): a mark laid half off the candidate loses evidence; one inside it keeps it all', () => {
    const print = galleryTemplate(5, 46);
    const mark = partialMark(print, 0.5, 90, 700);
    const mate = prepareCandidate(print);
    const plain = new LatentMatcher(mark, { scales: [1] }).match(mate);
    const covered = new LatentMatcher(mark, { scales: [1], coverageExponent: 1 }).match(mate);
    // The mark is inside its mate's print: coverage 1 (up to a spurious minutia off the hull).
    expect(covered.verification.probeOverlap).toBeGreaterThanOrEqual(mark.minutiae.length - 3);
    expect(covered.score).toBeGreaterThan(0.9 * plain.score);
    // The same mark with as many minutiae again far off the print (another 400 px to the right).
    const wide = { ...mark, width: 900, minutiae: [...mark.minutiae, ...mark.minutiae.map((m) => ({ ...m, x: m.x + 450 }))] };
    const a = new LatentMatcher(wide, { scales: [1] }).match(mate);
    const b = new LatentMatcher(wide, { scales: [1], coverageExponent: 1 }).match(mate);
    expect(b.verification.probeOverlap).toBeLessThan(0.6 * wide.minutiae.length);
    expect(b.score).toBeLessThan(a.score);
  });

  it('smooth-field filter (default): a mate keeps nearly all its pairs, an impostor\'s chance pairs mostly go', () => {
    let mateKept = 0, mateAll = 0, impKept = 0, impAll = 0;
    for (let t = 0; t < 4; t++) {
      const print = galleryTemplate(5, 60 + t);
      const mark = stretched(partialMark(print, t, 120, 800 + t), 0.05);
      const on = new LatentMatcher(mark, { scales: [1] });
      const off = new LatentMatcher(mark, { scales: [1], consistentRigid: false });
      const mate = prepareCandidate(print);
      mateKept += on.match(mate).verification.paired;
      mateAll += off.match(mate).verification.paired;
      for (const c of impostors.slice(0, 100)) {
        impKept += on.match(c).verification.paired;
        impAll += off.match(c).verification.paired;
      }
    }
    expect(mateKept / mateAll).toBeGreaterThan(0.85);
    expect(impKept / impAll).toBeLessThan(0.6);
  });
});
