/**
 * A small orientation network for latent marks (issue 11 point 1; a study, off:
 * docs/decisions/latent-orientation-network.md), run with TensorFlow.js (wasm backend by default).
 *
 * Two parts, on the 16 px block grid of the ridge spectrum (block (bx, by) covers x in
 * [16·bx, 16·bx + 16)):
 *   1. fixed, not learnt: the mark normalised locally (mean and spread over a 33 px box), halved to
 *      250 ppi, filtered by a bank of quadrature Gabor pairs (NET_ORIENTATIONS orientations × the
 *      ridge periods NET_PERIODS_PX); each filter's energy (even² + odd²) averaged over the block,
 *      as log energies relative to the block's mean over the bank, plus the block's mean log energy
 *      relative to the image's (NET_FEATURES channels). This is an oriented-energy histogram per
 *      block, the information the spectral candidates of ridge-spectrum.ts also come from. It is
 *      fixed because tfjs-core's CPU backend (the only one here with the gradients of a
 *      convolution's filter) trains full-resolution convolutions at well under one 256 px crop per
 *      second on this machine (measured: a batch of 8 in 24–50 s), too slow for the budget.
 *   2. learnt: a fully convolutional net at block resolution. A local path (three 3×3 convolutions,
 *      NET_CHANNELS channels, receptive field 7 blocks) and a coarse path (the first layer's output
 *      averaged over 4×4 blocks, two 3×3 convolutions, brought back bilinearly: about 20 blocks)
 *      meet in two 1×1 convolutions summed into the doubled-angle vector (cos 2θ, sin 2θ) of the
 *      ridge orientation θ (pixel frame, from +x towards +y, mod π). Its length, ≤ ~1, is the net's
 *      confidence: the weighted squared-error loss shrinks it where the target is uncertain.
 * Weights: orientation-network-weights.ts, made by scripts/train-latent-orientation.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GrayImage } from '../fingerprint/gray-image.js';
import { initTf } from '../workers/tf-runtime.js';

export const NET_BLOCK = 16;
export const NET_ORIENTATIONS = 8;
/** Ridge periods the bank is tuned to, px at 500 ppi (typical 8–11 px: docs/measurements/latent-features.md). */
export const NET_PERIODS_PX = [7, 11] as const;
export const NET_FEATURES = NET_ORIENTATIONS * NET_PERIODS_PX.length + 1;
export const NET_CHANNELS = 24;
/** Local normalisation window (px, odd) and the bank's kernel size at 250 ppi. */
const NORMALISE_WINDOW = 33;
const BANK_SIZE = 11;
const LOG_FLOOR = 1e-2;

export interface NetLayer {
  name: string;
  shape: number[];
  values: Float32Array;
}

export interface OrientationNetWeights {
  layers: NetLayer[];
}

/** The learnt layers, their kernel shapes ([kh, kw, in, out]; each has a bias of `out`). */
export const NET_LAYERS: readonly { name: string; shape: [number, number, number, number] }[] = [
  { name: 'local1', shape: [3, 3, NET_FEATURES, NET_CHANNELS] },
  { name: 'local2', shape: [3, 3, NET_CHANNELS, NET_CHANNELS] },
  { name: 'local3', shape: [3, 3, NET_CHANNELS, NET_CHANNELS] },
  { name: 'coarse1', shape: [3, 3, NET_CHANNELS, NET_CHANNELS] },
  { name: 'coarse2', shape: [3, 3, NET_CHANNELS, NET_CHANNELS] },
  { name: 'outLocal', shape: [1, 1, NET_CHANNELS, 2] },
  { name: 'outCoarse', shape: [1, 1, NET_CHANNELS, 2] },
];

