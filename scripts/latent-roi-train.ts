/**
 * The latent ROI block classifier (engine/latent/roi-classifier.ts; docs/decisions/latent-roi-classifier.md):
 *
 *   npx tsx scripts/latent-roi-train.ts --train DIR [--hidden H --epochs E] [--write]
 *     fits the local model (a logistic regression, or with --hidden H a tiny MLP of H tanh units
 *     trained E passes by Adam) and the shape logistic regression on the pair folders of DIR (gen:latent-marks,
 *     each with markup.json's true ROI; label: block centre inside it), marks with index ≡ 0 mod 5
 *     held out as validation; the threshold of 0.05…0.95 giving the highest mean ROI IoU on them is
 *     kept (ties: the lower). --write writes engine/latent/roi-classifier-weights.ts.
 *
 *   npx tsx scripts/latent-roi-train.ts --eval DIR [--json OUT.json]
 *     ROI IoU against each mark's true ROI, today's spectral ROI against the fitted classifier's
 *     (the ROI stage alone, as the latent route would take it), with the per-mark distribution.
 *
 * The masks compared are the ROI stage's (both eroded by ROI_ERODE_PX as the stage does).
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { type LogisticModel, probability } from '../engine/fingerprint/extraction/background-blocks.js';
import { workingImage } from '../engine/fingerprint/extractor.js';
import type { GrayImage } from '../engine/fingerprint/gray-image.js';
import { insidePolygon, type Point } from '../engine/latent/latent-features.js';
import { ROI_COHERENT_PERIOD_MIN, ROI_MARGIN_PX, SPECTRUM_SHARE_PERIOD_MIN } from '../engine/latent/latent-parameters.js';
import { maskIou, regionOfBlocks, regionOfInterest, ridgeLikeBlocks } from '../engine/latent/region-of-interest.js';
import { FITTED_ROI_CLASSIFIER } from '../engine/latent/roi-classifier-weights.js';
import {
  classifiedRegionOfInterest, ROI_FEATURE_COUNT, ROI_FEATURES, ROI_SHAPE_FEATURE_COUNT, ROI_SHAPE_FEATURES, type RoiClassifier, type TinyMlp,
  roiBlockFeatures, roiLocalProbabilities, roiProbabilities, roiShapeFeatures,
} from '../engine/latent/roi-classifier.js';
import { ridgeSpectrum, type RidgeSpectrum } from '../engine/latent/ridge-spectrum.js';
import { mulberry32 } from '../fixtures/seeded-random.js';
import { decodeGray } from './eval/image-templates.js';
import { readLatentPairs } from './eval/latent-pairs.js';
import { readMarkupFile } from './eval/latent-markup-file.js';

const argv = process.argv.slice(2).filter((a) => a !== '--');
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const LAMBDA = 1e-3;
const VALIDATION_EVERY = 5;
const THRESHOLDS = Array.from({ length: 19 }, (_, i) => Math.round((0.05 + 0.05 * i) * 100) / 100);
/** 'and-rules': blocks must also pass the spectral rules (roi-classifier.ts `combine`); the hull margin is then the rules' ROI_MARGIN_PX. */
const COMBINE = opt('--combine') === 'and-rules' ? 'and-rules' : 'alone';
const MARGIN_PX = COMBINE === 'and-rules' ? ROI_MARGIN_PX : 0;
/**
 * --from-fitted: keep FITTED_ROI_CLASSIFIER's models, choose only the threshold (give the --hidden
 * and --epochs they were fitted with, for the header: fitting is deterministic, so the header's
 * command from scratch gives the same file).
 */
const FROM_FITTED = argv.includes('--from-fitted');
/** Hidden units of the local model (0: a logistic regression) and its training passes. */
const HIDDEN = Number(opt('--hidden') ?? 0);
const EPOCHS = Number(opt('--epochs') ?? 20);
const WEIGHTS_FILE = 'engine/latent/roi-classifier-weights.ts';

interface Mark {
  id: string;
  image: GrayImage;
  spectrum: RidgeSpectrum;
  features: Float32Array;
  labels: Uint8Array;
  truth: Uint8Array;
}

