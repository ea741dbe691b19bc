/**
 * Labels for the minutia verifier study (docs/decisions/minutia-verifier.md) from genuine-pair
 * consensus, no hand marking: each FVC2002 B image is compared with its 7 mates by today's matcher;
 * under each strong comparison (consensus alignment with ≥ STRONG_INLIERS inliers) each of its
 * template minutiae is carried into the mate's frame, and counted *inside* where its block and the
 * eight around it are finger blocks of the mate, and *paired* where a mate minutia lies within the
 * consensus distance and angle. Confirmed (0, true): paired in ≥ 2 comparisons where inside;
 * unconfirmed (1, false): inside in ≥ 3 and paired in none; others unlabelled (−1).
 * Also the verifier's features of every template minutia (extraction/minutia-verifier.ts), from the
 * extractor's own stage outputs, and the templates, so that τ can be tried without re-extracting.
 *   npx tsx scripts/eval/minutia-verifier-labels.ts [--sets 1,2,3,4] [--out /tmp/fp-verifier-data]
 * writes OUT-DBn.json (files, templates, labels, evidence) and OUT-DBn.bin (features, float64).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { extractFingerprint } from '../../engine/fingerprint/extractor.js';
import { minutiaFeatures, VERIFIER_FEATURES } from '../../engine/fingerprint/extraction/minutia-verifier.js';
import { FingerprintMatcher, prepareCandidate } from '../../engine/fingerprint/matcher.js';
import { consensusAlignment, type RigidTransform } from '../../engine/fingerprint/matching/orientation-agreement.js';
import { CONSENSUS_ANGLE, CONSENSUS_DISTANCE } from '../../engine/fingerprint/matching/parameters.js';
import { collectingSink } from '../../engine/fingerprint/stage-sink.js';
import type { BlockOrientations, FingerprintTemplate } from '../../engine/fingerprint/template.js';
import { sharedDataPath } from '../../fixtures/shared-data.js';
import { onFinger, selected } from './eer-pairs.js';
import { FVC2002_SETS } from './fvc-evaluation.js';
import { fvcSamples } from './fvc-protocol.js';
import { decodeGray } from './image-templates.js';
import { OverlapPairing } from './overlap-pairing.js';

/** A comparison is strong (its alignment trusted) from this many consensus inliers. */
export const STRONG_INLIERS = 6;
/** Confirmed: paired in at least this many strong comparisons where inside. */
export const CONFIRM_MIN = 2;
/** Unconfirmed: inside in at least this many strong comparisons, and never paired. */
export const UNCONFIRM_MIN = 3;

/** One minutia's evidence over its strong comparisons. */
export interface Evidence {
  inside: number;
  paired: number;
}

/** 0 confirmed (true), 1 unconfirmed (false), −1 unlabelled. */
export function consensusLabel(e: Evidence): 0 | 1 | -1 {
  if (e.paired >= CONFIRM_MIN) return 0;
  if (e.paired === 0 && e.inside >= UNCONFIRM_MIN) return 1;
  return -1;
}

/** Is the y-up point on a finger block of `o`, with its eight neighbours (eer-pairs.ts's core count)? */
export function wellInside(o: BlockOrientations, x: number, y: number): boolean {
  return onFinger(o, x, y, 1);
}

/**
 * Adds to `evidence` (one per minutia of `a`) what one strong comparison says: `t` carries `a`'s
 * y-up frame (x, −y; ISO directions) onto `b`'s.
 */
export function addEvidence(evidence: Evidence[], a: FingerprintTemplate, b: FingerprintTemplate, t: RigidTransform): void {
  if (!b.orientations) throw new Error('the mate needs its block orientations');
  const cr = Math.cos(t.rotation), sr = Math.sin(t.rotation);
  const cosMax = Math.cos(CONSENSUS_ANGLE), d2 = CONSENSUS_DISTANCE * CONSENSUS_DISTANCE;
  a.minutiae.forEach((m, i) => {
    const x = m.x, y = -m.y;
    const u = cr * x - sr * y + t.tx, v = sr * x + cr * y + t.ty;
    if (!wellInside(b.orientations!, u, v)) return;
    evidence[i].inside++;
    const dir = m.direction + t.rotation;
    for (const n of b.minutiae) {
      const ex = n.x - u, ey = -n.y - v;
      if (ex * ex + ey * ey <= d2 && Math.cos(n.direction - dir) >= cosMax) { evidence[i].paired++; return; }
    }
  });
}

