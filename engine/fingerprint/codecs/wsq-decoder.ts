/**
 * A decoder for FBI Wavelet Scalar Quantization (WSQ) images, written from the specification
 * (IAFIS-IC-0110, "WSQ Gray-scale Fingerprint Image Compression Specification", v3.1) with the
 * NIST NBIS reference decoder as the arbiter of details the text leaves open (the subband
 * geometry, the order of the synthesis polyphase taps at the borders, float rounding).
 *
 * Pipeline (spec §3 decoder): marker segments (SOI, tables DTT/DQT/DHT/DRT/COM, SOF frame header,
 * SOB blocks of Huffman-coded quantized coefficients, EOI) → Huffman decoding with the WSQ symbol
 * alphabet (zero runs, escapes, small coefficients) → dequantization per subband (§3.3, bin width
 * Q, zero bin Z, bin centre C) → inverse wavelet transform over the 20-node decomposition tree with
 * symmetric extension at subband borders (§3.2 and Annex) → shift/scale back to 8-bit pixels.
 *
 * Every length is checked against the input before it is used and every loop is bounded by the
 * input length or the frame size, so hostile input ends in INVALID_ARGUMENT, never a hang or a
 * large allocation (the frame size is checked against MAX_IMAGE_PIXELS before allocating).
 */
import { EngineError } from '../../errors.js';
import type { GrayImage } from '../gray-image.js';
import { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE } from './codec-parameters.js';
import { buildHuffmanTable, type HuffmanTable } from './huffman-table.js';

const FIELD = 'image.data';
const fail = (reason: string): EngineError => EngineError.invalidArgument(FIELD, `WSQ: ${reason}`);

// Markers (spec Table 1).
const SOI = 0xffa0;
const EOI = 0xffa1;
const SOF = 0xffa2;
const SOB = 0xffa3;
const DTT = 0xffa4;
const DQT = 0xffa5;
const DHT = 0xffa6;
const DRT = 0xffa7;
const COM = 0xffa8;

/** Subbands carried by the stream (spec §3.3: 64 quantization-tree nodes, 60 used). */
const NUM_SUBBANDS = 60;
const MAX_HUFFMAN_TABLES = 8;
/** Filter lengths we accept; the FBI 9/7 pair is the only one in use. */
const MAX_FILTER_LENGTH = 31;

/** float32 rounding, as the reference decoder keeps tables and frame values in C floats. */
const f32 = Math.fround;

/** Value / 10^scale, divided step by step in float as the reference does. */
function scaled(value: number, scale: number): number {
  let v = f32(value);
  for (let i = 0; i < scale; i++) v = f32(v / 10);
  return v;
}

interface Region {
  x: number;
  y: number;
  lenx: number;
  leny: number;
}

interface WaveletNode extends Region {
  invRow: boolean;
  invCol: boolean;
}

interface Frame {
  width: number;
  height: number;
  mShift: number;
  rScale: number;
}

/** The decoder's view of the input: a cursor over marker segments and entropy-coded data. */
class WsqReader {
  pos = 0;
  constructor(readonly b: Uint8Array) {}

  need(n: number, what: string): void {
    if (this.pos + n > this.b.length) throw fail(`truncated: ${what} needs ${n} bytes at offset ${this.pos}, ${this.b.length - this.pos} left`);
  }
  u8(what: string): number {
    this.need(1, what);
    return this.b[this.pos++];
  }
  u16(what: string): number {
    this.need(2, what);
    const v = (this.b[this.pos] << 8) | this.b[this.pos + 1];
    this.pos += 2;
    return v;
  }
  u32(what: string): number {
    this.need(4, what);
    const p = this.pos;
    const v = this.b[p] * 0x1000000 + ((this.b[p + 1] << 16) | (this.b[p + 2] << 8) | this.b[p + 3]);
    this.pos += 4;
    return v;
  }
  marker(what: string): number {
    const m = this.u16(what);
    if ((m & 0xff00) !== 0xff00) throw fail(`expected a marker (${what}) at offset ${this.pos - 2}`);
    return m;
  }
  /** A segment's 2-byte length (which counts itself); returns the offset where the segment ends. */
  segment(what: string, min: number): number {
    const start = this.pos;
    const len = this.u16(`the ${what} length`);
    if (len < min) throw fail(`${what} length ${len} is under its ${min}-byte minimum`);
    this.need(len - 2, `the ${what}`);
    return start + len;
  }
}