/** (v − local mean) / local standard deviation over a NORMALISE_WINDOW box, clipped to ±4; padded to whole blocks with 0. */
export function locallyNormalised(image: GrayImage): { data: Float32Array; width: number; height: number } {
  const { width: w, height: h, pixels } = image;
  const W = Math.ceil(w / NET_BLOCK) * NET_BLOCK, H = Math.ceil(h / NET_BLOCK) * NET_BLOCK;
  const s1 = new Float64Array((w + 1) * (h + 1));
  const s2 = new Float64Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let r1 = 0, r2 = 0;
    for (let x = 0; x < w; x++) {
      const v = pixels[y * w + x]!;
      r1 += v; r2 += v * v;
      s1[(y + 1) * (w + 1) + x + 1] = s1[y * (w + 1) + x + 1]! + r1;
      s2[(y + 1) * (w + 1) + x + 1] = s2[y * (w + 1) + x + 1]! + r2;
    }
  }
  const r = NORMALISE_WINDOW >> 1;
  const out = new Float32Array(W * H);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - r), y1 = Math.min(h, y + r + 1);
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - r), x1 = Math.min(w, x + r + 1);
      const n = (y1 - y0) * (x1 - x0);
      const a = s1[y1 * (w + 1) + x1]! - s1[y0 * (w + 1) + x1]! - s1[y1 * (w + 1) + x0]! + s1[y0 * (w + 1) + x0]!;
      const b = s2[y1 * (w + 1) + x1]! - s2[y0 * (w + 1) + x1]! - s2[y1 * (w + 1) + x0]! + s2[y0 * (w + 1) + x0]!;
      const mean = a / n;
      const sd = Math.sqrt(Math.max(0, b / n - mean * mean));
      const v = (pixels[y * w + x]! - mean) / Math.max(2, sd);
      out[y * W + x] = v > 4 ? 4 : v < -4 ? -4 : v;
    }
  }
  return { data: out, width: W, height: H };
}

/**
 * The bank's kernels at 250 ppi, [BANK_SIZE, BANK_SIZE, 1, 2·F] (even and odd of each filter
 * side by side, filter f = period index · NET_ORIENTATIONS + orientation index). Orientation k is
 * the ridge direction kπ/NET_ORIENTATIONS; the wave runs across it. Even kernels have zero mean.
 */
export function gaborBank(): Float32Array {
  const F = NET_ORIENTATIONS * NET_PERIODS_PX.length;
  const S = BANK_SIZE, r = S >> 1;
  const k = new Float32Array(S * S * 2 * F);
  for (let p = 0; p < NET_PERIODS_PX.length; p++) {
    const lambda = NET_PERIODS_PX[p]! / 2;
    const sigma = 0.5 * lambda;
    for (let o = 0; o < NET_ORIENTATIONS; o++) {
      const f = p * NET_ORIENTATIONS + o;
      const t = (o * Math.PI) / NET_ORIENTATIONS;
      const nx = -Math.sin(t), ny = Math.cos(t);
      let evenMean = 0;
      const even = new Float32Array(S * S), odd = new Float32Array(S * S);
      for (let y = -r; y <= r; y++) {
        for (let x = -r; x <= r; x++) {
          const g = Math.exp(-(x * x + y * y) / (2 * sigma * sigma));
          const phase = (2 * Math.PI * (x * nx + y * ny)) / lambda;
          even[(y + r) * S + x + r] = g * Math.cos(phase);
          odd[(y + r) * S + x + r] = g * Math.sin(phase);
          evenMean += g * Math.cos(phase);
        }
      }
      evenMean /= S * S;
      for (let i = 0; i < S * S; i++) {
        k[i * 2 * F + 2 * f] = even[i]! - evenMean;
        k[i * 2 * F + 2 * f + 1] = odd[i]!;
      }
    }
  }
  return k;
}

let bankTensor: tf.Tensor4D | null = null;
let bankBackend = '';
let loaded: NetParams | undefined;

/**
 * TensorFlow.js ready in this thread: the project's one initialiser (engine/workers/tf-runtime.ts),
 * so a pool worker keeps the backend it was configured with and a script outside the pool gets
 * `backend` (ORIENT_NETWORK_BACKEND, wasm by default).
 */
export async function orientationNetworkReady(backend: 'wasm' | 'cpu'): Promise<void> {
  await initTf(backend);
}

/** The block field of a mark (500 ppi) from the fitted weights, on the backend made ready above. */
export function fittedNetworkBlockField(image: GrayImage, weights: OrientationNetWeights): NetBlockField {
  loaded ??= netParams(weights);
  return networkBlockField(image, loaded);
}

