/**
 * One mark against a large tenprint gallery through the candidate index + re-rank path the
 * fingerprint gallery already has (issue 11, point 8):
 *
 *   npm run bench:latent -- [--gallery 100000] [--pairs DIR[:markup]]... [--probes 20]
 *       [--exhaustive-probes 10] [--shortlist 2500] [--seed 20021] [--json OUT.json]
 *
 * The gallery: N generated background templates (fixtures/gallery, seed --seed) with the mates of
 * each pair set planted evenly among them (mates with the same file content once), in the engine's
 * FingerprintGallery with its HNSW candidate index (finger vectors), in this process: the index and
 * the scans run in this thread (parallelism 1; the service splits the re-rank over its worker
 * pool). Scans compare at any rotation, as latent search does. Probes: --probes marks sampled
 * evenly from each set, through the latent pipeline (latentTemplate of extractLatentFeatures,
 * markup merged for `DIR:markup`).
 *
 * Reported: the search latency p50/p90 through the index path (graph search + re-rank of the
 * shortlist), and for the first --exhaustive-probes probes of each set the mate's strict rank
 * through that path against an exhaustive search of the same gallery (the matcher's own ranking).
 * Rank 0 = not in the 100-long list.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { execSync } from 'node:child_process';
import { extractTemplate } from '../engine/fingerprint/extractor.js';
import { fingerVectorDimension, FINGER_VECTOR_ID } from '../engine/fingerprint/identification/finger-vector.js';
import { FingerprintGallery, inThreadIndex, type FingerprintPayload, type ScanExecutor } from '../engine/fingerprint/identification/fingerprint-gallery.js';
import type { FingerprintCandidateList } from '../engine/fingerprint/identification/fingerprint-searcher.js';
import { scanGallery } from '../engine/fingerprint/identification/gallery-scan.js';
import { HnswCandidateIndex } from '../engine/fingerprint/identification/hnsw-candidate-index.js';
import type { FingerprintTemplate } from '../engine/fingerprint/template.js';
import { RecordStore } from '../engine/store/record-store.js';
import type { StoredRecord } from '../engine/store/record.js';
import { galleryTemplate } from '../fixtures/gallery/background-gallery.js';
import { decodeGray } from '../scripts/eval/image-templates.js';
import { markTemplate, sampledPairs } from '../scripts/eval/latent-search.js';
import { enrolmentOrder, percentile } from './identify-gallery.js';

const argv = process.argv.slice(2).filter((a) => a !== '--');
const all = (name: string): string[] => argv.flatMap((a, i) => (argv[i - 1] === name ? [a] : []));
const opt = (name: string, dflt: string): string => all(name)[0] ?? dflt;

const galleryN = Number(opt('--gallery', '100000'));
const sets = all('--pairs').length ? all('--pairs') : ['../shared/data/fingerprints/latent/gan-fvc2002-db1'];
const perSet = Number(opt('--probes', '20'));
const exhaustivePerSet = Number(opt('--exhaustive-probes', '10'));
const shortlistLength = Number(opt('--shortlist', '2500'));
const seed = Number(opt('--seed', '20021'));
const json = opt('--json', '');
const LIST = 100;

interface Probe { set: string; id: string; template: FingerprintTemplate; mateId: string; exhaustive: boolean }

// Probes and mates.
const probes: Probe[] = [];
const mates = new Map<string, FingerprintTemplate>();
for (const spec of sets) {
  for (const { pair: p, taken, markup } of sampledPairs(spec, perSet)) {
    const mateId = `mate-${createHash('sha256').update(readFileSync(p.mate)).digest('hex').slice(0, 16)}`;
    if (!mates.has(mateId)) mates.set(mateId, await extractTemplate(await decodeGray(p.mate), { ppi: 500 }));
    probes.push({ set: spec, id: p.id, template: await markTemplate(await decodeGray(p.latent), 500, markup), mateId, exhaustive: taken < exhaustivePerSet });
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'bm-latent-bench-'));
const store = RecordStore.open(dataDir);
// Scans at any rotation: marks come at any angle.
const executor: ScanExecutor = { parallelism: 1, scan: async (r) => scanGallery({ ...r, anyRotation: true }) };
const gallery = new FingerprintGallery({ index: inThreadIndex(new HnswCandidateIndex(fingerVectorDimension(), { vectorId: FINGER_VECTOR_ID })), executor, shortlistLength });
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
  else gallery.enroll(record(`bg-${step.index}`, galleryTemplate(seed, step.index)));
  if (++enrolled % 10000 === 0) console.log(`  ${enrolled} enrolled (${((performance.now() - built) / 1000).toFixed(0)} s)`);
}
const buildSeconds = (performance.now() - built) / 1000;
console.log(`gallery ${gallery.entries()} (${galleryN} generated + ${mateList.length} mates), built in ${buildSeconds.toFixed(0)} s; ${probes.length} probes`);

/** Strict rank of the mate in a list (1 + others at or above it); 0 when it is not in the list. */
function strictRankIn(list: FingerprintCandidateList, mateId: string): number {
  const mate = list.candidates.find((c) => c.recordId === mateId);
  if (!mate) return 0;
  return 1 + list.candidates.filter((c) => c.recordId !== mateId && c.score >= mate.score).length;
}

