/**
 * Loads the contract in proto/ at run time, with the same options the generated types were made
 * with (`npm run gen:proto`), so the typed handlers and the wire agree.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { tolerantRequestDecoding } from './request-decoding.js';
import type { ProtoGrpcType as AdminProto } from './generated/admin.js';
import type { ProtoGrpcType as BatchProto } from './generated/batch.js';
import type { ProtoGrpcType as DnaProto } from './generated/dna.js';
import type { ProtoGrpcType as FingerprintProto } from './generated/fingerprint.js';
import type { ProtoGrpcType as LatentProto } from './generated/latent.js';

export const PROTO_FILES = [
  'biomatch/v1/common.proto', 'biomatch/v1/fingerprint.proto', 'biomatch/v1/latent.proto',
  'biomatch/v1/dna.proto', 'biomatch/v1/batch.proto', 'biomatch/v1/admin.proto',
];

export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: false, longs: Number, enums: String, defaults: true, arrays: true, objects: false, oneofs: true,
};

/** proto/ at the project root, found from here both in the sources and in dist/. */
export function protoDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'proto', 'biomatch', 'v1', 'common.proto'))) return join(dir, 'proto');
    dir = dirname(dir);
  }
  throw new Error('proto/ not found above ' + fileURLToPath(import.meta.url));
}

export type BiomatchProto = AdminProto & BatchProto & DnaProto & FingerprintProto & LatentProto;

let cached: { packageDefinition: protoLoader.PackageDefinition; proto: BiomatchProto } | undefined;

export function loadBiomatchProto(): { packageDefinition: protoLoader.PackageDefinition; proto: BiomatchProto } {
  if (!cached) {
    const packageDefinition = protoLoader.loadSync(PROTO_FILES, { ...LOADER_OPTIONS, includeDirs: [protoDir()] });
    // A request that does not decode gets INVALID_ARGUMENT naming the field, not grpc-js's INTERNAL.
    tolerantRequestDecoding(packageDefinition);
    cached = { packageDefinition, proto: grpc.loadPackageDefinition(packageDefinition) as unknown as BiomatchProto };
  }
  return cached;
}
