/**
 * The HNSW candidate index saved under encryption at rest. hnswlib reads and writes its graph only
 * by file path, and its reader seeks, so the plaintext files must exist somewhere: here, only in a
 * private directory (mode 0700) on a RAM filesystem (/dev/shm), for the moment a save or load
 * takes. The data directory receives each of the three index files sealed with AES-256-GCM
 * (`<name>.sealed`), and a load checks every tag before hnswlib sees a byte. Without a RAM
 * filesystem with room, the index is not saved and the next start rebuilds it from the store.
 * Why: docs/decisions/encryption-at-rest.md.
 */
import { existsSync, mkdtempSync, rmSync, statfsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { EngineError, ErrorCode } from '../../errors.js';
import { sealFile, unsealFile, type EncryptionKey } from '../../security/encryption.js';
import { HnswCandidateIndex, type HnswOptions } from './hnsw-candidate-index.js';
import { idsPath, metadataPath } from './index-files.js';

/** Where plaintext may exist for a moment: memory, never a disk. */
export const RAM_SCRATCH = '/dev/shm';

export interface SealedIndexOptions {
  key: EncryptionKey;
  scratchRoot?: string;
}

const sealedName = (p: string) => `${p}.sealed`;
const parts = (path: string) => [path, idsPath(path), metadataPath(path)];

/** True when a sealed index is saved at `path`. */
export function sealedIndexExists(path: string): boolean {
  return parts(path).every((p) => existsSync(sealedName(p)));
}

function freeBytes(dir: string): number {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return 0;
  }
}

function withScratch<T>(root: string, needBytes: number, what: string, fn: (dir: string) => T): T {
  const free = freeBytes(root);
  if (free < needBytes) {
    throw new EngineError(ErrorCode.FailedPrecondition,
      `${what}: ${root} has ${Math.floor(free / 2 ** 20)} MiB free, ${Math.ceil(needBytes / 2 ** 20)} MiB are needed to handle the plaintext graph in memory`);
  }
  const dir = mkdtempSync(join(root, 'biomatch-index-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Saves `index` sealed at `path` (files `<path>.sealed`, `<path>.ids.json.sealed`, `<path>.meta.json.sealed`). */
export function saveSealedIndex(index: HnswCandidateIndex, path: string, options: SealedIndexOptions): void {
  // The file is the graph as hnswlib holds it: memoryBytes() estimates it; a margin for the id list.
  const need = Math.ceil(index.memoryBytes() * 1.25) + 64 * 2 ** 20;
  withScratch(options.scratchRoot ?? RAM_SCRATCH, need, 'the candidate index was not saved', (dir) => {
    const plain = join(dir, basename(path));
    index.save(plain);
    // The graph last: a crash between renames leaves files whose checksums disagree, which load refuses.
    for (const [from, to] of [[idsPath(plain), idsPath(path)], [metadataPath(plain), metadataPath(path)], [plain, path]]) {
      sealFile(options.key, basename(to), from, sealedName(to));
    }
  });
}

/** Loads a sealed index; FAILED_PRECONDITION (the caller rebuilds from the store) when it cannot. */
export function loadSealedIndex(path: string, loadOptions: Partial<Pick<HnswOptions, 'efSearch' | 'growthFactor' | 'vectorId'>>, options: SealedIndexOptions): HnswCandidateIndex {
  const need = parts(path).reduce((sum, p) => sum + statSync(sealedName(p)).size, 0) + 64 * 2 ** 20;
  return withScratch(options.scratchRoot ?? RAM_SCRATCH, need, `candidate index at ${path} not loaded`, (dir) => {
    const plain = join(dir, basename(path));
    for (const [from, to] of [[path, plain], [idsPath(path), idsPath(plain)], [metadataPath(path), metadataPath(plain)]]) {
      unsealFile(options.key, basename(from), sealedName(from), to);
    }
    return HnswCandidateIndex.load(plain, loadOptions);
  });
}
