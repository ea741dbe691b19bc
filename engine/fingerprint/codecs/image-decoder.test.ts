import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { missingSharedData, sharedDataPath } from '../../../fixtures/shared-data.js';
import { EngineError } from '../../errors.js';
import { decodeImage } from './image-decoder.js';
import { decodeBmp } from './bmp-decoder.js';
import { detectImageFormat, jpegFrameMarker } from './image-format.js';
import { readAnsiNist } from './ansi-nist-images.js';

/** A BMP written here, to pin each layout the decoder claims (8-bit palette, 24, 32, both row orders). */
function makeBmp(width: number, height: number, bpp: 8 | 24 | 32, gray: (x: number, y: number) => number, topDown = false, xppm = 19685): Uint8Array {
  const stride = Math.floor((bpp * width + 31) / 32) * 4;
  const palette = bpp === 8 ? 256 * 4 : 0;
  const offset = 14 + 40 + palette;
  const size = offset + stride * height;
  const b = new Uint8Array(size);
  const dv = new DataView(b.buffer);
  b[0] = 0x42;
  b[1] = 0x4d;
  dv.setUint32(2, size, true);
  dv.setUint32(10, offset, true);
  dv.setUint32(14, 40, true);
  dv.setInt32(18, width, true);
  dv.setInt32(22, topDown ? -height : height, true);
  dv.setUint16(26, 1, true);
  dv.setUint16(28, bpp, true);
  dv.setInt32(38, xppm, true);
  dv.setInt32(42, xppm, true);
  if (bpp === 8) for (let i = 0; i < 256; i++) b.set([i, i, i, 0], 54 + 4 * i);
  for (let y = 0; y < height; y++) {
    const row = offset + (topDown ? y : height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      const v = gray(x, y);
      if (bpp === 8) b[row + x] = v;
      else if (bpp === 24) b.set([v, v, v], row + 3 * x);
      else b.set([v, v, v, 255], row + 4 * x);
    }
  }
  return b;
}

const pattern = (x: number, y: number): number => (x * 7 + y * 13) & 255;

describe('BMP decoder', () => {
  for (const bpp of [8, 24, 32] as const) {
    for (const topDown of [false, true]) {
      it(`${bpp}-bit ${topDown ? 'top-down' : 'bottom-up'}, odd width (row padding)`, () => {
        const img = decodeBmp(makeBmp(13, 7, bpp, pattern, topDown));
        expect([img.width, img.height, img.ppi]).toEqual([13, 7, 500]);
        for (let y = 0; y < 7; y++) for (let x = 0; x < 13; x++) expect(img.pixels[y * 13 + x]).toBe(pattern(x, y));
      });
    }
  }
  it('ignores a 72-dpi default resolution (no ppi), reads 1000 ppi', () => {
    expect(decodeBmp(makeBmp(4, 4, 8, pattern, false, 2835)).ppi).toBeUndefined();
    expect(decodeBmp(makeBmp(4, 4, 8, pattern, false, 39370)).ppi).toBe(1000);
  });
  it('refuses truncated pixel data and huge declared sizes before allocating', () => {
    const b = makeBmp(13, 7, 24, pattern);
    expect(() => decodeBmp(b.subarray(0, b.length - 1))).toThrow(/BMP: truncated pixel data/);
    const huge = b.slice();
    new DataView(huge.buffer).setInt32(18, 1_000_000, true);
    expect(() => decodeBmp(huge)).toThrow(/over the limits/);
  });
});

describe('decodeImage', () => {
  it('detects formats from magic bytes; raw is never detected', () => {
    expect(detectImageFormat(new Uint8Array([1, 2, 3, 4]))).toBeUndefined();
    expect(detectImageFormat(makeBmp(2, 2, 8, pattern))).toBe('bmp');
  });

  it('raw 8-bit gray needs width and height that match the bytes', async () => {
    const px = new Uint8Array(12).map((_, i) => i);
    const [img] = await decodeImage(px, { format: 'raw', width: 4, height: 3, ppi: 500 });
    expect([img.width, img.height, img.ppi, img.source, img.encoding]).toEqual([4, 3, 500, 'image', 'raw']);
    await expect(decodeImage(px, { format: 'raw', width: 5, height: 3 })).rejects.toThrow(/RAW 5x3 needs 15 bytes/);
    await expect(decodeImage(px, { format: 'raw' })).rejects.toThrow(/image\.width/);
    await expect(decodeImage(px)).rejects.toThrow(/unrecognised image format/);
  });

  it('a caller ppi overrides the file; a declared format must agree with the bytes', async () => {
    const bmp = makeBmp(4, 4, 8, pattern);
    expect((await decodeImage(bmp, { ppi: 569 }))[0].ppi).toBe(569);
    await expect(decodeImage(bmp, { format: 'png' })).rejects.toThrow(/declared png but the bytes are bmp/);
    await expect(decodeImage(bmp, { ppi: 10 })).rejects.toThrow(/image\.ppi/);
  });

  it('PNG with alpha, 16-bit PNG and TIFF come out as one 8-bit gray channel', async () => {
    const rgba = await sharp({ create: { width: 5, height: 3, channels: 4, background: { r: 10, g: 200, b: 30, alpha: 0.5 } } }).png().toBuffer();
    const [a] = await decodeImage(new Uint8Array(rgba));
    expect([a.width, a.height, a.pixels.length, a.encoding]).toEqual([5, 3, 15, 'png']);
    const g16 = await sharp(Buffer.from(new Uint16Array(6).fill(40000).buffer), { raw: { width: 3, height: 2, channels: 1 } }).toColourspace('grey16').png().toBuffer();
    const [b] = await decodeImage(new Uint8Array(g16));
    expect(b.pixels.length).toBe(6);
    const tif = await sharp(Buffer.from(new Uint8Array(6).fill(77)), { raw: { width: 3, height: 2, channels: 1 } }).withMetadata({ density: 500 }).tiff().toBuffer();
    const [c] = await decodeImage(new Uint8Array(tif));
    expect([...c.pixels]).toEqual([77, 77, 77, 77, 77, 77]);
    expect(c.ppi).toBe(500);
  });

  it('corrupt PNG is INVALID_ARGUMENT, not a sharp error', async () => {
    const png = await sharp(Buffer.alloc(100, 128), { raw: { width: 10, height: 10, channels: 1 } }).png().toBuffer();
    let err: unknown;
    try {
      await decodeImage(new Uint8Array(png.subarray(0, png.length - 20)));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).code).toBe('INVALID_ARGUMENT');
  });
});