async function loadMarks(dir: string): Promise<Mark[]> {
  const marks: Mark[] = [];
  for (const pair of readLatentPairs(dir)) {
    if (!pair.markup) throw new Error(`${pair.id}: no markup.json (the true ROI)`);
    const roi = readMarkupFile(pair.markup).roi;
    if (!roi || roi.length < 3) throw new Error(`${pair.id}: markup.json has no ROI polygon`);
    const image = workingImage(await decodeGray(pair.latent), 500);
    // The spectrum as the extractor makes it (latent-extractor.ts, the shipped continuity route).
    const spectrum = ridgeSpectrum(image, SPECTRUM_SHARE_PERIOD_MIN, ROI_COHERENT_PERIOD_MIN);
    const { blocksWide: bw, blocksHigh: bh, block: B } = spectrum;
    const labels = new Uint8Array(bw * bh);
    for (let by = 0; by < bh; by++) {
      for (let bx = 0; bx < bw; bx++) labels[by * bw + bx] = insidePolygon({ x: bx * B + B / 2, y: by * B + B / 2 }, roi) ? 1 : 0;
    }
    const truth = regionOfInterest(spectrum, roi).mask;
    marks.push({ id: pair.id, image, spectrum, features: roiBlockFeatures(spectrum, image), labels, truth });
  }
  return marks;
}


/** Logistic regression by Newton's method with a small ridge, on standardised features (rows of F values). */
function fitLogistic(rows: Float32Array[], ys: Uint8Array[], F: number): LogisticModel {
  let n = 0;
  for (const y of ys) n += y.length;
  const mean = new Array<number>(F).fill(0), scale = new Array<number>(F).fill(0);
  for (const x of rows) for (let i = 0; i < x.length; i++) mean[i % F] += x[i]! / n;
  for (const x of rows) for (let i = 0; i < x.length; i++) scale[i % F] += (x[i]! - mean[i % F]!) ** 2 / n;
  for (let f = 0; f < F; f++) scale[f] = Math.sqrt(scale[f]!) || 1;
  const D = F + 1;
  const w = new Float64Array(D);
  const z = new Float64Array(D);
  for (let iter = 0; iter < 12; iter++) {
    const g = new Float64Array(D), H = new Float64Array(D * D);
    for (let k = 0; k < rows.length; k++) {
      const x = rows[k]!, y = ys[k]!;
      for (let i = 0; i < y.length; i++) {
        z[0] = 1;
        for (let f = 0; f < F; f++) z[f + 1] = (x[i * F + f]! - mean[f]!) / scale[f]!;
        let t = 0;
        for (let d = 0; d < D; d++) t += w[d]! * z[d]!;
        const p = 1 / (1 + Math.exp(-t));
        const r = p - y[i]!, s = Math.max(1e-9, p * (1 - p));
        for (let a = 0; a < D; a++) {
          g[a] += r * z[a]!;
          const sa = s * z[a]!;
          for (let b = a; b < D; b++) H[a * D + b] += sa * z[b]!;
        }
      }
    }
    for (let a = 0; a < D; a++) for (let b = 0; b < a; b++) H[a * D + b] = H[b * D + a]!;
    for (let a = 1; a < D; a++) { H[a * D + a] += LAMBDA * n; g[a] += LAMBDA * n * w[a]!; }
    const step = solve(H, g, D);
    let size = 0;
    for (let d = 0; d < D; d++) { w[d] -= step[d]!; size = Math.max(size, Math.abs(step[d]!)); }
    if (size < 1e-6) break;
  }
  const r6 = (v: number): number => Number(v.toPrecision(6));
  return { mean: mean.map(r6), scale: scale.map(r6), weights: Array.from(w.slice(1), r6), bias: r6(w[0]!) };
}

/**
 * A tiny MLP (`hidden` tanh units) by Adam on mini-batches of 256 blocks, cross-entropy with a small
 * L2, `epochs` passes in a seeded order (deterministic).
 */
