/**
 * Fuzzing the decoders of untrusted bytes (WSQ, ANSI/NIST, BMP, lossless JPEG, ISO/ANSI templates) with
 * fast-check: mutations (bit flips, byte writes, insertions, deletions, truncations) of real files,
 * and random bytes behind each format's magic. Every input must either decode or throw EngineError
 * INVALID_ARGUMENT — never another exception, never a hang (each call is timed).
 *
 * `npm test` runs a few hundred cases per decoder in a few seconds; a longer run:
 *   BIOMATCH_FUZZ_RUNS=20 npx vitest run engine/fingerprint/codecs/codec-fuzz.test.ts
 * multiplies every decoder's case count by 20.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataPath } from '../../../fixtures/shared-data.js';
import { EngineError, ErrorCode } from '../../errors.js';
import { decodeWsq } from './wsq-decoder.js';
import { decodeBmp } from './bmp-decoder.js';
import { decodeJpegLossless } from './jpeg-lossless-decoder.js';
import { decodeImage } from './image-decoder.js';
import { readAnsiNist } from './ansi-nist-images.js';
import { decodeTemplate, decodeTemplateRecord } from '../templates/template-format.js';
import { encodeAnsi378, encodeIso19794_2 } from '../templates/index.js';

const SCALE = Math.max(1, Number(process.env.BIOMATCH_FUZZ_RUNS ?? '1') || 1);
/** A single decode slower than this is treated as a hang (generous: the machine is shared). */
const HANG_MS = 10_000;

type Op = { kind: 'flip' | 'set' | 'insert' | 'delete' | 'truncate'; pos: number; val: number };
const opArb: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom<Op['kind']>('flip', 'set', 'set', 'insert', 'delete', 'truncate'),
  pos: fc.nat(),
  val: fc.integer({ min: 0, max: 255 }),
});

function mutate(seed: Uint8Array, ops: Op[]): Uint8Array {
  let b = seed.slice();
  for (const op of ops) {
    if (b.length === 0) break;
    const p = op.pos % b.length;
    switch (op.kind) {
      case 'flip':
        b[p] ^= 1 << (op.val & 7);
        break;
      case 'set':
        b[p] = op.val;
        break;
      case 'insert': {
        const n = new Uint8Array(b.length + 1);
        n.set(b.subarray(0, p));
        n[p] = op.val;
        n.set(b.subarray(p), p + 1);
        b = n;
        break;
      }
      case 'delete':
        b = Uint8Array.from([...b.subarray(0, p), ...b.subarray(p + 1)]);
        break;
      case 'truncate':
        b = b.slice(0, p);
        break;
    }
  }
  return b;
}

/** Runs a decoder; fails the property unless it returns or throws EngineError INVALID_ARGUMENT. */
async function onlyInvalidArgument(run: () => unknown): Promise<void> {
  const t0 = performance.now();
  try {
    await run();
  } catch (e) {
    if (!(e instanceof EngineError) || e.code !== ErrorCode.InvalidArgument) {
      throw new Error(`decoder threw ${e instanceof EngineError ? e.code : (e as Error)?.name}: ${(e as Error)?.message}`);
    }
  }
  const ms = performance.now() - t0;
  if (ms > HANG_MS) throw new Error(`decoder took ${ms.toFixed(0)} ms`);
}

function inputs(seeds: Uint8Array[], magic: number[]): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.integer({ min: 0, max: seeds.length - 1 }), fc.array(opArb, { minLength: 1, maxLength: 8 })).map(([i, ops]) => mutate(seeds[i], ops)) },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 600 }).map((tail) => Uint8Array.from([...magic, ...tail])) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 600 }) },
  );
}

const read = (...p: string[]): Uint8Array => new Uint8Array(readFileSync(sharedDataPath(...p)));
const shared = hasSharedData('fingerprints');

