/**
 * The follow-up of docs/decisions/power-mean-score.md: today's score and the power-mean score of
 * order p on data never scored with p > 1 — an independent extractor's ISO 19794-2 templates
 * (`--templates DIR`, FVC naming F_I.iso) or images extracted by ours (`--images DIR --ppi N`, FVC
 * naming F_I.png/tif, e.g. eval:synthetic's `--png` output). FVC-protocol EER and FMR1000, extended
 * EER, for p = 1 (today) and each p given.
 *
 *   npx tsx scripts/eval/power-mean-judge.ts --templates DIR | --images DIR --ppi N [--powers 3] [--json OUT.json]
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FingerprintMatcher, prepareCandidate } from '../../engine/fingerprint/matcher.js';
import type { FingerprintTemplate } from '../../engine/fingerprint/template.js';
import type { PairFigures } from './eer-pairs.js';
import { isoFolderTemplates } from './fvc-evaluation.js';
import { fvcProtocol, fvcSamples, type Pair } from './fvc-protocol.js';
import { loadImageTemplates } from './image-templates.js';
import { powerMeanScore } from './power-mean-score.js';
import { errorRates } from './verification-metrics.js';

export interface Judged { p: number; eer: number; fmr1000: number; extendedEer: number }

/** Every FVC-protocol comparison of `templates` (in `samples`' order), rated at p = 1 and each p. */
export function judge(samples: ReturnType<typeof fvcSamples>, templates: FingerprintTemplate[], powers: number[]): Judged[] {
  const prepared = templates.map((t) => prepareCandidate(t));
  const protocol = fvcProtocol(samples);
  type Scored = Pick<PairFigures, 'score' | 'minutiaeScore' | 'similarities'>;
  const memo = new Map<string, Scored>();
  const figures = ([i, j]: Pair): Scored => {
    const key = `${i},${j}`;
    let f = memo.get(key);
    if (!f) {
      const m = new FingerprintMatcher(prepared[i]!).match(prepared[j]!);
      f = { score: m.score, minutiaeScore: m.minutiaeScore ?? m.score, similarities: m.pairs.map((q) => q.similarity) };
      memo.set(key, f);
    }
    return f;
  };
  const genuine = protocol.genuine.map(figures), impostor = protocol.impostor.map(figures), extended = protocol.extendedImpostor.map(figures);
  return [1, ...powers.filter((p) => p !== 1)].map((p) => {
    const s = (c: Scored) => powerMeanScore(c, p);
    const g = genuine.map(s);
    const r = errorRates(g, impostor.map(s));
    return { p, eer: r.eer, fmr1000: r.fmr1000, extendedEer: errorRates(g, extended.map(s)).eer };
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { templates: { type: 'string' }, images: { type: 'string' }, ppi: { type: 'string' }, powers: { type: 'string' }, json: { type: 'string' } } });
  const powers = (values.powers ?? '3').split(',').map(Number);
  let samples: ReturnType<typeof fvcSamples>, templates: FingerprintTemplate[];
  if (values.templates) {
    ({ samples, templates } = isoFolderTemplates(values.templates));
  } else if (values.images) {
    samples = fvcSamples(readdirSync(values.images), ['png', 'tif']);
    templates = (await loadImageTemplates(samples.map((s) => join(values.images!, s.file)), values.ppi ? Number(values.ppi) : undefined)).templates;
  } else throw new Error('give --templates DIR or --images DIR');
  const rows = judge(samples, templates, powers);
  for (const r of rows) console.log(`p ${r.p}: FVC EER ${(100 * r.eer).toFixed(2)} %, FMR1000 ${(100 * r.fmr1000).toFixed(2)} %, extended EER ${(100 * r.extendedEer).toFixed(2)} % (${samples.length} prints)`);
  if (values.json) writeFileSync(values.json, JSON.stringify({ source: values.templates ?? values.images, prints: samples.length, rows }, null, 1) + '\n');
}

if (process.argv[1]?.endsWith('power-mean-judge.ts')) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack : String(e));
    process.exit(1);
  });
}