interface Tables {
  lo?: Float32Array; // synthesis lowpass
  hi?: Float32Array; // synthesis highpass
  binCenter?: number;
  qBin?: Float32Array;
  zBin?: Float32Array;
  huffman: Array<HuffmanTable | undefined>;
  ppi?: number;
  comments: string[];
}

/**
 * Transform table (spec §3.2.2 / B.2.2): lengths of the analysis lowpass and highpass filters,
 * then the right half of each (symmetric) filter as sign, scale, 32-bit value. The synthesis
 * filters follow by modulation: synthesis highpass = (−1)^k × analysis lowpass, synthesis lowpass =
 * (−1)^k × analysis highpass, k counted from the centre tap.
 */
function readTransformTable(r: WsqReader, t: Tables): void {
  const end = r.segment('transform table', 4);
  const analysisLowLength = r.u8('the lowpass filter length');
  const analysisHighLength = r.u8('the highpass filter length');
  for (const n of [analysisLowLength, analysisHighLength]) {
    if (n === 0 || n > MAX_FILTER_LENGTH) throw fail(`filter length ${n} is out of 1..${MAX_FILTER_LENGTH}`);
    if (n % 2 === 0) throw fail(`even-length (${n}) wavelet filters are not supported; FBI WSQ uses the odd-length 9/7 pair`);
  }
  const half = (n: number): Float32Array => {
    const filter = new Float32Array(n);
    const c = (n - 1) / 2;
    for (let k = 0; k <= c; k++) {
      const sign = r.u8('a filter coefficient');
      const scale = r.u8('a filter coefficient');
      const value = r.u32('a filter coefficient');
      let v = scaled(value, scale);
      if (sign !== 0) v = -v;
      v = k % 2 === 0 ? v : -v;
      filter[c + k] = v;
      filter[c - k] = v;
    }
    return filter;
  };
  t.hi = half(analysisLowLength);
  t.lo = half(analysisHighLength);
  if (r.pos > end) throw fail('transform table longer than its declared length');
  r.pos = end;
}

/** Quantization table (spec §3.3 / B.2.3): bin centre C, then Q and Z for each of 64 subbands. */
function readQuantizationTable(r: WsqReader, t: Tables): void {
  const end = r.segment('quantization table', 2 + 3 + 64 * 6);
  const cScale = r.u8('the bin centre');
  t.binCenter = scaled(r.u16('the bin centre'), cScale);
  t.qBin = new Float32Array(64);
  t.zBin = new Float32Array(64);
  for (let i = 0; i < 64; i++) {
    const qs = r.u8('a bin width');
    t.qBin[i] = scaled(r.u16('a bin width'), qs);
    const zs = r.u8('a zero bin width');
    t.zBin[i] = scaled(r.u16('a zero bin width'), zs);
  }
  r.pos = end;
}

/** Huffman table segment (spec B.2.4): one or more (id, 16 code-length counts, values). */
function readHuffmanTables(r: WsqReader, t: Tables): void {
  const end = r.segment('Huffman table', 2 + 17);
  // Each table takes at least 17 bytes, so this loop runs at most length/17 times.
  while (r.pos < end) {
    const id = r.u8('a Huffman table id');
    if (id >= MAX_HUFFMAN_TABLES) throw fail(`Huffman table id ${id} is over ${MAX_HUFFMAN_TABLES - 1}`);
    const bits = new Uint8Array(16);
    let count = 0;
    for (let i = 0; i < 16; i++) {
      bits[i] = r.u8('the Huffman code counts');
      count += bits[i];
    }
    if (count > 256) throw fail(`Huffman table ${id} declares ${count} values (at most 256)`);
    if (r.pos + count > end) throw fail(`Huffman table ${id} runs past its segment`);
    const values = r.b.slice(r.pos, r.pos + count);
    r.pos += count;
    t.huffman[id] = buildHuffman(bits, values, id);
  }
  if (r.pos !== end) throw fail('Huffman table segment length does not match its tables');
}

/** Canonical code assignment and decoding limits (ITU-T T.81 Annex C and F.2.2.3). */
function buildHuffman(bits: Uint8Array, values: Uint8Array, id: number): HuffmanTable {
  const table = buildHuffmanTable(bits, values);
  if (!table) throw fail(`Huffman table ${id} is not a valid prefix code`);
  return table;
}

