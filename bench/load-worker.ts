/**
 * One client thread of bench/load.bench.ts: its own gRPC channels (a local subchannel pool, so no
 * connection is shared with another thread), and on each `run` a number of closed loops, each
 * sending one request and waiting for its answer before the next, until the run's time is up.
 * Started through engine/workers/dev-bootstrap.mjs (tsx does not reach worker threads on Node 20).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import * as grpc from '@grpc/grpc-js';
import { connect } from '../engine/service/client.js';
import type { CandidateList__Output } from '../engine/service/generated/biomatch/v1/CandidateList.js';
import type { ExtractResponse__Output } from '../engine/service/generated/biomatch/v1/ExtractResponse.js';
import type { VerifyResponse__Output } from '../engine/service/generated/biomatch/v1/VerifyResponse.js';
import { BENCH_PURPOSE, type FromWorker, type LoadRequest, type RunResult, type ToWorker, type WorkerInit } from './load-messages.js';

const init = workerData as WorkerInit;
const port = parentPort!;
const clients = connect(init.address, init.agency, { retry: init.retry, ...BENCH_PURPOSE, channelOptions: { 'grpc.use_local_subchannel_pool': 1 } });

type Callback<T> = grpc.requestCallback<T>;

/** Sends one request; resolves with whether the answer was right (undefined: nothing to judge). */
function send(r: LoadRequest, deadline: number): Promise<boolean | undefined> {
  const md = clients.metadata();
  const opts: grpc.CallOptions = { deadline };
  return new Promise((resolve, reject) => {
    switch (r.kind) {
      case 'extract': {
        const cb: Callback<ExtractResponse__Output> = (e, res) => (e ? reject(e) : resolve((res?.fingers[0]?.template?.minutiae.length ?? 0) > 0));
        clients.fingerprint.extract({ image: { data: r.image, ppi: r.ppi } }, md, opts, cb);
        break;
      }
      case 'verify': {
        const cb: Callback<VerifyResponse__Output> = (e, res) => (e ? reject(e) : resolve(res?.match === r.genuine));
        clients.fingerprint.verify({ probe: { template: { template: r.probe } }, recordId: r.recordId }, md, opts, cb);
        break;
      }
      case 'identify': {
        const cb: Callback<CandidateList__Output> = (e, res) => (e ? reject(e) : resolve(res?.candidates[0]?.subjectId === r.mateSubject));
        clients.fingerprint.identify({ probe: { template: { template: r.probe } }, maxCandidates: 10 }, md, opts, cb);
        break;
      }
      case 'dna-search': {
        const loci = Object.fromEntries(Object.entries(r.loci).map(([l, alleles]) => [l, { alleles }]));
        const cb: Callback<CandidateList__Output> = (e, res) => (e ? reject(e) : resolve(res?.candidates.some((c) => c.externalId === r.plantedExternalId) ?? false));
        clients.dna.search({ profile: { loci }, stringency: 'STRINGENCY_HIGH', maxCandidates: 10 }, md, opts, cb);
        break;
      }
    }
  });
}

async function run(inFlight: number, seconds: number, offset: number): Promise<RunResult> {
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let judged = 0;
  let right = 0;
  const firstSentAt = Date.now();
  const endAt = performance.now() + seconds * 1000;
  const n = init.requests.length;
  const loop = async (slot: number): Promise<void> => {
    // Loops start spread over the request list, so they do not all send the same probe.
    let i = (offset + Math.floor((slot * n) / inFlight)) % n;
    while (performance.now() < endAt) {
      const r = init.requests[i];
      i = (i + 1) % n;
      const t0 = performance.now();
      try {
        const ok = await send(r, Date.now() + init.deadlineMs);
        latencies.push(performance.now() - t0);
        if (ok !== undefined) {
          judged++;
          if (ok) right++;
        }
      } catch (e) {
        const code = (e as Partial<grpc.ServiceError>).code;
        const name = typeof code === 'number' ? (grpc.status[code] ?? String(code)) : 'CLIENT_ERROR';
        errors[name] = (errors[name] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, (_, s) => loop(s)));
  return { type: 'done', latenciesMs: Float64Array.from(latencies), errors, judged, right, firstSentAt, lastAnsweredAt: Date.now() };
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'close') {
    clients.close();
    port.close();
    return;
  }
  run(m.inFlight, m.seconds, m.offset).then(
    (result) => port.postMessage(result satisfies FromWorker, [result.latenciesMs.buffer as ArrayBuffer]),
    (e: unknown) => port.postMessage({ type: 'failed', message: e instanceof Error ? e.message : String(e) } satisfies FromWorker),
  );
});
port.postMessage({ type: 'ready' } satisfies FromWorker);
