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
// (N, LogitNormal, U) one, N(mean, variance, dim) `dim` of them. A coordinate
// is one Sobol dimension, or, for a one-coordinate integrand, two interlaced
// (sobol/interlace.ts).
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
import { LOW_TAG, REFINE_TAG, SOBOL_BITS } from './sobol/sobol.js';
import { JS_NESTED_SCRAMBLE } from './sobol/nested-scramble.js';
import { JS_INTERLACE } from './sobol/interlace.js';

/** Cells (per side) whose points get random sub-cell bits: p < 2^20·2^-32 = 2^-12. */
export const LOW_CELLS = 2 ** 20;

/** The coordinates of a kernel: the sum of the random variables' dimensions. */
export const coordinateCount = (spec: Spec): number => spec.dims.reduce((s, d) => s + d, 0);
/**
 * Sobol dimensions per coordinate: 2 — an order-2 interlaced net
 * (sobol/interlace.ts) — for a one-coordinate integrand, where it was
 * measured to pay; 1 elsewhere.
 */
export const interlacing = (spec: Spec): number => (coordinateCount(spec) === 1 ? 2 : 1);
/** The Sobol dimensions of a kernel: coordinates × interlacing (coordinate d takes dimensions d·q … d·q + q − 1). */
export const sobolDims = (spec: Spec): number => coordinateCount(spec) * interlacing(spec);

/**
 * JS expression of coordinate d's word (signed 32-bit) from the expression
 * of Sobol dimension j's nested-scrambled word `dim(j)`.
 */
export const jsWord = (spec: Spec, dim: (j: number | string) => string, d: number | string): string => {
  if (interlacing(spec) === 1) return dim(d);
  return `$il(${dim(typeof d === 'number' ? 2 * d : `2 * (${d})`)}, ${dim(typeof d === 'number' ? 2 * d + 1 : `2 * (${d}) + 1`)})`;
};

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
  return kernelPrelude(spec) + '\n' + kernelBody(spec);
}

/** The helpers both kernel sources share: the quantile, the nested scramble, pOf and nrm. */
function kernelPrelude(spec: Spec): string {
  const e = emitIr(spec.analysis.integrand, jsLang({}), spec.dims);
  const o: string[] = [];
  o.push('"use strict";', JS_HELPERS, jsPpnd('$log'), jsPowHelpers(e.powers), JS_NESTED_SCRAMBLE, JS_INTERLACE);
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
  o.push('function nrm(y, p) { return $ppnd(p) * ((y >> 31) | 1); }');
  return o.join('\n');
}

/**
 * Lines computing the random variables r0, r1, … of one point from its
 * coordinate words (`word(d)`, a signed 32-bit expression) and their p
 * (`p(y, d)`, p ≤ 1/2 of the word held in the variable y), then the
 * integrand's value f.
 */
function drawLines(spec: Spec, word: (d: number | string) => string, p: (y: string, d: number | string) => string): string[] {
  const a = spec.analysis;
  const off = coordOffsets(spec);
  const e = emitIr(a.integrand, jsLang({}), spec.dims);
  const o: string[] = [];
  a.rvs.forEach((rv, r) => {
    const A = `A${r}`;
    const B = `B${r}`;
    const d = off[r];
    if (rv.family === 'U') {
      o.push(`const $y${r} = ${word(d)}, $p${r} = ${p(`$y${r}`, d)};`, `const r${r} = ${A} + ${B} * ($y${r} < 0 ? 1 - $p${r} : $p${r});`);
    } else if (rv.vector) {
      o.push(`for (let k = 0; k < ${spec.dims[r]}; k++) { const $y = ${word(`${d} + k`)}; xv${r}[k] = ${A} + ${B} * nrm($y, ${p('$y', `${d} + k`)}); }`);
      o.push(`const r${r} = xv${r};`);
    } else {
      o.push(`const $y${r} = ${word(d)}, $x${r} = ${A} + ${B} * nrm($y${r}, ${p(`$y${r}`, d)});`);
      o.push(rv.family === 'N' ? `const r${r} = $x${r};` : `const r${r} = $sig($x${r});`);
    }
  });
  o.push(...e.lines, `const f = ${e.expr};`);
  return o;
}

/** Lines declaring the affine maps A_r, B_r of the random variables, the host slots S_i and the vectors' buffers. */
function paramLines(spec: Spec): string[] {
  const a = spec.analysis;
  const nslots = a.host.length - a.slotBase;
  const o: string[] = [];
  for (let r = 0; r < a.rvs.length; r++) o.push(`const A${r} = V[${2 * r}], B${r} = V[${2 * r + 1}];`);
  for (let i = 0; i < nslots; i++) o.push(`const S${i} = V[${2 * a.rvs.length + i}];`);
  a.rvs.forEach((rv, r) => {
    if (rv.vector) o.push(`const xv${r} = new Float64Array(${spec.dims[r]});`);
  });
  return o;
}

