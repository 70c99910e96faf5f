// The wasm kernel's memory and the JS that drives it.
//
// Fixed part of the memory (the same for every kernel, so the runtime below
// needs no per-kernel description):
//   CS     2048 records (cos θ_j, sin θ_j), θ_j = π((2j + 1)/2048 − 1)   Box–Muller
//   E2     64 values 2^(j/64)                                          exp
//   LN     2050 records (c, 1/c, ln c, 0), c = 1 + i/1024 or its half   log
//   DUMP   DUMP_SAMPLES integrand values (dump mode)
//   STATE  the reduction state, 8 f64x2 (lane = one accumulator):
//          n, mean, M2, (unused), then the open chunk's count, shift, Σd, Σd²
//   SLOTS  the device slots (Float64Array V of the JS kernel), then
//          per-kernel scratch (Philox words, random variables; kernel.ts).
// The tables are filled by the same JS expressions as the JS kernel's
// ($ST/$CT, $E2, $LNC/$LNR/$LNT in js.ts), so both read identical values.
//
// The runtime is JS source (`WASM_RUNTIME`), evaluated on the main thread
// and in every worker thread alike: a kernel call there must not depend on
// which thread runs it.

import { FUNCTIONS } from '../../expr/functions/index.js';
import { JS_POW } from '../js.js';
import { JS_ANGLE_J, JS_RADIUS_EXT } from '../box-muller.js';
import { F64, I32, type ValType } from './encode.js';
import type { WasmInstance, WasmModule } from './api.js';

export const DUMP_SAMPLES = 4096;

export const MEM = {
  CS: 0,
  E2: 2048 * 16,
  LN: 2048 * 16 + 64 * 8,
  DUMP: 2048 * 16 + 64 * 8 + 2050 * 32,
  STATE: 2048 * 16 + 64 * 8 + 2050 * 32 + DUMP_SAMPLES * 8,
  SLOTS: 2048 * 16 + 64 * 8 + 2050 * 32 + DUMP_SAMPLES * 8 + 8 * 16,
} as const;

/** Table functions (src/expr/functions/) the wasm kernel calls as imports, with the JS expression of each. */
const FN_IMPORTS = [...FUNCTIONS.values()].flatMap((f) => ('import' in f.wasm ? [{ name: f.name, arity: f.arity, js: f.wasm.import, helpers: f.js.helpers ?? '' }] : []));

/** Imports of every kernel module, in function-index order: module "m". */
export const IMPORTS: readonly string[] = ['exp', 'log', ...FN_IMPORTS.map((f) => f.name), 'pow', 'rext'];

/** Parameter types of an import: f64 for the math functions; rext(group, x, k0, k1, stream, a) (philox.ts). */
export const importParams = (name: string): ValType[] =>
  name === 'pow' ? [F64, F64] : name === 'rext' ? [F64, I32, I32, I32, I32, F64] : FN_IMPORTS.find((f) => f.name === name)?.arity === 2 ? [F64, F64] : [F64];

/**
 * Groups per kernel call. The kernel runs in short calls so that V8's
 * dynamic tiering (Liftoff first, the optimizing compiler for hot
 * functions, at a call boundary) takes over after a few calls rather than
 * after a whole run; the reduction state lives in memory between calls, so
 * the split into calls changes nothing in the result. A multiple of 4 (the
 * kernel's block of groups).
 */
export const GROUPS_PER_CALL = 4096;

/**
 * JS source defining `$W` = { instance(module), reduce(...), dump(...) }.
 *   reduce(inst, V, k0, k1, stream, sg, gStart, gEnd, lo, hi, out): (n, mean, M2, nonFinite)
 *     of samples lo ≤ i < hi of groups gStart … gEnd − 1 (sg samples each) into out[0..3];
 *   dump(inst, V, k0, k1, stream, sg, first, count, out): the integrand of
 *     samples first … first + count − 1 into out.
 * The two lanes' accumulators merge in lane order (Chan's formula).
 */
