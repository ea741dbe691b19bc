/** AdminService on the wire. */
import type { AdminServiceHandlers } from '../generated/biomatch/v1/AdminService.js';
import { unary, type ServiceBindings } from '../binder.js';
import { timestamp } from '../convert/record.js';
import type { AdminOperations } from '../operations/admin.js';
import type { AuditOperations } from '../operations/audit.js';
import type { Timestamp__Output } from '../generated/google/protobuf/Timestamp.js';
import type { AuditEntry } from '../generated/biomatch/v1/AuditEntry.js';
import type { ChainedEntry } from '../../security/audit-chain.js';
import { EngineError } from '../../errors.js';

/** A proto Timestamp → Date; INVALID_ARGUMENT naming the field when out of range. */
function dateFromProto(t: Timestamp__Output | null, field: string): Date | undefined {
  if (!t) return undefined;
  if (!Number.isSafeInteger(t.seconds) || !Number.isInteger(t.nanos) || t.nanos < 0 || t.nanos > 999_999_999) throw EngineError.invalidArgument(field, 'is not a valid timestamp');
  const d = new Date(t.seconds * 1000 + Math.floor(t.nanos / 1e6));
  if (Number.isNaN(d.getTime())) throw EngineError.invalidArgument(field, 'is out of range');
  return d;
}

function auditEntryToProto(c: ChainedEntry): AuditEntry {
  const e = c.entry;
  return {
    sequence: c.seq, time: timestamp(e.time), agency: e.agency, certificateSubject: e.certificateSubject ?? '', method: e.method,
    purpose: e.purpose ?? '', caseReference: e.caseReference ?? '', peer: e.peer, recordIds: e.recordIds, counts: e.counts,
    status: e.status, hash: c.hash, previousHash: c.prev,
  };
}

export function adminBindings(ops: AdminOperations, audit: AuditOperations): ServiceBindings<AdminServiceHandlers> {
  return {
    ListAudit: unary({
      access: 'agency',
      decode: (req) => {
        const since = dateFromProto(req.since, 'since');
        const until = dateFromProto(req.until, 'until');
        return { agency: req.agency, limit: req.limit, pageToken: req.pageToken, ...(since ? { since } : {}), ...(until ? { until } : {}) };
      },
      run: audit.listAudit,
      encode: (r) => ({ entries: r.entries.map(auditEntryToProto), nextPageToken: r.nextPageToken }),
      counts: (_req, r) => ({ returned: r.entries.length }),
    }),
    VerifyAudit: unary({
      access: 'agency',
      decode: (req) => ({
        anchors: req.anchors.map((a, i) => {
          if (!/^[0-9a-f]{64}$/.test(a.hash)) throw EngineError.invalidArgument(`anchors[${i}].hash`, 'must be 64 lowercase hex digits (a SHA-256)');
          if (!Number.isSafeInteger(a.sequence) || a.sequence < 1) throw EngineError.invalidArgument(`anchors[${i}].sequence`, 'must be 1 or more');
          return { seq: a.sequence, hash: a.hash };
        }),
      }),
      run: audit.verifyAudit,
      encode: (r) => ({
        intact: r.intact, entries: r.entries, checkpoints: r.checkpoints, headSequence: r.headSeq, headHash: r.headHash,
        lastCheckpointSequence: r.lastCheckpointSeq, unsignedTail: r.unsignedTail, keyId: r.keyId, publicKeyPem: audit.publicKeyPem(),
        ...(r.problem ? { problem: { kind: r.problem.kind, sequence: r.problem.seq, message: r.problem.message } } : {}),
      }),
      counts: (_req, r) => ({ verified: r.entries, intact: r.intact ? 1 : 0 }),
    }),
    GetStats: unary({
      access: 'agency',
      decode: () => ({}),
      run: (caller) => ops.getStats(caller),
      encode: (s) => ({
        version: s.version,
        startedAt: timestamp(s.startedAt.toISOString()),
        uptimeSeconds: s.uptimeSeconds,
        records: s.records,
        storeBytes: s.storeBytes,
        storeEngine: s.storeEngine,
        pool: { threads: s.pool.threads, maxQueue: s.pool.maxQueue, queued: s.pool.queued, running: s.pool.running, completed: s.pool.completed, utilization: s.pool.utilization, tfjsBackend: s.pool.tfBackend },
        indexes: s.indexes,
        serving: s.serving,
      }),
    }),
  };
}
