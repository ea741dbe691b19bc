/**
 * Instantiating the committed WebAssembly kernels (matcher and extraction): each is a base64 module
 * built from hand-written .wat (matching/build-matcher-wasm.mjs) with a JavaScript reference path
 * that gives the same bits, so a kernel that cannot be made is never an error — callers fall back.
 */

/** The little of the WebAssembly JS API used here (the project's TypeScript libs omit the DOM's). */
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

/**
 * The module's exports, or null where WebAssembly is unavailable, the bytes do not validate (no
 * SIMD in this runtime), or BIOMATCH_WASM_SIMD=0 in the environment turns the kernels off (for
 * measuring the JavaScript paths).
 */
export function instantiateKernel(base64: string, imports: object = {}): Record<string, unknown> | null {
  if (process.env.BIOMATCH_WASM_SIMD === '0') return null;
  const wasm = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (!wasm) return null;
  const bytes = Buffer.from(base64, 'base64');
  if (!wasm.validate(bytes)) return null;
  return new wasm.Instance(new wasm.Module(bytes), imports).exports;
}
