/**
 * Client side of BatchService, for the `biomatch batch` command, benches and tests: submit a
 * stream of items (with back-pressure), and read results as an async iterable.
 */
import type * as grpc from '@grpc/grpc-js';
import type { BiomatchClients } from './client.js';
import type { BatchItem } from './generated/biomatch/v1/BatchItem.js';
import type { BatchItemResult__Output } from './generated/biomatch/v1/BatchItemResult.js';
import type { BatchJob__Output } from './generated/biomatch/v1/BatchJob.js';

/** Streams `items` as one job; the first carries `requestId`. Resolves with the acknowledged job. */
export function submitBatch(c: BiomatchClients, items: Iterable<BatchItem> | AsyncIterable<BatchItem>, options: { requestId?: string; metadata?: grpc.Metadata; timeoutMs?: number } = {}): Promise<BatchJob__Output> {
  return new Promise((resolve, reject) => {
    const md = options.metadata ?? c.metadata();
    // The server may answer before the stream ends (a known request id: the same job, the rest unread).
    let answered = false;
    const stream = c.batch.submit(md, { deadline: Date.now() + (options.timeoutMs ?? 600_000) }, (err, job) => {
      answered = true;
      stream.emit('drain');
      if (err) reject(err); else resolve(job!);
    });
    void (async () => {
      let first = true;
      try {
        for await (const item of items as AsyncIterable<BatchItem>) {
          if (answered) break;
          const msg = first && options.requestId ? { ...item, requestId: options.requestId } : item;
          first = false;
          if (!stream.write(msg)) await new Promise((r) => stream.once('drain', r));
        }
        stream.end();
      } catch (e) {
        stream.cancel();
        reject(e);
      }
    })();
  });
}

/** The job's results from `resumeToken`; `wait`: until the job ends. */
export async function* batchResults(c: BiomatchClients, jobId: string, options: { resumeToken?: string; wait?: boolean; metadata?: grpc.Metadata } = {}): AsyncGenerator<BatchItemResult__Output> {
  const stream = c.batch.getResults({ jobId, resumeToken: options.resumeToken ?? '', wait: options.wait ?? false }, options.metadata ?? c.metadata());
  try {
    for await (const r of stream) yield r as BatchItemResult__Output;
  } finally {
    stream.cancel();
  }
}
