// The JS side of code generation: the host-value function (float64, both
// backends use it) and the cpu backend's kernel (float64, same stream layout
// and same integrand as the WGSL kernel).

import { FUNCTIONS, fnNamed } from '../expr/functions/index.js';
import type { Analysis, IrFn } from './plan.js';
import { emitIr, powiSteps, type Lang } from './emit.js';
import type { Spec } from './specialize.js';
import { jsPhilox2Body, jsRoundKeyDecls } from './philox.js';
import { JS_BOX_MULLER_TABLES, JS_RADIUS_EXT, jsBoxMuller } from './box-muller.js';

/**
 * exp and log in float64 for the integrands: V8's Math.exp and Math.log cost
 * 10–15 ns a call, which made exp-heavy integrands 2–3× slower than numpy.
 *   $exp(x) = 2^k · 2^(j/64) · e^r, n = round(64x/ln 2) = 64k + j,
 *     r = x − n·ln2/64 (Cody–Waite: ln2/64 = hi + lo, n·hi exact), |r| ≤ ln2/128,
 *     e^r − 1 by its series to r⁶ (error < r⁷/5040 < 2^-62);
 *   $log(x) = e·ln 2 + ln c + ln(1 + t), x = m·2^e with m ∈ [3/4, 3/2) (so
 *     e = 0 next to 1 and nothing cancels there), c the nearest of the points
 *     1 + i/1024 (m ≥ 1) or (1 + i/1024)/2 (m < 1), t = (m − c)/c with m − c
 *     exact (Sterbenz) so t has a small relative error, |t| ≤ 2^-11,
 *     ln(1 + t) by its series to t⁵ (error < t⁶/6 < 2^-68);
 * Outside the fast ranges (non-finite, ≤ 0, subnormal, |x| ≥ 708 for exp,
 * x ≥ 2^1022 for log, where 2^-e would not be a normal number and the table
 * $P2K ends) they defer to Math.exp / Math.log. Both are within 2 ulps of the correctly
 * rounded value (tests/mc/jsmath.test.ts).
 */
const JS_MATH = `
const $E2 = new Float64Array(64), $P2K = new Float64Array(2048);
for (let j = 0; j < 64; j++) $E2[j] = 2 ** (j / 64);
for (let k = -1023; k < 1025; k++) $P2K[k + 1023] = 2 ** k;
const $LNT = new Float64Array(2050), $LNR = new Float64Array(2050), $LNC = new Float64Array(2050);
for (let i = 0; i <= 1024; i++) {
  const c = 1 + i / 1024, d = c / 2;
  $LNC[i] = c; $LNT[i] = Math.log(c); $LNR[i] = 1 / c;
  $LNC[1025 + i] = d; $LNT[1025 + i] = Math.log(d); $LNR[1025 + i] = 1 / d;
}
const $F64 = new Float64Array(1), $U32 = new Uint32Array($F64.buffer);
const $HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
function $exp(x) {
  if (!(x > -708 && x < 708)) return Math.exp(x);
  const n = (x * 92.33248261689366 + 6755399441055744.0) - 6755399441055744.0;
  const ni = n | 0, j = ni & 63, k = ni >> 6;
  const r = (x - n * 0.01083042469326756) - n * 2.9815858269852933e-12;
  const p = r + r * r * (0.5 + r * (0.16666666666666666 + r * (0.041666666666666664 + r * (0.008333333333333333 + r * 0.001388888888888889))));
  const t = $E2[j] * $P2K[k + 1023];
  return t + t * p;
}
function $log(x) {
  if (!(x >= 2.2250738585072014e-308 && x < 4.49423283715579e+307)) return Math.log(x);
  $F64[0] = x;
  const hi = $U32[$HI], v = (hi >>> 9) & 2047, up = v >> 10;
  const e = (hi >>> 20) - 1023 + up;
  const i = ((v + 1) >>> 1) + 1025 * up;
  const t = (x * $P2K[1023 - e] - $LNC[i]) * $LNR[i];
  return e * 0.6931471805599453 + $LNT[i] + t * (1 - t * (0.5 - t * (0.3333333333333333 - t * (0.25 - t * 0.2))));
}
`;

