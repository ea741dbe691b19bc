import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../fixtures/seeded-random.js';
import { registerGradients, trainingConv } from './orientation-net-gradients.js';

const random = (shape: number[], seed: number): Float32Array => {
  const r = mulberry32(seed);
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => 2 * r() - 1);
};

/** Gradients of Σ dy ⊙ conv(x, w, b) with respect to x, w and b. */
function convGradients(conv: (x: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor1D) => tf.Tensor4D, k: number): Float32Array[] {
  const x = tf.tensor4d(random([2, 7, 9, 3], 1), [2, 7, 9, 3]);
  const w = tf.tensor4d(random([k, k, 3, 4], 2), [k, k, 3, 4]);
  const b = tf.tensor1d(random([4], 3));
  const dy = tf.tensor4d(random([2, 7, 9, 4], 4), [2, 7, 9, 4]);
  const g = tf.grads((xi: tf.Tensor, wi: tf.Tensor, bi: tf.Tensor) => conv(xi as tf.Tensor4D, wi as tf.Tensor4D, bi as tf.Tensor1D));
  return g([x, w, b], dy).map((t) => t.dataSync() as Float32Array);
}

const builtIn = (x: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor1D) => tf.fused.conv2d({ x, filter: w, bias: b, strides: 1, pad: 'same', activation: 'linear' });
const written = (x: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor1D) => trainingConv(x, { kernel: w, bias: b });

describe('the orientation network\'s training gradients', () => {
  it('the written-out convolution gradient equals tfjs\'s built-in one (cpu), and runs on wasm', async () => {
    registerGradients();
    for (const k of [1, 3]) {
      await tf.setBackend('cpu');
      const reference = convGradients(builtIn, k);
      const mine = convGradients(written, k);
      await tf.setBackend('wasm');
      await tf.ready();
      const onWasm = convGradients(written, k);
      for (let i = 0; i < 3; i++) {
        expect(reference[i]!.length).toBeGreaterThan(0);
        for (let j = 0; j < reference[i]!.length; j++) {
          expect(mine[i]![j]).toBeCloseTo(reference[i]![j]!, 4);
          expect(onWasm[i]![j]).toBeCloseTo(reference[i]![j]!, 4);
        }
      }
    }
  });

  it('4 × 4 average pooling passes a sixteenth of each cell\'s gradient to each input', async () => {
    registerGradients();
    await tf.setBackend('cpu');
    const x = tf.tensor4d(random([1, 8, 4, 2], 5), [1, 8, 4, 2]);
    const dy = tf.tensor4d([1, 2, 3, 4], [1, 2, 1, 2]);
    const [gx] = tf.grads((xi: tf.Tensor) => tf.avgPool(xi as tf.Tensor4D, 4, 4, 'same'))([x], dy);
    const g = gx!.dataSync();
    // Row 0–3 belong to the first cell (dy 1, 2 per channel), rows 4–7 to the second (3, 4).
    expect(g[0]).toBeCloseTo(1 / 16);
    expect(g[1]).toBeCloseTo(2 / 16);
    expect(g[(5 * 4 + 3) * 2]).toBeCloseTo(3 / 16);
    expect(g[(5 * 4 + 3) * 2 + 1]).toBeCloseTo(4 / 16);
  });
});
