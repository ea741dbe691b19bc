/**
 * Trains the latent orientation network (engine/latent/orientation-network.ts; a study:
 * docs/decisions/latent-orientation-network.md):
 *
 *   npx tsx scripts/train-latent-orientation.ts --train DIR[,DIR...] [--steps N] [--minutes M]
 *       [--batch 8] [--crop 20] [--seed 31] [--lr 0.002] [--write] [--json OUT.json]
 *
 * DIRs are generated pair folders (scripts/latent-marks.ts) made with seeds disjoint from every
 * evaluation seed and without FVC2002 DB1 sources. Per mark the target is the true orientation
 * (scripts/eval/mark-orientation-truth.ts) per 16 px block, weighted by (inside the true ROI ∩ the
 * source's print) × the clean field's coherence. Marks with index ≡ 0 (mod 5) in each folder are the
 * validation split (reported, used to choose nothing but the variant the decision record names);
 * the rest are trained on. The fixed block features are computed once per mark on the wasm backend
 * (as the extractor runs them); the learnt layers train on the wasm backend too, with the
 * convolution's gradient written out (registerGradients), Adam (the rate a quarter for the last 30%), weighted squared error on the doubled-angle vector, random
 * crops of `crop` × `crop` blocks (a multiple of 4) centred on a block with a target four times in five. Everything is
 * seeded (mulberry32): the same command gives the same weights. --write writes
 * engine/latent/orientation-network-weights.ts.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { NET_FEATURES, NET_LAYERS, blockFeatures, encodeFloats, netForward, type NetParams } from '../engine/latent/orientation-network.js';
import { registerGradients, trainingConv } from './eval/orientation-net-gradients.js';
import { mulberry32 } from '../fixtures/seeded-random.js';
import { blockTargets, markOrientationTruth } from './eval/mark-orientation-truth.js';

interface Sample {
  id: string;
  bw: number;
  bh: number;
  features: Float32Array; // bh × bw × NET_FEATURES
  target: Float32Array; // bh × bw × 2
  weight: Float32Array; // bh × bw
}

/** Weighted squared error Σ w‖p − t‖² / Σ w, its gradient written out (no gradients of its ops needed). */
const weightedLoss = tf.customGrad(((pred: tf.Tensor, target: tf.Tensor, weight: tf.Tensor, save: tf.GradSaveFunc) => {
  const total = tf.add(tf.sum(weight), 1e-6);
  const d = tf.sub(pred, target);
  save([d, weight, total]);
  return {
    value: tf.div(tf.sum(tf.mul(weight, tf.square(d))), total),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [d2, w2, t2] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
      return [tf.mul(tf.div(tf.mul(w2, d2), t2), tf.mul(dy, 2)), tf.zerosLike(d2), tf.zerosLike(w2)];
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]);

function gaussian(rand: () => number): number {
  const u = Math.max(1e-12, rand()), v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

async function loadSamples(dirs: string[]): Promise<{ train: Sample[]; validation: Sample[] }> {
  await tf.setBackend('wasm');
  await tf.ready();
  const train: Sample[] = [], validation: Sample[] = [];
  for (const dir of dirs) {
    const ids = readdirSync(dir).filter((f) => /^m\d+$/.test(f)).sort();
    for (const id of ids) {
      const truth = await markOrientationTruth(dir, id);
      const t = blockTargets(truth);
      const f = blockFeatures(truth.image);
      if (f.shape[1] !== t.blocksHigh || f.shape[2] !== t.blocksWide) throw new Error(`${id}: feature grid ${f.shape} against ${t.blocksHigh}×${t.blocksWide}`);
      const features = f.dataSync() as Float32Array;
      f.dispose();
      const n = t.blocksWide * t.blocksHigh;
      const target = new Float32Array(2 * n);
      for (let b = 0; b < n; b++) { target[2 * b] = t.tx[b]!; target[2 * b + 1] = t.ty[b]!; }
      const s: Sample = { id: `${dir}/${id}`, bw: t.blocksWide, bh: t.blocksHigh, features: Float32Array.from(features), target, weight: t.weight };
      (Number(id.slice(1)) % 5 === 0 ? validation : train).push(s);
    }
    console.log(`${dir}: ${ids.length} marks`);
  }
  return { train, validation };
}

function initParams(rand: () => number): { params: NetParams; variables: tf.Variable[] } {
  const params: NetParams = {};
  const variables: tf.Variable[] = [];
  for (const spec of NET_LAYERS) {
    const [kh, kw, cin, cout] = spec.shape;
    const fanIn = kh * kw * cin;
    const sd = Math.sqrt(2 / fanIn) * (spec.name.startsWith('out') ? 0.1 : 1);
    const k = Float32Array.from({ length: kh * kw * cin * cout }, () => sd * gaussian(rand));
    const kernel = tf.variable(tf.tensor4d(k, spec.shape), true, `${spec.name}.kernel`);
    const bias = tf.variable(tf.zeros([cout]), true, `${spec.name}.bias`);
    params[spec.name] = { kernel: kernel as unknown as tf.Tensor4D, bias: bias as unknown as tf.Tensor1D };
    variables.push(kernel, bias);
  }
  return { params, variables };
}

/** A batch of crops: features, targets, weights. */
function batch(samples: Sample[], size: number, crop: number, rand: () => number): { x: Float32Array; y: Float32Array; w: Float32Array } {
  const F = NET_FEATURES;
  const x = new Float32Array(size * crop * crop * F), y = new Float32Array(size * crop * crop * 2), w = new Float32Array(size * crop * crop);
  for (let n = 0; n < size; n++) {
    const s = samples[Math.floor(rand() * samples.length)]!;
    let cx: number, cy: number;
    const withTarget: number[] = [];
    if (rand() < 0.8) for (let b = 0; b < s.weight.length; b++) if (s.weight[b]! > 0) withTarget.push(b);
    if (withTarget.length > 0) {
      const b = withTarget[Math.floor(rand() * withTarget.length)]!;
      cx = (b % s.bw) - (crop >> 1) + Math.floor(rand() * 5) - 2;
      cy = Math.floor(b / s.bw) - (crop >> 1) + Math.floor(rand() * 5) - 2;
    } else {
      cx = Math.floor(rand() * Math.max(1, s.bw - crop + 1));
      cy = Math.floor(rand() * Math.max(1, s.bh - crop + 1));
    }
    cx = Math.max(0, Math.min(Math.max(0, s.bw - crop), cx));
    cy = Math.max(0, Math.min(Math.max(0, s.bh - crop), cy));
    // Crops past a small mark's edge stay zero (features 0, weight 0), as 'same' padding sees it.
    for (let j = 0; j < crop; j++) {
      const by = cy + j;
      if (by >= s.bh) break;
      for (let i = 0; i < crop; i++) {
        const bx = cx + i;
        if (bx >= s.bw) break;
        const src = by * s.bw + bx, dst = (n * crop + j) * crop + i;
        x.set(s.features.subarray(src * F, src * F + F), dst * F);
        y[2 * dst] = s.target[2 * src]!; y[2 * dst + 1] = s.target[2 * src + 1]!;
        w[dst] = s.weight[src]!;
      }
    }
  }
  return { x, y, w };
}

/** Weighted loss and weighted mean block angle error (degrees) over whole marks. */
function evaluate(samples: Sample[], params: NetParams): { loss: number; errorDeg: number } {
  let ls = 0, lw = 0, es = 0;
  for (const s of samples) {
    const out = tf.tidy(() => netForward(tf.tensor4d(s.features, [1, s.bh, s.bw, NET_FEATURES]), params));
    const p = out.dataSync();
    out.dispose();
    for (let b = 0; b < s.weight.length; b++) {
      const w = s.weight[b]!;
      if (w <= 0) continue;
      const px = p[2 * b]!, py = p[2 * b + 1]!, tx = s.target[2 * b]!, ty = s.target[2 * b + 1]!;
      ls += w * ((px - tx) ** 2 + (py - ty) ** 2);
      let d = Math.abs(0.5 * Math.atan2(py, px) - 0.5 * Math.atan2(ty, tx)) % Math.PI;
      if (d > Math.PI / 2) d = Math.PI - d;
      es += w * d;
      lw += w;
    }
  }
  return { loss: ls / lw, errorDeg: (es / lw) * (180 / Math.PI) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { train: { type: 'string' }, steps: { type: 'string' }, minutes: { type: 'string' }, batch: { type: 'string' }, crop: { type: 'string' }, seed: { type: 'string' }, lr: { type: 'string' }, write: { type: 'boolean' }, json: { type: 'string' }, 'eval-every': { type: 'string' } } });
  if (!values.train) throw new Error('usage: train-latent-orientation --train DIR[,DIR...] [--steps N] [--minutes M] [--write]');
  const dirs = values.train.split(',');
  const steps = Number(values.steps ?? '4000');
  const minutes = Number(values.minutes ?? '40');
  const size = Number(values.batch ?? '8');
  const crop = Number(values.crop ?? '20');
  const seed = Number(values.seed ?? '31');
  const lr = Number(values.lr ?? '0.002');
  const evalEvery = Number(values['eval-every'] ?? '250');
  const t0 = Date.now();
  const { train, validation } = await loadSamples(dirs);
  console.log(`features and targets: ${train.length} training, ${validation.length} validation marks, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  registerGradients();
  const rand = mulberry32(seed);
  const { params, variables } = initParams(rand);
  const optimizer = tf.train.adam(lr);
  const history: { step: number; seconds: number; trainLoss: number; validationLoss: number; validationErrorDeg: number }[] = [];
  const t1 = Date.now();
  let running = 0, done = 0, decayed = false, decayStep = 0;
  for (let step = 1; step <= steps; step++) {
    // The learning rate drops to a quarter for the last 30% of the steps (or of the time limit).
    if (!decayed && (step === Math.round(0.7 * steps) || (Date.now() - t1) / 60000 > 0.7 * minutes)) {
      (optimizer as unknown as { learningRate: number }).learningRate = lr / 4;
      decayed = true;
      // Logged: under a time limit this step is what a rerun needs to give the same weights.
      decayStep = step;
      console.log(`learning rate ${lr / 4} from step ${step}`);
    }
    const { x, y, w } = batch(train, size, crop, rand);
    const loss: tf.Scalar = tf.tidy(() => {
      const xt = tf.tensor4d(x, [size, crop, crop, NET_FEATURES]);
      const yt = tf.tensor4d(y, [size, crop, crop, 2]);
      const wt = tf.tensor4d(w, [size, crop, crop, 1]);
      return optimizer.minimize(() => (weightedLoss as unknown as (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.Scalar)(netForward(xt, params, trainingConv), yt, wt), true, variables)!;
    });
    running += loss.dataSync()[0]!;
    loss.dispose();
    done = step;
    const out = (Date.now() - t1) / 60000 > minutes;
    if (step % evalEvery === 0 || step === steps || out) {
      const v = evaluate(validation, params);
      const entry = { step, seconds: Math.round((Date.now() - t1) / 1000), trainLoss: running / (step % evalEvery || evalEvery), validationLoss: v.loss, validationErrorDeg: v.errorDeg };
      history.push(entry);
      console.log(JSON.stringify(entry));
      running = 0;
    }
    if (out) { console.log(`stopped at the time limit (${minutes} min) after ${step} steps`); break; }
  }
  const final = history[history.length - 1]!;
  const layers = NET_LAYERS.flatMap((spec) => [
    { name: `${spec.name}.kernel`, shape: spec.shape as number[], values: params[spec.name]!.kernel.dataSync() as Float32Array },
    { name: `${spec.name}.bias`, shape: [spec.shape[3]], values: params[spec.name]!.bias.dataSync() as Float32Array },
  ]);
  const summary = { dirs, trainMarks: train.length, validationMarks: validation.length, steps: done, batch: size, crop, seed, lr, trainingSeconds: Math.round((Date.now() - t1) / 1000), decayStep, validationLoss: final.validationLoss, validationErrorDeg: final.validationErrorDeg };
  if (values.json) writeFileSync(values.json, JSON.stringify({ summary, history }, null, 2) + '\n');
  if (values.write) {
    const command = `npx tsx scripts/train-latent-orientation.ts ${process.argv.slice(2).filter((a) => a !== '--').join(' ')}`;
    const text = `/**
 * The latent orientation network's learnt weights (orientation-network.ts), generated by
 *   ${command}
 * from generated marks (seeds 31 and 32, FVC2002 DB2–DB4 sources only; docs/decisions/latent-orientation-network.md).
 * ${summary.trainMarks} training marks, ${summary.steps} steps; validation (${summary.validationMarks} marks): weighted block angle error ${summary.validationErrorDeg.toFixed(2)}°.
 * Do not edit by hand.
 */
import { decodeFloats, type OrientationNetWeights } from './orientation-network.js';

export const ORIENTATION_NETWORK_WEIGHTS: OrientationNetWeights = {
  layers: [
${layers.map((l) => `    { name: '${l.name}', shape: [${l.shape.join(', ')}], values: decodeFloats('${encodeFloats(l.values)}') },`).join('\n')}
  ],
};
`;
    writeFileSync(join('engine', 'latent', 'orientation-network-weights.ts'), text);
    console.log(`wrote engine/latent/orientation-network-weights.ts (${(text.length / 1024).toFixed(0)} KB)`);
  }
  console.log(JSON.stringify(summary));
}

await main();
