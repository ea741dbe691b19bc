/**
 * Worker of bench/identify.bench.ts's build: generates background templates (seed, index), makes
 * their prepared matcher forms and finger vectors, a chunk per message, so that the main thread
 * only stores them and inserts into the graph (the two cores of the benchmark machine).
 */
import { parentPort } from 'node:worker_threads';
import { prepareCandidate, type PreparedTemplate } from '../engine/fingerprint/matcher.js';
import { fingerVector, fingerVectorDimension } from '../engine/fingerprint/identification/finger-vector.js';
import { galleryTemplate } from '../fixtures/gallery/background-gallery.js';

const dim = fingerVectorDimension();
parentPort?.on('message', (m: { seed: number; from: number; count: number }) => {
  const vectors = new Float32Array(m.count * dim);
  const prepared: PreparedTemplate[] = [];
  let prepareMs = 0;
  let vectorMs = 0;
  for (let k = 0; k < m.count; k++) {
    const t = galleryTemplate(m.seed, m.from + k);
    const t0 = performance.now();
    prepared.push(prepareCandidate(t));
    const t1 = performance.now();
    vectors.set(fingerVector(t), k * dim);
    vectorMs += performance.now() - t1;
    prepareMs += t1 - t0;
  }
  parentPort?.postMessage({ from: m.from, vectors, prepared, prepareMs, vectorMs }, [vectors.buffer]);
});
