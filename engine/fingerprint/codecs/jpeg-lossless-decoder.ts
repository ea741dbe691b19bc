/**
 * A decoder for lossless JPEG (ITU-T T.81 process 14, SOF3, Huffman coded), the "JPEGL" of
 * ANSI/NIST-ITL image records, which libjpeg-turbo (sharp) does not read. One gray component,
 * 8-bit precision (what fingerprint records use); predictors 1–7 (§H.1.2.1) with the start-of-line
 * rules of §H.1.2.1 (first line: Ra, first column: Rb, first sample 2^(P−Pt−1)), point transform,
 * restart intervals. Every length is checked against the input; every loop is bounded by the
 * image size or the input length.
 */
import { EngineError } from '../../errors.js';
import type { GrayImage } from '../gray-image.js';
import { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE } from './codec-parameters.js';
import { buildHuffmanTable, type HuffmanTable as Huffman } from './huffman-table.js';

const fail = (reason: string): EngineError => EngineError.invalidArgument('image.data', `lossless JPEG: ${reason}`);

function buildHuffman(bits: Uint8Array, values: Uint8Array): Huffman {
  const table = buildHuffmanTable(bits, values);
  if (!table) throw fail('a Huffman table is not a prefix code');
  return table;
}

export function decodeJpegLossless(b: Uint8Array): GrayImage {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) throw fail('no start-of-image marker');
  let p = 2;
  const tables: Array<Huffman | undefined> = [];
  let width = 0;
  let height = 0;
  let precision = 0;
  let componentId = -1;
  let restart = 0;
  const u16 = (at: number): number => {
    if (at + 2 > b.length) throw fail(`truncated at offset ${at}`);
    return (b[at] << 8) | b[at + 1];
  };
  // Marker segments up to the start of scan; each iteration consumes at least 4 bytes.
  for (;;) {
    if (p + 4 > b.length) throw fail('truncated before the start of scan');
    if (b[p] !== 0xff) throw fail(`expected a marker at offset ${p}`);
    const m = b[p + 1];
    if (m === 0xff) {
      p++;
      continue;
    }
    const len = u16(p + 2);
    if (len < 2 || p + 2 + len > b.length) throw fail(`segment 0xFF${m.toString(16).toUpperCase()} length ${len} runs past the data`);
    const s = p + 4;
    const e = p + 2 + len;
    if (m === 0xc4) {
      let q = s;
      while (q < e) {
        if (q + 17 > e) throw fail('truncated Huffman table');
        const id = b[q] & 0x0f;
        // Lossless scans code differences with DC-style tables; NBIS's encoder labels them class 1,
        // so the class nibble is not checked, only the id.
        if (b[q] >> 4 > 1 || id > 3) throw fail(`Huffman table class/id 0x${b[q].toString(16)} is out of range`);
        const bits = b.slice(q + 1, q + 17);
        let count = 0;
        for (const c of bits) count += c;
        if (q + 17 + count > e) throw fail('truncated Huffman table values');
        tables[id] = buildHuffman(bits, b.slice(q + 17, q + 17 + count));
        q += 17 + count;
      }
    } else if (m === 0xc3) {
      if (len < 11) throw fail('short frame header');
      precision = b[s];
      height = u16(s + 1);
      width = u16(s + 3);
      const nf = b[s + 5];
      if (nf !== 1) throw fail(`${nf} components (only 1, gray, is read)`);
      componentId = b[s + 6];
      if (precision !== 8) throw fail(`${precision}-bit samples (only 8-bit is read)`);
      if (width === 0 || height === 0) throw fail('empty image or height defined later (DNL) is not read');
      if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) throw fail(`image size ${width}x${height} is over the limits`);
    } else if ((m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) || m === 0xc8) {
      throw fail(`frame type 0xFF${m.toString(16).toUpperCase()} is not lossless Huffman (SOF3)`);
    } else if (m === 0xdd) {
      restart = u16(s);
    } else if (m === 0xda) {
      if (precision === 0) throw fail('scan before the frame header');
      const ns = b[s];
      if (ns !== 1 || b[s + 1] !== componentId) throw fail('scan does not code the one gray component');
      const table = tables[b[s + 2] >> 4];
      if (!table) throw fail(`scan uses Huffman table ${b[s + 2] >> 4}, which is not defined`);
      const predictor = b[s + 3];
      const pt = b[s + 5] & 0x0f;
      if (predictor < 1 || predictor > 7) throw fail(`predictor ${predictor} is not 1..7`);
      if (pt >= precision) throw fail(`point transform ${pt} is not under the precision`);
      return { width, height, pixels: decodeScan(b, e, table, width, height, predictor, pt, precision, restart) };
    } else if (m === 0xd9) {
      throw fail('end of image before any scan');
    }
    // Other segments (APPn, COM, DQT ...) are skipped.
    p = e;
  }
}

