/**
 * Runs fuzz cases (fuzz-messages.ts) over real gRPC against a real in-process server and checks
 * the oracles:
 *   - no crash: no uncaught exception or unhandled rejection, and health still SERVING after;
 *   - no hang: every call has a deadline and is answered by deadline + slack;
 *   - no INTERNAL or UNKNOWN answer, and no error-level server log line (an index update that
 *     failed behind an OK answer is a bug too);
 *   - stored records unchanged: records of a "vault" agency the fuzzer never calls as are loaded
 *     first (some visible to every agency, so searches reach them) and checksummed before and after.
 *     Records the fuzzer's own agencies create (Enroll, Import) may legitimately appear;
 *   - and everything stored loads again: the server restarts on the same data directory, SERVING,
 *     with the same record counts, the same vault checksum and no error-level log line.
 * Requests go as raw bytes (serialize/deserialize are identity), so malformed encodings reach the
 * server's decoder.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { fromBinary, type JsonValue } from '@bufbuild/protobuf';
import { startTestService, type TestService } from '../test-harness.js';
import type { ServiceConfig } from '../config.js';
import { loadBiomatchProto } from '../proto.js';
import { AGENCY_HEADER } from '../identity.js';
import { RECORD_KINDS } from '../../store/record.js';
import type { RecordStore } from '../../store/record-store.js';
import { sharedDataPath } from '../../../fixtures/shared-data.js';
import { FUZZ_CALLER, buildCase, buildMetadata, contractOf, encodeJson, fuzzCaseShapes, hexDump, type Contract, type FuzzCase, type FuzzDictionary } from './fuzz-messages.js';

/** The agency that owns the pre-loaded records; the fuzzer never presents it. */
export const VAULT_AGENCY = 'VAULT';

export interface FuzzOptions {
  calls: number;
  seed: number;
  /** Stop starting new calls after this long (the run ends early, with what it did). */
  minutes?: number;
  /** Calls in flight at once. */
  concurrency?: number;
  deadlineMs?: number;
  /** How late past its deadline an answer may come before it counts as a hang. */
  slackMs?: number;
  /** Only this case index (reproducing one failure). */
  only?: number;
  progress?: (done: number, total: number) => void;
  service?: Partial<ServiceConfig>;
}

export interface FuzzFailure {
  index: number;
  method: string;
  strategy: string;
  oracle: 'internal' | 'hang' | 'crash' | 'server-log' | 'store' | 'health' | 'restart';
  code?: string;
  details?: string;
  elapsedMs?: number;
  metadata?: string;
  messages: Buffer[];
}

export interface FuzzSummary {
  seed: number;
  calls: number;
  elapsedMs: number;
  byMethod: Record<string, Record<string, number>>;
  byCode: Record<string, number>;
  byStrategy: Record<string, number>;
  failures: FuzzFailure[];
  vaultRecords: number;
  storeChecksumBefore: string;
  storeChecksumAfter: string;
  healthAfter: string;
  /** Records of every agency (the fuzzer's own included) at the end of the run, all of which came back after a restart. */
  recordsAtEnd: number;
  slowestMs: number;
}

const statusName = (code: number) => grpc.status[code] ?? `CODE_${code}`;

/** SHA-256 over every record of every kind owned by `agency`, in id order. */
export function storeChecksum(store: RecordStore, agency: string): { checksum: string; records: number } {
  const records = RECORD_KINDS.flatMap((kind) => [...store.scan(kind)]).filter((r) => r.ownerAgency === agency).sort((a, b) => (a.id < b.id ? -1 : 1));
  const h = createHash('sha256');
  for (const r of records) h.update(JSON.stringify(r, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v))).update('\n');
  return { checksum: h.digest('hex'), records: records.length };
}