function readFrame(r: WsqReader): Frame {
  const end = r.segment('frame header', 17);
  r.u8('the frame header'); // black
  r.u8('the frame header'); // white
  const height = r.u16('the image height');
  const width = r.u16('the image width');
  const mScale = r.u8('the shift');
  const mShift = scaled(r.u16('the shift'), mScale);
  const rScaleExp = r.u8('the scale');
  const rScale = scaled(r.u16('the scale'), rScaleExp);
  r.pos = end;
  if (width === 0 || height === 0) throw fail(`empty image ${width}x${height}`);
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
    throw fail(`image size ${width}x${height} is over the limits (side ${MAX_IMAGE_SIDE}, ${MAX_IMAGE_PIXELS} pixels)`);
  }
  return { width, height, mShift, rScale };
}

function readComment(r: WsqReader, t: Tables): void {
  const end = r.segment('comment', 2);
  let text = '';
  for (let i = r.pos; i < end; i++) text += String.fromCharCode(r.b[i]);
  r.pos = end;
  t.comments.push(text);
  // A NISTCOM comment (NBIS convention) carries "PPI <n>", −1 when unknown.
  if (text.startsWith('NIST_COM')) {
    const m = /(?:^|\n)PPI (-?\d+)/.exec(text);
    if (m) {
      const ppi = Number(m[1]);
      if (ppi > 0) t.ppi = ppi;
    }
  }
}

function readTable(marker: number, r: WsqReader, t: Tables): boolean {
  switch (marker) {
    case DTT:
      readTransformTable(r, t);
      return true;
    case DQT:
      readQuantizationTable(r, t);
      return true;
    case DHT:
      readHuffmanTables(r, t);
      return true;
    case DRT: {
      // Restart intervals are not used by FBI WSQ encoders; the segment is skipped.
      r.pos = r.segment('restart interval', 2);
      return true;
    }
    case COM:
      readComment(r, t);
      return true;
    default:
      return false;
  }
}

/** Bit reader over entropy-coded data, with 0xFF00 byte stuffing and markers ending the data. */
class BitReader {
  private byte = 0;
  private count = 0;
  /** Set when a marker (0xFF followed by a non-zero byte) ends the coded data. */
  marker = 0;
  constructor(private readonly r: WsqReader) {}

  /** Next bit, or −1 when a marker was met at a byte boundary (allowed only between codes). */
  bit(markerAllowed: boolean): number {
    if (this.count === 0) {
      const b = this.r.u8('the coded data');
      if (b === 0xff) {
        const b2 = this.r.u8('the coded data');
        if (b2 !== 0x00) {
          if (!markerAllowed) throw fail(`marker 0xFF${b2.toString(16).toUpperCase()} inside a coded value`);
          this.marker = 0xff00 | b2;
          return -1;
        }
      }
      this.byte = b;
      this.count = 8;
    }
    this.count--;
    return (this.byte >> this.count) & 1;
  }

  bits(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) v = (v << 1) | this.bit(false);
    return v;
  }
}

/**
 * Decodes one block's coded data into `q` from `at`; returns the new position and the marker that
 * ended the block. Symbols (spec Table B.4): 1–100 a run of that many zeros; 101/102 an 8-bit
 * positive/negative coefficient follows; 103/104 a 16-bit one; 105/106 an 8/16-bit zero run;
 * 107–254 the coefficient symbol − 180 (−73..74).
 */
/**
 * Non-zero quantized coefficients as (position, value) pairs, growing with the input: memory stays
 * proportional to the coded data, not to the frame size a header declares.
 */
class SparseCoefficients {
  pos = new Int32Array(1024);
  val = new Int32Array(1024);
  n = 0;
  push(p: number, v: number): void {
    if (this.n === this.pos.length) {
      const pos = new Int32Array(this.n * 2);
      pos.set(this.pos);
      this.pos = pos;
      const val = new Int32Array(this.n * 2);
      val.set(this.val);
      this.val = val;
    }
    this.pos[this.n] = p;
    this.val[this.n++] = v;
  }
}

