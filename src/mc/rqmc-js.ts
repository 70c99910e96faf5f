// The cpu kernel of randomized quasi-Monte Carlo (float64): points
// iStart … iEnd − 1 of ONE randomization of the scrambled Sobol sequence
// (sobol/sobol.ts), each mapped to the random variables and the integrand
// (the same integrand code as the Monte Carlo kernels, emit.ts / js.ts).
//
// Coordinates: the linearly scrambled point is carried from one index to the
// next by the Gray-code recursion x ⊕= C_{ctz(i)}, one XOR per dimension,
// bit-reversed (the tables are reversed once per call), so that the nested
// scramble (sobol/nested-scramble.ts), which works on reversed bits, costs one
// reversal per coordinate instead of two.
// Each random variable takes its own coordinates, in binding order: a scalar
// (N, LogitNormal, U) one, N(mean, variance, dim) `dim` of them.
// From a coordinate y (a 32-bit integer, the point y/2^32 in its cell of
// width 2^-32) to a uniform: p = (min(y, ~y) + f)·2^-32 ≤ 1/2, the side
// chosen by the top bit, so the upper tail is as exact as the lower one; f is
// 1/2 (the cell's midpoint), except in the outermost cells (min(y, ~y) <
// LOW_CELLS, p < 2^-12) where f is uniform from Philox at (i, r, stream,
// LOW_TAG + d): there a normal's quantile changes by much more than a cell
// holds, and the midpoint would cut the tails at |z| ≈ 6.2. Normals are
// ±Φ⁻¹(p) (AS241), uniforms p or 1 − p.
import type { Spec } from './specialize.js';
import { emitIr } from './emit.js';
import { JS_HELPERS, jsLang, jsPowHelpers } from './js.js';
import { jsPpnd } from './sobol/normal-quantile.js';
import { philox4x32 } from './philox.js';
import { LOW_TAG, SOBOL_BITS } from './sobol/sobol.js';
import { JS_NESTED_SCRAMBLE } from './sobol/nested-scramble.js';

/** Cells (per side) whose points get random sub-cell bits: p < 2^20·2^-32 = 2^-12. */
export const LOW_CELLS = 2 ** 20;

/** The coordinates (Sobol dimensions) of a kernel: the sum of the random variables' dimensions. */
export const sobolDims = (spec: Spec): number => spec.dims.reduce((s, d) => s + d, 0);

/** First coordinate of each random variable. */
export function coordOffsets(spec: Spec): number[] {
  const out: number[] = [];
  let o = 0;
  for (const d of spec.dims) {
    out.push(o);
    o += d;
  }
  return out;
}

export type RqmcKernel = (
  V: Float64Array, C: Int32Array, E: Int32Array, N: Int32Array, k0: number, k1: number, stream: number, r: number,
  iStart: number, iEnd: number, out: Float64Array,
) => void;

/**
 * JS source of $lowP(c, i, r, stream, d, k0, k1): p of a point in the
 * outermost cells (c < LOW_CELLS), its sub-cell bits from Philox at (i, r,
 * stream, LOW_TAG + d) under the key (k0, k1); `philox` in scope. The JS
 * kernel calls it from pOf, the wasm kernel imports it (wasm/rqmc-kernel.ts):
 * one definition for both.
 */
export const JS_LOW_P = `const $ph = new Uint32Array(4);
function $lowP(c, i, r, stream, d, k0, k1) {
  philox(i, r, stream, (${LOW_TAG} + d) >>> 0, k0, k1, $ph);
  const f = ($ph[0] * 2097152 + ($ph[1] >>> 11) + 0.5) * 1.1102230246251565e-16;
  return (c + f) * 2.3283064365386963e-10;
}`;

/** $lowP compiled on its own (the wasm kernel's import). */
export const lowP = new Function('philox', `${JS_LOW_P}\nreturn $lowP;`)(philox4x32) as (c: number, i: number, r: number, stream: number, d: number, k0: number, k1: number) => number;

/** Compiles a kernel source (its Philox for the outermost cells passed in). */
export const compileRqmcKernel = (src: string): RqmcKernel => new Function('philox', src)(philox4x32) as RqmcKernel;

/**
 * Source of kernel(V, C, E, N, k0, k1, stream, r, iStart, iEnd, out): C the
 * scrambled direction numbers (dims·32), E the shifts, N the nested
 * scramble's seeds (sobol.ts's Scramble, as Int32Arrays); writes the number of
 * finite values, their sum (compensated) and the non-finite count to out[0..2].
 */