// Twelve CODIS loci for two unrelated people and the child of the first.
const LOCI_A: Record<string, string[]> = { D3S1358: ['15', '16'], vWA: ['17', '18'], FGA: ['21', '24'], D8S1179: ['13', '14'], D21S11: ['29', '30.2'], D18S51: ['14', '17'], D5S818: ['11', '12'], D13S317: ['11', '12'], D7S820: ['8', '10'], CSF1PO: ['10', '12'], TH01: ['6', '9.3'], TPOX: ['8', '11'] };
const LOCI_B: Record<string, string[]> = { D3S1358: ['14', '18'], vWA: ['15', '16'], FGA: ['19', '22'], D8S1179: ['10', '12'], D21S11: ['27', '28'], D18S51: ['12', '13'], D5S818: ['9', '13'], D13S317: ['8', '9'], D7S820: ['11', '12'], CSF1PO: ['8', '9'], TH01: ['7', '8'], TPOX: ['9', '10'] };
const LOCI_CHILD = Object.fromEntries(Object.keys(LOCI_A).map((l) => [l, [LOCI_A[l][0], LOCI_B[l][1]]]));
const lociJson = (loci: Record<string, string[]>) => Object.fromEntries(Object.entries(loci).map(([l, a]) => [l, { alleles: a }]));

const TEMPLATE = {
  width: 400, height: 500, resolutionPpi: 500, quality: 60, fingerPosition: 2,
  minutiae: Array.from({ length: 24 }, (_, i) => ({ x: 40 + ((i * 53) % 320), y: 50 + ((i * 97) % 400), angleDegrees: (i * 47) % 360, type: i % 2 ? 'MINUTIA_TYPE_BIFURCATION' : 'MINUTIA_TYPE_RIDGE_ENDING', quality: 60 + (i % 40) })),
};

/** Real ISO 19794-2 templates from the shared data (a few), when it is there. */
function isoTemplates(max: number): Buffer[] {
  const dir = sharedDataPath('fingerprints', 'templates', 'secugen-iso19794-2', 'fvc2002_db1_b');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.iso')).sort().slice(0, max).map((f) => readFileSync(join(dir, f)));
}

function fixtureImages(): Buffer[] {
  const dir = new URL('../../../fixtures/fingerprints/', import.meta.url);
  return ['101_1.tif'].map((f) => readFileSync(new URL(f, dir)));
}

/**
 * Valid requests to start from, per message type, so the fuzzer reaches the code behind the
 * decoders. Keyed by message type, not by method: a method whose request type has no seed still
 * gets generated requests, and sub-message seeds (Template, DnaProfile) are used inside any request.
 */