describe('decoder fuzzing: decode or INVALID_ARGUMENT, nothing else', () => {
  it('ISO 19794-2 / ANSI 378 templates', async () => {
    const seeds = [
      encodeIso19794_2({ width: 300, height: 400, resolutionPpi: 500, minutiae: [{ x: 10, y: 20, direction: 1, type: 'ending', quality: 50 }, { x: 30, y: 40, direction: 4, type: 'bifurcation', quality: 60 }], singularPoints: [{ type: 'core', x: 100, y: 100, direction: 1 }], quality: 70, fingerPosition: 2 }),
      encodeAnsi378({ width: 300, height: 400, resolutionPpi: 500, minutiae: [{ x: 10, y: 20, direction: 1, type: 'ending', quality: 50 }], singularPoints: [{ type: 'delta', x: 10, y: 10, direction: NaN }], fingerPosition: 7 }),
    ];
    if (shared) {
      for (const f of ['iso19794p2v2005', 'iso19794p2v2011', 'ansi378v2004', 'ansi378v2009', 'ansi378v2009am1']) seeds.push(read('fingerprints', 'templates', 'fingerprintio-samples', `${f}-sample.dat`));
      for (const f of ['fmr.ansi2004', 'fmr.ansi2007', 'fmr.iso2005']) seeds.push(read('fingerprints', 'ansi-nist', 'libbiomeval-testdata', f));
    }
    const fmr = [0x46, 0x4d, 0x52, 0x00, 0x20, 0x32, 0x30, 0x00];
    await fc.assert(
      fc.asyncProperty(inputs(seeds, fmr), async (b) => {
        await onlyInvalidArgument(() => decodeTemplateRecord(b));
        await onlyInvalidArgument(() => decodeTemplate(b));
      }),
      { numRuns: 1500 * SCALE },
    );
  }, 60_000 * SCALE);

  it('BMP', async () => {
    const seeds = [Uint8Array.from([0x42, 0x4d, ...new Uint8Array(60)])];
    // A small real-layout BMP: 8-bit palette, 5x3.
    const small = new Uint8Array(14 + 40 + 1024 + 8 * 3);
    const dv = new DataView(small.buffer);
    small.set([0x42, 0x4d]);
    dv.setUint32(10, 14 + 40 + 1024, true);
    dv.setUint32(14, 40, true);
    dv.setInt32(18, 5, true);
    dv.setInt32(22, 3, true);
    dv.setUint16(26, 1, true);
    dv.setUint16(28, 8, true);
    seeds.push(small);
    if (shared) seeds.push(read('fingerprints', 'sourceafis-test-resources', 'probe.bmp').slice(0, 20_000));
    await fc.assert(
      fc.asyncProperty(inputs(seeds, [0x42, 0x4d]), async (b) => {
        await onlyInvalidArgument(() => decodeBmp(b));
      }),
      { numRuns: 600 * SCALE },
    );
  }, 60_000 * SCALE);

  it.skipIf(!shared)('WSQ', async () => {
    const seeds = [read('fingerprints', 'ansi-nist', 'libbiomeval-testdata', 'img.wsq')];
    await fc.assert(
      fc.asyncProperty(inputs(seeds, [0xff, 0xa0, 0xff, 0xa8]), async (b) => {
        await onlyInvalidArgument(() => decodeWsq(b));
      }),
      { numRuns: 60 * SCALE },
    );
    // Mutations aimed at the marker segments (tables, frame header, block headers: the first
    // ~900 bytes of this file), and a copy of its table segments spliced in before a later block.
    const seed = seeds[0];
    const headerOps = fc.array(opArb.map((op) => ({ ...op, pos: op.pos % 900 })), { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(headerOps, fc.nat(), async (ops, at) => {
        const b = mutate(seed, ops);
        await onlyInvalidArgument(() => decodeWsq(b));
        const cut = 4 + (at % (seed.length - 4));
        const spliced = Uint8Array.from([...seed.subarray(0, cut), ...seed.subarray(2, 600), ...seed.subarray(cut)]);
        await onlyInvalidArgument(() => decodeWsq(spliced));
      }),
      { numRuns: 60 * SCALE },
    );
  }, 120_000 * SCALE);

  it.skipIf(!shared)('ANSI/NIST transactions (record split, Type-9, image records; decodeImage on small ones)', async () => {
    const refs = ['fingerprints', 'ansi-nist', 'nist-reference-transactions', 'references'];
    const seeds = [
      read(...refs, 'rec01_rec02_rec16.nst.an2'),
      read(...refs, 'type-8-sig-fax.an2'),
      read('fingerprints', 'ansi-nist', 'libbiomeval-testdata', 'type9.an2k'),
      read('fingerprints', 'ansi-nist', 'libbiomeval-testdata', 'type9-13.an2k'),
      read('fingerprints', 'ansi-nist', 'libbiomeval-testdata', 'type9-efs.an2k'),
    ];
    const head = [...'1.001:'].map((c) => c.charCodeAt(0));
    await fc.assert(
      fc.asyncProperty(inputs(seeds, head), async (b) => {
        await onlyInvalidArgument(() => readAnsiNist(b));
        await onlyInvalidArgument(() => decodeImage(b, { format: 'ansi-nist' }));
      }),
      { numRuns: 300 * SCALE },
    );
  }, 120_000 * SCALE);

  it.skipIf(!shared)('lossless JPEG (JPEGL)', async () => {
    const c = readAnsiNist(read('fingerprints', 'ansi-nist', 'nist-reference-transactions', 'references', 'type-10-14-17-piv-index-iris.an2'));
    const seeds = c.images.filter((i) => i.compression === 'jpeg-lossless').map((i) => i.data.slice(0, 3000));
    seeds.push(...c.images.filter((i) => i.compression === 'jpeg-lossless').map((i) => i.data.slice()));
    await fc.assert(
      fc.asyncProperty(inputs(seeds, [0xff, 0xd8, 0xff, 0xc3]), async (b) => {
        await onlyInvalidArgument(() => decodeJpegLossless(b));
      }),
      { numRuns: 80 * SCALE },
    );
  }, 60_000 * SCALE);

  it('decodeImage on anything (format detection + every decoder)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (b) => {
        await onlyInvalidArgument(() => decodeImage(b));
      }),
      { numRuns: 300 * SCALE },
    );
    expect(true).toBe(true);
  }, 60_000 * SCALE);
});