export interface SetData {
  set: string;
  files: string[];
  templates: FingerprintTemplate[];
  /** Per image, per template minutia. */
  labels: (0 | 1 | -1)[][];
  evidence: Evidence[][];
  /** Strong comparisons per image. */
  strong: number[];
}

/** Extracts one set (today's extractor) with each template minutia's features (flat, VERIFIER_FEATURES a row, images in order). */
export async function extractWithFeatures(set: (typeof FVC2002_SETS)[number]): Promise<{ files: string[]; templates: FingerprintTemplate[]; features: Float64Array[] }> {
  const dir = sharedDataPath('fingerprints', 'fvc2002', set.folder);
  const files = fvcSamples(readdirSync(dir), ['tif']).map((s) => s.file);
  const templates: FingerprintTemplate[] = [], features: Float64Array[] = [];
  for (const file of files) {
    const { sink, outputs: o } = collectingSink();
    const r = await extractFingerprint(await decodeGray(join(dir, file)), { ppi: set.ppi, sink });
    const found = o['filtered-minutiae']!;
    if (found.length !== r.template.minutiae.length) throw new Error(`${set.name} ${file}: the capacity cut binds; features would not match the template`);
    const stages = { image: o['low-pass-image'] ?? o['resolution']!, enhanced: o['enhanced-image']!, orientation: o['orientation-field']!, frequency: o['ridge-frequency']!, segmentation: o['segmentation-mask']! };
    templates.push(r.template);
    features.push(minutiaFeatures(found, stages));
  }
  return { files, templates, features };
}

/** The consensus labels of one set's templates (mates: same finger). */
export function labelSet(set: string, files: string[], templates: FingerprintTemplate[]): SetData {
  const prepared = templates.map((t) => prepareCandidate(t));
  const finger = files.map((f) => f.split('_')[0]);
  const counts = new OverlapPairing();
  const evidence = templates.map((t) => t.minutiae.map(() => ({ inside: 0, paired: 0 })));
  const strong = templates.map(() => 0);
  for (let i = 0; i < templates.length; i++) {
    const matcher = new FingerprintMatcher(prepared[i]);
    for (let j = 0; j < templates.length; j++) {
      if (j === i || finger[j] !== finger[i]) continue;
      const m = matcher.match(prepared[j]);
      if (!m.pairs.length) continue;
      const s = selected(prepared[i], prepared[j], m);
      const t = consensusAlignment(prepared[i], prepared[j], s);
      if (t === null) continue;
      counts.measure(prepared[i], prepared[j], s, Math.cos(t.rotation), Math.sin(t.rotation), t.tx, t.ty);
      if (counts.inliers < STRONG_INLIERS) continue;
      strong[i]++;
      addEvidence(evidence[i], templates[i], templates[j], t);
    }
  }
  return { set, files, templates, labels: evidence.map((e) => e.map(consensusLabel)), evidence, strong };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { sets: { type: 'string' }, out: { type: 'string' } } });
  const out = values.out ?? '/tmp/fp-verifier-data';
  for (const k of (values.sets ?? '1,2,3,4').split(',').map(Number)) {
    const set = FVC2002_SETS[k - 1];
    const { files, templates, features } = await extractWithFeatures(set);
    const data = labelSet(set.name, files, templates);
    writeFileSync(`${out}-${set.name}.json`, JSON.stringify(data));
    const flat = new Float64Array(features.reduce((s, f) => s + f.length, 0));
    let at = 0;
    for (const f of features) { flat.set(f, at); at += f.length; }
    writeFileSync(`${out}-${set.name}.bin`, flat);
    const all = data.labels.flat();
    const n = all.length, conf = all.filter((l) => l === 0).length, unconf = all.filter((l) => l === 1).length;
    console.log(`${set.name}: ${templates.length} images, ${n} minutiae (${VERIFIER_FEATURES} features each); confirmed ${conf}, unconfirmed ${unconf}, unlabelled ${n - conf - unconf}; strong comparisons per image median ${[...data.strong].sort((a, b) => a - b)[data.strong.length >> 1]} of 7`);
  }
}