export const WASM_RUNTIME = `
${JS_POW}${JS_RADIUS_EXT}${FN_IMPORTS.map((f) => f.helpers).join('')}
const $W = (() => {
  const imports = { m: { exp: Math.exp, log: Math.log, ${FN_IMPORTS.map((f) => `${f.name}: ${f.js}, `).join('')}pow: $pow, rext: $rext } };
  function tables(buf) {
    const cs = new Float64Array(buf, ${MEM.CS}, 4096);
    for (let j = 0; j < 2048; j++) { const th = ${JS_ANGLE_J}; cs[2 * j] = Math.cos(th); cs[2 * j + 1] = Math.sin(th); }
    const e2 = new Float64Array(buf, ${MEM.E2}, 64);
    for (let j = 0; j < 64; j++) e2[j] = 2 ** (j / 64);
    const ln = new Float64Array(buf, ${MEM.LN}, 4 * 2050);
    for (let i = 0; i <= 1024; i++) {
      const c = 1 + i / 1024, d = c / 2;
      ln[4 * i] = c; ln[4 * i + 1] = 1 / c; ln[4 * i + 2] = Math.log(c);
      ln[4 * (1025 + i)] = d; ln[4 * (1025 + i) + 1] = 1 / d; ln[4 * (1025 + i) + 2] = Math.log(d);
    }
  }
  function instance(module, extra) {
    const inst = new WebAssembly.Instance(module, extra ? { m: { ...imports.m, ...extra } } : imports);
    tables(inst.exports.mem.buffer);
    return inst;
  }
  function reduce(inst, V, k0, k1, stream, sg, gStart, gEnd, lo, hi, out) {
    const e = inst.exports, f = new Float64Array(e.mem.buffer);
    f.set(V, ${MEM.SLOTS / 8});
    f.fill(0, ${MEM.STATE / 8}, ${MEM.STATE / 8 + 16});
    for (let g = gStart; g < gEnd; g += ${GROUPS_PER_CALL}) e.reduce(g, Math.min(gEnd, g + ${GROUPS_PER_CALL}), lo, hi, k0, k1, stream);
    let n = 0, mean = 0, m2 = 0;
    for (let l = 0; l < 2; l++) {
      const s = (k) => f[${MEM.STATE / 8} + 2 * k + l];
      let ln = s(0), lm = s(1), lq = s(2);
      const cn = s(4), sh = s(5), cs = s(6), cq = s(7);
      if (cn > 0) {
        const cm = sh + cs / cn, cm2 = Math.max(cq - cs * cs / cn, 0), nn = ln + cn, d = cm - lm;
        lm += d * (cn / nn); lq += cm2 + d * d * (ln * cn / nn); ln = nn;
      }
      if (ln > 0) {
        const nn = n + ln, d = lm - mean;
        mean += d * (ln / nn); m2 += lq + d * d * (n * ln / nn); n = nn;
      }
    }
    // The kernel sums finite values only: the others are the samples in range less those.
    const count = Math.max(0, Math.min(hi, gEnd * sg) - Math.max(lo, gStart * sg));
    out[0] = n; out[1] = mean; out[2] = m2; out[3] = count - n;
  }
  function dump(inst, V, k0, k1, stream, sg, first, count, out) {
    const e = inst.exports, f = new Float64Array(e.mem.buffer);
    f.set(V, ${MEM.SLOTS / 8});
    for (let a = first; a < first + count; a += ${DUMP_SAMPLES}) {
      const b = Math.min(first + count, a + ${DUMP_SAMPLES});
      e.dump(Math.floor(a / sg), Math.ceil(b / sg), a, b, k0, k1, stream);
      out.set(f.subarray(${MEM.DUMP / 8}, ${MEM.DUMP / 8} + (b - a)), a - first);
    }
  }
  return { instance, reduce, dump };
})();
`;

export interface WasmRuntime {
  /** An instance with the tables filled; `extra` imports (module "m") after IMPORTS, for kernels that need more. */
  instance(module: WasmModule, extra?: Readonly<Record<string, unknown>>): WasmInstance;
  reduce(
    inst: WasmInstance, V: Float64Array, k0: number, k1: number, stream: number, sg: number,
    gStart: number, gEnd: number, lo: number, hi: number, out: Float64Array,
  ): void;
  dump(
    inst: WasmInstance, V: Float64Array, k0: number, k1: number, stream: number,
    sg: number, first: number, count: number, out: Float64Array,
  ): void;
}

let runtime: WasmRuntime | undefined;
/** The runtime on this thread. */
export function wasmRuntime(): WasmRuntime {
  runtime ??= new Function(`"use strict";${WASM_RUNTIME}return $W;`)() as WasmRuntime;
  return runtime;
}
