/**
 * Consolidation (consolidation.ts) in WebAssembly: pair selection, ρ with the candidate's pairwise
 * geometry, relaxation and the choice of the nP pairs, run on the packed pairs the SIMD local
 * similarities leave in the same memory. Same pairs, same λ, same score to the last bit as the
 * JavaScript (docs/decisions/matcher-wasm-simd.md says why it is worth a second module).
 *
 * One module instance per thread, sharing the local-similarity instance's memory (both are
 * per-isolate). Before a call the candidate's positions, directions and types are copied in
 * (about 0.8 KB for 32 cylinders), and the probe's with its pairwise tables when another probe was
 * used last. The results stay in the module's memory (views below) until the next call.
 * The module has the matcher's parameters as constants; it is not used when they change
 * (WRITTEN_FOR below).
 */
import { DIR_TABLE, DIST_TABLE, RAD_TABLE, type SelectedPairs, scorePairCount } from './consolidation.js';
import { CONSOLIDATION_WASM } from './consolidation-wasm-bytes.js';
import { instantiateKernel } from '../wasm-kernel.js';
import type { SimdLocalSimilarities } from './local-similarity-simd.js';
import { INDEX_BITS, SIMILARITY_LEVELS } from './local-similarity.js';
import { ANGLE_UNITS_PER_PI, DISTANCE_UNITS_PER_PX, type ProbeGeometry, radialAngleUnitsExact } from './pairwise-geometry.js';
import { MAX_MINUTIAE, MAX_SCORE_PAIRS, RELAXATION_ITERATIONS, RELAXATION_WEIGHT, TYPE_MISMATCH_WEIGHT } from './parameters.js';
import type { PreparedTemplate } from './prepared-template.js';

// Byte offsets in the shared memory; consolidation-wasm.wat lays them out the same way.
const TABLE_DISTANCE = 0x20000;
const TABLE_DIRECTION = 0x22800;
const TABLE_RADIAL = 0x25000;
const A_X = 0x28000;
const A_Y = 0x28400;
const A_DIRECTION = 0x28800;
const B_X = 0x28c00;
const B_Y = 0x29000;
const B_DIRECTION = 0x29400;
const A_TYPE = 0x29800;
const B_TYPE = 0x29880;
const PAIR_A = 0x29a00;
const PAIR_B = 0x29c00;
const LAMBDA = 0x2a000;
const CHOSEN = 0x2a200;
const CHOSEN_COUNT = 0x2a304;
const A_DISTANCE = 0x30000;
const A_DIRECTION_DIFFERENCE = 0x40000;
const A_RADIAL_ANGLE = 0x50000;
/** Cylinders per side the module has room for; table lengths it was written for. */
const MODULE_MINUTIAE = 128;
const MODULE_TABLE_LENGTH = 1025;
/**
 * The parameters consolidation-wasm.wat has as constants. Where parameters.ts (or the packing and
 * units) say otherwise, the module is not used: consolidation.ts then runs, with the new values.
 */
const WRITTEN_FOR =
  RELAXATION_ITERATIONS === 5 &&
  RELAXATION_WEIGHT === 0.5 &&
  TYPE_MISMATCH_WEIGHT === 0.85 &&
  MAX_SCORE_PAIRS <= 16 &&
  SIMILARITY_LEVELS === 262143 &&
  INDEX_BITS === 7 &&
  DISTANCE_UNITS_PER_PX === 16 &&
  ANGLE_UNITS_PER_PI === 1024;

export interface WasmConsolidation extends SelectedPairs {
  /**
   * The global score of `a` (with its pairwise geometry) against `b`: the SIMD kernel's local
   * similarities, then consolidate() of consolidation.ts, both in WebAssembly. `qualitySpread`:
   * as ConsolidationScratch's (false: r = 1 in relaxation's spread, whatever the templates' W).
   */
  run(a: PreparedTemplate, b: PreparedTemplate, minCos: number, geometry: ProbeGeometry, qualitySpread?: boolean): number;
}

let instance: WasmConsolidation | null | undefined;

