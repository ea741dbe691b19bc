/**
 * The orientation cue through the service (docs/decisions/orientation-cue.md): Extract returns the
 * template's block orientation field, and a template sent back with it scores as the images do,
 * in Verify, and after Enroll in Identify; without it, on minutiae alone; a malformed field is
 * INVALID_ARGUMENT naming it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestService, type TestService } from './test-harness.js';
import { call } from './client.js';
import type { CandidateList__Output } from './generated/biomatch/v1/CandidateList.js';
import type { ExtractResponse__Output } from './generated/biomatch/v1/ExtractResponse.js';
import type { FingerprintRecord__Output } from './generated/biomatch/v1/FingerprintRecord.js';
import type { Template__Output } from './generated/biomatch/v1/Template.js';
import type { VerifyResponse__Output } from './generated/biomatch/v1/VerifyResponse.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/fingerprints/${name}`, import.meta.url));
const image = (name: string) => ({ image: { data: fixture(name), ppi: 500 } });
const dataDir = mkdtempSync(join(tmpdir(), 'bm-cue-'));
let t: TestService;
beforeAll(async () => { t = await startTestService({ dataDir }); });
afterAll(async () => { await t?.stop(); rmSync(dataDir, { recursive: true, force: true }); });

describe('the orientation cue over gRPC', () => {
  const templates: Record<string, Template__Output> = {};

  it('Extract returns the block orientation field with the template', async () => {
    const c = t.client('AG1');
    for (const name of ['101_1.tif', '101_2.tif']) {
      const res = await call<object, ExtractResponse__Output>(c.fingerprint.extract, c.fingerprint, { image: { data: fixture(name), ppi: 500 } }, c.metadata(), 60_000);
      const tpl = res.fingers[0].template!;
      const o = tpl.blockOrientations!;
      expect(o.block).toBe(16);
      expect(o.blocksWide).toBe(Math.ceil(tpl.width / 16));
      expect(o.angles.length).toBe(o.blocksWide * o.blocksHigh);
      expect([...o.angles].some((a) => a < 180)).toBe(true);
      templates[name] = tpl;
    }
  });

  it('Verify on the returned templates scores as on the images; without the field, on minutiae alone', async () => {
    const c = t.client('AG1');
    const verify = (probe: object, reference: object) => call<object, VerifyResponse__Output>(c.fingerprint.verify, c.fingerprint, { probe, sample: reference }, c.metadata(), 60_000);
    const images = await verify(image('101_2.tif'), image('101_1.tif'));
    const withField = await verify({ template: { template: templates['101_2.tif'] } }, { template: { template: templates['101_1.tif'] } });
    expect(withField.score).toBe(images.score);
    const bare = (tpl: Template__Output) => ({ template: { template: { ...tpl, blockOrientations: null } } });
    const minutiaeOnly = await verify(bare(templates['101_2.tif']), bare(templates['101_1.tif']));
    expect(minutiaeOnly.score).not.toBe(images.score);
    // One side without: minutiae alone too.
    expect((await verify({ template: { template: templates['101_2.tif'] } }, bare(templates['101_1.tif']))).score).toBe(minutiaeOnly.score);
  });

  it('a template enrolled with its field is found by Identify with the score Verify gives', async () => {
    const c = t.client('AG1');
    const rec = await call<object, FingerprintRecord__Output>(c.fingerprint.enroll, c.fingerprint, { subjectId: 'S-101', fingerPosition: 2, sample: { template: { template: templates['101_1.tif'] } } }, c.metadata(), 60_000);
    expect(rec.template?.blockOrientations?.angles.length).toBe(templates['101_1.tif'].blockOrientations!.angles.length);
    const list = await call<object, CandidateList__Output>(c.fingerprint.identify, c.fingerprint, { probe: image('101_2.tif'), exhaustive: true }, c.metadata(), 60_000);
    const verified = await call<object, VerifyResponse__Output>(c.fingerprint.verify, c.fingerprint, { probe: image('101_2.tif'), recordId: rec.meta!.id }, c.metadata(), 60_000);
    const images = await call<object, VerifyResponse__Output>(c.fingerprint.verify, c.fingerprint, { probe: image('101_2.tif'), sample: image('101_1.tif') }, c.metadata(), 60_000);
    expect(list.candidates[0].recordId).toBe(rec.meta!.id);
    expect(list.candidates[0].score).toBe(verified.score);
    expect(verified.score).toBe(images.score);
  });

  it('refuses a field that does not tile the image or holds a byte out of range, naming it', async () => {
    const c = t.client('AG1');
    const tpl = templates['101_2.tif'];
    const bad = [
      { ...tpl.blockOrientations!, blocksWide: 3 },
      { ...tpl.blockOrientations!, angles: Buffer.from(tpl.blockOrientations!.angles).fill(200, 0, 1) },
    ];
    for (const blockOrientations of bad) {
      const e = await call(c.fingerprint.verify, c.fingerprint, { probe: { template: { template: { ...tpl, blockOrientations } } }, sample: image('101_1.tif') }, c.metadata(), 60_000)
        .then(() => { throw new Error('accepted'); }, (err: grpc.ServiceError) => err);
      expect(e.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(e.details).toMatch(/block_orientations/);
    }
  });
});
