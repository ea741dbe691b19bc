/**
 * The operations layer: an operation called directly and the same operation called through gRPC
 * (binder, interceptor chain, proto conversion) give the same answer; the chain's identity and
 * access steps refuse callers without a well-formed agency; and evidence carries the alignment.
 */
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { galleryTemplate } from '../../../fixtures/gallery/background-gallery.js';
import { buildProfile } from '../../dna/index.js';
import { displaced } from '../../../fixtures/gallery/displaced.js';
import type { FingerprintTemplate } from '../../fingerprint/template.js';
import { candidateToProto } from '../bindings/fingerprint.js';
import { dnaBindings } from '../bindings/dna.js';
import { call } from '../client.js';
import { templateToProto } from '../convert/fingerprint.js';
import type { CandidateList__Output } from '../generated/biomatch/v1/CandidateList.js';
import type { FingerprintRecord__Output } from '../generated/biomatch/v1/FingerprintRecord.js';
import type { VerifyResponse__Output } from '../generated/biomatch/v1/VerifyResponse.js';
import { loadBiomatchProto } from '../proto.js';
import { startTestService, type TestService } from '../test-harness.js';

let t: TestService;
beforeAll(async () => { t = await startTestService(); });
afterAll(async () => { await t?.stop(); });

const never = new AbortController().signal;
const LOCI: Record<string, string[]> = { D3S1358: ['15', '16'], vWA: ['17', '18'], FGA: ['21', '24'], D8S1179: ['13', '14'], D21S11: ['29', '30.2'], D18S51: ['14', '17'], D5S818: ['11', '12'], D13S317: ['11', '12'], D7S820: ['8', '10'], CSF1PO: ['10', '12'], TH01: ['6', '9.3'], TPOX: ['8', '11'] };
const lociMsg = (loci: Record<string, string[]>) => ({ loci: Object.fromEntries(Object.entries(loci).map(([l, a]) => [l, { alleles: a }])) });
const tmpl = (template: FingerprintTemplate) => ({ template: { template: templateToProto(template) } });

/** What a message looks like after the wire: serialized and parsed with the client's options. */
function overTheWire<Res, Out>(method: { responseSerialize: (v: Res) => Buffer; responseDeserialize: (b: Buffer) => Out }, message: Res): Out {
  return method.responseDeserialize(method.responseSerialize(message));
}

