import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FingerprintMatcher, prepareCandidate } from '../engine/fingerprint/matcher.js';
import { backgroundGallery } from '../fixtures/gallery/background-gallery.js';
import { PackedTemplateStore, PreparedArena, TopK } from './identify-gallery.js';

const gallery = [...backgroundGallery(5, 300)];

describe('identify bench stores', () => {
  it('the prepared-form arena gives back forms the matcher scores exactly as the originals', () => {
    const arena = new PreparedArena();
    const originals = gallery.map((t) => prepareCandidate(t));
    originals.forEach((p, i) => expect(arena.add(p)).toBe(i));
    const matcher = new FingerprintMatcher(gallery[0]);
    for (let i = 0; i < gallery.length; i++) {
      const back = arena.get(i);
      expect(back.count).toBe(originals[i].count);
      expect([...back.cells]).toEqual([...originals[i].cells]);
      expect(matcher.score(back)).toBe(matcher.score(originals[i]));
    }
    expect(arena.usedBytes()).toBeGreaterThan(0);
  });

  it('a worker reading the shared arena scores the same', async () => {
    const arena = new PreparedArena();
    for (const t of gallery.slice(0, 40)) arena.add(prepareCandidate(t));
    const matcher = new FingerprintMatcher(gallery[1]);
    const local = Array.from({ length: 40 }, (_, i) => (i === 1 ? -Infinity : matcher.score(arena.get(i))));
    const result = await new Promise<{ maxOther: number[]; atOrAbove: number[]; scanned: number }>((resolve, reject) => {
      const w = new Worker(fileURLToPath(new URL('../engine/workers/dev-bootstrap.mjs', import.meta.url)), {
        workerData: { entry: new URL('./identify-exhaustive.worker.ts', import.meta.url).href, arena: arena.share(), probes: [gallery[1]], mateSlots: [1], mateScores: [0.05], from: 0, to: 40 },
      });
      w.once('message', (m) => {
        resolve(m);
        void w.terminate();
      });
      w.once('error', reject);
    });
    expect(result.scanned).toBe(40);
    expect(result.maxOther[0]).toBe(Math.max(...local));
    expect(result.atOrAbove[0]).toBe(local.filter((s) => s >= 0.05).length);
  });

  it('the packed template store keeps positions and ISO-quantised directions', () => {
    const store = new PackedTemplateStore();
    const slot = store.add(gallery[2]);
    const back = store.get(slot);
    expect(back.minutiae).toHaveLength(gallery[2].minutiae.length);
    back.minutiae.forEach((m, i) => {
      expect(m.x).toBe(Math.round(gallery[2].minutiae[i].x));
      const d = Math.abs(m.direction - gallery[2].minutiae[i].direction) % (2 * Math.PI);
      expect(Math.min(d, 2 * Math.PI - d)).toBeLessThanOrEqual(Math.PI / 256 + 1e-9);
    });
  });

  it('TopK keeps exactly the k best of a stream, best first', () => {
    let a = 11;
    const rand = () => ((a = (a * 1103515245 + 12345) % 2147483648) / 2147483648);
    const scores = Array.from({ length: 5000 }, () => Math.round(rand() * 1e6) / 1e6);
    const top = new TopK(100);
    scores.forEach((s, i) => top.push(s, `r${i}`));
    const want = scores.map((s, i) => ({ s, i })).sort((x, y) => y.s - x.s).slice(0, 100);
    const got = top.sortedIds();
    expect(got).toHaveLength(100);
    expect(got.map((id) => scores[Number(id.slice(1))])).toEqual(want.map((w) => w.s));
    const few = new TopK(10);
    few.push(0.5, 'x');
    few.push(0.7, 'y');
    expect(few.sortedIds()).toEqual(['y', 'x']);
  });

  it('both stores keep every slot when their slot tables grow past the first 1024', () => {
    const store = new PackedTemplateStore();
    const arena = new PreparedArena();
    const form = prepareCandidate(gallery[2]);
    for (let i = 0; i < 2100; i++) {
      expect(store.add(gallery[i % 3])).toBe(i);
      expect(arena.add(form)).toBe(i);
    }
    expect(store.get(2099).minutiae).toEqual(store.get(2).minutiae);
    expect(store.get(1500).minutiae.length).toBe(gallery[0].minutiae.length);
    expect(arena.get(2099).count).toBe(form.count);
    expect([...arena.get(1300).cells]).toEqual([...form.cells]);
  });
});