function decodeBlock(r: WsqReader, table: HuffmanTable, q: SparseCoefficients, at: number, limit: number): { at: number; marker: number } {
  const bits = new BitReader(r);
  // Each symbol consumes at least one bit of input, so the loop is bounded by the input length.
  for (;;) {
    let code = bits.bit(true);
    if (code < 0) return { at, marker: bits.marker };
    let len = 1;
    while (code > table.maxcode[len]) {
      if (len === 16) throw fail('invalid Huffman code in the coded data');
      const b = bits.bit(true);
      if (b < 0) return { at, marker: bits.marker };
      code = (code << 1) | b;
      len++;
    }
    const index = table.valptr[len] + code - table.mincode[len];
    if (index >= table.values.length) throw fail('Huffman code points past its table');
    const symbol = table.values[index];
    let run = 0;
    let value = 0;
    let isRun = false;
    if (symbol >= 1 && symbol <= 100) {
      run = symbol;
      isRun = true;
    } else if (symbol > 106 && symbol < 0xff) {
      value = symbol - 180;
    } else if (symbol === 101) {
      value = bits.bits(8);
    } else if (symbol === 102) {
      value = -bits.bits(8);
    } else if (symbol === 103) {
      value = bits.bits(16);
    } else if (symbol === 104) {
      value = -bits.bits(16);
    } else if (symbol === 105) {
      run = bits.bits(8);
      isRun = true;
    } else if (symbol === 106) {
      run = bits.bits(16);
      isRun = true;
    } else {
      throw fail(`invalid coefficient symbol ${symbol}`);
    }
    if (isRun) {
      if (at + run > limit) throw fail('coded data runs past the last subband coefficient');
      at += run;
    } else {
      if (at >= limit) throw fail('coded data runs past the last subband coefficient');
      if (value !== 0) q.push(at, value);
      at++;
    }
  }
}

/** Subband geometry: the 20-node wavelet tree and the 64-node quantization tree (spec §3.1, Fig. 4). */
function waveletTree(width: number, height: number): WaveletNode[] {
  const w: WaveletNode[] = Array.from({ length: 20 }, () => ({ x: 0, y: 0, lenx: 0, leny: 0, invRow: false, invCol: false }));
  for (const n of [2, 4, 7, 9, 11, 13, 16, 18]) w[n].invRow = true;
  for (const n of [3, 5, 8, 9, 12, 13, 17, 18]) w[n].invCol = true;
  const split4 = (p1: number, p2: number, lenx: number, leny: number, x: number, y: number, stop: boolean): void => {
    w[p1].x = x;
    w[p1].y = y;
    w[p1].lenx = lenx;
    w[p1].leny = leny;
    w[p2].x = x;
    w[p2 + 2].x = x;
    w[p2].y = y;
    w[p2 + 1].y = y;
    if (lenx % 2 === 0) {
      w[p2].lenx = lenx / 2;
      w[p2 + 1].lenx = w[p2].lenx;
    } else if (p1 === 4) {
      w[p2].lenx = (lenx - 1) / 2;
      w[p2 + 1].lenx = w[p2].lenx + 1;
    } else {
      w[p2].lenx = (lenx + 1) / 2;
      w[p2 + 1].lenx = w[p2].lenx - 1;
    }
    w[p2 + 1].x = w[p2].lenx + x;
    if (!stop) {
      w[p2 + 3].lenx = w[p2 + 1].lenx;
      w[p2 + 3].x = w[p2 + 1].x;
    }
    w[p2 + 2].lenx = w[p2].lenx;
    if (leny % 2 === 0) {
      w[p2].leny = leny / 2;
      w[p2 + 2].leny = w[p2].leny;
    } else if (p1 === 5) {
      w[p2].leny = (leny - 1) / 2;
      w[p2 + 2].leny = w[p2].leny + 1;
    } else {
      w[p2].leny = (leny + 1) / 2;
      w[p2 + 2].leny = w[p2].leny - 1;
    }
    w[p2 + 2].y = w[p2].leny + y;
    if (!stop) {
      w[p2 + 3].leny = w[p2 + 2].leny;
      w[p2 + 3].y = w[p2 + 2].y;
    }
    w[p2 + 1].leny = w[p2].leny;
  };
  split4(0, 1, width, height, 0, 0, true);
  const half = (n: number): [number, number] => (n % 2 === 0 ? [n / 2, n / 2] : [(n + 1) / 2, (n + 1) / 2 - 1]);
  const [lenx, lenx2] = half(w[1].lenx);
  const [leny, leny2] = half(w[1].leny);
  split4(4, 6, lenx2, leny, lenx, 0, false);
  split4(5, 10, lenx, leny2, 0, leny, false);
  split4(14, 15, lenx, leny, 0, 0, false);
  w[19].x = 0;
  w[19].y = 0;
  w[19].lenx = w[15].lenx % 2 === 0 ? w[15].lenx / 2 : (w[15].lenx + 1) / 2;
  w[19].leny = w[15].leny % 2 === 0 ? w[15].leny / 2 : (w[15].leny + 1) / 2;
  return w;
}

