/**
 * Typed clients for a biomatch server, used by the `biomatch` command, the load bench and
 * end-to-end tests. Message limits match the server's default (64 MiB both ways), since replies
 * with stage images and requests with tenprint transactions exceed gRPC's 4 MiB default.
 *
 * Retries: the channel itself retries RESOURCE_EXHAUSTED (the server's worker queue is full) and
 * UNAVAILABLE (starting, shutting down, or not reachable yet) with exponential backoff, by gRPC's
 * own retry policy in the service config (gRFC A6), so every call made through these clients
 * gets it. gRPC retries only calls the server has not answered with headers yet (a unary call
 * answered with an error status alone qualifies) and, for client streams, only while what was sent
 * still fits the retry buffer; all attempts share the call's one deadline.
 */
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { loadBiomatchProto } from './proto.js';
import { AGENCY_HEADER, CASE_HEADER, PURPOSE_HEADER } from './interceptors.js';
import type { FingerprintServiceClient } from './generated/biomatch/v1/FingerprintService.js';
import type { LatentServiceClient } from './generated/biomatch/v1/LatentService.js';
import type { DnaServiceClient } from './generated/biomatch/v1/DnaService.js';
import type { BatchServiceClient } from './generated/biomatch/v1/BatchService.js';
import type { AdminServiceClient } from './generated/biomatch/v1/AdminService.js';

export interface HealthCheckResponse { status: 'UNKNOWN' | 'SERVING' | 'NOT_SERVING' | 'SERVICE_UNKNOWN' }
export interface HealthClient extends grpc.Client {
  check(req: { service: string }, metadata: grpc.Metadata, options: grpc.CallOptions, cb: grpc.requestCallback<HealthCheckResponse>): grpc.ClientUnaryCall;
}

export interface BiomatchClients {
  fingerprint: FingerprintServiceClient;
  latent: LatentServiceClient;
  dna: DnaServiceClient;
  batch: BatchServiceClient;
  admin: AdminServiceClient;
  health: HealthClient;
  /** Metadata carrying the calling agency, and the purpose and case reference when given. */
  metadata(): grpc.Metadata;
  close(): void;
}

export const CLIENT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/** The fields of a gRPC retryPolicy (gRFC A6), in milliseconds where the wire wants "0.1s". */
export interface RetryPolicy {
  /** Attempts in all, the first one included; 1 turns retries off. grpc-js caps it at 5. */
  maxAttempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
  backoffMultiplier: number;
  retryableStatusCodes: grpc.status[];
}

/**
 * Waits before retry n are drawn uniformly from [0, min(100 ms × 2^(n−1), 2 s)] (A6's jitter):
 * at most 0.1 + 0.2 + 0.4 + 0.8 s over the five attempts, long enough for a full worker queue
 * (tens of milliseconds per task) to drain, short next to the CLI's 30 s deadline.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  initialBackoffMs: 100,
  maxBackoffMs: 2000,
  backoffMultiplier: 2,
  retryableStatusCodes: [grpc.status.RESOURCE_EXHAUSTED, grpc.status.UNAVAILABLE],
};

export interface ConnectOptions {
  /** Default DEFAULT_RETRY_POLICY; `false`: one attempt per call. */
  retry?: RetryPolicy | false;
  /** Extra channel arguments (e.g. `grpc.use_local_subchannel_pool` for a channel of its own). */
  channelOptions?: grpc.ChannelOptions;
  /** TLS instead of plain text; with `cert` and `key`, mutual TLS. */
  tls?: ClientTls;
  /** Purpose code sent with every call (`criminal-investigation` ...; engine/security/purpose.ts). */
  purpose?: string;
  /** Case reference sent with every call. */
  caseId?: string;
}

/** PEM material for a TLS channel. */
export interface ClientTls {
  /** CA bundle the server's certificate must chain to; absent: the system's roots. */
  ca?: Buffer;
  /** Client certificate (chain) and its key, for a server that asks for one (mutual TLS). */
  cert?: Buffer;
  key?: Buffer;
  /** Name the server's certificate must carry, when it differs from the address dialled. */
  serverName?: string;
}

/** File paths as the CLI takes them (`--tls-ca --tls-cert --tls-key --tls-server-name`). */
export interface ClientTlsFiles {
  ca?: string;
  cert?: string;
  key?: string;
  serverName?: string;
}

/**
 * Reads the TLS files for a client; undefined when none is named (plain text). Throws an Error
 * naming the option at fault: a file that cannot be read, or a certificate without its key.
 */
