/**
 * Does the HNSW graph find what exact cosine ranks? The identify benchmark's gallery (generated
 * background, galleryTemplate(seed, i), with SecuGen's FVC2002 impression-1 templates planted in
 * enrolment order) built into a graph with the service's parameters, outside the service: per
 * probe (SecuGen impressions 2–8, 280), the mate's exact cosine rank, whether the graph's
 * shortlist holds it at each --ef, and the graph's recall of the exact top shortlist
 * (docs/measurements/identification-1n.md, "The shipped vector at 1M"). Measures; changes nothing.
 *
 *   npx tsx scripts/eval/index-graph-recall.ts [--gallery 1000000] [--vector shipped | --vector pairs=FILE.bin]
 *        [--ef 20000,40000] [--m 16] [--ef-construction 100] [--shortlist 2500] [--seed 20021] --json OUT.json
 *
 * --vector pairs=FILE.bin: the unweighted pair histogram through the projection FILE (the vector the
 * service shipped before finger-vector-local.md's candidate 8; `scripts/fit-finger-vector.ts
 * --features pairs --out FILE.bin` refits it byte for byte, sha256 8003c102…). One vector per run: run
 * two processes side by side to compare (each holds the gallery's vectors twice, ≈ 3.2 GB at 1M).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import hnswlib from 'hnswlib-node';
import { isLocalFeatureName, localFeatureVector } from '../../engine/fingerprint/identification/finger-vector-local.js';
import { decodeProjection, projectHistogram } from '../../engine/fingerprint/identification/finger-vector-projection.js';
import { fingerVector, FINGER_VECTOR_ID } from '../../engine/fingerprint/identification/finger-vector.js';
import { HNSW, IDENTIFY } from '../../engine/fingerprint/identification/parameters.js';
import type { FingerprintTemplate } from '../../engine/fingerprint/template.js';
import { enrolmentOrder } from '../../bench/identify-gallery.js';
import { galleryTemplate } from '../../fixtures/gallery/background-gallery.js';
import { loadSecugenFvc2002 } from '../../fixtures/gallery/fvc-secugen-templates.js';

const { values } = parseArgs({
  options: {
    gallery: { type: 'string', default: '1000000' },
    vector: { type: 'string', default: 'shipped' },
    ef: { type: 'string', default: String(HNSW.efSearch) },
    m: { type: 'string', default: String(HNSW.m) },
    'ef-construction': { type: 'string', default: String(HNSW.efConstruction) },
    shortlist: { type: 'string', default: String(IDENTIFY.shortlistLength) },
    seed: { type: 'string', default: '20021' },
    json: { type: 'string' },
  },
  args: process.argv.slice(2).filter((a) => a !== '--'),
});
if (!values.json) throw new Error('usage: index-graph-recall [--gallery N] [--vector shipped|pairs=FILE.bin] [--ef A,B] --json OUT.json');
const n = Number(values.gallery);
const shortlist = Number(values.shortlist);
const efs = values.ef.split(',').map(Number);
const m = Number(values.m);
const efConstruction = Number(values['ef-construction']);
if (![n, shortlist, m, efConstruction, ...efs].every((x) => Number.isInteger(x) && x > 0)) throw new Error('--gallery, --shortlist, --m, --ef-construction and --ef take positive integers');

let vectorOf: (t: FingerprintTemplate) => number[];
let vectorName: string;
if (values.vector === 'shipped') {
  vectorOf = fingerVector;
  vectorName = FINGER_VECTOR_ID;
} else {
  const [name, file] = values.vector.split('=');
  if (!isLocalFeatureName(name) || !file) throw new Error(`--vector ${values.vector}: want shipped or NAME=FILE.bin`);
  const p = decodeProjection(new Uint8Array(readFileSync(file)));
  vectorOf = (t) => projectHistogram(p, localFeatureVector(name, t));
  vectorName = values.vector;
}

const log = (s: string): void => console.log(`${new Date().toISOString().slice(11, 19)} ${s}`);
const real = await loadSecugenFvc2002();
const mates = real.filter((r) => r.impression === 1);
const probes = real.filter((r) => r.impression !== 1);
if (mates.length !== 40 || probes.length !== 280) throw new Error(`SecuGen FVC2002: ${mates.length} mates, ${probes.length} probes; want 40 and 280 (shared data)`);

// Every record's unit vector, in enrolment order (label = position), as the service's graph holds it.
const dim = vectorOf(mates[0].template).length;
const total = n + mates.length;
const unit = new Float32Array(total * dim);
const mateLabel = new Map<string, number>();
const normalise = (v: number[], into: Float32Array, at: number): void => {
  let s = 0;
  for (const x of v) s += x * x;
  const k = s > 0 ? 1 / Math.sqrt(s) : 0;
  for (let j = 0; j < dim; j++) into[at + j] = v[j] * k;
};
const graph = new hnswlib.HierarchicalNSW(HNSW.space, dim);
graph.initIndex({ maxElements: total, m, efConstruction, randomSeed: HNSW.randomSeed });
log(`${vectorName}: ${dim} dimensions; gallery ${n} + ${mates.length} mates; m ${m}, efConstruction ${efConstruction}; ${cpus().length} cpus`);
const t0 = performance.now();
let label = 0;
let vectorMs = 0;
for (const step of enrolmentOrder(n, mates.length)) {
  const v0 = performance.now();
  const t = step.kind === 'mate' ? mates[step.index].template : galleryTemplate(Number(values.seed), step.index);
  const v = vectorOf(t);
  vectorMs += performance.now() - v0;
  if (step.kind === 'mate') mateLabel.set(mates[step.index].finger, label);
  normalise(v, unit, label * dim);
  graph.addPoint(v, label);
  label++;
  if (label % 100_000 === 0) log(`  ${label} built in ${((performance.now() - t0) / 1000).toFixed(0)} s (vectors ${(vectorMs / 1000).toFixed(0)} s)`);
}
const buildS = (performance.now() - t0) / 1000;
log(`built in ${buildS.toFixed(0)} s`);

interface ProbeResult {
  probe: string;
  /** 1-based; ties against the mate (cos ≥ the mate's, the mate excluded, plus one). */
  exactRank: number;
  inExactShortlist: boolean;
  /** Per ef: whether the graph's shortlist holds the mate, and its recall of the exact shortlist. */
  graph: Record<string, { mateFound: boolean; recall: number; ms: number }>;
}
const results: ProbeResult[] = [];
const cos = new Float32Array(total);
const q = new Float32Array(dim);
for (const p of probes) {
  const v = vectorOf(p.template);
  normalise(v, q, 0);
  for (let i = 0; i < total; i++) {
    let s = 0;
    const o = i * dim;
    for (let j = 0; j < dim; j++) s += q[j] * unit[o + j];
    cos[i] = s;
  }
  const mate = mateLabel.get(p.finger)!;
  const mateCos = cos[mate];
  let above = 0;
  for (let i = 0; i < total; i++) if (i !== mate && cos[i] >= mateCos) above++;
  // The exact shortlist: the `shortlist` highest cosines (its last value as the cut; ties at the cut all in).
  const sorted = Float32Array.from(cos).sort();
  const cut = sorted[total - shortlist];
  const r: ProbeResult = { probe: `${p.set}/${p.finger}_${p.impression}`, exactRank: above + 1, inExactShortlist: above + 1 <= shortlist, graph: {} };
  for (const ef of efs) {
    graph.setEf(Math.max(ef, shortlist));
    const s0 = performance.now();
    const got = graph.searchKnn(v, shortlist).neighbors;
    const ms = performance.now() - s0;
    let hits = 0;
    for (const l of got) if (cos[l] >= cut) hits++;
    r.graph[ef] = { mateFound: got.includes(mate), recall: hits / shortlist, ms };
  }
  results.push(r);
}
const share = (f: (r: ProbeResult) => boolean): number => results.filter(f).length / results.length;
const mean = (a: number[]): number => a.reduce((x, y) => x + y, 0) / a.length;
const summary = {
  vector: vectorName, gallery: n, mates: mates.length, probes: results.length, m, efConstruction, shortlist, buildSeconds: buildS,
  mateInExactShortlist: share((r) => r.inExactShortlist),
  byEf: Object.fromEntries(efs.map((ef) => [ef, {
    mateInGraphShortlist: share((r) => r.graph[ef].mateFound),
    // Of the mates exact cosine keeps, the share the graph loses.
    graphLostOfExactKept: results.filter((r) => r.inExactShortlist && !r.graph[ef].mateFound).length,
    meanRecallOfExactShortlist: mean(results.map((r) => r.graph[ef].recall)),
    medianSearchMs: results.map((r) => r.graph[ef].ms).sort((a, b) => a - b)[results.length >> 1],
  }])),
};
log(JSON.stringify(summary));
writeFileSync(values.json, JSON.stringify({ ...summary, perProbe: results }, null, 2) + '\n');