/** x^y for a non-integer y: the edge-case policy of plan.ts (shared with the wasm kernel's imports). */
export const JS_POW = `function $pow(a, b) { if (a > 0) return Math.pow(a, b); if (a === 0) return b > 0 ? 0 : b === 0 ? 1 : b < 0 ? Infinity : NaN; return NaN; }
`;

/** The function table's JS helpers ($sig, $sech, $logit, …: src/expr/functions/). */
export const JS_FN_HELPERS = [...FUNCTIONS.values()].map((f) => f.js.helpers ?? '').join('');

/** Helpers shared by host and kernel code; the edge-case policy of plan.ts. */
export const JS_HELPERS = `${JS_MATH}
${JS_FN_HELPERS}${JS_POW}`;

/** The kernels' exp and log (for tests of their accuracy). */
export function jsMath(): { exp(x: number): number; log(x: number): number } {
  return new Function(`"use strict";${JS_MATH}return { exp: $exp, log: $log };`)() as { exp(x: number): number; log(x: number): number };
}

/** A table function as the JS kernel computes it (for the table's consistency tests). */
export function jsKernelFunction(name: string): (...xs: number[]) => number {
  const call = fnNamed(name).js.call(['a', 'b']);
  return new Function(`"use strict";${JS_HELPERS}return (a, b) => ${call};`)() as (...xs: number[]) => number;
}

/** The call of a table function (or of $pow) in JS. */
const jsFn = (name: IrFn | 'pow', a: readonly string[]): string => (name === 'pow' ? `$pow(${a[0]}, ${a[1]})` : fnNamed(name).js.call(a));

export function jsLang(over: Partial<Lang>): Lang {
  return {
    lit: (v) => (v < 0 || Object.is(v, -0) ? `(${v})` : `${v}`),
    slot: (i) => `S${i}`,
    param: (i) => `P[${i}]`,
    rv: (r) => `r${r}`,
    rvk: (r, k) => `r${r}[${k}]`,
    fn: jsFn,
    powi: (x, n) => (n === 0 ? '1' : n === 1 ? x : n === -1 ? `(1 / ${x})` : n > 0 ? `$pw${n}(${x})` : `(1 / $pw${-n}(${x}))`),
    let: (name, expr) => `const ${name} = ${expr};`,
    acc: (name) => `let ${name} = 0;`,
    loop: (k, n, body) => [`for (let ${k} = 0; ${k} < ${n}; ${k}++) {`, ...body.map((l) => `  ${l}`), '}'],
    addTo: (acc, expr) => `${acc} += ${expr};`,
    ...over,
  };
}

export function jsPowHelpers(powers: ReadonlySet<number>): string {
  let s = '';
  for (const n of powers) {
    if (n < 2) continue;
    const steps = powiSteps(n);
    s += `function $pw${n}(x) { ${steps.map(([r, a, b]) => `const ${r} = ${a} * ${b};`).join(' ')} return ${steps[steps.length - 1][0]}; }\n`;
  }
  return s;
}

/** host(P: number[] in paramNames order) → Float64Array of host values (float64). */
export function compileHost(a: Analysis): (params: ArrayLike<number>) => Float64Array {
  const lang = jsLang({});
  const lines: string[] = [];
  const powers = new Set<number>();
  a.host.forEach((ir, i) => {
    const e = emitIr(ir, lang, [], `h${i}_`);
    e.powers.forEach((p) => powers.add(p));
    lines.push(...e.lines, `out[${i}] = ${e.expr};`);
  });
  const src = `"use strict";\n${JS_HELPERS}${jsPowHelpers(powers)}\nreturn function host(P) {\nconst out = new Float64Array(${a.host.length});\n${lines.join('\n')}\nreturn out;\n};`;
  return new Function(src)() as (params: ArrayLike<number>) => Float64Array;
}

