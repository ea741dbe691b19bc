/**
 * The RPC fuzzer, short run: random and mutated raw protobuf requests for every method of every
 * service over real gRPC (engine/service/testing/), with its oracles — no crash, no hang past the
 * deadline, no INTERNAL or UNKNOWN answer, the vault agency's stored records unchanged, health
 * SERVING after. Long runs: `npm run fuzz -- --calls 10000`. Plus regression tests for what the
 * fuzzer found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { describeFailure, runFuzz } from './testing/fuzz-runner.js';
import { contractOf, encodeJson } from './testing/fuzz-messages.js';
import { loadBiomatchProto } from './proto.js';
import { startTestService, TEST_PURPOSE, type TestService } from './test-harness.js';
import { AGENCY_HEADER, CASE_HEADER, PURPOSE_HEADER } from './identity.js';

describe('RPC fuzzing (short run)', () => {
  it('300 calls over every method: no crash, hang, INTERNAL or change to stored records', async () => {
    const seed = Number(process.env.BIOMATCH_FUZZ_SEED ?? 20261201);
    const summary = await runFuzz({ calls: 300, seed, concurrency: 4 });
    const report = summary.failures.map((f) => describeFailure(f, seed)).join('\n\n');
    expect(report).toBe('');
    expect(summary.calls).toBe(300);
    // Every method was called, including ones added after this test was written.
    const methods = contractOf(loadBiomatchProto().packageDefinition).methods.map((m) => `${m.service.split('.').pop()}.${m.name}`);
    expect(Object.keys(summary.byMethod).sort()).toEqual(methods.sort());
    expect(summary.vaultRecords).toBeGreaterThan(0);
    expect(summary.storeChecksumAfter).toBe(summary.storeChecksumBefore);
    expect(summary.healthAfter).toBe('SERVING');
    // The valid seeds reach the operations: some calls succeed.
    expect(summary.byCode.OK ?? 0).toBeGreaterThan(0);
  }, 120_000);
});

describe('what the fuzzer found', () => {
  let t: TestService;
  let client: grpc.Client;
  beforeAll(async () => {
    t = await startTestService();
    client = new grpc.Client(t.address, grpc.credentials.createInsecure());
  });
  afterAll(async () => { client?.close(); await t?.stop(); });

  const raw = (path: string, bytes: Buffer) => new Promise<grpc.ServiceError | undefined>((resolve) => {
    const md = new grpc.Metadata();
    md.set(AGENCY_HEADER, 'AG1');
    md.set(PURPOSE_HEADER, TEST_PURPOSE.purpose);
    md.set(CASE_HEADER, TEST_PURPOSE.caseId);
    client.makeUnaryRequest(path, (b: Buffer) => b, (b: Buffer) => b, bytes, md, { deadline: Date.now() + 10_000 }, (err) => resolve(err ?? undefined));
  });
  const contract = contractOf(loadBiomatchProto().packageDefinition);
  const dnaSearch = encodeJson(contract, 'biomatch.v1.DnaSearchRequest', { profile: { loci: { vWA: { alleles: ['17', '18'] } } } });

  it('a truncated request: INVALID_ARGUMENT naming the field, not INTERNAL', async () => {
    const e = await raw('/biomatch.v1.DnaService/Search', dnaSearch.subarray(0, dnaSearch.length - 3));
    expect(e?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(e?.details).toMatch(/^profile(\.loci)?.*: is truncated/);
    expect(e?.metadata.get('biomatch-field')[0]).toMatch(/^profile/);
  });

  it('an invalid wire type: INVALID_ARGUMENT naming the field', async () => {
    // Field 15 (not in the contract) with wire type 7, which does not exist; then inside the profile.
    let e = await raw('/biomatch.v1.DnaService/Search', Buffer.concat([dnaSearch, Buffer.from([0x7f, 0x01])]));
    expect(e?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(e?.details).toBe('request (field 15): has invalid wire type 7');
    e = await raw('/biomatch.v1.DnaService/Search', Buffer.concat([dnaSearch, Buffer.from([0x0a, 0x02, 0x7e, 0x01])]));
    expect(e?.details).toBe('profile (field 15): has invalid wire type 6');
  });

  it('random bytes to every unary method: never INTERNAL', async () => {
    for (const m of contract.methods.filter((x) => !x.requestStream && !x.responseStream)) {
      const e = await raw(m.path, Buffer.from([0xfb, 0x4c]));
      expect(e?.code, m.path).not.toBe(grpc.status.INTERNAL);
    }
  });

  it('an enum value the contract does not name: INVALID_ARGUMENT naming the field, not a TypeError', async () => {
    // profile.relationship = 99 (DnaProfile field 3), and stringency = 42 (field 2).
    const withRelationship = Buffer.concat([dnaSearch, Buffer.from([0x0a, 0x02, 0x18, 99])]);
    let e = await raw('/biomatch.v1.DnaService/Search', withRelationship);
    expect(e?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(e?.details).toBe("profile.relationship: has the value 99, which is not one of its enum's values");
    e = await raw('/biomatch.v1.DnaService/Search', Buffer.concat([dnaSearch, Buffer.from([0x10, 42])]));
    expect(e?.details).toBe("stringency: has the value 42, which is not one of its enum's values");
    // A repeated enum, and one inside a client stream (DnaImportChunk.default_kind = 23).
    e = await raw('/biomatch.v1.DnaService/Search', Buffer.concat([dnaSearch, Buffer.from([0x40, 1, 0x40, 77])]));
    expect(e?.details).toBe("target_kinds[1]: has the value 77, which is not one of its enum's values");
    const md = new grpc.Metadata();
    md.set(AGENCY_HEADER, 'AG1');
    md.set(PURPOSE_HEADER, TEST_PURPOSE.purpose);
    md.set(CASE_HEADER, TEST_PURPOSE.caseId);
    const streamErr = await new Promise<grpc.ServiceError | null>((resolve) => {
      const s = client.makeClientStreamRequest('/biomatch.v1.DnaService/Import', (b: Buffer) => b, (b: Buffer) => b, md, { deadline: Date.now() + 10_000 }, (err) => resolve(err));
      s.write(Buffer.from([0x08, 0x01, 0x20, 0x17]));
      s.end();
    });
    expect(streamErr?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(streamErr?.details).toBe("default_kind: has the value 23, which is not one of its enum's values");
  });
});