export function readClientTls(files: ClientTlsFiles): ClientTls | undefined {
  if (!files.ca && !files.cert && !files.key) {
    if (files.serverName) throw new Error('--tls-server-name: applies only with --tls-ca or --tls-cert');
    return undefined;
  }
  if (!files.cert !== !files.key) throw new Error(files.cert ? '--tls-cert: needs --tls-key' : '--tls-key: needs --tls-cert');
  const read = (flag: string, path: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (e) {
      throw new Error(`${flag} ${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  };
  return {
    ...(files.ca ? { ca: read('--tls-ca', files.ca) } : {}),
    ...(files.cert ? { cert: read('--tls-cert', files.cert) } : {}),
    ...(files.key ? { key: read('--tls-key', files.key) } : {}),
    ...(files.serverName ? { serverName: files.serverName } : {}),
  };
}

/** Channel credentials: plain text without `tls`, else TLS (mutual when a certificate is given). */
export function channelCredentials(tls?: ClientTls): grpc.ChannelCredentials {
  if (!tls) return grpc.credentials.createInsecure();
  return grpc.credentials.createSsl(tls.ca ?? null, tls.key ?? null, tls.cert ?? null);
}

/** The `grpc.service_config` JSON carrying `policy` for every method of every service. */
export function retryServiceConfig(policy: RetryPolicy): string {
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;
  return JSON.stringify({
    methodConfig: [{
      name: [{}],
      retryPolicy: {
        maxAttempts: policy.maxAttempts,
        initialBackoff: seconds(policy.initialBackoffMs),
        maxBackoff: seconds(policy.maxBackoffMs),
        backoffMultiplier: policy.backoffMultiplier,
        retryableStatusCodes: policy.retryableStatusCodes.map((c) => grpc.status[c]),
      },
    }],
  });
}

/** Channel arguments for a biomatch client: message limits, and the retry policy unless turned off. */
export function clientChannelOptions(options: ConnectOptions = {}): grpc.ChannelOptions {
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  return {
    'grpc.max_receive_message_length': CLIENT_MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': CLIENT_MAX_MESSAGE_BYTES,
    // A request is kept for resending until it is answered; grpc-js keeps 1 MiB per call by
    // default, less than one image, which would make image calls unretried.
    'grpc.per_rpc_retry_buffer_size': CLIENT_MAX_MESSAGE_BYTES,
    ...(retry && retry.maxAttempts > 1 ? { 'grpc.service_config': retryServiceConfig(retry) } : { 'grpc.enable_retries': 0 }),
    ...(options.tls?.serverName ? { 'grpc.ssl_target_name_override': options.tls.serverName, 'grpc.default_authority': options.tls.serverName } : {}),
    ...options.channelOptions,
  };
}

export function connect(address: string, agency = '', connectOptions: ConnectOptions = {}): BiomatchClients {
  const { proto } = loadBiomatchProto();
  const v1 = proto.biomatch.v1;
  const creds = channelCredentials(connectOptions.tls);
  const options = clientChannelOptions(connectOptions);
  const healthDef = protoLoader.loadSync(healthProtoPath, { keepCase: true, enums: String, defaults: true });
  const healthPkg = grpc.loadPackageDefinition(healthDef) as unknown as { grpc: { health: { v1: { Health: new (a: string, c: grpc.ChannelCredentials, o: object) => HealthClient } } } };
  const clients = {
    fingerprint: new v1.FingerprintService(address, creds, options),
    latent: new v1.LatentService(address, creds, options),
    dna: new v1.DnaService(address, creds, options),
    batch: new v1.BatchService(address, creds, options),
    admin: new v1.AdminService(address, creds, options),
    health: new healthPkg.grpc.health.v1.Health(address, creds, options),
  };
  return {
    ...clients,
    metadata() {
      const md = new grpc.Metadata();
      if (agency) md.set(AGENCY_HEADER, agency);
      if (connectOptions.purpose) md.set(PURPOSE_HEADER, connectOptions.purpose);
      if (connectOptions.caseId) md.set(CASE_HEADER, connectOptions.caseId);
      return md;
    },
    close() { for (const c of Object.values(clients)) c.close(); },
  };
}

/** Promise form of a unary client call with a deadline. */
export function call<Req, Res>(
  method: (req: Req, md: grpc.Metadata, opts: grpc.CallOptions, cb: grpc.requestCallback<Res>) => grpc.ClientUnaryCall,
  target: object, request: Req, metadata: grpc.Metadata, timeoutMs = 30_000,
): Promise<Res> {
  return new Promise((resolve, reject) => {
    method.call(target, request, metadata, { deadline: Date.now() + timeoutMs }, (err, res) => (err ? reject(err) : resolve(res as Res)));
  });
}
