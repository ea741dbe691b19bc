/**
 * The gallery a load run searches, enrolled over gRPC, and the requests whose right answers it
 * knows.
 *
 * Fingerprints: the SecuGen ISO templates of FVC2002 (40 fingers; impression 1 enrolled as subject
 * `fvc-<set>-<finger>`, impressions 2–8 are the identify and verify probes) spread among generated
 * background templates (fixtures/gallery/background-gallery.ts) up to the gallery size, with
 * structured-template Enroll calls, many in flight. Every record carries an external id, so an
 * Enroll the client retries updates its record instead of adding a second one.
 * DNA: synthetic profiles drawn from the bundled NIST 1036 tables through one DnaService/Import
 * stream (JSON rows); every profile has a sample id, and some, spread over the gallery, are searched
 * for by the dna-search requests.
 * Extract: FVC2002 images (impressions 1–2 of every finger, shared data).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { call, type BiomatchClients } from '../engine/service/client.js';
import { templateToProto } from '../engine/service/convert/fingerprint.js';
import type { FingerprintRecord__Output } from '../engine/service/generated/biomatch/v1/FingerprintRecord.js';
import type { DnaImportSummary__Output } from '../engine/service/generated/biomatch/v1/DnaImportSummary.js';
import type { DnaImportChunk } from '../engine/service/generated/biomatch/v1/DnaImportChunk.js';
import type { Template } from '../engine/service/generated/biomatch/v1/Template.js';
import { galleryTemplate } from '../fixtures/gallery/background-gallery.js';
import { loadSecugenFvc2002 } from '../fixtures/gallery/fvc-secugen-templates.js';
import { SyntheticProfiles } from '../fixtures/dna/synthetic-profiles.js';
import { mulberry32 } from '../fixtures/seeded-random.js';
import { hasSharedData, sharedDataPath } from '../fixtures/shared-data.js';
import { LocusRegistry } from '../engine/dna/locus-registry.js';
import { loadFrequencyFiles } from '../engine/dna/frequency-files.js';
import { profileToLociRecord } from '../engine/dna/dna-profile.js';
import type { LoadRequest, RequestKind } from './load-messages.js';

/** Enroll calls in flight while building the gallery. */
const ENROL_IN_FLIGHT = 64;
/** DNA profiles searched for (spread over the gallery), at most. */
const DNA_PROBES = 200;
/** The NIST 1036 population tables the synthetic profiles are drawn from (bundled with the engine). */
const DNA_POPULATIONS = ['AfAm', 'Asian', 'Cauc', 'Hisp'];
const NIST1036_TABLE = new URL('../engine/dna/frequency-tables/nist1036_us_29loci_freqs.csv', import.meta.url);
/** FVC2002 image sets and their resolutions (shared data README). */
const FVC_IMAGE_SETS = [['db1_b', 500], ['db2_b', 569], ['db3_b', 500], ['db4_b', 500]] as const;

export type Progress = (done: number, total: number, ratePerSecond: number) => void;

export interface FingerprintGallery {
  size: number;
  /** Enrolled FVC fingers (their impression 1). */
  mates: number;
  identify: Extract<LoadRequest, { kind: 'identify' }>[];
  verify: Extract<LoadRequest, { kind: 'verify' }>[];
  enrolSeconds: number;
}

export interface DnaGallery {
  size: number;
  search: Extract<LoadRequest, { kind: 'dna-search' }>[];
  enrolSeconds: number;
}

/** Runs `task(i)` for i in 0..n−1 with at most `inFlight` at a time. */
async function inParallel(n: number, inFlight: number, task: (i: number) => Promise<void>, progress?: Progress): Promise<void> {
  let next = 0;
  let done = 0;
  const t0 = performance.now();
  let reported = t0;
  const lane = async () => {
    while (next < n) {
      const i = next++;
      await task(i);
      done++;
      const now = performance.now();
      if (progress && (now - reported > 5000 || done === n)) {
        reported = now;
        progress(done, n, done / ((now - t0) / 1000));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, n) }, lane));
}

