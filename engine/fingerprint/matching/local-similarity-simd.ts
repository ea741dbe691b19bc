/**
 * Local similarities (local-similarity.ts) in WebAssembly with 128-bit SIMD: the cell popcounts by
 * i8x16.popcnt, three vectors per 48-byte cylinder. Same pairs, same order, same bits as the
 * JavaScript loop; about three times faster on that stage (docs/decisions/matcher-wasm-simd.md).
 *
 * One module instance per thread (module state is per isolate). The two templates are copied into
 * its memory before a call (about 1.5 KB each for 32 cylinders; the probe only when another probe
 * was used last), and the packed pairs come back in `out`, a view of that memory, valid until the
 * next call. consolidation-wasm.ts imports the same memory (14 pages) and consolidates those pairs
 * where they lie. BIOMATCH_WASM_SIMD=0 in the environment turns both off (for measuring the
 * fallback).
 */
import { MAX_MINUTIAE } from './parameters.js';
import { LOCAL_SIMILARITY_SIMD_WASM } from './local-similarity-simd-bytes.js';
import { instantiateKernel } from '../wasm-kernel.js';
import { CYLINDER_WORDS, type PreparedTemplate } from './prepared-template.js';

// Byte offsets in the module's memory; local-similarity-simd.wat lays them out the same way.
const A_CELLS = 0;
const B_CELLS = 6144;
const A_COS = 12288;
const A_SIN = 13312;
const B_COS = 14336;
const B_SIN = 15360;
const A_TOTAL = 16384;
const B_TOTAL = 17408;
const OUT = 20480;
/** Cylinders per side the module has room for, and the cylinder size it was written for. */
const MODULE_MINUTIAE = 128;
const MODULE_CYLINDER_WORDS = 12;

export interface SimdLocalSimilarities {
  /** The packed pairs of the last call (a view of the module's memory). */
  readonly out: Uint32Array;
  /** The module's memory (a WebAssembly.Memory), which consolidation-wasm.ts imports. */
  readonly memory: { readonly buffer: ArrayBuffer };
  /** localSimilarities(a, b, out, minCos), computed in WebAssembly. */
  run(a: PreparedTemplate, b: PreparedTemplate, minCos: number): number;
}

let instance: SimdLocalSimilarities | null | undefined;

/**
 * This thread's SIMD kernel, or null where WebAssembly SIMD is unavailable (or the parameters no
 * longer give the 48-byte cylinders the module was written for): callers fall back to JavaScript.
 */
export function simdLocalSimilarities(): SimdLocalSimilarities | null {
  if (instance !== undefined) return instance;
  instance = null;
  if (CYLINDER_WORDS !== MODULE_CYLINDER_WORDS || MAX_MINUTIAE > MODULE_MINUTIAE) return null;
  const exports = instantiateKernel(LOCAL_SIMILARITY_SIMD_WASM) as {
    memory: { readonly buffer: ArrayBuffer };
    similarities: (na: number, nb: number, minCos: number) => number;
  } | null;
  if (!exports) return null;
  const buffer = exports.memory.buffer;
  const u32 = new Uint32Array(buffer);
  const f64 = new Float64Array(buffer);
  const similarities = exports.similarities;
  let loadedA: PreparedTemplate | null = null;
  const load = (p: PreparedTemplate, cells: number, cos: number, sin: number, total: number): void => {
    // cos, sin and totals widened to f64 here (exactly), so the loop converts nothing.
    u32.set(p.cells, cells >>> 2);
    // One loop rather than three TypedArray.set calls: a set between element types converts in
    // the runtime, call by call (3–4% of a comparison under the profiler); the loop is compiled.
    const pc = p.cos, ps = p.sin, pt = p.total, n = p.count;
    const oc = cos >>> 3, os = sin >>> 3, ot = total >>> 3;
    for (let i = 0; i < n; i++) {
      f64[oc + i] = pc[i];
      f64[os + i] = ps[i];
      f64[ot + i] = pt[i];
    }
  };
  instance = {
    out: new Uint32Array(buffer, OUT, MODULE_MINUTIAE * MODULE_MINUTIAE),
    memory: exports.memory,
    run(a, b, minCos) {
      // The probe is fixed for a matcher's life (its pairwise tables are made once too); the
      // candidate is copied every time, since an arena may reuse a view's bytes.
      if (a !== loadedA) {
        load(a, A_CELLS, A_COS, A_SIN, A_TOTAL);
        loadedA = a;
      }
      load(b, B_CELLS, B_COS, B_SIN, B_TOTAL);
      return similarities(a.count, b.count, minCos);
    },
  };
  return instance;
}