function decodeScan(b: Uint8Array, start: number, t: Huffman, width: number, height: number, predictor: number, pt: number, precision: number, restart: number): Uint8Array {
  let p = start;
  let byte = 0;
  let count = 0;
  const bit = (): number => {
    if (count === 0) {
      if (p >= b.length) throw fail('truncated coded data');
      const v = b[p++];
      if (v === 0xff) {
        const v2 = p < b.length ? b[p] : -1;
        if (v2 === 0x00) p++;
        else throw fail(`marker 0xFF${v2.toString(16).toUpperCase()} inside the coded data`);
      }
      byte = v;
      count = 8;
    }
    count--;
    return (byte >> count) & 1;
  };
  const mask = (1 << precision) - 1;
  const rows = new Int32Array(width * 2); // previous and current line, unshifted sample values
  const out = new Uint8Array(width * height);
  const initial = 1 << (precision - pt - 1);
  let sinceRestart = 0;
  let firstLine = true;
  for (let y = 0; y < height; y++) {
    const cur = (y & 1) * width;
    const prev = ((y + 1) & 1) * width;
    for (let x = 0; x < width; x++) {
      if (restart > 0 && sinceRestart === restart) {
        // Byte-align and expect RSTm; prediction restarts as at the top of the image.
        count = 0;
        if (p + 2 > b.length || b[p] !== 0xff || (b[p + 1] & 0xf8) !== 0xd0) throw fail('missing restart marker');
        p += 2;
        sinceRestart = 0;
        firstLine = true;
      }
      let code = bit();
      let len = 1;
      while (code > t.maxcode[len]) {
        if (len === 16) throw fail('invalid Huffman code');
        code = (code << 1) | bit();
        len++;
      }
      const index = t.valptr[len] + code - t.mincode[len];
      if (index >= t.values.length) throw fail('Huffman code points past its table');
      const ssss = t.values[index];
      let diff = 0;
      if (ssss === 16) diff = 32768;
      else if (ssss > 0) {
        if (ssss > 16) throw fail(`difference category ${ssss} is over 16`);
        let v = 0;
        for (let i = 0; i < ssss; i++) v = (v << 1) | bit();
        diff = v < 1 << (ssss - 1) ? v - (1 << ssss) + 1 : v;
      }
      let pred: number;
      const ra = x > 0 ? rows[cur + x - 1] : 0;
      if (firstLine) pred = x === 0 ? initial : ra;
      else if (x === 0) pred = rows[prev];
      else {
        const rb = rows[prev + x];
        const rc = rows[prev + x - 1];
        switch (predictor) {
          case 1: pred = ra; break;
          case 2: pred = rb; break;
          case 3: pred = rc; break;
          case 4: pred = ra + rb - rc; break;
          case 5: pred = ra + ((rb - rc) >> 1); break;
          case 6: pred = rb + ((ra - rc) >> 1); break;
          default: pred = (ra + rb) >> 1; break;
        }
      }
      const v = (pred + diff) & 0xffff & (mask >> pt);
      rows[cur + x] = v;
      out[y * width + x] = (v << pt) & 0xff;
      sinceRestart++;
    }
    firstLine = false;
  }
  // The coded data must end where the end-of-image marker starts (its last byte padded with 1s):
  // a scan that decoded to a different length was read wrongly.
  if (!(p + 1 < b.length && b[p] === 0xff && b[p + 1] === 0xd9)) throw fail('coded data does not end at the end-of-image marker');
  return out;
}