function quantizationTree(w: WaveletNode[]): Region[] {
  const q: Region[] = Array.from({ length: 64 }, () => ({ x: 0, y: 0, lenx: 0, leny: 0 }));
  const split4 = (p: number, lenx: number, leny: number, x: number, y: number): void => {
    q[p].x = x;
    q[p + 2].x = x;
    q[p].y = y;
    q[p + 1].y = y;
    if (lenx % 2 === 0) {
      q[p].lenx = q[p + 1].lenx = q[p + 2].lenx = q[p + 3].lenx = lenx / 2;
    } else {
      q[p].lenx = (lenx + 1) / 2;
      q[p + 1].lenx = q[p].lenx - 1;
      q[p + 2].lenx = q[p].lenx;
      q[p + 3].lenx = q[p + 1].lenx;
    }
    q[p + 1].x = x + q[p].lenx;
    q[p + 3].x = q[p + 1].x;
    if (leny % 2 === 0) {
      q[p].leny = q[p + 1].leny = q[p + 2].leny = q[p + 3].leny = leny / 2;
    } else {
      q[p].leny = (leny + 1) / 2;
      q[p + 1].leny = q[p].leny;
      q[p + 2].leny = q[p].leny - 1;
      q[p + 3].leny = q[p + 2].leny;
    }
    q[p + 2].y = y + q[p].leny;
    q[p + 3].y = q[p + 2].y;
  };
  const split16 = (p: number, lenx: number, leny: number, x: number, y: number, rw: boolean, cl: boolean): void => {
    let tempx: number;
    let temp2x: number;
    if (lenx % 2 === 0) {
      tempx = temp2x = lenx / 2;
    } else if (cl) {
      temp2x = (lenx + 1) / 2;
      tempx = temp2x - 1;
    } else {
      tempx = (lenx + 1) / 2;
      temp2x = tempx - 1;
    }
    let tempy: number;
    let temp2y: number;
    if (leny % 2 === 0) {
      tempy = temp2y = leny / 2;
    } else if (rw) {
      temp2y = (leny + 1) / 2;
      tempy = temp2y - 1;
    } else {
      tempy = (leny + 1) / 2;
      temp2y = tempy - 1;
    }
    // Top-left quarter: like split4 over (tempx, tempy).
    split4(p, tempx, tempy, x, y);
    // Top-right quarter.
    q[p + 4].x = x + tempx;
    q[p + 6].x = q[p + 4].x;
    q[p + 4].y = y;
    q[p + 5].y = y;
    q[p + 6].y = q[p + 2].y;
    q[p + 7].y = q[p + 2].y;
    q[p + 4].leny = q[p].leny;
    q[p + 5].leny = q[p].leny;
    q[p + 6].leny = q[p + 2].leny;
    q[p + 7].leny = q[p + 2].leny;
    if (temp2x % 2 === 0) {
      q[p + 4].lenx = q[p + 5].lenx = q[p + 6].lenx = q[p + 7].lenx = temp2x / 2;
    } else {
      q[p + 5].lenx = (temp2x + 1) / 2;
      q[p + 4].lenx = q[p + 5].lenx - 1;
      q[p + 6].lenx = q[p + 4].lenx;
      q[p + 7].lenx = q[p + 5].lenx;
    }
    q[p + 5].x = q[p + 4].x + q[p + 4].lenx;
    q[p + 7].x = q[p + 5].x;
    // Bottom-left quarter.
    q[p + 8].x = x;
    q[p + 9].x = q[p + 1].x;
    q[p + 10].x = x;
    q[p + 11].x = q[p + 1].x;
    q[p + 8].y = y + tempy;
    q[p + 9].y = q[p + 8].y;
    q[p + 8].lenx = q[p].lenx;
    q[p + 9].lenx = q[p + 1].lenx;
    q[p + 10].lenx = q[p].lenx;
    q[p + 11].lenx = q[p + 1].lenx;
    if (temp2y % 2 === 0) {
      q[p + 8].leny = q[p + 9].leny = q[p + 10].leny = q[p + 11].leny = temp2y / 2;
    } else {
      q[p + 10].leny = (temp2y + 1) / 2;
      q[p + 11].leny = q[p + 10].leny;
      q[p + 8].leny = q[p + 10].leny - 1;
      q[p + 9].leny = q[p + 8].leny;
    }
    q[p + 10].y = q[p + 8].y + q[p + 8].leny;
    q[p + 11].y = q[p + 10].y;
    // Bottom-right quarter.
    q[p + 12].x = q[p + 4].x;
    q[p + 13].x = q[p + 5].x;
    q[p + 14].x = q[p + 4].x;
    q[p + 15].x = q[p + 5].x;
    q[p + 12].y = q[p + 8].y;
    q[p + 13].y = q[p + 8].y;
    q[p + 14].y = q[p + 10].y;
    q[p + 15].y = q[p + 10].y;
    q[p + 12].lenx = q[p + 4].lenx;
    q[p + 13].lenx = q[p + 5].lenx;
    q[p + 14].lenx = q[p + 4].lenx;
    q[p + 15].lenx = q[p + 5].lenx;
    q[p + 12].leny = q[p + 8].leny;
    q[p + 13].leny = q[p + 8].leny;
    q[p + 14].leny = q[p + 10].leny;
    q[p + 15].leny = q[p + 10].leny;
  };
  // The order matters: later groups overwrite the first entries of earlier ones (3, 48..50).
  split16(3, w[14].lenx, w[14].leny, w[14].x, w[14].y, false, false);
  split16(19, w[4].lenx, w[4].leny, w[4].x, w[4].y, false, true);
  split16(48, w[0].lenx, w[0].leny, w[0].x, w[0].y, false, false);
  split16(35, w[5].lenx, w[5].leny, w[5].x, w[5].y, true, false);
  split4(0, w[19].lenx, w[19].leny, w[19].x, w[19].y);
  return q;
}

