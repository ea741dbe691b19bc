/**
 * TensorFlow.js, initialised once per thread with the configured backend (default wasm: the
 * tfjs-node backend cannot install where its download host is unreachable, as on our machines).
 */
import * as tf from '@tensorflow/tfjs-core';
import { EngineError, ErrorCode } from '../errors.js';
import type { TfBackendName } from './messages.js';

let initCount = 0;
let initialised: Promise<string> | undefined;

export function initTf(backend: TfBackendName): Promise<string> {
  initialised ??= (async () => {
    initCount += 1;
    try {
      if (backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
      else if (backend === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
      // tfjs-node is optional and not a dependency: its install script downloads libtensorflow.
      else await import('@tensorflow/tfjs-node' as string);
      const ok = await tf.setBackend(backend);
      if (!ok) throw new Error(`backend ${backend} did not initialise`);
      await tf.ready();
      return tf.getBackend();
    } catch (e) {
      throw new EngineError(ErrorCode.Unavailable, `TensorFlow.js backend "${backend}" is not available`, { cause: e });
    }
  })();
  return initialised;
}

export function tfInitCount(): number {
  return initCount;
}