function seedsFor(contract: Contract, ids: string[], iso: Buffer[], images: Buffer[]): Map<string, Buffer[]> {
  const json: Record<string, JsonValue[]> = {};
  const add = (type: string, ...values: JsonValue[]) => { (json[`biomatch.v1.${type}`] ??= []).push(...values); };
  const profiles = [LOCI_A, LOCI_B, LOCI_CHILD].map((l) => ({ loci: lociJson(l) }));
  const template = TEMPLATE as unknown as JsonValue;
  const samples: JsonValue[] = [
    { template: { template } },
    ...iso.map((b) => ({ template: { encoded: { data: b.toString('base64'), format: 'TEMPLATE_FORMAT_ISO_19794_2_2005' } } })),
    // Images go through extraction on the pool: rarer, so that runs stay fast.
    ...images.slice(0, 1).map((b) => ({ image: { data: b.toString('base64'), ppi: 500 } })),
  ];
  add('Template', template);
  add('DnaProfile', ...profiles);
  add('FingerprintSample', ...samples.slice(0, -1), samples[0]);
  add('TemplateInput', { template }, ...iso.map((b) => ({ encoded: { data: b.toString('base64'), format: 'TEMPLATE_FORMAT_ISO_19794_2_2005' } })));
  add('GetRecordRequest', ...ids.map((recordId) => ({ recordId })));
  add('DeleteRecordRequest', ...ids.map((recordId) => ({ recordId })));
  add('EnrollFingerprintRequest', ...samples.map((sample, i) => ({ subjectId: `S-${i}`, fingerPosition: 2, sample, externalId: `FZ-${i}` })));
  add('IdentifyRequest', ...samples.map((probe) => ({ probe, maxCandidates: 5 })), { probe: samples[0], exhaustive: true });
  add('VerifyRequest', ...ids.map((recordId) => ({ probe: samples[0], recordId })), { probe: samples[0], sample: samples[1] ?? samples[0] });
  add('ExtractRequest', ...images.map((b) => ({ image: { data: b.toString('base64'), ppi: 500 }, outputFormat: 'TEMPLATE_FORMAT_ISO_19794_2_2005' })));
  add('EnrollDnaRequest', ...profiles.map((profile, i) => ({ profile: { ...profile, kind: 'PROFILE_KIND_OFFENDER' }, subjectId: `P-${i}`, externalId: `LAB-${i}` })));
  add('DnaSearchRequest', ...profiles.map((profile) => ({ profile })), { profile: profiles[0], stringency: 'STRINGENCY_LOW', maxMismatches: 1 });
  add('KinshipSearchRequest', { profile: profiles[2], relationship: 'RELATIONSHIP_PARENT_CHILD' }, { profile: profiles[0], relationship: 'RELATIONSHIP_FULL_SIBLING' });
  const csv = `sample,population,${Object.keys(LOCI_A).join(',')}\nFZ-CSV-1,,${Object.values(LOCI_B).map((a) => a.join('/')).join(',')}\n`;
  add('DnaImportChunk', { format: 'IMPORT_FORMAT_CSV', data: Buffer.from(csv).toString('base64') }, { data: Buffer.from(csv).toString('base64') });
  const markup = {
    minutiae: TEMPLATE.minutiae, roi: [{ x: 10, y: 10 }, { x: 390, y: 10 }, { x: 390, y: 490 }, { x: 10, y: 490 }],
    cores: [{ x: 200, y: 250, angleDegrees: 90 }], useOnlyMarkup: true,
  } as unknown as JsonValue;
  add('LatentMarkup', markup);
  add('LatentMark', { markup, caseReference: 'FUZZ-1' });
  add('LatentSearchRequest', { mark: { markup } }, { mark: { markup, possibleFingerPositions: [2] }, maxCandidates: 5 });
  add('AddLatentRequest', { mark: { markup, caseReference: 'FUZZ-1' } });
  add('SearchUnsolvedRequest', { probe: samples[0] }, { mark: { markup }, fingerPosition: 2 });
  add('ExtractLatentRequest', ...images.slice(0, 1).map((b) => ({ image: { data: b.toString('base64'), ppi: 500 } })));
  add('ListUnsolvedRequest', {}, { caseReference: 'FUZZ-1', pageSize: 2 });
  add('ListLatentHitsRequest', { includeAcknowledged: true });
  add('AcknowledgeLatentHitRequest', { hitId: 'lh_00000000-0000-8000-0000-000000000000' });
  add('BatchItem', { itemId: '1', fpIdentify: { probe: samples[0] } }, { itemId: '2', dnaSearch: { profile: profiles[0] } });
  const seeds = new Map<string, Buffer[]>();
  for (const [type, values] of Object.entries(json)) {
    // A type the contract no longer has is skipped, not fatal: the seeds follow the contract.
    if (!contract.registry.getMessage(type)) continue;
    seeds.set(type, values.map((v) => encodeJson(contract, type, v)));
  }
  return seeds;
}

interface CallResult { code: string; elapsedMs: number; details: string; hung: boolean }

function metadataSummary(md: grpc.Metadata): string {
  return Object.entries(md.getMap()).map(([k, v]) => `${k}=${Buffer.isBuffer(v) ? `<${v.length} bytes>` : v.length > 40 ? `<${v.length} chars>` : JSON.stringify(v)}`).join(' ');
}