/**
 * One-dimensional synthesis of a line of `len` samples from its lowpass and highpass halves, as a
 * sparse operator: for each output sample the (input index, weight) terms. Odd-length symmetric
 * filters use whole-sample / half-sample symmetric extension at the subband ends (spec Annex A);
 * the order in which the reference decoder walks the polyphase taps near the borders is kept so
 * that results agree with it to float precision. `inv` (spectral inversion) puts the highpass half
 * first.
 */
interface Synthesis {
  start: Int32Array; // len + 1 offsets into idx/weight
  idx: Int32Array;
  weight: Float64Array;
}

function synthesis(len: number, lo: Float32Array, hi: Float32Array, inv: boolean): Synthesis {
  const odd = len % 2 === 1;
  const llen = odd ? (len + 1) / 2 : len / 2;
  const hlen = odd ? llen - 1 : llen;
  if (llen < 1 || hlen < 1) throw fail(`a subband line of ${len} samples is too short to reconstruct`);
  const lsz = lo.length;
  const hsz = hi.length;
  const loc = Math.floor((lsz - 1) / 4);
  const hoc = Math.floor((hsz + 1) / 4) - 1;
  const lotap = ((lsz - 1) / 2) % 2;
  const hotap = ((hsz + 1) / 2) % 2;
  const lowBase = inv ? hlen : 0;
  const highBase = inv ? 0 : llen;
  const terms: Array<Array<[number, number]>> = Array.from({ length: len }, () => []);

  // Walk `filter` taps tap, tap+2, ... over a half of length n from `start` going `dir`,
  // reflecting at the ends: a set end-flag repeats the end sample once (half-sample symmetry).
  const walk = (out: Array<[number, number]>, n: number, base: number, filter: Float32Array, tap: number, start: number, dir: number, leftFlag: boolean, rightFlag: boolean): void => {
    let p = start;
    let d = dir;
    let le = leftFlag;
    let re = rightFlag;
    const last = n - 1;
    if (p < 0 || p > last) throw fail(`a subband line of ${len} samples is too short to reconstruct`);
    out.push([base + p, filter[tap]]);
    for (let i = tap + 2; i < filter.length; i += 2) {
      if (p === 0) {
        if (le) {
          d = 0;
          le = false;
        } else d = 1;
      }
      if (p === last) {
        if (re) {
          d = 0;
          re = false;
        } else d = -1;
      }
      p += d;
      if (p < 0 || p > last) throw fail(`a subband line of ${len} samples is too short to reconstruct`);
      out.push([base + p, filter[i]]);
    }
  };

  const pass = (n: number, base: number, filter: Float32Array, firstTap: number, startAt: number, leftFlag0: boolean, rightFlag: boolean, finalLowestTap: number): void => {
    let pos = 0;
    let s = startAt;
    let sd = -1;
    let leftFlag = leftFlag0;
    for (let pix = 0; pix < hlen; pix++) {
      for (let tap = pix === 0 ? firstTap : 1; tap >= 0; tap--) {
        if (pos >= len) throw fail('internal: synthesis overruns its line');
        walk(terms[pos++], n, base, filter, tap, s, sd, leftFlag, rightFlag);
      }
      if (s === 0) {
        if (leftFlag) {
          sd = 0;
          leftFlag = false;
        } else sd = 1;
      }
      s += sd;
    }
    for (let tap = 1; tap >= finalLowestTap; tap--) {
      if (pos >= len) throw fail('internal: synthesis overruns its line');
      walk(terms[pos++], n, base, filter, tap, s, sd, leftFlag, rightFlag);
    }
  };

  // Lowpass half: left end whole-sample symmetric; right end half-sample when the line is even.
  pass(llen, lowBase, lo, lotap, loc, false, !odd, odd ? (lotap ? 1 : 0) : lotap ? 2 : 1);
  // Highpass half: left end half-sample; right end half-sample when the line is odd.
  pass(hlen, highBase, hi, hotap, hoc, true, odd, odd ? (hotap ? 1 : 0) : hotap ? 2 : 1);

  let total = 0;
  for (const t of terms) total += t.length;
  const start = new Int32Array(len + 1);
  const idx = new Int32Array(total);
  const weight = new Float64Array(total);
  let k = 0;
  for (let i = 0; i < len; i++) {
    start[i] = k;
    for (const [j, wgt] of terms[i]) {
      idx[k] = j;
      weight[k++] = wgt;
    }
  }
  start[len] = k;
  return { start, idx, weight };
}