/**
 * This thread's consolidation module over `kernel`'s memory, or null where it cannot be made
 * (callers then consolidate in JavaScript, with the same results).
 */
export function wasmConsolidation(kernel: SimdLocalSimilarities): WasmConsolidation | null {
  if (instance !== undefined) return instance;
  instance = null;
  if (MAX_MINUTIAE > MODULE_MINUTIAE || !WRITTEN_FOR) return null;
  if (DIST_TABLE.length !== MODULE_TABLE_LENGTH || DIR_TABLE.length !== MODULE_TABLE_LENGTH || RAD_TABLE.length !== MODULE_TABLE_LENGTH) return null;
  const exports = instantiateKernel(CONSOLIDATION_WASM, { env: { memory: kernel.memory, radialFallback: radialAngleUnitsExact } }) as {
    consolidate: (na: number, nb: number, found: number, nPmax: number, weighted: number) => number;
  } | null;
  if (!exports) return null;
  const consolidateWasm = exports.consolidate;
  const buffer = kernel.memory.buffer;
  const f64 = new Float64Array(buffer);
  const i32 = new Int32Array(buffer);
  const u8 = new Uint8Array(buffer);
  // The ρ sigmoid tables, widened (exactly) to f64 so the module converts nothing.
  f64.set(DIST_TABLE, TABLE_DISTANCE >>> 3);
  f64.set(DIR_TABLE, TABLE_DIRECTION >>> 3);
  f64.set(RAD_TABLE, TABLE_RADIAL >>> 3);
  const pairCounts = new Int32Array(MODULE_MINUTIAE + 1);
  for (let n = 0; n <= MODULE_MINUTIAE; n++) pairCounts[n] = scorePairCount(n);
  let loadedA: PreparedTemplate | null = null;
  let loadedGeometry: ProbeGeometry | null = null;
  const chosenCount = {
    get value(): number {
      return i32[CHOSEN_COUNT >>> 2];
    },
  };
  instance = {
    pairA: new Int32Array(buffer, PAIR_A, MODULE_MINUTIAE),
    pairB: new Int32Array(buffer, PAIR_B, MODULE_MINUTIAE),
    lambda: new Float32Array(buffer, LAMBDA, MODULE_MINUTIAE),
    chosen: new Int32Array(buffer, CHOSEN, 16),
    chosenCount,
    run(a, b, minCos, geometry, qualitySpread = true) {
      const found = kernel.run(a, b, minCos);
      if (a !== loadedA || geometry !== loadedGeometry) {
        geometry.load(a);
        const n = a.count;
        f64.set(a.x, A_X >>> 3);
        f64.set(a.y, A_Y >>> 3);
        f64.set(a.direction, A_DIRECTION >>> 3);
        u8.set(a.type, A_TYPE);
        i32.set(geometry.distance.subarray(0, n * n), A_DISTANCE >>> 2);
        i32.set(geometry.directionDifference.subarray(0, n * n), A_DIRECTION_DIFFERENCE >>> 2);
        i32.set(geometry.radialAngle.subarray(0, n * n), A_RADIAL_ANGLE >>> 2);
        loadedA = a;
        loadedGeometry = geometry;
      }
      // One compiled loop rather than four TypedArray.set calls, each a runtime call.
      const bxs = b.x, bys = b.y, bds = b.direction, bts = b.type, nb = b.count;
      for (let i = 0; i < nb; i++) {
        f64[(B_X >>> 3) + i] = bxs[i];
        f64[(B_Y >>> 3) + i] = bys[i];
        f64[(B_DIRECTION >>> 3) + i] = bds[i];
        u8[B_TYPE + i] = bts[i];
      }
      const nR = a.count < b.count ? a.count : b.count;
      // The lighter side's W (consolidation.ts computes the spread from it the same way).
      const weighted = qualitySpread ? Math.min(a.weightedCount, b.weightedCount) : nR;
      return consolidateWasm(a.count, b.count, found, pairCounts[nR], weighted);
    },
  };
  return instance;
}
