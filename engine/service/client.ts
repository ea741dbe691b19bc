/**
 * Typed clients for a biomatch server, used by the `biomatch` command and by end-to-end tests.
 * Message limits match the server's default (64 MiB both ways), since replies with stage images
 * and requests with tenprint transactions exceed gRPC's 4 MiB default.
 */
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { loadBiomatchProto } from './proto.js';
import { AGENCY_HEADER } from './call-context.js';
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
  /** Metadata carrying the calling agency. */
  metadata(): grpc.Metadata;
  close(): void;
}

export const CLIENT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export function connect(address: string, agency = ''): BiomatchClients {
  const { proto } = loadBiomatchProto();
  const v1 = proto.biomatch.v1;
  const creds = grpc.credentials.createInsecure();
  const options = { 'grpc.max_receive_message_length': CLIENT_MAX_MESSAGE_BYTES, 'grpc.max_send_message_length': CLIENT_MAX_MESSAGE_BYTES };
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
