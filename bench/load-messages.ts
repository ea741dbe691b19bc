/**
 * What bench/load.bench.ts and its client threads (load-worker.ts) say to each other, and the
 * report it writes. Requests travel to each thread once, at start; a run sends only how many calls
 * to keep in flight and for how long; a thread answers with its latencies (transferred, not copied),
 * its errors by status name and how many answers were right.
 */
import type { Template } from '../engine/service/generated/biomatch/v1/Template.js';
import type { RetryPolicy } from '../engine/service/client.js';

export const SCENARIOS = ['extract', 'verify', 'identify', 'dna-search', 'mixed'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** One request a client thread can send, with what a right answer is. */
export type LoadRequest =
  /** An FVC2002 image; right: at least one template with minutiae comes back. */
  | { kind: 'extract'; image: Uint8Array; ppi: number }
  /** A probe template against an enrolled record; right: `match` equals `genuine`. */
  | { kind: 'verify'; probe: Template; recordId: string; genuine: boolean }
  /** An FVC2002 impression 2–8; right: the rank-1 candidate is its mate (impression 1's subject). */
  | { kind: 'identify'; probe: Template; mateSubject: string }
  /** A profile planted in the gallery, searched at high stringency; right: it is among the candidates. */
  | { kind: 'dna-search'; loci: Record<string, string[]>; plantedExternalId: string };

export type RequestKind = LoadRequest['kind'];

export interface WorkerInit {
  /** For engine/workers/dev-bootstrap.mjs: the TypeScript entry to load. */
  entry: string;
  address: string;
  agency: string;
  /** The order requests are sent in; each in-flight loop starts at its own offset and cycles. */
  requests: LoadRequest[];
  deadlineMs: number;
  retry: RetryPolicy | false;
}

export type ToWorker =
  | { type: 'run'; inFlight: number; seconds: number; offset: number }
  | { type: 'close' };

export interface RunResult {
  type: 'done';
  /** Latency of every call that answered OK, in milliseconds. */
  latenciesMs: Float64Array;
  /** Calls that failed after the client's retries, by gRPC status name. */
  errors: Record<string, number>;
  /** OK answers that could be judged, and how many of those were right. */
  judged: number;
  right: number;
  /** Wall-clock (epoch ms) of the first call sent and the last answer received. */
  firstSentAt: number;
  lastAnsweredAt: number;
}

export type FromWorker = { type: 'ready' } | RunResult | { type: 'failed'; message: string };

/** OUT.json: exactly these keys. */
export interface LoadReport {
  scenario: Scenario;
  gallery: number;
  settings: Record<string, unknown>;
  runs: LoadRun[];
}

export interface LoadRun {
  concurrency: number;
  /** Calls completed during the run, OK or not. */
  requests: number;
  /** OK answers per second over the run (first call sent to last answer). */
  rps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  errors: Record<string, number>;
  /** grpc.health.v1 Check latency, 99th percentile, polled every ~20 ms on a channel of its own. */
  healthP99Ms: number;
  /** Right answers / judged OK answers (null when none could be judged). */
  correct: number | null;
}

/** Purpose and case every bench client sends (reads and searches need them; engine/security/purpose.ts). */
export const BENCH_PURPOSE = { purpose: 'quality-control', caseId: 'BENCH-LOAD' } as const;
