/**
 * Canonical Huffman decoding tables from a BITS/HUFFVAL pair, as JPEG (ITU-T T.81 Annex C and
 * F.2.2.3) and WSQ (which borrows JPEG's table form, IAFIS-IC-0110 §B) both define them.
 */
export interface HuffmanTable {
  /** Per code length 1..16: largest code, smallest code, index of its first value. */
  maxcode: Int32Array;
  mincode: Int32Array;
  valptr: Int32Array;
  values: Uint8Array;
}

/**
 * `bits[len − 1]` codes of each length 1..16, `values` in code order. Returns undefined when the
 * lengths overflow their code space (not a prefix code), so the caller can say which table.
 */
export function buildHuffmanTable(bits: Uint8Array, values: Uint8Array): HuffmanTable | undefined {
  const maxcode = new Int32Array(17).fill(-1);
  const mincode = new Int32Array(17);
  const valptr = new Int32Array(17);
  let code = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    const n = bits[len - 1];
    if (n > 0) {
      valptr[len] = k;
      mincode[len] = code;
      code += n;
      k += n;
      maxcode[len] = code - 1;
      // A code length holding more codes than it has room for is not a prefix code.
      if (code > 1 << len) return undefined;
    }
    code <<= 1;
  }
  return { maxcode, mincode, valptr, values };
}
