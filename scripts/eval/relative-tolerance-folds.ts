/**
 * The held-out choice's numbers of relaxation-relative-tolerance.md to four decimals: each κ's
 * extended EER on FVC2002's original images per set, and each fold's mean over the other three
 * (relative-tolerance.ts prints two decimals, where κ 0.04–0.08 look tied with today).
 *   npx tsx scripts/eval/relative-tolerance-folds.ts [CACHE]   (default /tmp/fp-reltol-cache)
 */
import { FVC2002_SETS } from './fvc-evaluation.js';
import { fvcProtocol } from './fvc-protocol.js';
import { setTemplates } from './quality-weight.js';
import { KAPPAS, scoreComparisons, settingsFor } from './relative-tolerance.js';
import { errorRates } from './verification-metrics.js';
const settings = settingsFor([...KAPPAS]);
const ext: number[][] = settings.map(() => []);
for (const set of FVC2002_SETS) {
  const { samples, templates } = await setTemplates(process.argv[2] ?? '/tmp/fp-reltol-cache', set);
  const p = fvcProtocol(samples);
  const g = scoreComparisons(templates, p.genuine, settings), im = scoreComparisons(templates, p.extendedImpostor, settings);
  settings.forEach((_, k) => ext[k].push(errorRates(g[k], im[k]).eer));
}
settings.forEach((s, k) => console.log(s.name, ext[k].map((e) => (100 * e).toFixed(4)).join(' '), 'fold means:', [0, 1, 2, 3].map((h) => ((100 * ext[k].filter((_, o) => o !== h).reduce((a, b) => a + b, 0)) / 3).toFixed(4)).join(' ')));
