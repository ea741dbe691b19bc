/**
 * The minutia verifier study, leave-one-database-out (docs/decisions/minutia-verifier.md).
 * Reads the labels and features of scripts/eval/minutia-verifier-labels.ts; for each FVC2002 set
 * trains a model on the other three sets' labels (minutia-verifier-train.ts, declared settings),
 * picks τ on those three (lowest summed FVC-protocol EER; ties → lower mean extended EER → larger τ
 * → off), scoring templates with the dropped minutiae removed after the fact, then extracts the
 * held-out set through the extractor's switch (ExtractOptions.tuning.verifier) with that model and τ
 * and reports its FVC-protocol EER, FMR1000 and extended EER beside today's (same sitting). Then the
 * "all" model (all four sets' labels, τ by the same rule on all four) for the other rows
 * (`--param verifier.maxFalse=τ` with BIOMATCH_VERIFIER_MODEL=OUT-all.json).
 *   npx tsx scripts/eval/minutia-verifier.ts [--form mlp|scalar-logistic] [--data /tmp/fp-verifier-data] [--models /tmp/fp-verifier-model] [--folds DB1,...,all] [--json OUT] [--dump DIR]
 * Diagnostics (not part of the keep rule): each set's labels against 1 − quality (the extractor's own
 * score), and each held-out set's labels against its fold model (drops at τ and the AUC); `--dump DIR`
 * writes the held-out templates as eer-pairs.ts's cache (`eer-pairs.ts --cache DIR` then lists the pairs).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { falseProbability, VERIFIER_FEATURES, type VerifierModel } from '../../engine/fingerprint/extraction/minutia-verifier.js';
import { ORIENTATION_BLOCK_STRIDE, VERIFIER_PATCH_SIDE } from '../../engine/fingerprint/extraction/parameters.js';
import type { FingerprintTemplate } from '../../engine/fingerprint/template.js';
import { sharedDataPath } from '../../fixtures/shared-data.js';
import { FVC2002_SETS, pairScores } from './fvc-evaluation.js';
import { fvcProtocol, fvcSamples, type Protocol } from './fvc-protocol.js';
import { loadImageTemplates, reviveBlockField } from './image-templates.js';
import type { SetData } from './minutia-verifier-labels.js';
import { type TrainOptions, trainVerifier } from './minutia-verifier-train.js';
import { type ErrorRates, errorRates } from './verification-metrics.js';

/** The declared forms: the network of the first declaration, and follow-up A's logistic regression on the nine scalars. */
export const FORMS: Record<string, Partial<TrainOptions>> = {
  'mlp': {},
  'scalar-logistic': { hidden: 0, select: Array.from({ length: 9 }, (_, k) => VERIFIER_PATCH_SIDE * VERIFIER_PATCH_SIDE + k) },
};

/** The declared τ grid; Infinity is "off". */
export const TAU_GRID = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, Infinity];

interface Loaded extends SetData { features: Float64Array; offsets: number[]; protocol: Protocol }

function load(prefix: string, name: string): Loaded {
  const data = JSON.parse(readFileSync(`${prefix}-${name}.json`, 'utf8')) as SetData;
  data.templates.forEach(reviveBlockField);
  const buf = readFileSync(`${prefix}-${name}.bin`);
  const features = new Float64Array(buf.buffer, buf.byteOffset, buf.byteLength / 8);
  const offsets: number[] = [];
  let at = 0;
  for (const t of data.templates) { offsets.push(at); at += t.minutiae.length; }
  if (at * VERIFIER_FEATURES !== features.length) throw new Error(`${name}: features and templates disagree`);
  return { ...data, features, offsets, protocol: fvcProtocol(fvcSamples(data.files, ['tif'])) };
}

/** Training rows (labelled minutiae) of the given sets. */
function trainingRows(sets: Loaded[]): { x: Float64Array; y: Uint8Array } {
  const rows: number[] = [], labels: number[] = [], owner: Loaded[] = [];
  for (const s of sets) s.labels.forEach((ls, i) => ls.forEach((l, k) => { if (l >= 0) { rows.push(s.offsets[i] + k); labels.push(l); owner.push(s); } }));
  const x = new Float64Array(rows.length * VERIFIER_FEATURES);
  rows.forEach((r, q) => x.set(owner[q].features.subarray(r * VERIFIER_FEATURES, (r + 1) * VERIFIER_FEATURES), q * VERIFIER_FEATURES));
  return { x, y: Uint8Array.from(labels) };
}