const SA = ['fingerprints', 'sourceafis-test-resources'];
describe.skipIf(missingSharedData(...SA))('shared images', () => {
  it('probe.bmp and probe.png decode to the same pixels; probe.jpeg close; FVC TIFF has no ppi', async () => {
    const read = (f: string): Uint8Array => new Uint8Array(readFileSync(sharedDataPath(...SA, f)));
    const [bmp] = await decodeImage(read('probe.bmp'));
    const [png] = await decodeImage(read('probe.png'));
    const [jpg] = await decodeImage(read('probe.jpeg'));
    expect([bmp.width, bmp.height]).toEqual([png.width, png.height]);
    let maxBmp = 0;
    let meanJpg = 0;
    for (let i = 0; i < png.pixels.length; i++) {
      maxBmp = Math.max(maxBmp, Math.abs(bmp.pixels[i] - png.pixels[i]));
      meanJpg += Math.abs(jpg.pixels[i] - png.pixels[i]) / png.pixels.length;
    }
    console.log(`probe.bmp vs probe.png max |diff| ${maxBmp}; probe.jpeg vs probe.png mean |diff| ${meanJpg.toFixed(2)}; png declared ${png.declaredPpi} dpi -> ppi ${png.ppi}`);
    expect(maxBmp).toBeLessThanOrEqual(1);
    expect(meanJpg).toBeLessThan(3);
    expect(png.ppi).toBeUndefined(); // 72 dpi is a tool default, not a scan resolution
    const [tif] = await decodeImage(new Uint8Array(readFileSync(sharedDataPath('fingerprints', 'fvc2002', 'db2_b', '101_1.tif'))));
    expect([tif.width, tif.height, tif.ppi]).toEqual([296, 560, undefined]);
  });
});

describe.skipIf(missingSharedData('fingerprints', 'ansi-nist'))('lossless JPEG (JPEGL)', () => {
  it('the two JPEGL records of NIST\'s PIV transaction decode, each scan ending exactly at EOI', async () => {
    const c = readAnsiNist(new Uint8Array(readFileSync(sharedDataPath('fingerprints', 'ansi-nist', 'nist-reference-transactions', 'references', 'type-10-14-17-piv-index-iris.an2'))));
    const jpegl = c.images.filter((i) => i.compression === 'jpeg-lossless');
    expect(jpegl.map((i) => [i.width, i.height])).toEqual([[288, 512], [288, 464]]);
    for (const info of jpegl) {
      expect(jpegFrameMarker(info.data)).toBe(0xc3);
      const [img] = await decodeImage(info.data.slice());
      expect([img.width, img.height, img.encoding]).toEqual([info.width, info.height, 'jpeg-lossless']);
      // A fingerprint, not noise: neighbouring pixels are close on average.
      let dx = 0;
      for (let i = 1; i < img.pixels.length; i++) dx += Math.abs(img.pixels[i] - img.pixels[i - 1]);
      expect(dx / img.pixels.length).toBeLessThan(25);
    }
  });

  it('refuses a truncated lossless JPEG with INVALID_ARGUMENT', async () => {
    const c = readAnsiNist(new Uint8Array(readFileSync(sharedDataPath('fingerprints', 'ansi-nist', 'nist-reference-transactions', 'references', 'type-10-14-17-piv-index-iris.an2'))));
    const data = c.images.find((i) => i.compression === 'jpeg-lossless')!.data;
    await expect(decodeImage(data.slice(0, data.length - 100))).rejects.toThrow(/lossless JPEG: /);
  });
});
