import { describe, expect, it } from 'vitest';
import { mulberry32 as rng } from '../../../fixtures/seeded-random.js';
import { FingerprintMatcher, prepareCandidate } from '../matcher.js';
import type { FingerprintTemplate, Minutia } from '../template.js';
import { PreparedArena, packForm } from '../identification/prepared-arena.js';
import { preparedFormBytes, preparedFormTotalBytes, viewPreparedForm, writePreparedForm } from './prepared-form-layout.js';

/** A plausible template: 40 minutiae over a 300x360 print, fractional coordinates. */
function template(seed: number): FingerprintTemplate {
  const r = rng(seed);
  const minutiae: Minutia[] = Array.from({ length: 40 }, () => ({
    x: 20 + r() * 260,
    y: 20 + r() * 320,
    direction: r() * 2 * Math.PI,
    type: r() < 0.5 ? 'ending' : 'bifurcation',
    quality: 60,
  }));
  return { width: 300, height: 360, resolutionPpi: 500, minutiae, singularPoints: [] };
}

describe('prepared form layout in a flat buffer', () => {
  it('reads back every array of a form exactly, at an 8-byte offset after another form', () => {
    const forms = [template(1), template(2)].map((t) => prepareCandidate(t));
    const buffer = new SharedArrayBuffer(preparedFormBytes(forms[0].count) + preparedFormBytes(forms[1].count));
    writePreparedForm(forms[0], buffer, 0);
    writePreparedForm(forms[1], buffer, preparedFormBytes(forms[0].count));
    const back = viewPreparedForm(buffer, preparedFormBytes(forms[0].count), forms[1].count);
    const p = forms[1];
    expect(back.kind).toBe('mcc-prepared');
    expect(back.count).toBe(p.count);
    for (const key of ['minutia', 'x', 'y', 'direction', 'cos', 'sin', 'cells', 'total', 'type'] as const) {
      expect(back[key].constructor).toBe(p[key].constructor);
      expect([...back[key]]).toEqual([...p[key]]);
    }
  });

  it('matches identically through the buffer: score, pairs and alignment', () => {
    const forms = [1, 2, 3, 4].map((s) => prepareCandidate(template(s)));
    let offset = 0;
    const offsets = forms.map((p) => {
      const o = offset;
      offset += preparedFormBytes(p.count);
      return o;
    });
    const buffer = new ArrayBuffer(offset);
    forms.forEach((p, i) => writePreparedForm(p, buffer, offsets[i]));
    const views = forms.map((p, i) => viewPreparedForm(buffer, offsets[i], p.count));
    for (let i = 0; i < forms.length; i++) {
      const direct = new FingerprintMatcher(forms[i]);
      const viewed = new FingerprintMatcher(views[i]);
      for (let j = 0; j < forms.length; j++) {
        expect(viewed.match(views[j])).toEqual(direct.match(forms[j]));
        expect(viewed.score(views[j])).toBe(direct.score(forms[j]));
      }
    }
  });

  it('takes 8 bytes (W) and 87 a cylinder, padded to 8, with no count² part', () => {
    expect(preparedFormBytes(0)).toBe(8);
    expect(preparedFormBytes(32)).toBe(8 + 32 * 87);
    expect(preparedFormBytes(1)).toBe(96);
    expect(preparedFormBytes(128)).toBe(8 + 128 * 87);
  });

  it('carries a block orientation field after the form, and the arena keeps it per slot', () => {
    const field = (seed: number) => {
      const r = rng(seed);
      return { block: 16, blocksWide: 19, blocksHigh: 23, angles: Uint8Array.from({ length: 19 * 23 }, () => (r() < 0.2 ? 255 : Math.floor(r() * 180))) };
    };
    const plain = [1, 2].map((s) => template(s));
    const oriented = plain.map((t, i) => ({ ...t, orientations: field(i + 10) }));
    const forms = [...oriented, ...plain].map((t) => prepareCandidate(t));
    expect(preparedFormTotalBytes(forms[0])).toBe(preparedFormBytes(forms[0].count) + 448); // 8 + 437, padded
    expect(preparedFormTotalBytes(forms[2])).toBe(preparedFormBytes(forms[2].count));
    const buffer = new ArrayBuffer(preparedFormTotalBytes(forms[0]) + preparedFormTotalBytes(forms[1]));
    writePreparedForm(forms[0], buffer, 0);
    writePreparedForm(forms[1], buffer, preparedFormTotalBytes(forms[0]));
    const back = viewPreparedForm(buffer, preparedFormTotalBytes(forms[0]), forms[1].count, true);
    expect(back.orientations).toMatchObject({ block: 16, blocksWide: 19, blocksHigh: 23 });
    expect([...back.orientations!.angles]).toEqual([...oriented[1].orientations.angles]);
    expect(viewPreparedForm(buffer, 0, forms[0].count).orientations).toBeUndefined();

    // Through an arena, packed (as worker threads hand them over) or not: scores with the cue.
    const arena = new PreparedArena(4);
    const slots = forms.map((f, i) => arena.add(i % 2 === 0 ? packForm(f) : f, { group: 0, fingerPosition: 0, minutiae: 40 }));
    const probe = new FingerprintMatcher(forms[0]);
    slots.forEach((slot, i) => {
      expect(arena.form(slot).orientations === undefined).toBe(i >= 2);
      expect(probe.score(arena.form(slot))).toBe(probe.score(forms[i]));
    });
    expect(probe.match(arena.form(slots[1])).orientationAgreement).toBeDefined();
    const packed = packForm(forms[0]);
    expect(() => arena.add({ ...packed, bytes: packed.bytes.subarray(0, packed.bytes.length - 8) }, { group: 0, fingerPosition: 0, minutiae: 40 })).toThrow(RangeError);
  });
});
