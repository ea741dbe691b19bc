/**
 * BatchService on the wire, and the item executor the batch runner uses: each item kind runs
 * through its RPC's own binding — the same decode (so a bad item fails alone with the RPC's
 * INVALID_ARGUMENT naming the field), the same operation, the same encode — as the submitting
 * caller. Every item kind's service is built; an item whose RPC answers UNIMPLEMENTED would fail
 * alone with it, as the RPC does.
 */
import { defaultRoles, methodRule, requirePermit, type Roles } from '../../security/roles.js';
import { createHash } from 'node:crypto';
import { EngineError, ErrorCode } from '../../errors.js';
import type { ItemExecutor } from '../../jobs/job-runner.js';
import type { ItemKind, JobCaller, JobState, ScheduleMeta, StoredItem } from '../../jobs/job-store.js';
import type { ScheduleKind } from '../../jobs/scheduler.js';
import type { RecordStore } from '../../store/record-store.js';
import type { DnaPayload } from '../dna-catalog.js';
import type { FingerprintPayload } from '../../fingerprint/identification/fingerprint-gallery.js';
import { templateToProto } from '../convert/fingerprint.js';
import { MAX_CANDIDATES_LIMIT } from '../operations/fingerprint.js';
import type { Schedule } from '../generated/biomatch/v1/Schedule.js';
import type { BatchServiceHandlers } from '../generated/biomatch/v1/BatchService.js';
import type { BatchItem__Output } from '../generated/biomatch/v1/BatchItem.js';
import type { BatchItemResult } from '../generated/biomatch/v1/BatchItemResult.js';
import type { BatchJob } from '../generated/biomatch/v1/BatchJob.js';
import type { BatchState } from '../generated/biomatch/v1/BatchState.js';
import type { FingerprintServiceHandlers } from '../generated/biomatch/v1/FingerprintService.js';
import type { DnaServiceHandlers } from '../generated/biomatch/v1/DnaService.js';
import type { LatentServiceHandlers } from '../generated/biomatch/v1/LatentService.js';
import { clientStream, serverStream, unary, type AnyBinding, type ServiceBindings } from '../binder.js';
import { timestamp } from '../convert/record.js';
import { STATUS_BY_CODE } from '../status-map.js';
import type { BatchOperations, ItemResult, JobStatus } from '../operations/batch.js';
import { expandTransactions } from './batch-transactions.js';
import { DEFAULT_REVERSE_SEARCH_MIN_SCORE, DEFAULT_TL_MIN_MARK_MINUTIAE } from '../../latent/parameters.js';

/** The oneof field of BatchItem / BatchItemResult for each item kind. */
const FIELD_OF_KIND: Record<ItemKind, 'fpEnroll' | 'fpIdentify' | 'fpVerify' | 'latentSearch' | 'latentAdd' | 'dnaEnroll' | 'dnaSearch' | 'dnaKinship' | 'latentSearchUnsolved'> = {
  'fp-enroll': 'fpEnroll', 'fp-identify': 'fpIdentify', 'fp-verify': 'fpVerify', 'latent-search': 'latentSearch',
  'latent-add': 'latentAdd', 'dna-enroll': 'dnaEnroll', 'dna-search': 'dnaSearch', 'dna-kinship': 'dnaKinship',
  'latent-search-unsolved': 'latentSearchUnsolved',
};
const KIND_OF_FIELD = new Map(Object.entries(FIELD_OF_KIND).map(([k, f]) => [f, k as ItemKind]));

const STATE: Record<JobState, BatchState> = {
  receiving: 'BATCH_STATE_UNSPECIFIED', queued: 'BATCH_STATE_QUEUED', running: 'BATCH_STATE_RUNNING', done: 'BATCH_STATE_DONE',
  cancelled: 'BATCH_STATE_CANCELLED', failed: 'BATCH_STATE_FAILED',
};

export function jobToProto(j: JobStatus): BatchJob {
  return {
    jobId: j.id, state: STATE[j.state], total: j.total, done: j.done, failed: j.failed, submittedAt: timestamp(j.submittedAt),
    ...(j.finishedAt ? { finishedAt: timestamp(j.finishedAt) } : {}), requestId: j.requestId, itemsPerSecond: j.itemsPerSecond,
    etaSeconds: j.etaSeconds, kinds: j.kinds, failure: j.failure ?? '', ...(j.expiresAt ? { expiresAt: timestamp(j.expiresAt) } : {}),
    scheduleId: j.scheduleId ?? '',
  };
}

export function scheduleToProto(s: ScheduleMeta): Schedule {
  return {
    scheduleId: s.id, kind: s.kind, everyHours: s.everyHours, name: s.name, createdAt: timestamp(s.createdAt), nextRunAt: timestamp(s.nextRunAt),
    ...(s.lastRunAt ? { lastRunAt: timestamp(s.lastRunAt) } : {}), lastJobId: s.lastJobId ?? '', runs: s.runs,
  };
}