/** Inverse transform in place over the decomposition tree, deepest node first (columns, then rows). */
function reconstruct(f: Float32Array, width: number, tree: WaveletNode[], lo: Float32Array, hi: Float32Array): void {
  const cache = new Map<string, Synthesis>();
  const op = (len: number, inv: boolean): Synthesis => {
    const key = `${len}:${inv ? 1 : 0}`;
    let s = cache.get(key);
    if (!s) {
      s = synthesis(len, lo, hi, inv);
      cache.set(key, s);
    }
    return s;
  };
  let tmp = new Float64Array(0);
  for (let node = tree.length - 1; node >= 0; node--) {
    const { x, y, lenx, leny, invRow, invCol } = tree[node];
    if (tmp.length < lenx * leny) tmp = new Float64Array(lenx * leny);
    // Columns: output row i of every column at once (contiguous inner loop over the columns).
    const cs = op(leny, invCol);
    for (let i = 0; i < leny; i++) {
      const out = i * lenx;
      tmp.fill(0, out, out + lenx);
      for (let k = cs.start[i]; k < cs.start[i + 1]; k++) {
        const src = (y + cs.idx[k]) * width + x;
        const wgt = cs.weight[k];
        for (let c = 0; c < lenx; c++) tmp[out + c] += f[src + c] * wgt;
      }
    }
    // Rows: each of leny rows, lenx samples.
    const rs = op(lenx, invRow);
    for (let r = 0; r < leny; r++) {
      const base = (y + r) * width + x;
      const src = r * lenx;
      for (let i = 0; i < lenx; i++) {
        let acc = 0;
        for (let k = rs.start[i]; k < rs.start[i + 1]; k++) acc += tmp[src + rs.idx[k]] * rs.weight[k];
        f[base + i] = acc;
      }
    }
  }
}

export interface WsqImage extends GrayImage {
  /** The NISTCOM and other comments found in the file. */
  comments: string[];
}