export type KernelMode = 'reduce' | 'dump';

/**
 * Source of the cpu kernel, a function body for
 *   new Function(SOURCE)() → kernel(V, k0, k1, stream, gStart, gEnd, lo, hi, out)
 * V: device slots (Float64Array); (k0, k1): key as int32; groups gStart..gEnd−1;
 * samples with lo ≤ i < hi count. Reduce mode writes (n, mean, M2, nonFinite)
 * to out[0..3]; dump mode writes the integrand of sample i to out[i − lo].
 */
export function jsKernelSource(spec: Spec, mode: KernelMode): string {
  const a = spec.analysis;
  const L = spec.layout;
  const nrv = a.rvs.length;
  const e = emitIr(a.integrand, jsLang({}), spec.dims);
  const nslots = a.host.length - a.slotBase;
  const B = L.callsPerGroup;
  const o: string[] = [];
  o.push('"use strict";', JS_HELPERS, JS_BOX_MULLER_TABLES, JS_RADIUS_EXT, jsPowHelpers(e.powers));
  o.push('return function kernel(V, k0, k1, stream, gStart, gEnd, lo, hi, out) {');
  o.push(jsRoundKeyDecls());
  for (let r = 0; r < nrv; r++) o.push(`const A${r} = V[${2 * r}], B${r} = V[${2 * r + 1}];`);
  for (let i = 0; i < nslots; i++) o.push(`const S${i} = V[${2 * nrv + i}];`);
  o.push('let c0 = 0, c1 = 0, c2 = 0, c3 = 0, d0 = 0, d1 = 0, d2 = 0, d3 = 0;');
  o.push('let n = 0, mean = 0, m2 = 0, nf = 0, cn = 0, sh = 0, cs = 0, cq = 0;');
  // Two groups per iteration (their Philox calls interleave): group g's
  // words at w[0 … 4B), group g + 1's at w[4B … 8B).
  o.push(`const w = new Int32Array(${8 * B});`);
  o.push(`const iEnd = Math.min(hi, gEnd * ${L.samplesPerGroup});`);
  a.rvs.forEach((rv, r) => {
    if (rv.vector) o.push(`const xa${r} = new Float64Array(${spec.dims[r]}), xb${r} = new Float64Array(${spec.dims[r]});`);
  });
  o.push('for (let g = gStart; g < gEnd; g += 2) {');
  o.push('const glo = g | 0, ghi = (g * 2.3283064365386963e-10) | 0, hlo = (g + 1) | 0, hhi = ((g + 1) * 2.3283064365386963e-10) | 0;');
  o.push(`for (let j = 0; j < ${B}; j++) {`, 'c0 = glo; c1 = stream; c2 = j; c3 = ghi; d0 = hlo; d1 = stream; d2 = j; d3 = hhi;', jsPhilox2Body(),
    `w[4 * j] = c0; w[4 * j + 1] = c1; w[4 * j + 2] = c2; w[4 * j + 3] = c3;`,
    `w[${4 * B} + 4 * j] = d0; w[${4 * B} + 4 * j + 1] = d1; w[${4 * B} + 4 * j + 2] = d2; w[${4 * B} + 4 * j + 3] = d3;`, '}');
  const unif = (x: string): string => `(((${x} >>> 8) | 1) * 5.9604644775390625e-8)`;
  o.push(`const i0 = g * ${L.samplesPerGroup};`);
  // A loop over the units of the two groups; the integrand inlined for each
  // of a unit's two samples. (Unrolling the units too puts more call sites of
  // $exp / $log in one function than V8 inlines: 15–25% slower on those.)
  const P = L.unitsPerGroup;
  const base = P === 1 ? `u * ${4 * B}` : `(u >> 1) * ${4 * B} + (u & 1) * ${L.unitWords}`;
  // The unit's group and its index in the group (for the radius extension).
  const grp = P === 1 ? 'g + u' : 'g + (u >> 1)';
  const unitIn = P === 1 ? '0' : '(u & 1)';
  o.push(`for (let u = 0; u < ${2 * P}; u++) {`, `const base = ${base}, ug = ${grp}, ux = ${unitIn} * ${L.gaussians};`);
  /** Per random variable: its value in the unit's first and second sample. */
  const pick: Array<[string, string]> = [];
  a.rvs.forEach((rv, r) => {
    const A = `A${r}`;
    const Bp = `B${r}`;
    if (rv.sampler.noise === 'uniform') {
      const j = 2 * L.gaussians + 2 * spec.unifOffset[r];
      o.push(`const ya${r} = ${A} + ${Bp} * ${unif(`w[base + ${j}]`)}, yb${r} = ${A} + ${Bp} * ${unif(`w[base + ${j + 1}]`)};`);
    } else if (rv.vector) {
      o.push(`for (let k = 0; k < ${spec.dims[r]}; k++) {`,
        `const i1 = base + 2 * (${spec.gaussOffset[r]} + k);`,
        'let za = 0, zb = 0;',
        jsBoxMuller('w[i1]', 'w[i1 + 1]', 'za', 'zb', 'ug', `ux + ${spec.gaussOffset[r]} + k`),
        `xa${r}[k] = ${A} + ${Bp} * za; xb${r}[k] = ${A} + ${Bp} * zb;`,
        '}');
      pick.push([`xa${r}`, `xb${r}`]);
      return;
    } else {
      const i1 = 2 * spec.gaussOffset[r];
      o.push(`let za${r} = 0, zb${r} = 0;`, jsBoxMuller(`w[base + ${i1}]`, `w[base + ${i1 + 1}]`, `za${r}`, `zb${r}`, 'ug', `ux + ${spec.gaussOffset[r]}`));
      if (rv.sampler.link === 'identity') o.push(`const ya${r} = ${A} + ${Bp} * za${r}, yb${r} = ${A} + ${Bp} * zb${r};`);
      else o.push(`const ya${r} = $sig(${A} + ${Bp} * za${r}), yb${r} = $sig(${A} + ${Bp} * zb${r});`);
    }
    pick.push([`ya${r}`, `yb${r}`]);
  });
  for (const h of [0, 1]) {
    o.push('{', `const i = i0 + 2 * u + ${h};`, 'if (i >= lo && i < iEnd) {', ...pick.map((p, r) => `const r${r} = ${p[h]};`), ...e.lines, `const f = ${e.expr};`);
    if (mode === 'reduce') o.push('if (f - f === 0) { if (cn === 0) sh = f; const d = f - sh; cn++; cs += d; cq += d * d; } else nf++;');
    else o.push('out[i - lo] = f;');
    o.push('}', '}');
  }
  o.push('}');
  if (mode === 'reduce') {
    // Shifted sums over short chunks (shift = the chunk's first finite value)
    // merged into the running (n, mean, M2) by Chan's formula.
    o.push('if (cn >= 4096) {', MERGE, '}');
  }
  o.push('}');
  if (mode === 'reduce') o.push(MERGE, 'out[0] = n; out[1] = mean; out[2] = m2; out[3] = nf;');
  o.push('};');
  return o.join('\n');
}

const MERGE = `if (cn > 0) {
  const cm = sh + cs / cn, cm2 = Math.max(cq - cs * cs / cn, 0), nn = n + cn, d = cm - mean;
  mean += d * (cn / nn); m2 += cm2 + d * d * (n * cn / nn); n = nn; cn = 0; cs = 0; cq = 0;
}`;

export type JsKernel = (
  V: Float64Array, k0: number, k1: number, stream: number, gStart: number, gEnd: number, lo: number, hi: number, out: Float64Array,
) => void;

export const compileJsKernel = (src: string): JsKernel => new Function(src)() as JsKernel;
