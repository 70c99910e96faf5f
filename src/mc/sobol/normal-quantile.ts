// The standard normal quantile Φ⁻¹(p) for 0 < p ≤ 1/2 by Wichura's AS241
// (PPND16, relative error about 1e-16), as kernel source and as a function
// built from that same source.
//
// Why an inverse CDF: randomized quasi-Monte Carlo needs each normal to be a
// monotone function of ONE coordinate of the point, so that the point set's
// equidistribution carries over to the normals; Box–Muller mixes two
// coordinates through a cosine and loses it.
//
// The kernels pass p ≤ 1/2 (the lower tail, the sign applied outside): p is
// built from the integer bits of the coordinate (its complement above 1/2), so
// the upper tail is as accurate as the lower one, which 1 − u in floating
// point would not be.

// AS241's coefficients, lowest degree first: the centre (|q| ≤ 0.425, in
// r = 0.180625 − q²) and the tails (in r = sqrt(−ln p) − 1.6 up to 5, and
// − 5 beyond); numerator then denominator. One copy for the JS and wasm kernels.
export const PPND16 = {
  centreNum: [3.3871328727963666080e0, 1.3314166789178437745e2, 1.9715909503065514427e3, 1.3731693765509461125e4,
    4.5921953931549871457e4, 6.7265770927008700853e4, 3.3430575583588128105e4, 2.5090809287301226727e3],
  centreDen: [1.0, 4.2313330701600911252e1, 6.8718700749205790830e2, 5.3941960214247511077e3, 2.1213794301586595867e4,
    3.9307895800092710610e4, 2.8729085735721942674e4, 5.2264952788528545610e3],
  nearNum: [1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0, 3.64784832476320460504e0,
    1.27045825245236838258e0, 2.41780725177450611770e-1, 2.27238449892691845833e-2, 7.74545014278341407640e-4],
  nearDen: [1.0, 2.05319162663775882187e0, 1.67638483018380384940e0, 6.89767334985100004550e-1, 1.48103976427480074590e-1,
    1.51986665636164571966e-2, 5.47593808499534494600e-4, 1.05075007164441684324e-9],
  farNum: [6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0, 2.96560571828504891230e-1,
    2.65321895265761230930e-2, 1.24266094738807843860e-3, 2.71155556874348757815e-5, 2.01033439929228813265e-7],
  farDen: [1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2, 7.86869131145613259100e-4,
    1.84631831751005468180e-5, 1.42151175831644588870e-7, 2.04426310338993978564e-15],
} as const;

/** Horner's rule as JS source, highest degree first: (((c7·r + c6)·r + …)·r + c0), the order the wasm kernel's hornerAdd computes. */
function horner(c: readonly number[], r: string): string {
  let s = String(c[c.length - 1]);
  for (let j = c.length - 2; j >= 0; j--) s = `(${s}) * ${r} + ${c[j]}`;
  return `(${s})`;
}

/**
 * `function $ppnd(p)` in JS: Φ⁻¹(p) for 0 < p ≤ 1/2 (no checks: the kernels
 * never pass anything else), with `log` the natural log to call (the kernels'
 * table-driven $log is 2–3× faster than Math.log).
 */
export const jsPpnd = (log = 'Math.log'): string => `
function $ppnd(p) {
  const q = p - 0.5;
  if (q >= -0.425) {
    const r = 0.180625 - q * q;
    return q * ${horner(PPND16.centreNum, 'r')} / ${horner(PPND16.centreDen, 'r')};
  }
  return $ppndTail(Math.sqrt(-${log}(p)));
}
/** Φ⁻¹(p) for p < 0.075 from r = sqrt(−ln p) (callers with ln p only: tiny tail probabilities). */
function $ppndTail(r) {
  let x;
  if (r <= 5) {
    r -= 1.6;
    x = ${horner(PPND16.nearNum, 'r')} / ${horner(PPND16.nearDen, 'r')};
  } else {
    r -= 5;
    x = ${horner(PPND16.farNum, 'r')} / ${horner(PPND16.farDen, 'r')};
  }
  return -x;
}
`;

const [lower, tail] = new Function(`"use strict";${jsPpnd()}return [$ppnd, $ppndTail];`)() as [(p: number) => number, (r: number) => number];

/** Φ⁻¹(p) for 0 ≤ p ≤ 1 (±∞ at the ends, NaN outside). */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  return p <= 0.5 ? lower(p) : -lower(1 - p);
}

/** Φ⁻¹(1 − q) for a small upper-tail probability q (accurate where 1 − q would round). */
export const normalUpperQuantile = (q: number): number => (q > 0 && q <= 0.5 ? -lower(q) : normalQuantile(1 - q));

/** Φ⁻¹(1 − q) from ln q, for upper-tail probabilities too small for a float64 (ln q = −2000: 63.2). */
export function normalUpperQuantileOfLog(logq: number): number {
  if (Number.isNaN(logq) || logq > 0) return NaN;
  if (logq > Math.log(0.05)) return normalUpperQuantile(Math.exp(logq));
  return -tail(Math.sqrt(-logq));
}