/** One call with raw bytes, whatever the method's shape; resolves when grpc-js reports a status. */
function rawCall(client: grpc.Client, c: FuzzCase, md: grpc.Metadata, deadlineMs: number, slackMs: number): Promise<CallResult> {
  const started = performance.now();
  const id = (b: Buffer) => b;
  const options: grpc.CallOptions = { deadline: Date.now() + deadlineMs };
  return new Promise((resolve) => {
    let done = false;
    const finish = (code: number, details: string) => {
      if (done) return;
      done = true;
      clearTimeout(watchdog);
      resolve({ code: statusName(code), details, elapsedMs: performance.now() - started, hung: false });
    };
    // The client deadline answers on time even if the server never does; this catches the case
    // where grpc-js itself (or a blocked event loop) gives no answer at all.
    const watchdog = setTimeout(() => {
      if (done) return;
      done = true;
      resolve({ code: 'NO_ANSWER', details: 'no status within deadline + slack', elapsedMs: performance.now() - started, hung: true });
    }, deadlineMs + slackMs + 2000);
    const onStatus = (s: grpc.StatusObject) => finish(s.code, s.details);
    const m = c.method;
    if (!m.requestStream && !m.responseStream) {
      client.makeUnaryRequest(m.path, id, id, c.messages[0], md, options, (err) => finish(err ? err.code : grpc.status.OK, err?.details ?? ''));
    } else if (m.requestStream && !m.responseStream) {
      const stream = client.makeClientStreamRequest(m.path, id, id, md, options, (err) => finish(err ? err.code : grpc.status.OK, err?.details ?? ''));
      for (const b of c.messages) stream.write(b);
      if (c.cancelEarly) stream.cancel(); else stream.end();
    } else if (!m.requestStream) {
      const stream = client.makeServerStreamRequest(m.path, id, id, c.messages[0], md, options);
      stream.on('data', () => undefined);
      stream.on('error', () => undefined);
      stream.on('status', onStatus);
    } else {
      const stream = client.makeBidiStreamRequest(m.path, id, id, md, options);
      stream.on('data', () => undefined);
      stream.on('error', () => undefined);
      stream.on('status', onStatus);
      for (const b of c.messages) stream.write(b);
      if (c.cancelEarly) stream.cancel(); else stream.end();
    }
  });
}

async function healthStatus(address: string): Promise<string> {
  const client = new grpc.Client(address, grpc.credentials.createInsecure());
  try {
    // grpc.health.v1.HealthCheckRequest{service: ""} is the empty message; the response's field 1 is the status enum.
    const res = await new Promise<Buffer>((resolve, reject) => client.makeUnaryRequest('/grpc.health.v1.Health/Check', (b: Buffer) => b, (b: Buffer) => b, Buffer.alloc(0), new grpc.Metadata(), { deadline: Date.now() + 5000 }, (err, value) => (err ? reject(err) : resolve(value!))));
    const status = res.length >= 2 && res[0] === 0x08 ? res[1] : 0;
    return ['UNKNOWN', 'SERVING', 'NOT_SERVING', 'SERVICE_UNKNOWN'][status] ?? `STATUS_${status}`;
  } catch (e) {
    return `health call failed: ${(e as grpc.ServiceError).code}`;
  } finally {
    client.close();
  }
}

/** Loads the vault: records of every built kind, some visible to every agency, some private. */
async function loadVault(t: TestService, contract: Contract): Promise<string[]> {
  const client = new grpc.Client(t.address, grpc.credentials.createInsecure());
  const md = new grpc.Metadata();
  md.set(AGENCY_HEADER, VAULT_AGENCY);
  for (const [k, v] of Object.entries(FUZZ_CALLER.headers)) md.set(k, v);
  const ids: string[] = [];
  const enroll = (path: string, type: string, json: JsonValue) => new Promise<void>((resolve, reject) => {
    client.makeUnaryRequest(path, (b: Buffer) => b, (b: Buffer) => b, encodeJson(contract, type, json), md, { deadline: Date.now() + 60_000 }, (err, res) => {
      if (err) { reject(new Error(`vault ${path}: ${err.code} ${err.details}`)); return; }
      const [, service, method] = path.split('/');
      const output = contract.registry.getService(service)?.methods.find((m) => m.name === method)?.output;
      const record = output ? fromBinary(output, res!) as unknown as { meta?: { id: string } } : undefined;
      if (!record?.meta?.id) { reject(new Error(`vault ${path}: no record id in the answer`)); return; }
      ids.push(record.meta.id);
      resolve();
    });
  });
  try {
    for (const [i, vis] of ([{ allAgencies: true }, { agencies: [FUZZ_CALLER.agency] }, {}] as JsonValue[]).entries()) {
      await enroll('/biomatch.v1.FingerprintService/Enroll', 'biomatch.v1.EnrollFingerprintRequest', { subjectId: `V-${i}`, fingerPosition: 2, visibility: vis, externalId: `VAULT-FP-${i}`, sample: { template: { template: TEMPLATE as unknown as JsonValue } } });
      await enroll('/biomatch.v1.DnaService/Enroll', 'biomatch.v1.EnrollDnaRequest', { subjectId: `V-${i}`, visibility: vis, externalId: `VAULT-DNA-${i}`, profile: { loci: lociJson([LOCI_A, LOCI_B, LOCI_CHILD][i]), kind: 'PROFILE_KIND_OFFENDER' } });
    }
  } finally {
    client.close();
  }
  return ids;
}

