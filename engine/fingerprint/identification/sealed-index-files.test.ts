import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { HnswCandidateIndex } from './hnsw-candidate-index.js';
import { loadSealedIndex, RAM_SCRATCH, saveSealedIndex, sealedIndexExists } from './sealed-index-files.js';
import { EncryptionKey } from '../../security/encryption.js';

const DIM = 32;
const dirs: string[] = [];
const temp = (p: string) => { const d = mkdtempSync(join(tmpdir(), p)); dirs.push(d); return d; };
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

function index(): HnswCandidateIndex {
  const idx = new HnswCandidateIndex(DIM, { initialCapacity: 16, vectorId: 'test-vectors' });
  for (let i = 0; i < 200; i++) idx.add(`fp_${i}`, Array.from({ length: DIM }, (_, d) => Math.sin(i * 0.37 + d * 1.3) + (d === i % DIM ? 2 : 0)));
  return idx;
}

describe('sealed candidate index', () => {
  const key = EncryptionKey.fromBytes(randomBytes(32));
  const scratch = existsSync(RAM_SCRATCH) ? RAM_SCRATCH : temp('bm-scratch-');

  it('saves only sealed files, leaves no scratch behind, and loads back the same index', () => {
    const dir = temp('bm-sealed-');
    const path = join(dir, 'fingerprint.hnsw');
    const idx = index();
    const before = readdirSync(scratch).filter((f) => f.startsWith('biomatch-index-'));
    saveSealedIndex(idx, path, { key, scratchRoot: scratch });
    expect(readdirSync(dir).sort()).toEqual(['fingerprint.hnsw.ids.json.sealed', 'fingerprint.hnsw.meta.json.sealed', 'fingerprint.hnsw.sealed']);
    expect(readdirSync(scratch).filter((f) => f.startsWith('biomatch-index-'))).toEqual(before);
    expect(sealedIndexExists(path)).toBe(true);
    // The plain save of the same index: none of its graph or id text appears in the sealed files.
    const plainDir = temp('bm-plain-index-');
    idx.save(join(plainDir, 'fingerprint.hnsw'));
    const graph = readFileSync(join(plainDir, 'fingerprint.hnsw'));
    const sealed = Buffer.concat(readdirSync(dir).map((f) => readFileSync(join(dir, f))));
    for (let at = 1024; at + 32 <= graph.length; at += Math.floor(graph.length / 50)) expect(sealed.includes(graph.subarray(at, at + 32))).toBe(false);
    expect(sealed.includes(Buffer.from('fp_17'))).toBe(false);
    expect(sealed.includes(Buffer.from('test-vectors'))).toBe(false);
    const loaded = loadSealedIndex(path, { vectorId: 'test-vectors' }, { key, scratchRoot: scratch });
    const probe = Array.from({ length: DIM }, (_, d) => Math.sin(5 * 0.37 + d * 1.3) + (d === 5 ? 2 : 0));
    expect(loaded.size).toBe(200);
    expect(loaded.search(probe, 5)).toEqual(idx.search(probe, 5));
  });

  it('refuses another key and an altered file, leaving no plaintext behind', () => {
    const dir = temp('bm-sealed-');
    const path = join(dir, 'fingerprint.hnsw');
    const before = readdirSync(scratch).filter((f) => f.startsWith('biomatch-index-'));
    saveSealedIndex(index(), path, { key, scratchRoot: scratch });
    expect(() => loadSealedIndex(path, {}, { key: EncryptionKey.fromBytes(randomBytes(32)), scratchRoot: scratch })).toThrow(/failed authentication/);
    const graph = readFileSync(`${path}.sealed`);
    graph[graph.length - 100] ^= 1;
    writeFileSync(`${path}.sealed`, graph);
    expect(() => loadSealedIndex(path, {}, { key, scratchRoot: scratch })).toThrow(/fingerprint.hnsw failed authentication/);
    expect(readdirSync(scratch).filter((f) => f.startsWith('biomatch-index-'))).toEqual(before);
  });

  it('without a RAM scratch with room, saves nothing and says why', () => {
    const dir = temp('bm-sealed-');
    expect(() => saveSealedIndex(index(), join(dir, 'fingerprint.hnsw'), { key, scratchRoot: join(dir, 'absent') })).toThrow(/not saved: .* MiB free, \d+ MiB are needed/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