function fitMlp(rows: Float32Array[], ys: Uint8Array[], F: number, hidden: number, epochs: number): TinyMlp {
  const base = fitLogistic(rows, ys, F); // for its standardisation
  const mean = base.mean, scale = base.scale;
  let n = 0;
  for (const y of ys) n += y.length;
  const X = new Float32Array(n * F), Y = new Uint8Array(n);
  let o = 0;
  for (let k = 0; k < rows.length; k++) {
    const x = rows[k]!, y = ys[k]!;
    for (let i = 0; i < y.length; i++, o++) {
      for (let f = 0; f < F; f++) X[o * F + f] = (x[i * F + f]! - mean[f]!) / scale[f]!;
      Y[o] = y[i]!;
    }
  }
  const rand = mulberry32(11);
  const P = hidden * F + hidden + hidden + 1; // W1, b1, w2, b2
  const theta = new Float64Array(P);
  for (let i = 0; i < hidden * F; i++) theta[i] = (rand() * 2 - 1) * Math.sqrt(3 / F);
  for (let i = 0; i < hidden; i++) theta[hidden * F + hidden + i] = (rand() * 2 - 1) * Math.sqrt(3 / hidden);
  const m1 = new Float64Array(P), m2 = new Float64Array(P), grad = new Float64Array(P);
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  const act = new Float64Array(hidden);
  const lr = 0.003, beta1 = 0.9, beta2 = 0.999, l2 = 1e-5, batch = 256;
  let step = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = n - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); const t = order[i]!; order[i] = order[j]!; order[j] = t; }
    let loss = 0;
    for (let start = 0; start < n; start += batch) {
      grad.fill(0);
      const end = Math.min(n, start + batch);
      for (let q = start; q < end; q++) {
        const r = order[q]!;
        let t = theta[P - 1]!;
        for (let h = 0; h < hidden; h++) {
          let a = theta[hidden * F + h]!;
          for (let f = 0; f < F; f++) a += theta[h * F + f]! * X[r * F + f]!;
          act[h] = Math.tanh(a);
          t += theta[hidden * F + hidden + h]! * act[h]!;
        }
        const p = 1 / (1 + Math.exp(-t));
        loss -= Y[r] ? Math.log(Math.max(1e-12, p)) : Math.log(Math.max(1e-12, 1 - p));
        const d = p - Y[r]!;
        grad[P - 1] += d;
        for (let h = 0; h < hidden; h++) {
          grad[hidden * F + hidden + h] += d * act[h]!;
          const dh = d * theta[hidden * F + hidden + h]! * (1 - act[h]! * act[h]!);
          grad[hidden * F + h] += dh;
          for (let f = 0; f < F; f++) grad[h * F + f] += dh * X[r * F + f]!;
        }
      }
      step++;
      const scaleB = 1 / (end - start);
      for (let i = 0; i < P; i++) {
        const g = grad[i]! * scaleB + l2 * theta[i]!;
        m1[i] = beta1 * m1[i]! + (1 - beta1) * g;
        m2[i] = beta2 * m2[i]! + (1 - beta2) * g * g;
        const mh = m1[i]! / (1 - beta1 ** step), vh = m2[i]! / (1 - beta2 ** step);
        theta[i] -= (lr * mh) / (Math.sqrt(vh) + 1e-8);
      }
    }
    if (epoch % 5 === 4 || epoch === epochs - 1) console.log(`  mlp epoch ${epoch + 1}: mean loss ${(loss / n).toFixed(4)}`);
  }
  const r6 = (v: number): number => Number(v.toPrecision(6));
  return {
    mean, scale,
    hidden: Array.from({ length: hidden }, (_, h) => Array.from(theta.subarray(h * F, (h + 1) * F), r6)),
    hiddenBias: Array.from(theta.subarray(hidden * F, hidden * F + hidden), r6),
    out: Array.from(theta.subarray(hidden * F + hidden, hidden * F + 2 * hidden), r6),
    outBias: r6(theta[P - 1]!),
  };
}

function solve(A: Float64Array, b: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(A), v = Float64Array.from(b);
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(m[i * n + k]!) > Math.abs(m[p * n + k]!)) p = i;
    for (let j = 0; j < n; j++) [m[k * n + j], m[p * n + j]] = [m[p * n + j]!, m[k * n + j]!];
    [v[k], v[p]] = [v[p]!, v[k]!];
    for (let i = k + 1; i < n; i++) {
      const f = m[i * n + k]! / m[k * n + k]!;
      for (let j = k; j < n; j++) m[i * n + j] -= f * m[k * n + j]!;
      v[i] -= f * v[k]!;
    }
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = v[i]!;
    for (let j = i + 1; j < n; j++) s -= m[i * n + j]! * x[j]!;
    x[i] = s / m[i * n + i]!;
  }
  return x;
}

function blockAccuracy(c: RoiClassifier, marks: Mark[]): { onKept: number; offDropped: number } {
  let on = 0, onKept = 0, off = 0, offDropped = 0;
  for (const m of marks) {
    const p = roiProbabilities(c, m.spectrum, m.image);
    for (let b = 0; b < p.length; b++) {
      if (m.labels[b]) { on++; if (p[b]! >= c.threshold) onKept++; } else { off++; if (p[b]! < c.threshold) offDropped++; }
    }
  }
  return { onKept: onKept / Math.max(1, on), offDropped: offDropped / Math.max(1, off) };
}

