/**
 * The thread that owns a gallery's HNSW candidate index. hnswlib-node is synchronous and its graph
 * may not be shared between threads, so one thread holds the one copy: adds and removes arrive as
 * messages and are applied in order, and a search posted after an add sees it (messages on one
 * port are delivered in order). The graph search (tens to hundreds of milliseconds at 1M) thus
 * never blocks the service's event loop.
 */
import { existsSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { toEngineError } from '../errors.js';
import { HnswCandidateIndex } from '../fingerprint/identification/hnsw-candidate-index.js';
import { EncryptionKey } from '../security/encryption.js';
import { loadSealedIndex, saveSealedIndex, sealedIndexExists } from '../fingerprint/identification/sealed-index-files.js';
import type { CandidateIndexInit, CandidateIndexReply, CandidateIndexRequest, OpenResult } from './candidate-index-messages.js';

const init = workerData as CandidateIndexInit;
let index: HnswCandidateIndex | undefined;
const seal = init.sealKey ? { key: EncryptionKey.fromBytes(init.sealKey) } : undefined;

function open(): OpenResult {
  let refused: string | undefined;
  const loadOptions = { vectorId: init.vectorId, ...(init.efSearch ? { efSearch: init.efSearch } : {}) };
  if (seal ? sealedIndexExists(init.path) : existsSync(init.path)) {
    try {
      index = seal ? loadSealedIndex(init.path, loadOptions, seal) : HnswCandidateIndex.load(init.path, loadOptions);
    } catch (e) {
      refused = e instanceof Error ? e.message : 'unreadable';
    }
  }
  index ??= new HnswCandidateIndex(init.dimension, { vectorId: init.vectorId, ...(init.efSearch ? { efSearch: init.efSearch } : {}) });
  return { ids: [...index.ids()], ...(refused ? { refused } : {}) };
}

function handle(m: CandidateIndexRequest): unknown {
  switch (m.op) {
    case 'open': return open();
    case 'add': index!.add(m.id, m.vector); return undefined;
    case 'remove': index!.remove(m.id); return undefined;
    case 'search': return index!.search(m.vector, m.k);
    case 'save': if (seal) saveSealedIndex(index!, init.path, seal); else index!.save(init.path); return undefined;
    case 'size': return index!.size;
  }
}

parentPort!.on('message', (m: CandidateIndexRequest) => {
  const seq = 'seq' in m ? m.seq : undefined;
  let reply: CandidateIndexReply | undefined;
  try {
    const value = handle(m);
    if (seq !== undefined) reply = { seq, ok: true, value };
  } catch (thrown) {
    const e = toEngineError(thrown);
    // Fire-and-forget messages (add, remove) report failures on sequence 0: the gallery logs them.
    reply = { seq: seq ?? 0, ok: false, error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) } };
  }
  if (reply) parentPort!.postMessage(reply);
});
