/**
 * What re-enrolling costs the candidate index thread: hnswlib's in-place update of an existing
 * label (updatePoint, which repairs every neighbour's links) against an insert, and what
 * HnswCandidateIndex does for a re-added id (same vector: nothing; new vector: delete + insert).
 * Found while looking for the ~60 s stall of docs/measurements/batch.md (note 6).
 *
 *   npx tsx bench/hnsw-update.bench.ts [--gallery 5000] [--updates 300]
 *
 * Finger vectors of synthetic background templates (fixtures/gallery), the service's HNSW
 * parameters. Prints ms per operation; run it on a quiet machine and give `uptime` beside it.
 */
import { parseArgs } from 'node:util';
import hnswlib from 'hnswlib-node';
import { fingerVector, fingerVectorDimension } from '../engine/fingerprint/identification/finger-vector.js';
import { HnswCandidateIndex } from '../engine/fingerprint/identification/hnsw-candidate-index.js';
import { HNSW } from '../engine/fingerprint/identification/parameters.js';
import { galleryTemplate } from '../fixtures/gallery/background-gallery.js';

const { values } = parseArgs({ options: { gallery: { type: 'string' }, updates: { type: 'string' } } });
const n = Number(values.gallery ?? 5000);
const m = Number(values.updates ?? 300);
const vectors = Array.from({ length: n + m }, (_, i) => fingerVector(galleryTemplate(7, i)));
const perOp = (started: number, count: number) => Number(((performance.now() - started) / count).toFixed(2));

// hnswlib directly, as the index used it before: the in-place update and slot reuse.
const graph = new hnswlib.HierarchicalNSW(HNSW.space, fingerVectorDimension());
graph.initIndex({ maxElements: 2 * n, m: HNSW.m, efConstruction: HNSW.efConstruction, randomSeed: HNSW.randomSeed, allowReplaceDeleted: true });
let t = performance.now();
for (let i = 0; i < n; i++) graph.addPoint(vectors[i], i, false);
const insert = perOp(t, n);
t = performance.now();
for (let i = 0; i < m; i++) graph.addPoint(vectors[i], i, false);
const updateSame = perOp(t, m);
t = performance.now();
for (let i = 0; i < m; i++) graph.addPoint(vectors[n + i], m + i, false);
const updateOther = perOp(t, m);
t = performance.now();
for (let i = 0; i < m; i++) { graph.markDelete(2 * m + i); graph.addPoint(vectors[2 * m + i], n + i, true); }
const reuseSlot = perOp(t, m);

// HnswCandidateIndex as the service uses it now.
const index = new HnswCandidateIndex(fingerVectorDimension());
for (let i = 0; i < n; i++) index.add(`r${i}`, vectors[i]);
t = performance.now();
for (let i = 0; i < m; i++) index.add(`r${i}`, vectors[i]);
const readdSame = perOp(t, m);
t = performance.now();
for (let i = 0; i < m; i++) index.add(`r${m + i}`, vectors[n + i]);
const readdOther = perOp(t, m);

process.stdout.write(`${JSON.stringify({
  gallery: n, updates: m, msPerOperation: {
    hnswlib: { insert, updateSameVector: updateSame, updateOtherVector: updateOther, insertReusingDeletedSlot: reuseSlot },
    candidateIndex: { reAddSameVector: readdSame, reAddOtherVector: readdOther },
  },
}, null, 2)}\n`);