function stats(values: number[]): { mean: number; p10: number; p25: number; median: number; p75: number; p90: number } {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))] ?? 0;
  const r = (v: number): number => Math.round(v * 1000) / 1000;
  return { mean: r(s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)), p10: r(at(0.1)), p25: r(at(0.25)), median: r(at(0.5)), p75: r(at(0.75)), p90: r(at(0.9)) };
}

async function train(dir: string, write: boolean): Promise<void> {
  const t0 = performance.now();
  const marks = await loadMarks(dir);
  const fitting = marks.filter((_, i) => i % VALIDATION_EVERY !== 0);
  const validation = marks.filter((_, i) => i % VALIDATION_EVERY === 0);
  console.log(`${marks.length} marks from ${dir}: ${fitting.length} fit, ${validation.length} validation (${((performance.now() - t0) / 1000).toFixed(1)} s, load ${loadavg()[0]!.toFixed(1)})`);
  const local = FROM_FITTED ? FITTED_ROI_CLASSIFIER.local : HIDDEN > 0
    ? fitMlp(fitting.map((m) => m.features), fitting.map((m) => m.labels), ROI_FEATURE_COUNT, HIDDEN, EPOCHS)
    : fitLogistic(fitting.map((m) => m.features), fitting.map((m) => m.labels), ROI_FEATURE_COUNT);
  const shapeRows = (m: Mark): Float32Array => roiShapeFeatures(roiLocalProbabilities(local, m.features, m.labels.length), m.spectrum.blocksWide, m.spectrum.blocksHigh);
  const shape = FROM_FITTED ? FITTED_ROI_CLASSIFIER.shape : fitLogistic(fitting.map(shapeRows), fitting.map((m) => m.labels), ROI_SHAPE_FEATURE_COUNT);
  console.log(`fitted (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  // Threshold: the highest mean ROI IoU over the validation marks.
  const validationP = validation.map((m) => {
    const rows = shapeRows(m);
    return Float32Array.from({ length: m.labels.length }, (_, b) => probability(shape, rows, b, ROI_SHAPE_FEATURE_COUNT));
  });
  let best = THRESHOLDS[0]!, bestIou = -1;
  console.log('| threshold | validation mean ROI IoU | median |');
  console.log('|---|---|---|');
  for (const t of THRESHOLDS) {
    const ious = validation.map((m, k) => {
      const rules = COMBINE === 'and-rules' ? ridgeLikeBlocks(m.spectrum) : null;
      const on = Uint8Array.from(validationP[k]!, (p, b) => (p >= t && (rules === null || rules[b]) ? 1 : 0));
      return maskIou(regionOfBlocks(m.spectrum, on, MARGIN_PX).mask, m.truth);
    });
    const s = stats(ious);
    console.log(`| ${t.toFixed(2)} | ${s.mean.toFixed(3)} | ${s.median.toFixed(3)} |`);
    if (s.mean > bestIou) { bestIou = s.mean; best = t; }
  }
  const classifier: RoiClassifier = { local, shape, threshold: best, marginPx: MARGIN_PX, ...(COMBINE === 'and-rules' ? { combine: COMBINE } : {}) };
  const todayIous = validation.map((m) => maskIou(regionOfInterest(m.spectrum).mask, m.truth));
  console.log(`threshold ${best}: validation mean IoU ${bestIou.toFixed(3)} (today's spectral ROI ${stats(todayIous).mean.toFixed(3)}, median ${stats(todayIous).median.toFixed(3)})`);
  const acc = blockAccuracy(classifier, validation);
  console.log(`validation blocks, by the classifier's probability alone: ${(100 * acc.onKept).toFixed(1)}% of mark blocks kept, ${(100 * acc.offDropped).toFixed(1)}% of background blocks dropped`);
  if ('weights' in local) console.log(`local weights: ${ROI_FEATURES.map((f, i) => `${f} ${local.weights[i]!.toFixed(2)}`).join(', ')}`);
  console.log(`shape weights: ${ROI_SHAPE_FEATURES.map((f, i) => `${f} ${shape.weights[i]!.toFixed(2)}`).join(', ')}`);
  if (write) {
    writeFileSync(WEIGHTS_FILE, weightsFile(classifier, dir, marks.length));
    console.log(`wrote ${WEIGHTS_FILE}`);
  }
}

function weightsFile(c: RoiClassifier, dir: string, count: number): string {
  const model = (m: LogisticModel | TinyMlp): string => 'weights' in m
    ? `{ mean: ${JSON.stringify(m.mean)}, scale: ${JSON.stringify(m.scale)}, weights: ${JSON.stringify(m.weights)}, bias: ${m.bias} }`
    : `{\n    mean: ${JSON.stringify(m.mean)},\n    scale: ${JSON.stringify(m.scale)},\n    hidden: [\n${m.hidden.map((r) => `      ${JSON.stringify(r)},`).join('\n')}\n    ],\n    hiddenBias: ${JSON.stringify(m.hiddenBias)},\n    out: ${JSON.stringify(m.out)},\n    outBias: ${m.outBias},\n  }`;
  return `/**
 * The latent ROI block classifier's weights (roi-classifier.ts), generated by
 *   npm run gen:latent-marks -- --out ${dir} --count ${count} --seed 11
 *   npx tsx scripts/latent-roi-train.ts --train ${dir}${HIDDEN > 0 ? ` --hidden ${HIDDEN} --epochs ${EPOCHS}` : ''}${COMBINE === 'and-rules' ? ' --combine and-rules' : ''} --write
 * Fitted on the ${count - Math.ceil(count / VALIDATION_EVERY)} marks with index not ≡ 0 mod ${VALIDATION_EVERY}; the threshold is the one of
 * 0.05…0.95 with the highest mean ROI IoU on the other ${Math.ceil(count / VALIDATION_EVERY)} (docs/decisions/latent-roi-classifier.md).
 * Do not edit by hand.
 */
import type { RoiClassifier } from './roi-classifier.js';

export const FITTED_ROI_CLASSIFIER: RoiClassifier = {
  // ${ROI_FEATURES.join(', ')}
  local: ${model(c.local)},
  // ${ROI_SHAPE_FEATURES.join(', ')}
  shape: ${model(c.shape)},
  threshold: ${c.threshold},
  marginPx: ${c.marginPx},${c.combine ? `\n  combine: '${c.combine}',` : ''}
};
`;
}

async function evaluate(dir: string, json: string | undefined): Promise<void> {
  const t0 = performance.now();
  const marks = await loadMarks(dir);
  const rows = marks.map((m) => {
    const today = regionOfInterest(m.spectrum);
    const start = performance.now();
    const learnt = classifiedRegionOfInterest(FITTED_ROI_CLASSIFIER, m.spectrum, m.image);
    const ms = performance.now() - start;
    return { id: m.id, today: maskIou(today.mask, m.truth), classifier: maskIou(learnt.mask, m.truth), todayFound: today.polygon !== null, classifierFound: learnt.polygon !== null, ms };
  });
  const today = stats(rows.map((r) => r.today));
  const learnt = stats(rows.map((r) => r.classifier));
  const better = rows.filter((r) => r.classifier > r.today + 0.01).length;
  const worse = rows.filter((r) => r.classifier < r.today - 0.01).length;
  console.log(`${marks.length} marks from ${dir} (${((performance.now() - t0) / 1000).toFixed(1)} s, load ${loadavg()[0]!.toFixed(1)})`);
  console.log('| ROI | mean IoU | p10 | p25 | median | p75 | p90 | no ROI found |');
  console.log('|---|---|---|---|---|---|---|---|');
  console.log(`| today's spectral rules | ${today.mean} | ${today.p10} | ${today.p25} | ${today.median} | ${today.p75} | ${today.p90} | ${rows.filter((r) => !r.todayFound).length} |`);
  console.log(`| block classifier | ${learnt.mean} | ${learnt.p10} | ${learnt.p25} | ${learnt.median} | ${learnt.p75} | ${learnt.p90} | ${rows.filter((r) => !r.classifierFound).length} |`);
  console.log(`per mark: classifier better by > 0.01 on ${better}, worse by > 0.01 on ${worse}, within 0.01 on ${rows.length - better - worse}; classifier ms per mark median ${stats(rows.map((r) => r.ms)).median}`);
  if (json) writeFileSync(json, JSON.stringify({ today, classifier: learnt, better, worse, marks: rows }, null, 1));
}

const trainDir = opt('--train');
const evalDir = opt('--eval');
if (trainDir) await train(trainDir, argv.includes('--write'));
else if (evalDir) await evaluate(evalDir, opt('--json'));
else {
  console.error('usage: latent-roi-train --train DIR [--write] | --eval DIR [--json OUT.json]');
  process.exit(2);
}
