/**
 * One mark against a large tenprint gallery through the candidate index + re-rank path the
 * fingerprint gallery already has (issue 11, point 8):
 *
 *   npm run bench:latent -- [--gallery 100000] [--pairs DIR[:markup]]... [--probes 20]
 *       [--exhaustive-probes 10] [--shortlist 2500 | --shortlists 2500,10000,25000] [--seed 20021]
 *       [--background DIR:PPI[:FROM-TO] [--background-cache FILE]]... [--json OUT.json]
 *
 * The gallery: N generated background templates (fixtures/gallery, seed --seed) with the mates of
 * each pair set planted evenly among them (mates with the same file content once); with
 * `--background`, the first N prints of those folders instead (FVC-named images at PPI through the
 * tenprint extractor, in the order given, the i-th `--background-cache` caching the i-th folder's
 * templates, as eval:latent-calibration reads them): realistic impostors such as synthetic-finger
 * prints (scripts/eval/synthetic-background.ts), which generated templates understate
 * (docs/decisions/latent-background-realism.md, index-background-realism.md). In the engine's
 * FingerprintGallery with its HNSW candidate index (finger vectors), in this process: the index and
 * the scans run in this thread (parallelism 1; the service splits the re-rank over its worker
 * pool). Scans compare at any rotation, as latent search does. Probes: --probes marks sampled
 * evenly from each set, through the latent pipeline (latentTemplate of extractLatentFeatures,
 * markup merged for `DIR:markup`) and, without markup, the tenprint extractor too: the LT score
 * fuses the tenprint route (engine/latent/tenprint-route.ts). Generated templates carry a block
 * field, as prints do, so the route's orientation cue treats them as it treats real impostors.
 *
 * Reported, per shortlist length (`--shortlists` runs several on the one gallery, so the build is
 * paid once; each probe is searched at every length in turn, so load falls alike on all): the
 * search latency p50/p90 through the index path (graph search + re-rank of the shortlist), and for
 * the first --exhaustive-probes probes of each set the mate's strict rank through that path against
 * an exhaustive search of the same gallery (the matcher's own ranking). Rank 0 = not in the
 * 100-long list. Also the mate's position in the index's own ordering (one graph search as long as
 * the longest length's over-fetch; 0 = beyond it), which says whether a length's shortlist can hold
 * it. The exhaustive scans alternate between the sets and --json is rewritten after each, so a run
 * cut short still reports both sets alike (`partial` says so).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { execSync } from 'node:child_process';
import { extractTemplate } from '../engine/fingerprint/extractor.js';
import { fingerVector, fingerVectorDimension, FINGER_VECTOR_ID } from '../engine/fingerprint/identification/finger-vector.js';
import { FingerprintGallery, inThreadIndex, type FingerprintPayload, type ScanExecutor } from '../engine/fingerprint/identification/fingerprint-gallery.js';
import type { FingerprintCandidateList } from '../engine/fingerprint/identification/fingerprint-searcher.js';
import { scanGallery } from '../engine/fingerprint/identification/gallery-scan.js';
import { HnswCandidateIndex } from '../engine/fingerprint/identification/hnsw-candidate-index.js';
import type { FingerprintTemplate } from '../engine/fingerprint/template.js';
import { RecordStore } from '../engine/store/record-store.js';
import type { StoredRecord } from '../engine/store/record.js';
import { galleryTemplate } from '../fixtures/gallery/background-gallery.js';
import { decodeGray } from '../scripts/eval/image-templates.js';
import { backgroundFolderTemplates } from '../scripts/eval/latent-dev-cache.js';
import { markProbe, sampledPairs } from '../scripts/eval/latent-search.js';
import { enrolmentOrder, percentile } from './identify-gallery.js';

const argv = process.argv.slice(2).filter((a) => a !== '--');
const all = (name: string): string[] => argv.flatMap((a, i) => (argv[i - 1] === name ? [a] : []));
const opt = (name: string, dflt: string): string => all(name)[0] ?? dflt;

const galleryN = Number(opt('--gallery', '100000'));
const sets = all('--pairs').length ? all('--pairs') : ['../shared/data/fingerprints/latent/gan-fvc2002-db1'];
const perSet = Number(opt('--probes', '20'));
const exhaustivePerSet = Number(opt('--exhaustive-probes', '10'));
const shortlists = opt('--shortlists', opt('--shortlist', '2500')).split(',').map(Number);
if (shortlists.some((l) => !Number.isInteger(l) || l < 1)) throw new Error('--shortlists: positive integers, comma-separated');
const seed = Number(opt('--seed', '20021'));
const json = opt('--json', '');
const LIST = 100;
const backgroundSpecs = all('--background');
const backgroundPrints = await backgroundFolderTemplates(backgroundSpecs, all('--background-cache'));
if (backgroundSpecs.length > 0 && galleryN > backgroundPrints.length) throw new Error(`--gallery: ${galleryN} is more than the ${backgroundPrints.length} background prints`);
/** Background entry i: print i of the folders, or generated template i (with a block field, as prints have one, so the LT score's tenprint route gives generated impostors its cue too). */
const backgroundEntry = (i: number): FingerprintTemplate => (backgroundSpecs.length > 0 ? backgroundPrints[i] : galleryTemplate(seed, i, { field: true }));