/**
 * Enrols `size` fingerprints: the FVC2002 mates (as many of the 40 as fit) at evenly spread
 * positions, background templates of `seed` elsewhere.
 */
export async function enrolFingerprints(clients: BiomatchClients, size: number, seed: number, progress?: Progress): Promise<FingerprintGallery> {
  const real = await loadSecugenFvc2002();
  if (real.length === 0) throw new Error(`FVC2002 SecuGen templates not found under ${sharedDataPath('fingerprints', 'templates')} (set BIOMATCH_SHARED_DATA)`);
  const fingers = [...new Set(real.map((r) => r.finger))].sort();
  const mates = fingers.slice(0, Math.min(fingers.length, size));
  const subjectOf = (finger: string) => `fvc-${finger.replace('/', '-')}`;
  const mateAt = new Map<number, string>();
  mates.forEach((f, k) => mateAt.set(Math.floor((k * size) / mates.length), f));
  const recordOf = new Map<string, string>();
  const backgroundIds: string[] = [];
  const md = clients.metadata();
  const t0 = performance.now();
  await inParallel(size, ENROL_IN_FLIGHT, async (i) => {
    const finger = mateAt.get(i);
    const template = finger !== undefined ? real.find((r) => r.finger === finger && r.impression === 1)!.template : galleryTemplate(seed, i);
    const subjectId = finger !== undefined ? subjectOf(finger) : `bg-${i}`;
    const rec = await call<object, FingerprintRecord__Output>(clients.fingerprint.enroll, clients.fingerprint, {
      subjectId,
      externalId: `load-fp-${i}`,
      fingerPosition: 0,
      sample: { template: { template: templateToProto(template) } },
    }, md, 120_000);
    const id = rec.meta?.id ?? '';
    if (finger !== undefined) recordOf.set(finger, id);
    else if (backgroundIds.length < 100) backgroundIds.push(id);
  }, progress);
  const enrolSeconds = (performance.now() - t0) / 1000;

  const identify: FingerprintGallery['identify'] = [];
  const verify: FingerprintGallery['verify'] = [];
  const random = mulberry32(seed ^ 0x5eed);
  for (const r of real) {
    if (r.impression === 1 || !recordOf.has(r.finger)) continue;
    const probe: Template = templateToProto(r.template);
    identify.push({ kind: 'identify', probe, mateSubject: subjectOf(r.finger) });
    // Genuine: against its own impression 1; impostor: another enrolled finger's impression 1.
    verify.push({ kind: 'verify', probe, recordId: recordOf.get(r.finger)!, genuine: true });
    const others = mates.filter((f) => f !== r.finger);
    if (others.length > 0) verify.push({ kind: 'verify', probe, recordId: recordOf.get(others[Math.floor(random() * others.length)])!, genuine: false });
  }
  return { size, mates: recordOf.size, identify: shuffle(identify, random), verify: shuffle(verify, random), enrolSeconds };
}

