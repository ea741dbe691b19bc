/**
 * The thread that owns the service's one DnaIndex. It rebuilds the locus registry and frequency
 * tables from workerData, then serves the gallery's requests one at a time, in the order they were
 * sent: an add followed by a search is seen by that search. Scans call back between blocks of
 * records to drain the cancel port, so a cancelled search stops within about a millisecond of
 * scan instead of holding up the requests behind it.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { EngineError, ErrorCode, toEngineError } from '../errors.js';
import { DnaIndex } from '../dna/dna-index.js';
import { FrequencyTable, PopulationTables } from '../dna/frequency-table.js';
import { LocusRegistry } from '../dna/locus-registry.js';
import type { DnaIndexRecord, DnaIndexReply, DnaIndexRequest, DnaIndexResultMap, DnaWorkerInit, SnapshotRefusal } from './dna-messages.js';
import { readDnaIndexSnapshot, readDnaIndexSnapshotHeader, SnapshotRefused, writeDnaIndexSnapshot } from '../dna/dna-index-snapshot.js';
import { EncryptionKey } from '../security/encryption.js';
import type { SerializedError } from './messages.js';

const init = workerData as DnaWorkerInit;
const registry = LocusRegistry.create(init.customLoci);
const names = registry.all().map((l) => l.name);
if (names.length !== init.lociNames.length || names.some((n, i) => n !== init.lociNames[i])) {
  throw EngineError.internal('dna index thread: its locus registry differs from the main thread');
}
const tables = new PopulationTables(init.tables.map((t) => new FrequencyTable(t.name, t.loci)), init.defaultTable);
let index = new DnaIndex({ registry, tables, initialCapacity: init.initialCapacity });
const sealKey = init.sealKey !== undefined ? EncryptionKey.fromBytes(init.sealKey) : undefined;

/** The snapshot's verdict, never thrown: a refused snapshot means a rebuild, not a failed start. */
function refusal(e: unknown): SnapshotRefusal {
  if (e instanceof SnapshotRefused) return { refused: e.reason };
  throw e;
}

function snapshotPath(): string {
  if (init.snapshotPath === undefined) throw EngineError.internal('dna index thread: no snapshot path was configured');
  return init.snapshotPath;
}

/** Sequence numbers the gallery has given up on (aborted); read between scan blocks. */
const cancelled = new Set<number>();

function drainCancels(): void {
  for (let m = receiveMessageOnPort(init.cancelPort); m !== undefined; m = receiveMessageOnPort(init.cancelPort)) cancelled.add(m.message as number);
}

function serialize(thrown: unknown): SerializedError {
  const e = toEngineError(thrown);
  return { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) };
}

function run(req: DnaIndexRequest): DnaIndexResultMap[DnaIndexRequest['op']] {
  const interrupt = (): void => {
    drainCancels();
    if (cancelled.has(req.seq)) throw new EngineError(ErrorCode.Cancelled, 'the search was cancelled');
  };
  switch (req.op) {
    case 'reserve':
      index.reserve(req.records);
      return null;
    case 'add': {
      const failed: { id: string; error: SerializedError }[] = [];
      for (const r of JSON.parse(req.records) as DnaIndexRecord[]) {
        try {
          index.addStored(r.id, r.profile, r.meta);
        } catch (e) {
          failed.push({ id: r.id, error: serialize(e) });
        }
      }
      return { failed };
    }
    case 'remove':
      for (const id of req.ids) index.remove(id);
      return null;
    case 'search':
      interrupt();
      return index.search(req.query, req.options, interrupt);
    case 'kinship-search':
      interrupt();
      return index.kinshipSearch(req.query, req.options, interrupt);
    case 'stats':
      return index.stats();
    case 'warm':
      index.warm();
      return null;
    case 'snapshot-header':
      try {
        const h = readDnaIndexSnapshotHeader(snapshotPath(), registry, sealKey);
        return { snapshotId: h.snapshotId, store: h.store, live: h.live, writtenAt: h.writtenAt };
      } catch (e) {
        return refusal(e);
      }
    case 'snapshot-load': {
      // Adds that came before this (enrolments during start) are replaced too: their changes are
      // after the snapshot's generation, so the gallery replays them.
      const fresh = new DnaIndex({ registry, tables, initialCapacity: init.initialCapacity });
      try {
        readDnaIndexSnapshot(snapshotPath(), fresh, registry, sealKey, req.snapshotId);
      } catch (e) {
        return refusal(e);
      }
      index = fresh;
      return { live: index.size };
    }
    case 'snapshot-save':
      return writeDnaIndexSnapshot(index, registry, snapshotPath(), req.store, sealKey);
    default: {
      const never: never = req;
      throw EngineError.internal(`dna index thread: unknown request ${String((never as { op: unknown }).op)}`);
    }
  }
}

const port = parentPort;
if (port === null) throw EngineError.internal('dna-index.worker must run in a worker thread');
port.on('message', (req: DnaIndexRequest) => {
  let reply: DnaIndexReply;
  try {
    reply = { seq: req.seq, entries: index.size, ok: true, value: run(req) };
  } catch (thrown) {
    reply = { seq: req.seq, entries: index.size, ok: false, error: serialize(thrown) };
  }
  reply.entries = index.size;
  // Requests are served in order, so no later one can still be cancelled under an earlier number.
  for (const s of cancelled) if (s <= req.seq) cancelled.delete(s);
  port.postMessage(reply);
});