interface Probe { set: string; id: string; template: FingerprintTemplate; tenprint?: FingerprintTemplate; mateId: string; exhaustive: boolean }

// Probes and mates.
const probes: Probe[] = [];
const mates = new Map<string, FingerprintTemplate>();
for (const spec of sets) {
  for (const { pair: p, taken, markup } of sampledPairs(spec, perSet)) {
    const mateId = `mate-${createHash('sha256').update(readFileSync(p.mate)).digest('hex').slice(0, 16)}`;
    if (!mates.has(mateId)) mates.set(mateId, await extractTemplate(await decodeGray(p.mate), { ppi: 500 }));
    // The mark as the service's LT search reads it: latent template and, without markup, its tenprint route.
    const probe = await markProbe(await decodeGray(p.latent), 500, markup);
    probes.push({ set: spec, id: p.id, template: probe.latent, ...(probe.tenprint ? { tenprint: probe.tenprint } : {}), mateId, exhaustive: taken < exhaustivePerSet });
  }
}

/** An LT search's options for a probe: at any rotation, with the mark's tenprint route when it has one. */
const route = (p: Probe) => ({ anyRotation: true, ...(p.tenprint ? { tenprintProbe: p.tenprint } : {}) });

const dataDir = mkdtempSync(join(tmpdir(), 'bm-latent-bench-'));
const store = RecordStore.open(dataDir);
// Scans at any rotation: marks come at any angle.
const executor: ScanExecutor = { parallelism: 1, scan: async (r) => scanGallery({ ...r, anyRotation: true }) };
const hnsw = new HnswCandidateIndex(fingerVectorDimension(), { vectorId: FINGER_VECTOR_ID });
const gallery = new FingerprintGallery({ index: inThreadIndex(hnsw), executor });
await gallery.load(store);
const record = (id: string, template: FingerprintTemplate): StoredRecord<FingerprintPayload> => ({
  id, kind: 'fingerprint', subjectId: id, ownerAgency: 'BENCH', visibility: { agencies: [], allAgencies: true },
  createdAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z', payload: { fingerPosition: 0, template },
} as StoredRecord<FingerprintPayload>);
const mateList = [...mates.entries()];
const built = performance.now();
let enrolled = 0;
for (const step of enrolmentOrder(galleryN, mateList.length)) {
  if (step.kind === 'mate') gallery.enroll(record(mateList[step.index][0], mateList[step.index][1]));
  else gallery.enroll(record(`bg-${step.index}`, backgroundEntry(step.index)));
  if (++enrolled % 10000 === 0) console.log(`  ${enrolled} enrolled (${((performance.now() - built) / 1000).toFixed(0)} s)`);
}
const buildSeconds = (performance.now() - built) / 1000;
console.log(`gallery ${gallery.entries()} (${galleryN} ${backgroundSpecs.length > 0 ? 'background prints' : 'generated'} + ${mateList.length} mates), built in ${buildSeconds.toFixed(0)} s; ${probes.length} probes`);

/** Strict rank of the mate in a list (1 + others at or above it); 0 when it is not in the list. */
function strictRankIn(list: FingerprintCandidateList, mateId: string): number {
  const mate = list.candidates.find((c) => c.recordId === mateId);
  if (!mate) return 0;
  return 1 + list.candidates.filter((c) => c.recordId !== mateId && c.score >= mate.score).length;
}

