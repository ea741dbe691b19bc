/**
 * Worker of bench/identify.bench.ts's exhaustive search: scores probes against a slot range of
 * the shared prepared-form arena with the exact matcher, and reports per probe the best score
 * of any record other than its mate and how many others reached the mate's score.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FingerprintMatcher } from '../engine/fingerprint/matcher.js';
import type { FingerprintTemplate } from '../engine/fingerprint/template.js';
import { PreparedArena, type PreparedArenaShared } from './identify-gallery.js';

interface Job {
  arena: PreparedArenaShared;
  probes: FingerprintTemplate[];
  mateSlots: number[];
  mateScores: number[];
  from: number;
  to: number;
}

const job = workerData as Job;
const arena = PreparedArena.fromShared(job.arena);
const matchers = job.probes.map((p) => new FingerprintMatcher(p));
const maxOther = job.probes.map(() => -Infinity);
const atOrAbove = job.probes.map(() => 0);
for (let slot = job.from; slot < job.to; slot++) {
  const c = arena.get(slot);
  for (let j = 0; j < matchers.length; j++) {
    if (slot === job.mateSlots[j]) continue;
    const s = matchers[j].score(c);
    if (s > maxOther[j]) maxOther[j] = s;
    if (s >= job.mateScores[j]) atOrAbove[j]++;
  }
}
parentPort?.postMessage({ maxOther, atOrAbove, scanned: job.to - job.from });