export interface SetRates { fvc: ErrorRates; extended: ErrorRates; minutiae: number }

function rates(templates: FingerprintTemplate[], protocol: Protocol): SetRates {
  const score = pairScores(templates);
  const genuine = protocol.genuine.map(score);
  return { fvc: errorRates(genuine, protocol.impostor.map(score)), extended: errorRates(genuine, protocol.extendedImpostor.map(score)), minutiae: templates.reduce((s, t) => s + t.minutiae.length, 0) / templates.length };
}

/** The set's templates keeping minutiae with P(false) ≤ τ (after the fact). */
function dropped(s: Loaded, p: Float64Array, tau: number): FingerprintTemplate[] {
  return s.templates.map((t, i) => ({ ...t, minutiae: t.minutiae.filter((_, k) => p[s.offsets[i] + k] <= tau) }));
}

function probabilities(model: VerifierModel, s: Loaded): Float64Array {
  const n = s.features.length / VERIFIER_FEATURES;
  return Float64Array.from({ length: n }, (_, r) => falseProbability(model, s.features, r * VERIFIER_FEATURES));
}

/** τ by the declared rule on `sets`, with the table of every τ. */
function pickTau(model: VerifierModel, sets: Loaded[]): { tau: number; table: { tau: number; fvcSum: number; extMean: number; perSet: SetRates[] }[] } {
  const p = sets.map((s) => probabilities(model, s));
  const table = TAU_GRID.map((tau) => {
    const perSet = sets.map((s, k) => rates(dropped(s, p[k], tau), s.protocol));
    return { tau, fvcSum: perSet.reduce((a, r) => a + 100 * r.fvc.eer, 0), extMean: perSet.reduce((a, r) => a + 100 * r.extended.eer, 0) / sets.length, perSet };
  });
  // Lowest FVC sum, then lower mean extended, then larger τ (off last is largest): sort is stable over the grid's ascending order.
  const eps = 1e-9;
  const best = [...table].sort((a, b) => (Math.abs(a.fvcSum - b.fvcSum) > eps ? a.fvcSum - b.fvcSum : Math.abs(a.extMean - b.extMean) > eps ? a.extMean - b.extMean : b.tau - a.tau))[0];
  return { tau: best.tau, table };
}

const pct = (v: number): string => (100 * v).toFixed(2);