/** Starts a server, loads the vault, runs the cases, checks the oracles, stops the server. */
export async function runFuzz(opts: FuzzOptions): Promise<FuzzSummary> {
  const deadlineMs = opts.deadlineMs ?? 5000;
  const slackMs = opts.slackMs ?? 2000;
  const concurrency = opts.concurrency ?? 4;
  const failures: FuzzFailure[] = [];
  const crashes: unknown[] = [];
  const onCrash = (e: unknown) => { crashes.push(e); };
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  // A small message limit, so huge requests also cross it (RESOURCE_EXHAUSTED, not a crash).
  const dataDir = mkdtempSync(join(tmpdir(), 'bm-fuzz-'));
  const config = { poolSize: 1, maxMessageBytes: 1024 * 1024, ...opts.service, dataDir };
  let t = await startTestService(config);
  let running = true;
  const started = performance.now();
  try {
    const contract = contractOf(loadBiomatchProto().packageDefinition);
    const iso = isoTemplates(3);
    const images = fixtureImages();
    const vaultIds = await loadVault(t, contract);
    const dict: FuzzDictionary = {
      strings: [
        ...vaultIds, VAULT_AGENCY.toLowerCase() === FUZZ_CALLER.agency.toLowerCase() ? '' : `${VAULT_AGENCY}-X`, FUZZ_CALLER.agency, FUZZ_CALLER.otherAgency,
        ...Object.keys(LOCI_A), 'AMEL', 'Amelogenin', 'D2S1338', 'Penta E', '15', '9.3', '<8', '>27', 'OL', 'X', 'Y', '*', '30.2',
        'fp_', 'dna_', 'VAULT-FP-0', 'VAULT-DNA-0', 'criminal-investigation', 'FUZZ-1', 'NIST1036', 'Caucasian',
      ],
      blobs: [...iso, ...images.map((b) => b.subarray(0, 4096))],
      seeds: new Map(),
    };
    dict.seeds = seedsFor(contract, vaultIds, iso, images);
    // The vault agency must never be presented: neither as header nor as owner in a request.
    dict.strings = dict.strings.filter((s) => s.toLowerCase() !== VAULT_AGENCY.toLowerCase());
    const before = storeChecksum(t.service.deps.store, VAULT_AGENCY);

    const shapes = fuzzCaseShapes(opts.calls, opts.seed);
    const indexes = opts.only !== undefined ? [opts.only].filter((i) => i < shapes.length) : shapes.map((_, i) => i);
    const client = new grpc.Client(t.address, grpc.credentials.createInsecure(), { 'grpc.max_send_message_length': 64 * 1024 * 1024, 'grpc.max_receive_message_length': 64 * 1024 * 1024 });
    const byMethod: Record<string, Record<string, number>> = {};
    const byCode: Record<string, number> = {};
    const byStrategy: Record<string, number> = {};
    const stopAt = opts.minutes ? started + opts.minutes * 60_000 : Infinity;
    let next = 0;
    let done = 0;
    let slowestMs = 0;
    const logMark = t.logs.length;
    const worker = async () => {
      while (next < indexes.length && performance.now() < stopAt) {
        const index = indexes[next++];
        const c = buildCase(contract, dict, shapes[index], index);
        const md = buildMetadata(c.metadata, VAULT_AGENCY);
        const res = await rawCall(client, c, md, deadlineMs, slackMs);
        const method = `${c.method.service.split('.').pop()}.${c.method.name}`;
        (byMethod[method] ??= {})[res.code] = (byMethod[method][res.code] ?? 0) + 1;
        byCode[res.code] = (byCode[res.code] ?? 0) + 1;
        byStrategy[c.strategy] = (byStrategy[c.strategy] ?? 0) + 1;
        slowestMs = Math.max(slowestMs, res.elapsedMs);
        const fail = (oracle: FuzzFailure['oracle']) => failures.push({ index: c.index, method: c.method.path, strategy: c.strategy, oracle, code: res.code, details: res.details, elapsedMs: Math.round(res.elapsedMs), metadata: metadataSummary(md), messages: c.messages });
        if (res.code === 'INTERNAL' || res.code === 'UNKNOWN') fail('internal');
        else if (res.hung || res.elapsedMs > deadlineMs + slackMs) fail('hang');
        done++;
        opts.progress?.(done, indexes.length);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    client.close();
    // Calls still running on the server past their answers (pool work) finish before the checks.
    for (let i = 0; i < 100 && t.service.deps.tracker.inFlight.size > 0; i++) await new Promise((r) => setTimeout(r, 100));
    const stuck = t.service.deps.tracker.inFlight.size;
    if (stuck > 0) failures.push({ index: -1, method: '', strategy: '', oracle: 'hang', details: `${stuck} calls still in flight on the server 10 s after the last answer`, messages: [] });

    for (const e of crashes) failures.push({ index: -1, method: '', strategy: '', oracle: 'crash', details: e instanceof Error ? `${e.name}: ${e.message}` : String(e), messages: [] });
    for (const line of t.logs.slice(logMark)) {
      const entry = JSON.parse(line) as { level?: string; method?: string; code?: string };
      // The whole line: server log lines carry no payloads (house rule), so it is safe to show.
      if (entry.level === 'error') failures.push({ index: -1, method: entry.method ?? '', strategy: '', oracle: 'server-log', code: entry.code ?? '', details: line, messages: [] });
    }
    const after = storeChecksum(t.service.deps.store, VAULT_AGENCY);
    if (after.checksum !== before.checksum || after.records !== before.records) {
      failures.push({ index: -1, method: '', strategy: '', oracle: 'store', details: `vault records ${before.records} → ${after.records}, checksum ${before.checksum.slice(0, 16)} → ${after.checksum.slice(0, 16)}`, messages: [] });
    }
    const healthAfter = await healthStatus(t.address);
    if (healthAfter !== 'SERVING') failures.push({ index: -1, method: '', strategy: '', oracle: 'health', details: healthAfter, messages: [] });

    // Whatever the fuzzed calls stored must load again: restart on the same data directory.
    const counts = () => RECORD_KINDS.map((k) => `${k} ${t.service.deps.store.count(k)}`).join(', ');
    const countsBefore = counts();
    const recordsAtEnd = RECORD_KINDS.reduce((n, k) => n + t.service.deps.store.count(k), 0);
    running = false;
    await t.stop();
    t = await startTestService(config);
    running = true;
    const restart = (details: string) => failures.push({ index: -1, method: '', strategy: '', oracle: 'restart', details, messages: [] });
    const healthRestarted = await healthStatus(t.address);
    if (healthRestarted !== 'SERVING') restart(`health after restart: ${healthRestarted}`);
    if (counts() !== countsBefore) restart(`records before restart: ${countsBefore}; after: ${counts()}`);
    const restarted = storeChecksum(t.service.deps.store, VAULT_AGENCY);
    if (restarted.checksum !== before.checksum) restart('vault checksum changed across the restart');
    for (const line of t.logs) if ((JSON.parse(line) as { level?: string }).level === 'error') restart(line);
    return {
      seed: opts.seed, calls: done, elapsedMs: Math.round(performance.now() - started), byMethod, byCode, byStrategy, failures,
      vaultRecords: before.records, storeChecksumBefore: before.checksum, storeChecksumAfter: after.checksum, healthAfter, recordsAtEnd, slowestMs: Math.round(slowestMs),
    };
  } finally {
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    if (running) await t.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A failure as a report: no payload beyond the fuzzed bytes themselves (hex, truncated). */
export function describeFailure(f: FuzzFailure, seed: number): string {
  const lines = [`[${f.oracle}] ${f.method || '(server)'} case ${f.index} strategy ${f.strategy || '-'} → ${f.code ?? ''} ${f.elapsedMs !== undefined ? `${f.elapsedMs} ms` : ''}`.trim()];
  if (f.details) lines.push(`  details: ${f.details.slice(0, 600)}`);
  if (f.metadata) lines.push(`  metadata: ${f.metadata}`);
  if (f.index >= 0) lines.push(`  reproduce: npm run fuzz -- --seed ${seed} --calls ${f.index + 1} --case ${f.index}`);
  f.messages.forEach((m, i) => lines.push(`  message ${i} (${m.length} bytes, sha256 ${createHash('sha256').update(m).digest('hex').slice(0, 16)}):`, hexDump(m, 256).replace(/^/gm, '    ')));
  return lines.join('\n');
}
