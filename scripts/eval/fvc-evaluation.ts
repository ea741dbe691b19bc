/**
 * One FVC-protocol evaluation of a folder of `F_I` images, as a function (scripts/eval-conditions.ts
 * and scripts/leave-one-out.ts run many): extraction under an optional condition and tuning, every
 * pair scored once, the FVC and extended error rates. scripts/eval-fvc.ts is the one-folder tool.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FingerprintMatcher, prepareCandidate } from '../../engine/fingerprint/matcher.js';
import type { FingerprintTemplate } from '../../engine/fingerprint/template.js';
import { decodeIso19794_2Single } from '../../engine/fingerprint/templates/iso-19794-2.js';
import { fvcProtocol, fvcSamples, type Pair, type Sample } from './fvc-protocol.js';
import { loadImageTemplates, type LoadOptions } from './image-templates.js';
import { type ErrorRates, errorRates } from './verification-metrics.js';

export interface FolderEvaluation extends ErrorRates {
  extended: ErrorRates;
  minutiaeMedian: number;
  minutiaeMax: number;
  extractMsMedian: number;
}

const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export async function evaluateFvcFolder(dir: string, ppi: number | undefined, options: LoadOptions = {}): Promise<FolderEvaluation> {
  const samples = fvcSamples(readdirSync(dir), ['tif', 'tiff', 'png', 'bmp', 'jpg', 'jpeg', 'wsq']);
  if (samples.length === 0) throw new Error(`no F_I samples found in ${dir}`);
  const { templates, extractMs, found } = await loadImageTemplates(samples.map((s) => join(dir, s.file)), ppi, options);
  const protocol = fvcProtocol(samples);
  const scoreOf = pairScores(templates);
  const genuine = protocol.genuine.map(scoreOf);
  return {
    ...errorRates(genuine, protocol.impostor.map(scoreOf)),
    extended: errorRates(genuine, protocol.extendedImpostor.map(scoreOf)),
    minutiaeMedian: median(found),
    minutiaeMax: Math.max(...found),
    extractMsMedian: median(extractMs),
  };
}

/**
 * Every pair (i < j) of the templates scored once, the first as the probe, as the FVC protocol's
 * pairs want them; the answer reads a pair's score.
 */
export function pairScores(templates: readonly FingerprintTemplate[]): (pair: Pair) => number {
  const prepared = templates.map((t) => prepareCandidate(t));
  const n = prepared.length;
  const scores = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const matcher = new FingerprintMatcher(prepared[i]);
    for (let j = i + 1; j < n; j++) scores[i * n + j] = matcher.score(prepared[j]);
  }
  return (p) => scores[p[0] * n + p[1]];
}

/** A folder of ISO/IEC 19794-2 templates named F_I.iso (another extractor's, e.g. SecuGen's): its samples and templates, in fvcSamples' order. */
export function isoFolderTemplates(dir: string): { samples: Sample[]; templates: FingerprintTemplate[] } {
  const samples = fvcSamples(readdirSync(dir), ['iso']);
  if (samples.length === 0) throw new Error(`no F_I.iso templates found in ${dir}`);
  return { samples, templates: samples.map((s) => decodeIso19794_2Single(readFileSync(join(dir, s.file)))) };
}

/** The shared FVC2002 "B" sets and their resolutions (DB2 569 ppi). */
export const FVC2002_SETS = [
  { name: 'DB1', folder: 'db1_b', ppi: 500 },
  { name: 'DB2', folder: 'db2_b', ppi: 569 },
  { name: 'DB3', folder: 'db3_b', ppi: 500 },
  { name: 'DB4', folder: 'db4_b', ppi: 500 },
] as const;