/**
 * What each schedule kind searches. Items are the request messages the RPC takes, made from the
 * store when a run starts (read one record at a time).
 */
export function scheduleKinds(store: RecordStore, options: { minScore: number; minMarkMinutiae: number } = { minScore: DEFAULT_REVERSE_SEARCH_MIN_SCORE, minMarkMinutiae: DEFAULT_TL_MIN_MARK_MINUTIAE }): Record<string, ScheduleKind> {
  return {
    // CODIS-style weekly search: the owner's forensic unknowns against offenders and arrestees.
    'dna-unknown-vs-offenders': {
      defaultEveryHours: 7 * 24,
      *items(owner: JobCaller): Generator<StoredItem> {
        for (const r of store.scan<DnaPayload>('dna-profile')) {
          if (r.ownerAgency !== owner.agency || r.payload.kind !== 'forensic-unknown') continue;
          yield {
            itemId: r.id, kind: 'dna-search',
            request: {
              profile: {
                loci: Object.fromEntries(Object.entries(r.payload.loci).map(([l, a]) => [l, { alleles: a }])),
                kind: 'PROFILE_KIND_FORENSIC_UNKNOWN', relationship: 'RELATIONSHIP_UNSPECIFIED', caseReference: r.payload.caseReference ?? '',
              },
              stringency: 'STRINGENCY_MODERATE', minComparedLoci: 0, maxMismatches: 0, maxCandidates: 0, population: '',
              targetKinds: ['PROFILE_KIND_OFFENDER', 'PROFILE_KIND_ARRESTEE'],
            },
          };
        }
      },
    },
    // Daily AFIS re-run (TL): the owner's tenprint fingers enrolled or updated since the last run
    // (first run: all), each searched against the unsolved latent file exactly as
    // SearchUnsolvedFile with that finger's stored template as probe, as the owner (so only the
    // marks the owner may see). It complements the search on enrolment (--reverse-search): it
    // finds marks filed after a tenprint was enrolled, and reports each hit to the schedule's owner.
    // Marks with fewer minutiae than the reverse search's floor are skipped here as there.
    // The owner's own records, as for the DNA kind: another agency's tenprints are searched on
    // their owner's enrolment and schedules (docs/decisions/tl-schedule.md).
    'fp-tenprints-vs-unsolved': {
      defaultEveryHours: 24,
      *items(owner: JobCaller, since: string | undefined): Generator<StoredItem> {
        for (const r of store.scan<FingerprintPayload>('fingerprint')) {
          if (r.ownerAgency !== owner.agency) continue;
          if (since !== undefined && r.updatedAt < since) continue;
          // A finger without minutiae has nothing to search (as on enrolment).
          if (r.payload.template.minutiae.length === 0) continue;
          yield {
            itemId: r.id, kind: 'latent-search-unsolved',
            request: {
              query: 'probe',
              probe: { source: 'template', template: { form: 'template', template: templateToProto(r.payload.template) } },
              fingerPosition: r.payload.fingerPosition, maxCandidates: MAX_CANDIDATES_LIMIT, minScore: options.minScore, minMarkMinutiae: options.minMarkMinutiae,
            },
          };
        }
      },
    },
  };
}

export function resultToProto(r: ItemResult): BatchItemResult {
  const base = { item: r.item, itemId: r.itemId, resumeToken: String(r.item), kind: r.kind ?? '', alreadyReported: r.alreadyReported ?? [] };
  if (r.error) return { ...base, error: { code: STATUS_BY_CODE[r.error.code], message: r.error.message, field: r.error.field ?? '', status: r.error.code } };
  return { ...base, [FIELD_OF_KIND[r.kind!]]: r.response };
}

export function batchBindings(ops: BatchOperations): ServiceBindings<BatchServiceHandlers> {
  return {
    Submit: clientStream({
      access: 'agency',
      // Never throws: an item without a request is stored and fails alone when it runs.
      decode: (m: BatchItem__Output) => {
        const kind = m.request ? KIND_OF_FIELD.get(m.request) : undefined;
        return { itemId: m.itemId, requestId: m.requestId, ...(kind ? { kind } : {}), request: m.request ? m[m.request] ?? null : null };
      },
      // An ANSI/NIST transaction item becomes one item per finger image record (batch-transactions.ts).
      run: (caller, items, signal) => ops.submit(caller, expandTransactions(items), signal),
      encode: jobToProto,
    }),
    GetStatus: unary({ access: 'agency', decode: (r) => ({ jobId: r.jobId }), run: ops.getStatus, encode: jobToProto }),
    GetResults: serverStream({
      access: 'agency',
      decode: (r) => ({ jobId: r.jobId, resumeToken: r.resumeToken, wait: r.wait }),
      run: ops.results,
      encode: resultToProto,
    }),
    Cancel: unary({ access: 'agency', decode: (r) => ({ jobId: r.jobId }), run: ops.cancel, encode: jobToProto }),
    List: unary({ access: 'agency', decode: (r) => ({ limit: r.limit }), run: ops.list, encode: (jobs) => ({ jobs: jobs.map(jobToProto) }) }),
    Delete: unary({ access: 'agency', decode: (r) => ({ jobId: r.jobId }), run: ops.delete, encode: jobToProto }),
    AddSchedule: unary({ access: 'agency', decode: (r) => ({ kind: r.kind, everyHours: r.everyHours, name: r.name }), run: ops.addSchedule, encode: scheduleToProto }),
    ListSchedules: unary({ access: 'agency', decode: () => ({}), run: ops.listSchedules, encode: (list) => ({ schedules: list.map(scheduleToProto) }) }),
    RemoveSchedule: unary({ access: 'agency', decode: (r) => ({ scheduleId: r.scheduleId }), run: ops.removeSchedule, encode: scheduleToProto }),
    RunSchedule: unary({ access: 'agency', decode: (r) => ({ scheduleId: r.scheduleId }), run: ops.runSchedule, encode: jobToProto }),
  };
}

