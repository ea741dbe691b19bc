/**
 * The shapes that cross the worker-thread boundary, in one place. Results travel as a tagged union
 * rather than as thrown errors, because structured cloning drops an Error's own properties (the
 * engine error's code and field would be lost on the way back).
 */
import type { ErrorCode } from '../errors.js';

export type TfBackendName = 'wasm' | 'cpu' | 'tensorflow';

export interface WorkerInit {
  tfBackend: TfBackendName;
  /** URL of the real entry module (read by the development bootstrap). */
  entry: string;
}

/** Reports which thread ran the task and how TensorFlow.js was initialised there. */
export interface RuntimeInfoTask {
  kind: 'runtime-info';
}

export interface RuntimeInfo {
  threadId: number;
  isMainThread: boolean;
  tfBackend: string;
  /** How many times this thread initialised TensorFlow.js (must stay 1). */
  tfInitCount: number;
  tasksRun: number;
}

export type WorkerTask = RuntimeInfoTask;

export interface WorkerResultMap {
  'runtime-info': RuntimeInfo;
}

export interface SerializedError {
  code: ErrorCode;
  message: string;
  field?: string;
}

export type WorkerResponse<R> = { ok: true; value: R } | { ok: false; error: SerializedError };