/** Imports `size` synthetic DNA profiles over one DnaService/Import stream. */
export async function enrolDna(clients: BiomatchClients, size: number, seed: number, progress?: Progress): Promise<DnaGallery> {
  const registry = LocusRegistry.create();
  const tables = loadFrequencyFiles([{ source: 'nist1036', path: fileURLToPath(NIST1036_TABLE) }], registry);
  const synth = new SyntheticProfiles(registry, DNA_POPULATIONS.map((p) => tables.resolve(`nist1036/${p}`)), seed);
  const probes = Math.min(DNA_PROBES, size);
  const probeAt = new Set(Array.from({ length: probes }, (_, k) => Math.floor((k * size) / probes)));
  const search: DnaGallery['search'] = [];
  const t0 = performance.now();
  const summary = await new Promise<DnaImportSummary__Output>((resolve, reject) => {
    const stream = clients.dna.import(clients.metadata(), { deadline: Date.now() + 3_600_000 }, (e, res) => (e ? reject(e) : resolve(res!)));
    const write = (chunk: DnaImportChunk): Promise<void> => new Promise((res) => (stream.write(chunk) ? res() : stream.once('drain', () => res())));
    void (async () => {
      let text = '[';
      let first = true;
      for (let i = 0; i < size; i++) {
        const id = `load-dna-${i}`;
        const loci = profileToLociRecord(synth.next('offender'));
        if (probeAt.has(i)) search.push({ kind: 'dna-search', loci, plantedExternalId: id });
        text += `${i ? ',' : ''}\n${JSON.stringify({ id, loci, kind: 'offender' })}`;
        if (text.length > 256 * 1024 || i === size - 1) {
          if (i === size - 1) text += '\n]\n';
          await write(first ? { format: 'IMPORT_FORMAT_JSON', data: Buffer.from(text) } : { data: Buffer.from(text) });
          first = false;
          text = '';
          progress?.(i + 1, size, (i + 1) / ((performance.now() - t0) / 1000));
        }
      }
      if (size === 0) await write({ format: 'IMPORT_FORMAT_JSON', data: Buffer.from('[]') });
      stream.end();
    })().catch((e: unknown) => { stream.cancel(); reject(e as Error); });
  });
  if (summary.stored + summary.unchanged + summary.updated !== size) {
    throw new Error(`DNA import stored ${summary.stored} of ${size} (rejected ${summary.rejected})`);
  }
  return { size, search: shuffle(search, mulberry32(seed ^ 0xd7a)), enrolSeconds: (performance.now() - t0) / 1000 };
}

/** FVC2002 images for Extract: impressions 1–2 of every finger of the four B sets. */
export function extractRequests(): Extract<LoadRequest, { kind: 'extract' }>[] {
  const out: Extract<LoadRequest, { kind: 'extract' }>[] = [];
  for (const [set, ppi] of FVC_IMAGE_SETS) {
    const dir = sharedDataPath('fingerprints', 'fvc2002', set);
    if (!existsSync(dir)) continue;
    for (let finger = 101; finger <= 110; finger++) {
      for (const impression of [1, 2]) {
        const file = join(dir, `${finger}_${impression}.tif`);
        if (existsSync(file)) out.push({ kind: 'extract', image: new Uint8Array(readFileSync(file)), ppi });
      }
    }
  }
  if (out.length === 0) throw new Error(`FVC2002 images not found under ${sharedDataPath('fingerprints', 'fvc2002')} (set BIOMATCH_SHARED_DATA)`);
  return out;
}

export function hasLoadData(): boolean {
  return hasSharedData('fingerprints', 'templates', 'secugen-iso19794-2') && hasSharedData('fingerprints', 'fvc2002');
}

/**
 * Mixed traffic, in this proportion, a guess at a records bureau's day: searches dominate, each
 * tenprint search comes with a verification or two, DNA searches are fewer, and some of the load
 * is fresh images to extract. Not measured from any deployment.
 */
export const MIXED_WEIGHTS: Readonly<Record<RequestKind, number>> = { identify: 0.4, verify: 0.3, 'dna-search': 0.2, extract: 0.1 };

/** A fixed sequence of `length` requests drawn from the pools in MIXED_WEIGHTS proportion. */
export function mixedSequence(pools: Readonly<Record<RequestKind, readonly LoadRequest[]>>, length: number, seed: number): LoadRequest[] {
  const random = mulberry32(seed);
  const kinds = (Object.keys(MIXED_WEIGHTS) as RequestKind[]).filter((k) => pools[k].length > 0);
  const total = kinds.reduce((s, k) => s + MIXED_WEIGHTS[k], 0);
  const next = new Map<RequestKind, number>(kinds.map((k) => [k, 0]));
  const out: LoadRequest[] = [];
  for (let i = 0; i < length; i++) {
    let u = random() * total;
    let kind = kinds[kinds.length - 1];
    for (const k of kinds) {
      if (u < MIXED_WEIGHTS[k]) { kind = k; break; }
      u -= MIXED_WEIGHTS[k];
    }
    const n = next.get(kind)!;
    out.push(pools[kind][n % pools[kind].length]);
    next.set(kind, n + 1);
  }
  return out;
}

function shuffle<T>(xs: T[], random: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}
