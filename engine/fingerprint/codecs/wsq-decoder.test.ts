/**
 * The WSQ decoder against decoded references: every shared .wsq file with a decoded PNG beside it,
 * and the 14 WSQ images of NIST's sample.an2 against NIST's fp-N.png. Must agree within ±1 gray
 * level on every pixel; prints max/mean difference and the count of pixels that differ.
 */
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { missingSharedData, sharedDataPath } from '../../../fixtures/shared-data.js';
import { decodeWsq } from './wsq-decoder.js';
import { readAnsiNist, decodeRecordImage } from './ansi-nist-images.js';
import { EngineError } from '../../errors.js';

async function referencePixels(path: string): Promise<{ width: number; height: number; data: Uint8Array }> {
  const { data, info } = await sharp(readFileSync(path)).grayscale().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

function compare(a: Uint8Array, b: Uint8Array): { max: number; mean: number; differing: number } {
  let max = 0;
  let sum = 0;
  let differing = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (d > max) max = d;
    sum += d;
    if (d !== 0) differing++;
  }
  return { max, mean: sum / a.length, differing };
}

const FILES: Array<[string[], string[]]> = [
  [['fingerprints', 'ansi-nist', 'nist-reference-transactions', 'samples_wsq', 'sample.wsq'], ['fingerprints', 'ansi-nist', 'nist-reference-transactions', 'samples_wsq', 'sample.png']],
  [['fingerprints', 'sourceafis-test-resources', 'wsq-original.wsq'], ['fingerprints', 'sourceafis-test-resources', 'wsq-converted.png']],
];

describe.skipIf(missingSharedData('fingerprints'))('WSQ decoder against decoded references', () => {
  for (const [wsq, png] of FILES) {
    it(`${wsq.at(-1)} matches ${png.at(-1)} within ±1`, async () => {
      const img = decodeWsq(new Uint8Array(readFileSync(sharedDataPath(...wsq))));
      const ref = await referencePixels(sharedDataPath(...png));
      expect([img.width, img.height]).toEqual([ref.width, ref.height]);
      const d = compare(img.pixels, ref.data);
      console.log(`${wsq.join('/')}: ${img.width}x${img.height} ppi ${img.ppi}; max |diff| ${d.max}, mean ${d.mean.toFixed(6)}, ${d.differing} of ${img.pixels.length} pixels differ`);
      expect(d.max).toBeLessThanOrEqual(1);
    });
  }

  it('the 14 WSQ images of NIST sample.an2 match fp-<FGP>.png within ±1', async () => {
    const dir = ['fingerprints', 'ansi-nist', 'nist-reference-transactions', 'samples_nist'];
    const contents = readAnsiNist(new Uint8Array(readFileSync(sharedDataPath(...dir, 'sample.an2'))));
    expect(contents.images.length).toBe(14);
    const lines: string[] = [];
    let worst = 0;
    // NIST names the PNGs by finger position (fp-11.png is FGP 11, the 392-wide right thumb slap).
    for (const info of contents.images) {
      expect(info.compression).toBe('wsq');
      const img = await decodeRecordImage(info);
      const ref = await referencePixels(sharedDataPath(...dir, `fp-${img.fingerPosition}.png`));
      expect([img.width, img.height]).toEqual([ref.width, ref.height]);
      const d = compare(img.pixels, ref.data);
      worst = Math.max(worst, d.max);
      lines.push(`fp-${img.fingerPosition} ${img.width}x${img.height} FGP ${img.fingerPosition}: max ${d.max}, mean ${d.mean.toFixed(6)}, ${d.differing} px differ`);
    }
    console.log(`sample.an2 WSQ records vs NIST PNGs:\n  ${lines.join('\n  ')}`);
    expect(worst).toBeLessThanOrEqual(1);
  }, 60_000);

  it('libbiomeval img.wsq decodes (no reference image; size and NISTCOM ppi)', () => {
    const img = decodeWsq(new Uint8Array(readFileSync(sharedDataPath('fingerprints', 'ansi-nist', 'libbiomeval-testdata', 'img.wsq'))));
    expect(img.width * img.height).toBe(img.pixels.length);
    console.log(`libbiomeval img.wsq: ${img.width}x${img.height}, ppi ${img.ppi}`);
  });

  it('refuses truncation and garbage with INVALID_ARGUMENT', () => {
    const bytes = new Uint8Array(readFileSync(sharedDataPath(...FILES[0][0])));
    for (const cut of [1, 3, 100, 1000, bytes.length - 2]) {
      let err: unknown;
      try {
        decodeWsq(bytes.subarray(0, cut));
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(EngineError);
      expect((err as EngineError).code).toBe('INVALID_ARGUMENT');
      expect((err as EngineError).message).toMatch(/^image\.data: WSQ: /);
    }
  });
});
