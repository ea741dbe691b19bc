/**
 * The piscina worker entry. Each thread initialises TensorFlow.js once, at module load, with the
 * backend the pool passes in workerData, then runs tasks. Every outcome goes back as a
 * WorkerResponse so engine errors keep their code and field across the thread boundary.
 */
import { threadId, isMainThread, workerData } from 'node:worker_threads';
import { toEngineError } from '../errors.js';
import { initTf, tfInitCount } from './tf-runtime.js';
import { runExtract } from './extract-task.js';
import { runExtractLatent } from './latent-task.js';
import { scanGallery } from '../fingerprint/identification/gallery-scan.js';
import { enrolmentForms } from '../fingerprint/identification/enrolment-forms.js';
import type { WorkerInit, WorkerResponse, WorkerTask, WorkerResultMap } from './messages.js';

const init = workerData as WorkerInit;
const tfBackend = await initTf(init.tfBackend);
let tasksRun = 0;

async function runTask(task: WorkerTask): Promise<WorkerResultMap[WorkerTask['kind']]> {
  switch (task.kind) {
    case 'runtime-info':
      return { threadId, isMainThread, tfBackend, tfInitCount: tfInitCount(), tasksRun };
    case 'extract':
      return runExtract(task);
    case 'gallery-scan':
      return scanGallery(task.request);
    case 'enrolment-forms':
      return enrolmentForms(task.templates);
    case 'extract-latent':
      return runExtractLatent(task);
    default: {
      const never: never = task;
      throw new Error(`unknown task kind ${String((never as { kind: unknown }).kind)}`);
    }
  }
}

export default async function handle(task: WorkerTask): Promise<WorkerResponse<unknown>> {
  tasksRun += 1;
  try {
    return { ok: true, value: await runTask(task) };
  } catch (thrown) {
    const e = toEngineError(thrown);
    return { ok: false, error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) } };
  }
}