function kernelBody(spec: Spec): string {
  const D = sobolDims(spec);
  const o: string[] = [];
  o.push('return function kernel(V, C, E, N, k0, k1, stream, r, iStart, iEnd, out) {', ...paramLines(spec));
  o.push(`const X = new Int32Array(${D}), CR = new Int32Array(${D * SOBOL_BITS});`, `for (let q = 0; q < ${D * SOBOL_BITS}; q++) CR[q] = $rev(C[q]);`);
  // The point iStart: the shift XOR the direction numbers of gray(iStart)'s bits (reversed).
  o.push(`{ const g = (iStart ^ Math.floor(iStart / 2)) >>> 0; for (let d = 0; d < ${D}; d++) { let x = E[d]; for (let k = 0; k < ${SOBOL_BITS}; k++) if ((g >>> k) & 1) x ^= C[d * ${SOBOL_BITS} + k]; X[d] = $rev(x); } }`);
  const unroll = D <= 32;
  if (unroll) for (let d = 0; d < D; d++) o.push(`const N${d} = N[${d}];`);
  // The coordinate d of the point, nested-scrambled (normal bit order).
  const coord = (d: number | string): string => (unroll && typeof d === 'number' ? `$nest(X[${d}], N${d})` : `$nest(X[${d}], N[${d}])`);
  o.push('$R = r; $ST = stream; $K0 = k0; $K1 = k1;');
  o.push('let n = 0, sum = 0, comp = 0, nf = 0;');
  o.push('for (let i = iStart; i < iEnd; i++) {');
  o.push('if (i > iStart) {', 'const k = 31 - Math.clz32(i & -i);');
  if (unroll) for (let d = 0; d < D; d++) o.push(`X[${d}] ^= CR[${d * SOBOL_BITS} + k];`);
  else o.push(`for (let d = 0; d < ${D}; d++) X[d] ^= CR[d * ${SOBOL_BITS} + k];`);
  o.push('}');
  o.push(...drawLines(spec, (d) => jsWord(spec, coord, d), (y, d) => `pOf(${y}, i, ${d})`));
  // Neumaier's compensated sum: 2^20 values per randomization, and RQMC's error bars are small enough to see plain summation's rounding.
  o.push('if (f - f === 0) { n++; const t = sum + f; comp += Math.abs(sum) >= Math.abs(f) ? (sum - t) + f : (f - t) + sum; sum = t; } else nf++;');
  o.push('}');
  o.push('out[0] = n; out[1] = sum + comp; out[2] = nf;');
  o.push('};');
  return o.join('\n');
}

/**
 * The value at one point of a randomization, and its tail-refined value
 * (rqmc-tails.ts): refine(V, C, E, N, k0, k1, stream, r, i, T, W, K, out)
 * writes to out[0] the integrand at point i exactly as the kernel computes it,
 * and to out[1] the mean of the integrand over K points that keep point i's
 * coordinates except those in the end cells (c = min(y, ~y) < T, cells of
 * width W in units of 2^-32): each of those takes one point per stratum of
 * width W/K of its cell, all at the same random offset in their strata
 * (systematic sampling), the strata cyclically shifted by a random amount
 * per coordinate so that two refined coordinates of the same point are
 * jointly uniform; offset and shift from one Philox call at (i, r, stream,
 * REFINE_TAG + d). NaN in out[1] when a refined value is not finite.
 */
export type RqmcRefine = (
  V: Float64Array, C: Int32Array, E: Int32Array, N: Int32Array, k0: number, k1: number, stream: number, r: number,
  i: number, T: number, W: number, K: number, out: Float64Array,
) => void;

export function rqmcRefineSource(spec: Spec): string {
  const D = sobolDims(spec);
  const o: string[] = [kernelPrelude(spec)];
  const Dc = coordinateCount(spec);
  o.push(`const $Z = new Int32Array(${D}), $Y = new Int32Array(${Dc}), $F = new Uint8Array(${Dc}), $S = new Float64Array(${Dc}), $U = new Float64Array(${Dc}), $w = new Uint32Array(4);`);
  // p ≤ 1/2 of the point in stratum (q + shift) mod K of the end cell holding c.
  o.push(`function pSub(c, d, q, W, K) {
  return (Math.floor(c / W) * W + ((q + $S[d]) % K + $U[d]) * (W / K)) * 2.3283064365386963e-10;
}`);
  o.push('return function refine(V, C, E, N, k0, k1, stream, r, i, T, W, K, out) {', ...paramLines(spec));
  o.push('$R = r; $ST = stream; $K0 = k0; $K1 = k1;');
  o.push(`const g = (i ^ Math.floor(i / 2)) >>> 0;
for (let j = 0; j < ${D}; j++) {
  let x = E[j];
  for (let k = 0; k < ${SOBOL_BITS}; k++) if ((g >>> k) & 1) x ^= C[j * ${SOBOL_BITS} + k];
  $Z[j] = $nest($rev(x), N[j]);
}
for (let d = 0; d < ${Dc}; d++) {
  const y = ${jsWord(spec, (j) => `$Z[${j}]`, 'd')};
  $Y[d] = y;
  const c = y ^ (y >> 31);
  $F[d] = c < T ? 1 : 0;
  if ($F[d]) {
    philox(i, r, stream, (${REFINE_TAG} + d) >>> 0, k0, k1, $w);
    $U[d] = ($w[0] * 2097152 + ($w[1] >>> 11) + 0.5) * 1.1102230246251565e-16;
    $S[d] = $w[2] % K;
  }
}
let plain = NaN, sum = 0, bad = false;
for (let q = -1; q < K; q++) {`);
  o.push(...drawLines(spec, (d) => `$Y[${d}]`, (y, d) => `(q < 0 || $F[${d}] === 0 ? pOf(${y}, i, ${d}) : pSub(${y} ^ (${y} >> 31), ${d}, q, W, K))`));
  o.push('if (q < 0) plain = f; else if (f - f === 0) sum += f; else bad = true;', '}');
  o.push('out[0] = plain; out[1] = bad ? NaN : sum / K;', '};');
  return o.join('\n');
}

/** Compiles a refine source (its Philox passed in). */
export const compileRqmcRefine = (src: string): RqmcRefine => new Function('philox', src)(philox4x32) as RqmcRefine;
