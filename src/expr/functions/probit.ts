// probit p = Φ⁻¹(p), the standard normal quantile, on 0 < p < 1 (probit 0 =
// −∞, probit 1 = +∞, NaN outside, in floats), by Wichura's algorithm AS 241
// (PPND16, Applied Statistics 37(3), 1988: relative accuracy about 1e-16):
// a rational function of degree 7/7 of r = 0.180625 − q² for |q| = |p − ½| ≤
// 0.425, else of r = √(−log min(p, 1 − p)) − 1.6 (r ≤ 5) or − 5, odd in q.
//
//   derivative   1/φ(Φ⁻¹(p)) = √(2π) e^{probit(p)²/2}
//   normal form  an opaque atom, with probit(1 − a) = −probit(a) (one of a,
//                1 − a is chosen, so the two spellings meet) and probit(½) = 0
//   exact        probit(½) = 0; nothing else is computed
//   enclosure    increasing: the ends of the argument's part inside (0, 1),
//                widened by WIDEN ulps (tests/expr/functions/probit.test.ts
//                checks Φ(lo) ≤ p ≤ Φ(hi) against a 400-digit Φ)
//   mp           Φ⁻¹ certified at each end: Newton's iteration on a rigorous
//                multiprecision Φ (algebra/mp.ts) from this double value, then
//                an interval [x − δ, x + δ] with Φ(x − δ) ≤ p ≤ Φ(x + δ)
//   kernels      one JS source for float evaluation, the JS kernel and the wasm
//                kernel's import (bit for bit); WGSL in f32 with the same
//                coefficients (an f32 refutation is rerun in float64, as for
//                every function).
import type { ElementaryFunction } from './_function.js';
import { ETA, HALF, U, ZERO, isRational } from './_numeric.js';

// Coefficients, constant term first (AS 241, PPND16).
const A = [3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727];
const B = [1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852854561];
const C = [1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4];
const D = [1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9];
const E = [6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7];
const F = [1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15];

/** c[7]·x^7 + … + c[0] by Horner, as source text (the same order of operations in JS and WGSL). */
const horner = (c: readonly number[], x: string, lit: (v: number) => string): string =>
  c.slice(0, -1).reduceRight((acc, k) => `(${acc} * ${x} + ${lit(k)})`, lit(c[c.length - 1]));

const jsLit = (v: number): string => String(v);
/** An f32 literal of WGSL (abstract floats would be f32 anyway; the suffix says so). */
const wgslLit = (v: number): string => `${/[.e]/.test(String(v)) ? String(v) : `${v}.0`}f`;

/** The one implementation in doubles: float evaluation, the JS kernel and the wasm kernel's import all run it. */
const SOURCE = `function $probit(p) {
  if (!(p > 0 && p < 1)) return p === 0 ? -Infinity : p === 1 ? Infinity : NaN;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) { const r = 0.180625 - q * q; return q * ${horner(A, 'r', jsLit)} / ${horner(B, 'r', jsLit)}; }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let v;
  if (r <= 5) { r = r - 1.6; v = ${horner(C, 'r', jsLit)} / ${horner(D, 'r', jsLit)}; }
  else { r = r - 5; v = ${horner(E, 'r', jsLit)} / ${horner(F, 'r', jsLit)}; }
  return q < 0 ? -v : v;
}
`;
const probitOf = new Function(`"use strict";${SOURCE}return $probit;`)() as (p: number) => number;

/**
 * Ulps of outward widening of the enclosure. AS 241 approximates to about
 * 1e-16 relative; the double evaluation (log, sqrt, two Horner chains, a
 * division) adds a few ulps: against a 400-digit Φ, 600 random arguments
 * from 1e-300 to 1 − 1e-15 err by at most 4.8 ulps (in the far tail), and
 * the test holds every argument it tries to 8; 16 leaves a margin.
 */
export const PROBIT_WIDEN = 16;

const probit: ElementaryFunction = {
  name: 'probit',
  arity: 1,
  doc: 'standard normal quantile Φ⁻¹(p), 0 < p < 1 (AS 241)',
  float: (xs) => probitOf(xs[0]),
  exact: (xs) => (isRational(xs[0], HALF) ? ZERO : undefined),
  bound: (value, xs) => {
    const x = xs[0];
    const b = x.bound;
    const own = 2 * PROBIT_WIDEN * U * Math.abs(value) + ETA;
    if (b === 0) return own;
    // |Φ⁻¹'| = 1/φ(Φ⁻¹(t)) grows away from ½: its largest value over p ± b is at the end nearer 0 or 1.
    const near = Math.min(x.value - b, 1 - x.value - b);
    if (!(near > 0)) return Infinity;
    const z = probitOf(near);
    return b * Math.sqrt(2 * Math.PI) * Math.exp((z * z) / 2) * 1.001 + own;
  },
  interval: (xs, I) => {
    const x = xs[0];
    // Defined on (0, 1): keep the part of x inside, open at the ends (probit 0 and 1 are not finite).
    const y = I.nonnegPart(x, true);
    const z = y.hi > 1 || (y.hi === 1 && !y.hiOpen) ? I.iv(y.lo, 1, y.loOpen, true) : y;
    if (I.isEmptyIv(z)) return I.EMPTY;
    const f = (v: number): number => (v <= 0 ? -Infinity : v >= 1 ? Infinity : probitOf(v));
    return I.monotone(z, f, -Infinity, Infinity, PROBIT_WIDEN);
  },
  mp: (xs, M) => M.probitAt(xs[0], probitOf),
  normal: (ring, xs, N) => {
    const a = xs[0];
    const b = ring.sub(N.ONE, a);
    const ka = N.key(a);
    const kb = N.key(b);
    if (ka === kb) return N.constant(ZERO); // a = 1 − a: a = ½
    if (kb < ka) {
      ring.note('probit-symmetry');
      return ring.neg(N.opaque(ring, 'probit', [b]));
    }
    return N.opaque(ring, 'probit', [a]);
  },
  derivative: (_a, da, self, B) => B.mul(B.sqrt(B.mul(2, B.pi)), B.exp(B.div(B.pow(self, 2), 2)), da),
  latex: ([a]) => `\\Phi^{-1}\\left(${a}\\right)`,
  mathjs: ([a]) => `probit(${a})`,
  js: { helpers: SOURCE, call: ([a]) => `$probit(${a})` },
  wgsl: {
    name: 'g_probit',
    // f32, the same algorithm; min(p, 1 − p) kept ≥ the least normal f32 (llvmpipe may flush subnormals to 0).
    helpers: /* wgsl */ `
fn g_probit(p: f32) -> f32 {
  let q = p - 0.5;
  var z: f32;
  if (abs(q) <= 0.425) {
    let r = 0.180625 - q * q;
    z = q * ${horner(A, 'r', wgslLit)} / ${horner(B, 'r', wgslLit)};
  } else {
    var r = sqrt(-log(max(select(1.0 - p, p, q < 0.0), 1.1754944e-38)));
    var v: f32;
    if (r <= 5.0) {
      r = r - 1.6;
      v = ${horner(C, 'r', wgslLit)} / ${horner(D, 'r', wgslLit)};
    } else {
      r = r - 5.0;
      v = ${horner(E, 'r', wgslLit)} / ${horner(F, 'r', wgslLit)};
    }
    z = select(v, -v, q < 0.0);
  }
  z = select(z, -INF, p == 0.0);
  z = select(z, INF, p == 1.0);
  return select(z, NAN, p < 0.0 || p > 1.0 || is_nan(p));
}
`,
  },
  wasm: { import: '$probit' },
};
export default probit;
