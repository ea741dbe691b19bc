// Development only: runs a TypeScript worker entry inside a worker thread. tsx's loader does not
// reach worker threads on Node 20 (neither through the parent's loader nor `--import tsx` in the
// worker's execArgv), so the thread registers tsx itself and then loads the real entry, which
// `workerData.entry` names. The built output never uses this file: it runs the compiled .js.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const entry = await import(workerData.entry);
export default entry.default;