describe('operations', () => {
  it('DnaService/Search: the operation called directly and through gRPC answer the same', async () => {
    const c = t.client('AG1');
    await call(c.dna.enroll, c.dna, { profile: lociMsg(LOCI), subjectId: 'P-1', externalId: 'LAB-1' }, c.metadata());
    const viaGrpc = await call<object, CandidateList__Output>(c.dna.search, c.dna, { profile: lociMsg(LOCI), stringency: 'STRINGENCY_MODERATE' }, c.metadata());
    const { deps } = t.service;
    const direct = await deps.operations.dna.search({ agency: 'AG1' }, {
      profile: buildProfile({ loci: LOCI }, deps.catalog.registry), options: { stringency: 'moderate' },
    }, never);
    const bindings = dnaBindings(deps.operations.dna, deps.catalog);
    const search = bindings.Search;
    if (!('encode' in search)) throw new Error('DnaService/Search is built');
    const encoded = overTheWire(loadBiomatchProto().proto.biomatch.v1.DnaService.service.Search, search.encode(direct));
    expect(viaGrpc.candidates.length).toBe(1);
    expect({ ...encoded, elapsedMs: 0 }).toEqual({ ...viaGrpc, elapsedMs: 0 });
    expect(viaGrpc.candidates[0]).toMatchObject({ subjectId: 'P-1', externalId: 'LAB-1', ownerAgency: 'AG1' });
  });

  it('FingerprintService/Identify: the same answer directly and through gRPC, evidence with the alignment of a rotated, shifted probe', async () => {
    const c = t.client('AG1');
    const mate = galleryTemplate(404, 1);
    for (let i = 0; i < 30; i++) await call(c.fingerprint.enroll, c.fingerprint, { sample: tmpl(galleryTemplate(404, 100 + i)), subjectId: `bg-${i}` }, c.metadata());
    const rec = await call<object, FingerprintRecord__Output>(c.fingerprint.enroll, c.fingerprint, { sample: tmpl(mate), subjectId: 'S-MATE', fingerPosition: 3 }, c.metadata());
    const { probe, alignment } = displaced(mate, (-25 * Math.PI) / 180, -15, 35);
    const viaGrpc = await call<object, CandidateList__Output>(c.fingerprint.identify, c.fingerprint, { probe: tmpl(probe), maxCandidates: 3 }, c.metadata());
    const direct = await t.service.deps.operations.fingerprint.identify({ agency: 'AG1' }, {
      probe: { source: 'template', template: probe }, maxCandidates: 3, minScore: 0, fingerPositions: [], exhaustive: false,
    }, never);
    const method = loadBiomatchProto().proto.biomatch.v1.FingerprintService.service.Identify;
    const encoded = overTheWire(method, { candidates: direct.candidates.map(candidateToProto), totalHits: direct.totalHits, compared: direct.compared, elapsedMs: 0 });
    expect({ ...encoded, elapsedMs: 0 }).toEqual({ ...viaGrpc, elapsedMs: 0 });
    const top = viaGrpc.candidates[0];
    expect(top).toMatchObject({ recordId: rec.meta!.id, subjectId: 'S-MATE', ownerAgency: 'AG1', fingerPosition: 3 });
    expect(Math.abs(top.fingerprint!.rotationDegrees - -25)).toBeLessThanOrEqual(5);
    expect(Math.abs(top.fingerprint!.translationX - alignment.dx)).toBeLessThanOrEqual(10);
    expect(Math.abs(top.fingerprint!.translationY - alignment.dy)).toBeLessThanOrEqual(10);

    // Verify against the record id carries the same alignment.
    const v = await call<object, VerifyResponse__Output>(c.fingerprint.verify, c.fingerprint, { probe: tmpl(probe), recordId: rec.meta!.id }, c.metadata());
    expect(v.match).toBe(true);
    expect(Math.abs(v.evidence!.rotationDegrees - -25)).toBeLessThanOrEqual(5);
    expect(Math.abs(v.evidence!.translationX - alignment.dx)).toBeLessThanOrEqual(10);
    expect(Math.abs(v.evidence!.translationY - alignment.dy)).toBeLessThanOrEqual(10);
  });

  it('answers 100 concurrent Identify calls, none refused (searches wait their turn, bounded)', async () => {
    const c = t.client('AG1');
    const probe = tmpl(galleryTemplate(404, 1));
    const answers = await Promise.allSettled(Array.from({ length: 100 }, () => call<object, CandidateList__Output>(c.fingerprint.identify, c.fingerprint, { probe, maxCandidates: 1 }, c.metadata(), 60_000)));
    expect(answers.filter((a) => a.status === 'rejected')).toEqual([]);
  }, 90_000);

  it('refuses a missing or malformed agency before any operation runs (UNAUTHENTICATED)', async () => {
    for (const agency of ['', '*', 'x'.repeat(10_000)]) {
      const c = t.client(agency);
      const err = await call(c.admin.getStats, c.admin, {}, c.metadata()).then(() => undefined, (e: grpc.ServiceError) => e);
      expect(err?.code).toBe(grpc.status.UNAUTHENTICATED);
    }
  });

  it('answers a LatentService error (the field at fault), and a server stream with one status, through the same chain', async () => {
    const c = t.client('AG1');
    const err = await call(c.latent.search, c.latent, {}, c.metadata()).then(() => undefined, (e: grpc.ServiceError) => e);
    expect(err?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(err?.metadata.get('biomatch-field')).toEqual(['mark']);
    expect(t.logs.some((l) => l.includes('"/biomatch.v1.LatentService/Search"') && l.includes('INVALID_ARGUMENT'))).toBe(true);
    // A server stream too: one status, no data, and its log line.
    const stream = c.batch.getResults({ jobId: 'job_00000000-0000-0000-0000-000000000000' }, c.metadata());
    const status = await new Promise<grpc.ServiceError>((resolve) => { stream.on('data', () => undefined); stream.on('error', resolve); });
    expect(status.code).toBe(grpc.status.NOT_FOUND);
    expect(t.logs.some((l) => l.includes('"/biomatch.v1.BatchService/GetResults"') && l.includes('NOT_FOUND'))).toBe(true);
  });
});