export function rqmcKernelSource(spec: Spec): string {
  const a = spec.analysis;
  const D = sobolDims(spec);
  const off = coordOffsets(spec);
  const e = emitIr(a.integrand, jsLang({}), spec.dims);
  const nslots = a.host.length - a.slotBase;
  const nrv = a.rvs.length;
  const o: string[] = [];
  o.push('"use strict";', JS_HELPERS, jsPpnd('$log'), jsPowHelpers(e.powers), JS_NESTED_SCRAMBLE);
  // p of coordinate d at point i (see the header). Module-level, not inside
  // the kernel: closures made per call would each start cold in the JIT.
  o.push('let $R = 0, $ST = 0, $K0 = 0, $K1 = 0;', JS_LOW_P);
  o.push(`function pOf(y, i, d) {
  const c = y ^ (y >> 31); // min(y, ~y), without a branch
  if (c >= ${LOW_CELLS}) return (c + 0.5) * 2.3283064365386963e-10;
  return $lowP(c, i, $R, $ST, d, $K0, $K1);
}`);
  // The sign as a factor ±1 = (y >> 31) | 1, not a branch: it is a coin flip
  // per normal, which the branch predictor misses half the time, and one
  // call site lets V8 inline $ppnd once (measured 9–14 % off the kernel).
  o.push('function nrm(y, i, d) { return $ppnd(pOf(y, i, d)) * ((y >> 31) | 1); }');
  o.push('return function kernel(V, C, E, N, k0, k1, stream, r, iStart, iEnd, out) {');
  for (let r = 0; r < nrv; r++) o.push(`const A${r} = V[${2 * r}], B${r} = V[${2 * r + 1}];`);
  for (let i = 0; i < nslots; i++) o.push(`const S${i} = V[${2 * nrv + i}];`);
  o.push(`const X = new Int32Array(${D}), CR = new Int32Array(${D * SOBOL_BITS});`, `for (let q = 0; q < ${D * SOBOL_BITS}; q++) CR[q] = $rev(C[q]);`);
  // The point iStart: the shift XOR the direction numbers of gray(iStart)'s bits (reversed).
  o.push(`{ const g = (iStart ^ Math.floor(iStart / 2)) >>> 0; for (let d = 0; d < ${D}; d++) { let x = E[d]; for (let k = 0; k < ${SOBOL_BITS}; k++) if ((g >>> k) & 1) x ^= C[d * ${SOBOL_BITS} + k]; X[d] = $rev(x); } }`);
  const unroll = D <= 32;
  if (unroll) for (let d = 0; d < D; d++) o.push(`const N${d} = N[${d}];`);
  // The coordinate d of the point, nested-scrambled (normal bit order).
  const coord = (d: number | string): string => (unroll && typeof d === 'number' ? `$nest(X[${d}], N${d})` : `$nest(X[${d}], N[${d}])`);
  o.push('$R = r; $ST = stream; $K0 = k0; $K1 = k1;');
  a.rvs.forEach((rv, r) => {
    if (rv.vector) o.push(`const xv${r} = new Float64Array(${spec.dims[r]});`);
  });
  o.push('let n = 0, sum = 0, comp = 0, nf = 0;');
  o.push('for (let i = iStart; i < iEnd; i++) {');
  o.push('if (i > iStart) {', 'const k = 31 - Math.clz32(i & -i);');
  if (unroll) for (let d = 0; d < D; d++) o.push(`X[${d}] ^= CR[${d * SOBOL_BITS} + k];`);
  else o.push(`for (let d = 0; d < ${D}; d++) X[d] ^= CR[d * ${SOBOL_BITS} + k];`);
  o.push('}');
  const normal = (d: number): string => `nrm(${coord(d)}, i, ${d})`;
  a.rvs.forEach((rv, r) => {
    const A = `A${r}`;
    const B = `B${r}`;
    const d = off[r];
    if (rv.family === 'U') {
      o.push(`const y${r} = ${coord(d)}, p${r} = pOf(y${r}, i, ${d});`, `const r${r} = ${A} + ${B} * (y${r} < 0 ? 1 - p${r} : p${r});`);
    } else if (rv.vector) {
      o.push(`for (let k = 0; k < ${spec.dims[r]}; k++) { xv${r}[k] = ${A} + ${B} * nrm(${coord(`${d} + k`)}, i, ${d} + k); }`);
      o.push(`const r${r} = xv${r};`);
    } else if (rv.family === 'N') {
      o.push(`const r${r} = ${A} + ${B} * ${normal(d)};`);
    } else {
      o.push(`const r${r} = $sig(${A} + ${B} * ${normal(d)});`);
    }
  });
  o.push(...e.lines, `const f = ${e.expr};`);
  // Neumaier's compensated sum: 2^20 values per randomization, and RQMC's error bars are small enough to see plain summation's rounding.
  o.push('if (f - f === 0) { n++; const t = sum + f; comp += Math.abs(sum) >= Math.abs(f) ? (sum - t) + f : (f - t) + sum; sum = t; } else nf++;');
  o.push('}');
  o.push('out[0] = n; out[1] = sum + comp; out[2] = nf;');
  o.push('};');
  return o.join('\n');
}