/** The fixed part: [1, blocksHigh, blocksWide, NET_FEATURES] block features of a mark at 500 ppi. */
export function blockFeatures(image: GrayImage): tf.Tensor4D {
  const norm = locallyNormalised(image);
  const F = NET_ORIENTATIONS * NET_PERIODS_PX.length;
  if (bankTensor === null || bankBackend !== tf.getBackend()) {
    bankTensor?.dispose();
    // Kept: this may run inside a caller's tidy (networkBlockField), which would dispose it.
    bankTensor = tf.keep(tf.tensor4d(gaborBank(), [BANK_SIZE, BANK_SIZE, 1, 2 * F]));
    bankBackend = tf.getBackend();
  }
  const bank = bankTensor;
  return tf.tidy(() => {
    const x = tf.tensor4d(norm.data, [1, norm.height, norm.width, 1]);
    const half = tf.avgPool(x, 2, 2, 'valid');
    const response = tf.conv2d(half, bank, 1, 'same');
    const sq = tf.reshape(tf.square(response), [1, norm.height / 2, norm.width / 2, F, 2]);
    const energy = tf.sum(sq, 4);
    const pooled = tf.avgPool(energy as tf.Tensor4D, NET_BLOCK / 2, NET_BLOCK / 2, 'valid');
    const logE = tf.log(tf.add(pooled, LOG_FLOOR));
    const blockMean = tf.mean(logE, 3, true);
    const relative = tf.sub(logE, blockMean);
    const level = tf.sub(blockMean, tf.mean(blockMean));
    return tf.concat([relative, level], 3) as tf.Tensor4D;
  });
}

/** Learnt layers as tensors (kernel, bias) by name. */
export type NetParams = Record<string, { kernel: tf.Tensor4D; bias: tf.Tensor1D }>;

export function netParams(weights: OrientationNetWeights): NetParams {
  const params: NetParams = {};
  for (const spec of NET_LAYERS) {
    const k = weights.layers.find((l) => l.name === `${spec.name}.kernel`);
    const b = weights.layers.find((l) => l.name === `${spec.name}.bias`);
    if (!k || !b) throw new Error(`orientation network: layer ${spec.name} missing`);
    params[spec.name] = { kernel: tf.tensor4d(k.values, spec.shape), bias: tf.tensor1d(b.values) };
  }
  return params;
}

/** A 'same', stride-1 convolution with bias: the network's only learnt operation. */
export type NetConv = (x: tf.Tensor4D, p: { kernel: tf.Tensor4D; bias: tf.Tensor1D }) => tf.Tensor4D;

const fusedConv: NetConv = (x, p) => tf.fused.conv2d({ x, filter: p.kernel, bias: p.bias, strides: 1, pad: 'same', activation: 'linear' });

/**
 * The learnt part: block features → [n, bh, bw, 2] doubled-angle vectors. Training passes its own
 * `conv` (one whose gradient runs on the wasm backend) and registers the other gradients it needs.
 */
export function netForward(features: tf.Tensor4D, p: NetParams, conv: NetConv = fusedConv): tf.Tensor4D {
  const relu = (t: tf.Tensor4D) => tf.relu(t) as tf.Tensor4D;
  const h1 = relu(conv(features, p.local1!));
  const local = relu(conv(relu(conv(h1, p.local2!)), p.local3!));
  const pooled = tf.avgPool(h1, 4, 4, 'same');
  const coarse = relu(conv(relu(conv(pooled, p.coarse1!)), p.coarse2!));
  const back = tf.image.resizeBilinear(coarse, [features.shape[1], features.shape[2]]);
  return tf.add(conv(local, p.outLocal!), conv(back, p.outCoarse!));
}

/** Per block of the mark's 16 px grid: the doubled-angle vector (vx, vy) the net gives, row-major. */
export interface NetBlockField {
  blocksWide: number;
  blocksHigh: number;
  vx: Float32Array;
  vy: Float32Array;
}

export function networkBlockField(image: GrayImage, params: NetParams): NetBlockField {
  const out = tf.tidy(() => netForward(blockFeatures(image), params));
  const [, bh, bw] = out.shape;
  const data = out.dataSync();
  out.dispose();
  const vx = new Float32Array(bh * bw), vy = new Float32Array(bh * bw);
  for (let i = 0; i < bh * bw; i++) { vx[i] = data[2 * i]!; vy[i] = data[2 * i + 1]!; }
  return { blocksWide: bw, blocksHigh: bh, vx, vy };
}

/** Float32 values ⇄ base64 (the weights file's form: about 4/3 bytes per byte). */
export function encodeFloats(values: Float32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

export function decodeFloats(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}