/** Decodes a WSQ file to 8-bit gray. `ppi` is the NISTCOM "PPI" value when the file has one. */
export function decodeWsq(bytes: Uint8Array): WsqImage {
  const r = new WsqReader(bytes);
  if (bytes.length < 2 || r.marker('the start of image') !== SOI) throw fail('no start-of-image marker (0xFFA0)');
  const t: Tables = { huffman: [], comments: [] };
  let frame: Frame | undefined;
  let q: SparseCoefficients | undefined;
  let bins: { q: Float32Array; z: Float32Array; c: number } | undefined;
  let tree: WaveletNode[] | undefined;
  let qtree: Region[] | undefined;
  let at = 0;
  let limit = 0;
  let marker = r.marker('a table or frame marker');
  // Every iteration consumes at least 2 bytes (a marker), so the loop is bounded by the input.
  for (;;) {
    if (readTable(marker, r, t)) {
      marker = r.marker('a marker');
      continue;
    }
    if (marker === SOF) {
      if (frame) throw fail('a second frame header');
      frame = readFrame(r);
      tree = waveletTree(frame.width, frame.height);
      qtree = quantizationTree(tree);
      marker = r.marker('a marker');
      continue;
    }
    if (marker === SOB) {
      if (!frame || !qtree) throw fail('a block before the frame header');
      if (!t.qBin || !t.zBin || t.binCenter === undefined) throw fail('a block before the quantization table');
      if (!q) {
        // The quantization table in force at the first block fixes which subbands are coded
        // (as in NBIS); a later DQT cannot change the layout of coefficients already decoded.
        bins = { q: t.qBin.slice(), z: t.zBin.slice(), c: t.binCenter };
        limit = 0;
        for (let i = 0; i < NUM_SUBBANDS; i++) if (bins.q[i] !== 0) limit += qtree[i].lenx * qtree[i].leny;
        q = new SparseCoefficients();
      }
      const end = r.segment('block header', 3);
      const id = r.u8('the block Huffman table id');
      r.pos = end;
      const table = id < MAX_HUFFMAN_TABLES ? t.huffman[id] : undefined;
      if (!table) throw fail(`block uses Huffman table ${id}, which is not defined`);
      const res = decodeBlock(r, table, q, at, limit);
      at = res.at;
      marker = res.marker;
      continue;
    }
    if (marker === EOI) break;
    throw fail(`unexpected marker 0x${marker.toString(16).toUpperCase()} at offset ${r.pos - 2}`);
  }
  if (!frame || !tree || !qtree || !q || !bins) throw fail('no image data before the end-of-image marker');
  if (!t.lo || !t.hi) throw fail('no transform table');
  const { width, height } = frame;

  // Every coefficient must be coded. NBIS leaves the rest uninitialised; zero-filling them would
  // let a few bytes declaring a large frame cost a full-size reconstruction.
  if (at !== limit) throw fail(`coded data ends after ${at} of ${limit} subband coefficients`);
  // Dequantization (spec §3.3): p = Q (c − C) + Z/2 for c > 0, Q (c + C) − Z/2 for c < 0, 0 for 0.
  const f = new Float32Array(width * height);
  const C = bins.c;
  // Walk the non-zero coefficients in stream order, tracking which subband each position is in.
  let band = -1;
  let bandStart = 0;
  let bandEnd = 0;
  let region: Region = qtree[0];
  let Q = 0;
  let Z2 = 0;
  for (let i = 0; i < q.n; i++) {
    const p = q.pos[i];
    while (p >= bandEnd) {
      band++;
      while (band < NUM_SUBBANDS && bins.q[band] === 0) band++;
      if (band >= NUM_SUBBANDS) throw fail('internal: coefficient past the last subband');
      region = qtree[band];
      bandStart = bandEnd;
      bandEnd = bandStart + region.lenx * region.leny;
      Q = bins.q[band];
      Z2 = f32(bins.z[band] / 2);
    }
    const local = p - bandStart;
    const row = Math.floor(local / region.lenx);
    const col = local - row * region.lenx;
    const c = q.val[i];
    f[(region.y + row) * width + region.x + col] = c > 0 ? Q * (c - C) + Z2 : Q * (c + C) - Z2;
  }
  reconstruct(f, width, tree, t.lo, t.hi);

  const pixels = new Uint8Array(width * height);
  const { mShift, rScale } = frame;
  for (let i = 0; i < pixels.length; i++) {
    const v = f32(f32(f[i] * rScale) + mShift) + 0.5;
    pixels[i] = v < 0 ? 0 : v > 255 ? 255 : Math.floor(v);
  }
  const out: WsqImage = { width, height, pixels, comments: t.comments };
  if (t.ppi !== undefined) out.ppi = t.ppi;
  return out;
}

/** True when the bytes start like a WSQ file (SOI followed by another WSQ marker). */
export function looksLikeWsq(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xa0 && bytes[2] === 0xff && bytes[3] >= 0xa2 && bytes[3] <= 0xa8;
}
