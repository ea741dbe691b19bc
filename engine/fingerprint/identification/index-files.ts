/**
 * On-disk layout shared by both candidate index implementations: a data file, an id list and a
 * small JSON metadata sidecar that names the format and carries the SHA-256 of each data file.
 * Loading verifies the checksums before any byte reaches the native reader, so a truncated or
 * altered file is refused with FAILED_PRECONDITION instead of crashing the process.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { EngineError, ErrorCode } from '../../errors.js';
import { INDEX_FORMAT_VERSION } from './candidate-index.js';

export interface IndexMetadata {
  format: 'biomatch-candidate-index';
  version: number;
  kind: 'hnsw' | 'exact';
  dimension: number;
  /** Live records. */
  size: number;
  parameters: Record<string, number | string | boolean>;
  files: { data: string; ids: string };
  sha256: { data: string; ids: string };
  savedAt: string;
}

export function metadataPath(path: string): string {
  return `${path}.meta.json`;
}

export function idsPath(path: string): string {
  return `${path}.ids.json`;
}

export function sha256File(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 22);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      hash.update(n === buf.length ? buf : buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

export function tempName(path: string): string {
  return `${path}.tmp-${process.pid}`;
}

/** Writes ids (label order) to a temp file and the metadata last; renames data files first. */
export function commitIndexFiles(
  path: string,
  dataTemp: string,
  ids: unknown,
  meta: Omit<IndexMetadata, 'format' | 'version' | 'files' | 'sha256' | 'savedAt'>,
): void {
  const idsTemp = tempName(idsPath(path));
  writeFileSync(idsTemp, JSON.stringify(ids));
  const full: IndexMetadata = {
    format: 'biomatch-candidate-index',
    version: INDEX_FORMAT_VERSION,
    ...meta,
    files: { data: basename(path), ids: basename(idsPath(path)) },
    sha256: { data: sha256File(dataTemp), ids: sha256File(idsTemp) },
    savedAt: new Date().toISOString(),
  };
  const metaTemp = tempName(metadataPath(path));
  writeFileSync(metaTemp, JSON.stringify(full, null, 2));
  renameSync(dataTemp, path);
  renameSync(idsTemp, idsPath(path));
  renameSync(metaTemp, metadataPath(path));
}

/** Reads and checks the sidecar and both checksums; returns the metadata and the parsed ids. */
export function openIndexFiles(path: string, kind: IndexMetadata['kind']): { meta: IndexMetadata; ids: unknown } {
  const refuse = (reason: string, cause?: unknown) =>
    new EngineError(ErrorCode.FailedPrecondition, `candidate index at ${path} refused: ${reason}; rebuild it from the store`, { cause });
  for (const p of [path, idsPath(path), metadataPath(path)]) {
    if (!existsSync(p)) throw refuse(`missing file ${basename(p)}`);
  }
  let meta: IndexMetadata;
  try {
    meta = JSON.parse(readFileSync(metadataPath(path), 'utf8')) as IndexMetadata;
  } catch (e) {
    throw refuse('metadata is not valid JSON', e);
  }
  if (meta?.format !== 'biomatch-candidate-index') throw refuse('metadata names another format');
  if (meta.version !== INDEX_FORMAT_VERSION) throw refuse(`format version ${String(meta.version)} is not ${INDEX_FORMAT_VERSION}`);
  if (meta.kind !== kind) throw refuse(`it is a ${String(meta.kind)} index, not ${kind}`);
  if (!Number.isInteger(meta.dimension) || meta.dimension <= 0) throw refuse('metadata has no valid dimension');
  if (sha256File(path) !== meta.sha256?.data) throw refuse('data file checksum mismatch (corrupt or altered)');
  if (sha256File(idsPath(path)) !== meta.sha256?.ids) throw refuse('id list checksum mismatch (corrupt or altered)');
  let ids: unknown;
  try {
    ids = JSON.parse(readFileSync(idsPath(path), 'utf8'));
  } catch (e) {
    throw refuse('id list is not valid JSON', e);
  }
  return { meta, ids };
}

export function refuseIndex(path: string, reason: string): EngineError {
  return new EngineError(ErrorCode.FailedPrecondition, `candidate index at ${path} refused: ${reason}; rebuild it from the store`);
}

function basename(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? p : p.slice(i + 1);
}