const rows: { set: string; id: string; minutiae: number; ms: number; indexRank: number; exhaustiveRank?: number; exhaustiveMs?: number }[] = [];
for (const p of probes) {
  const t0 = performance.now();
  const list = await gallery.identify(p.template, { agency: 'BENCH', maxCandidates: LIST });
  const ms = performance.now() - t0;
  const row: (typeof rows)[number] = { set: p.set, id: p.id, minutiae: p.template.minutiae.length, ms, indexRank: strictRankIn(list, p.mateId) };
  rows.push(row);
}
for (const [i, p] of probes.entries()) {
  if (!p.exhaustive) continue;
  const t0 = performance.now();
  const list = await gallery.identify(p.template, { agency: 'BENCH', maxCandidates: LIST, exhaustive: true });
  rows[i].exhaustiveMs = performance.now() - t0;
  rows[i].exhaustiveRank = strictRankIn(list, p.mateId);
  console.log(`  ${p.id}: index rank ${rows[i].indexRank}, exhaustive rank ${rows[i].exhaustiveRank} (${(rows[i].exhaustiveMs! / 1000).toFixed(1)} s)`);
}

const r1 = (v: number) => Math.round(v * 10) / 10;
const perSetReport = sets.map((set) => {
  const mine = rows.filter((r) => r.set === set);
  const ms = mine.map((r) => r.ms).sort((a, b) => a - b);
  const both = mine.filter((r) => r.exhaustiveRank !== undefined);
  return {
    set, probes: mine.length, minutiaeMedian: percentile(mine.map((r) => r.minutiae).sort((a, b) => a - b), 0.5),
    indexMs: { p50: r1(percentile(ms, 0.5)), p90: r1(percentile(ms, 0.9)) },
    indexRank1: mine.filter((r) => r.indexRank === 1).length / mine.length,
    compared: both.length,
    exhaustiveRank1: both.filter((r) => r.exhaustiveRank === 1).length,
    indexRank1OfThose: both.filter((r) => r.indexRank === 1).length,
    exhaustiveRank1ButNotIndex: both.filter((r) => r.exhaustiveRank === 1 && r.indexRank !== 1).map((r) => r.id),
    exhaustiveMsMedian: r1(percentile(both.map((r) => r.exhaustiveMs!).sort((a, b) => a - b), 0.5)),
  };
});
const allMs = rows.map((r) => r.ms).sort((a, b) => a - b);
const report = {
  gallery: gallery.entries(), generated: galleryN, shortlistLength, buildSeconds: Math.round(buildSeconds),
  load: execSync('uptime').toString().trim(),
  indexMs: { p50: r1(percentile(allMs, 0.5)), p90: r1(percentile(allMs, 0.9)) },
  sets: perSetReport, probes: rows.map((r) => ({ ...r, ms: r1(r.ms), ...(r.exhaustiveMs ? { exhaustiveMs: r1(r.exhaustiveMs) } : {}) })),
};
console.log(JSON.stringify({ ...report, probes: undefined }, null, 1));
if (json) writeFileSync(json, JSON.stringify(report, null, 2) + '\n');
await gallery.close();
await store.close();
rmSync(dataDir, { recursive: true, force: true });
