// The few WebAssembly JS-API entry points the cpu backend uses, typed here
// (the project compiles without the DOM library, which declares them).

import { Fn, encodeModule, SIMD, V128 } from './encode.js';

/** A compiled module (opaque; it can be posted to worker threads). */
export interface WasmModule {
  readonly __brand: 'WebAssembly.Module';
}

/** An instance (opaque; used by the runtime in memory.ts). */
export interface WasmInstance {
  readonly exports: Readonly<Record<string, unknown>>;
}

interface Api {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => WasmInstance;
  validate(bytes: Uint8Array): boolean;
}

const api = (globalThis as unknown as { WebAssembly?: Api }).WebAssembly;

let simd: boolean | undefined;

/** Whether this runtime has WebAssembly with 128-bit SIMD (a tiny module using v128 validates). */
export function wasmSimdSupported(): boolean {
  if (simd === undefined) {
    const f = new Fn([], [V128]);
    f.f64x2(1).f64x2(2).simd(SIMD.f64x2Add);
    try {
      simd = api !== undefined && api.validate(encodeModule({ imports: [], funcs: [f], pages: 1, exports: { f: 0 } }));
    } catch {
      simd = false;
    }
  }
  return simd;
}

/** Compiles a module (synchronously: kernels are small). */
export function compileWasm(bytes: Uint8Array): WasmModule {
  if (!api) throw new Error('WebAssembly is not available');
  return new api.Module(bytes);
}

/** Instantiates a module (the kernels go through the runtime in memory.ts instead). */
export function instantiate(module: WasmModule, imports: object): WasmInstance {
  if (!api) throw new Error('WebAssembly is not available');
  return new api.Instance(module, imports);
}