interface Row {
  set: string; id: string; minutiae: number;
  /** Per shortlist length (in `shortlists` order): latency and the mate's strict rank through the index. */
  ms: number[]; indexRank: number[];
  /** The mate's 1-based position in the index's ordering (0: beyond the longest over-fetch). */
  indexPosition: number;
  exhaustiveRank?: number; exhaustiveMs?: number;
}
const rows: Row[] = [];
// The gallery over-fetches by half (fingerprint-gallery.ts runSearch); the same depth here.
const positionDepth = Math.ceil(Math.max(...shortlists) * 1.5);
for (const p of probes) {
  const row: Row = { set: p.set, id: p.id, minutiae: p.template.minutiae.length, ms: [], indexRank: [], indexPosition: 0 };
  for (const shortlistLength of shortlists) {
    const t0 = performance.now();
    const list = await gallery.identify(p.template, { agency: 'BENCH', maxCandidates: LIST, shortlistLength, ...route(p) });
    row.ms.push(performance.now() - t0);
    row.indexRank.push(strictRankIn(list, p.mateId));
  }
  row.indexPosition = 1 + hnsw.search(fingerVector(p.template), positionDepth).findIndex((h) => h.id === p.mateId);
  rows.push(row);
  console.log(`  ${p.id}: index position ${row.indexPosition}; ${shortlists.map((l, k) => `${l}: rank ${row.indexRank[k]} ${row.ms[k].toFixed(0)} ms`).join(', ')}`);
}

const r1 = (v: number) => Math.round(v * 10) / 10;
const sorted = (v: number[]) => [...v].sort((a, b) => a - b);
function report(partial: boolean) {
  const perSet = sets.map((set) => {
    const mine = rows.filter((r) => r.set === set);
    const both = mine.filter((r) => r.exhaustiveRank !== undefined);
    return {
      set, probes: mine.length, minutiaeMedian: percentile(sorted(mine.map((r) => r.minutiae)), 0.5),
      compared: both.length,
      exhaustiveRank1: both.filter((r) => r.exhaustiveRank === 1).length,
      exhaustiveMsMedian: r1(percentile(sorted(both.map((r) => r.exhaustiveMs!)), 0.5)),
      shortlists: shortlists.map((shortlistLength, k) => ({
        shortlistLength,
        indexMs: { p50: r1(percentile(sorted(mine.map((r) => r.ms[k])), 0.5)), p90: r1(percentile(sorted(mine.map((r) => r.ms[k])), 0.9)) },
        indexRank1: mine.filter((r) => r.indexRank[k] === 1).length,
        indexRank1OfExhaustiveRank1: both.filter((r) => r.exhaustiveRank === 1 && r.indexRank[k] === 1).length,
        exhaustiveRank1ButNotIndex: both.filter((r) => r.exhaustiveRank === 1 && r.indexRank[k] !== 1).map((r) => r.id),
        indexRank1ButNotExhaustive: both.filter((r) => r.exhaustiveRank !== 1 && r.indexRank[k] === 1).map((r) => r.id),
      })),
    };
  });
  return {
    gallery: gallery.entries(), ...(backgroundSpecs.length > 0 ? { background: backgroundSpecs, prints: galleryN } : { generated: galleryN, seed }), shortlists, buildSeconds: Math.round(buildSeconds), partial,
    load: execSync('uptime').toString().trim(),
    indexMs: shortlists.map((shortlistLength, k) => ({ shortlistLength, p50: r1(percentile(sorted(rows.map((r) => r.ms[k])), 0.5)), p90: r1(percentile(sorted(rows.map((r) => r.ms[k])), 0.9)) })),
    sets: perSet,
    probes: rows.map((r) => ({ ...r, ms: r.ms.map(r1), ...(r.exhaustiveMs ? { exhaustiveMs: r1(r.exhaustiveMs) } : {}) })),
  };
}
const save = (partial: boolean) => { if (json) writeFileSync(json, JSON.stringify(report(partial), null, 2) + '\n'); };
save(true);

// Exhaustive scans, alternating between the sets (see the header).
const queues = sets.map((set) => probes.flatMap((p, i) => (p.set === set && p.exhaustive ? [i] : [])));
for (let k = 0; queues.some((q) => k < q.length); k++) {
  for (const q of queues) {
    const i = q[k];
    if (i === undefined) continue;
    const p = probes[i];
    const t0 = performance.now();
    const list = await gallery.identify(p.template, { agency: 'BENCH', maxCandidates: LIST, exhaustive: true, ...route(p) });
    rows[i].exhaustiveMs = performance.now() - t0;
    rows[i].exhaustiveRank = strictRankIn(list, p.mateId);
    console.log(`  ${p.id}: exhaustive rank ${rows[i].exhaustiveRank} (${(rows[i].exhaustiveMs! / 1000).toFixed(1)} s); index ranks ${rows[i].indexRank.join(' / ')}`);
    save(true);
  }
}

const final = report(false);
console.log(JSON.stringify({ ...final, probes: undefined }, null, 1));
save(false);
await gallery.close();
await store.close();
rmSync(dataDir, { recursive: true, force: true });