/** Area under the ROC of P(false) separating label 1 from label 0 (ties count half). */
export function separation(p: ArrayLike<number>, labels: ArrayLike<number>): number {
  const pos: number[] = [], neg: number[] = [];
  for (let r = 0; r < labels.length; r++) if (labels[r] === 1) pos.push(p[r]); else if (labels[r] === 0) neg.push(p[r]);
  let wins = 0;
  for (const a of pos) for (const b of neg) wins += a > b ? 1 : a === b ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

/** The held-out set's own consensus labels against the fold model's drops at τ (a diagnostic; the labels never trained this model). */
function heldOutLabels(model: VerifierModel, s: Loaded, tau: number): string {
  const p = probabilities(model, s), labels = s.labels.flat();
  const count = (l: number, dropped: boolean): number => labels.filter((v, r) => v === l && (!dropped || p[r] > tau)).length;
  return `held-out labels dropped at τ ${Number.isFinite(tau) ? tau : 'off'}: unconfirmed ${count(1, true)} / ${count(1, false)}, confirmed ${count(0, true)} / ${count(0, false)}, unlabelled ${count(-1, true)} / ${count(-1, false)}; AUC of P(false), unconfirmed against confirmed, ${separation(p, labels).toFixed(3)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { data: { type: 'string' }, models: { type: 'string' }, json: { type: 'string' }, folds: { type: 'string' }, form: { type: 'string' }, dump: { type: 'string' } } });
  const form = FORMS[values.form ?? 'mlp'];
  if (!form) throw new Error(`--form ${Object.keys(FORMS).join('|')}`);
  const prefix = values.data ?? '/tmp/fp-verifier-data', models = values.models ?? (values.form === 'scalar-logistic' ? '/tmp/fp-verifier-logit' : '/tmp/fp-verifier-model');
  const sets = FVC2002_SETS.map((s) => load(prefix, s.name));
  const report: Record<string, unknown> = {};
  // What the extractor's own quality already says about the labels (a yardstick for the held-out AUCs below).
  for (const s of sets) console.log(`${s.set}: AUC of 1 − quality / 100, unconfirmed against confirmed, ${separation(s.templates.flatMap((t) => t.minutiae.map((m) => 1 - m.quality / 100)), s.labels.flat()).toFixed(3)}`);
  const folds = (values.folds ?? 'DB1,DB2,DB3,DB4,all').split(',');
  for (const fold of folds) {
    const training = sets.filter((s) => fold === 'all' || s.set !== fold);
    const { x, y } = trainingRows(training);
    const started = Date.now();
    const model = trainVerifier(x, y, VERIFIER_FEATURES, form);
    writeFileSync(`${models}-${fold}.json`, JSON.stringify(model));
    // In-sample check of the fit: how the training labels are separated at each τ.
    const pTrain = Float64Array.from({ length: y.length }, (_, r) => falseProbability(model, x, r * VERIFIER_FEATURES));
    console.log(`\n## fold ${fold}: trained on ${training.map((s) => s.set).join(', ')}: ${y.length} labelled minutiae (${y.reduce((a, v) => a + v, 0)} unconfirmed), ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(`training labels dropped at τ (unconfirmed / confirmed): ${TAU_GRID.filter(Number.isFinite).map((t) => `${t}: ${pTrain.filter((p, r) => y[r] === 1 && p > t).length} / ${pTrain.filter((p, r) => y[r] === 0 && p > t).length}`).join('; ')}`);
    const { tau, table } = pickTau(model, training);
    console.log(`| τ | ${training.map((s) => `${s.set} FVC EER / ext. EER / minutiae`).join(' | ')} | FVC sum | ext. mean |\n|---|${training.map(() => '---|').join('')}---|---|`);
    for (const r of table) console.log(`| ${Number.isFinite(r.tau) ? r.tau : 'off'}${r.tau === tau ? ' (picked)' : ''} | ${r.perSet.map((q) => `${pct(q.fvc.eer)} / ${pct(q.extended.eer)} / ${q.minutiae.toFixed(1)}`).join(' | ')} | ${r.fvcSum.toFixed(2)} | ${r.extMean.toFixed(2)} |`);
    const entry: Record<string, unknown> = { tau: Number.isFinite(tau) ? tau : 'off', table: table.map((r) => ({ ...r, tau: Number.isFinite(r.tau) ? r.tau : 'off' })) };
    if (fold !== 'all') {
      const held = sets.find((s) => s.set === fold)!;
      const info = FVC2002_SETS.find((s) => s.name === fold)!;
      const today = rates(held.templates, held.protocol);
      let on = today, agree = 'off: today';
      if (Number.isFinite(tau)) {
        const dir = sharedDataPath('fingerprints', 'fvc2002', info.folder);
        const { templates } = await loadImageTemplates(held.files.map((f) => `${dir}/${f}`), info.ppi, { tuning: { verifier: { model, maxFalse: tau } } });
        on = rates(templates, held.protocol);
        // The held-out templates in eer-pairs.ts's cache form, so that `eer-pairs.ts --cache DIR` shows which pairs moved.
        if (values.dump) { mkdirSync(values.dump, { recursive: true }); writeFileSync(`${values.dump}/${fold}-block16-stride${ORIENTATION_BLOCK_STRIDE}-v2.json`, JSON.stringify(templates.map((template) => ({ template })))); }
        // The switch against the after-the-fact drop: the same minutiae unless the capacity cut binds.
        const post = dropped(held, probabilities(model, held), tau);
        const same = templates.filter((t, i) => JSON.stringify(t.minutiae) === JSON.stringify(post[i].minutiae)).length;
        agree = `switch and after-the-fact drop agree on ${same} / ${templates.length} templates`;
      }
      console.log(`held out ${fold} (τ ${Number.isFinite(tau) ? tau : 'off'}; ${agree}): FVC EER ${pct(today.fvc.eer)} → ${pct(on.fvc.eer)}, FMR1000 ${pct(today.fvc.fmr1000)} → ${pct(on.fvc.fmr1000)}, ext. EER ${pct(today.extended.eer)} → ${pct(on.extended.eer)}; minutiae per template ${today.minutiae.toFixed(1)} → ${on.minutiae.toFixed(1)}`);
      console.log(heldOutLabels(model, held, tau));
      Object.assign(entry, { today, heldOut: on, agree });
    }
    report[fold] = entry;
  }
  if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 2) + '\n');
}
