/**
 * Gradients for training the latent orientation network (engine/latent/orientation-network.ts) on
 * TensorFlow.js's wasm backend (scripts/train-latent-orientation.ts). tfjs-core's node bundle
 * registers no gradients (the full tfjs package does, and is not a dependency), and the wasm backend
 * has no Conv2DBackpropFilter kernel; the cpu backend has, but trained this net at ~10 s a step here
 * against ~0.1 s on wasm (measured). So the few gradients the net needs are registered here, and the
 * convolution's is written out: the input's through conv2dTranspose (Conv2DBackpropInput), the
 * filter's as a convolution of the padded input with the output gradient (batch and channels
 * swapped), the bias's a sum. orientation-net-gradients.test.ts holds them to the built-in ones.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NetConv } from '../../engine/latent/orientation-network.js';

let registered = false;

/** Registers the gradients the network needs (once per process). */
export function registerGradients(): void {
  if (registered) return;
  registered = true;
  const dyOf = (dy: tf.Tensor | tf.Tensor[]): tf.Tensor => (Array.isArray(dy) ? dy[0]! : dy);
  tf.registerGradient({ kernelName: 'Relu', inputsToSave: ['x'], gradFunc: (dy, saved) => ({ x: () => tf.mul(dyOf(dy), tf.step(saved[0]!)) }) });
  tf.registerGradient({ kernelName: 'Add', gradFunc: (dy) => ({ a: () => dyOf(dy), b: () => dyOf(dy) }) });
  // Non-overlapping 4 × 4 pooling of a grid divisible by 4 (training crops are): each input gets a sixteenth of its cell's gradient.
  tf.registerGradient({ kernelName: 'AvgPool', inputsToSave: ['x'], gradFunc: (dy, saved, attrs) => ({
    x: () => {
      const x = saved[0]!;
      const a = attrs as unknown as { filterSize: number | number[]; strides: number | number[] };
      if (a.filterSize !== 4 || a.strides !== 4 || x.shape[1]! % 4 !== 0 || x.shape[2]! % 4 !== 0) throw new Error('AvgPool gradient: only 4 × 4 pooling of a grid divisible by 4');
      return tf.div(tf.image.resizeNearestNeighbor(dyOf(dy) as tf.Tensor4D, [x.shape[1]!, x.shape[2]!]), 16);
    },
  }) });
  tf.registerGradient({ kernelName: 'ResizeBilinear', inputsToSave: ['images'], gradFunc: (dy, saved, attrs) => ({ images: () => tf.engine().runKernel('ResizeBilinearGrad', { dy: dyOf(dy), images: saved[0]! }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor }) });
  tf.registerGradient({ kernelName: 'Cast', gradFunc: (dy) => ({ x: () => dyOf(dy) }) });
  tf.registerGradient({ kernelName: 'Identity', gradFunc: (dy) => ({ x: () => dyOf(dy) }) });
  tf.registerGradient({ kernelName: 'Reshape', inputsToSave: ['x'], gradFunc: (dy, saved) => ({ x: () => tf.reshape(dyOf(dy), saved[0]!.shape) }) });
}

/** The filter gradient of a 'same', stride-1 k × k convolution (see registerGradients). */
export function filterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, k: number): tf.Tensor4D {
  const p = (k - 1) >> 1;
  const padded = p > 0 ? tf.pad(x, [[0, 0], [p, p], [p, p], [0, 0]]) : x;
  const xt = tf.transpose(padded, [3, 1, 2, 0]) as tf.Tensor4D; // [in, H + 2p, W + 2p, n]
  const f = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D; // [H, W, n, out]
  return tf.transpose(tf.conv2d(xt, f, 1, 'valid'), [1, 2, 0, 3]) as tf.Tensor4D; // [k, k, in, out]
}

/** NetConv for training: a convolution with its gradient written out (wasm has the kernels it uses). */
export const trainingConv: NetConv = (x, p) => {
  const op = tf.customGrad(((xi: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor1D, save: tf.GradSaveFunc) => {
    save([xi, w]);
    return {
      value: tf.add(tf.conv2d(xi, w, 1, 'same'), b),
      gradFunc: (dy: tf.Tensor4D, saved: tf.Tensor[]) => {
        const [xs, ws] = saved as [tf.Tensor4D, tf.Tensor4D];
        return [tf.conv2dTranspose(dy, ws, xs.shape, 1, 'same'), filterGradient(xs, dy, ws.shape[0]), tf.sum(dy, [0, 1, 2])];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return (op as unknown as (a: tf.Tensor4D, b: tf.Tensor4D, c: tf.Tensor1D) => tf.Tensor4D)(x, p.kernel, p.bias);
};