/** A record id of `prefix` that is the same for the same job and item (a UUID-shaped SHA-256 prefix). */
export function itemRecordId(prefix: string, jobId: string, item: number): string {
  const h = createHash('sha256').update(`biomatch-batch\u0000${jobId}\u0000${item}`).digest('hex');
  return `${prefix}_${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

interface ItemRoute { method: string; binding: AnyBinding; recordPrefix?: string }

/**
 * The executor for the runner, from the services' own binding tables. An enrolment without an
 * external id gets a record id derived from (job, item): run again after a crash, it finds the
 * record it stored the first time instead of making a second one (docs/decisions/batch-jobs.md).
 */
export function batchItemExecutor(services: {
  fingerprint: ServiceBindings<FingerprintServiceHandlers>;
  dna: ServiceBindings<DnaServiceHandlers>;
  latent: ServiceBindings<LatentServiceHandlers>;
}, roles: Roles = defaultRoles()): ItemExecutor {
  const fp = '/biomatch.v1.FingerprintService/';
  const dna = '/biomatch.v1.DnaService/';
  const latent = '/biomatch.v1.LatentService/';
  const routes: Record<ItemKind, ItemRoute> = {
    'fp-enroll': { method: `${fp}Enroll`, binding: services.fingerprint.Enroll, recordPrefix: 'fp' },
    'fp-identify': { method: `${fp}Identify`, binding: services.fingerprint.Identify },
    'fp-verify': { method: `${fp}Verify`, binding: services.fingerprint.Verify },
    'latent-search': { method: `${latent}Search`, binding: services.latent.Search },
    'latent-add': { method: `${latent}AddToUnsolvedFile`, binding: services.latent.AddToUnsolvedFile, recordPrefix: 'lt' },
    'dna-enroll': { method: `${dna}Enroll`, binding: services.dna.Enroll, recordPrefix: 'dna' },
    'dna-search': { method: `${dna}Search`, binding: services.dna.Search },
    'dna-kinship': { method: `${dna}KinshipSearch`, binding: services.dna.KinshipSearch },
    'latent-search-unsolved': { method: `${latent}SearchUnsolvedFile`, binding: services.latent.SearchUnsolvedFile },
  };
  return {
    method: (item: StoredItem) => (item.kind ? routes[item.kind].method : ''),
    async execute(caller, item, where, signal) {
      if (item.invalid) throw EngineError.invalidArgument(item.invalid.field, item.invalid.reason);
      if (!item.kind) throw EngineError.invalidArgument('request', `is required: one of ${Object.values(FIELD_OF_KIND).map(snake).join(', ')}`);
      const { binding, recordPrefix, method } = routes[item.kind];
      // The item's own method's role, as if it were called alone (Submit needed only one of them).
      const rule = methodRule(method);
      if (!rule) throw new EngineError(ErrorCode.PermissionDenied, `${method} is not in the roles table`);
      if (rule.action !== 'none') requirePermit(roles, caller.agency, rule.action, rule.kind);
      if ('unbuilt' in binding) throw EngineError.unimplemented(binding.unbuilt);
      if ('clientStream' in binding || 'serverStream' in binding) throw EngineError.internal(`batch item kind ${item.kind} is bound to a streaming method`);
      if (item.request === null || typeof item.request !== 'object') throw EngineError.invalidArgument(snake(FIELD_OF_KIND[item.kind]), 'is required');
      let req = binding.decode(item.request) as Record<string, unknown>;
      if (recordPrefix && !req.externalId) req = { ...req, recordId: itemRecordId(recordPrefix, where.jobId, where.item) };
      const res: unknown = await binding.run(caller, req, signal);
      return { response: binding.encode(res), recordIds: binding.records?.(req, res) ?? [] };
    },
  };
}

function snake(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
