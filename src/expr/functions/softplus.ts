// softplus x = log(1 + e^x), computed stably as max(x, 0) + log1p(e^{−|x|}):
// no overflow for large x (softplus x ≈ x), full relative accuracy for very
// negative x (softplus x ≈ e^x, where log(1 + e^x) would round to 0).
//
//   derivative   sigmoid x
//   normal form  log(1 + e^x) (the rules of exp and log apply; no side condition:
//                1 + e^x > 0 everywhere)
//   exact        never rational at a rational x (Lindemann–Weierstrass: e^r =
//                1 + e^x has no rational solution r), so always undefined
//   range        (0, ∞), increasing: the enclosure is the ends, widened.
import type { ElementaryFunction } from './_function.js';
import { ETA, LIB } from './_numeric.js';

/** The one implementation: float evaluation, the JS kernel and the wasm kernel's import all run this source. */
const SOURCE = `function $softplus(x) { return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))); }\n`;
const softplusOf = new Function(`"use strict";${SOURCE}return $softplus;`)() as (x: number) => number;

/**
 * Ulps of outward widening. max(x, 0) is exact; e^{−|x|} ≤ 1 and log1p each
 * err by ≤ 2 ulps, and log1p(t(1 + δ)) − log1p(t) ≤ δ·log1p(t) for t ∈ [0, 1],
 * so the tail term errs by ≤ 4 ulps of itself, the sum adds ½ ulp: 8 covers it.
 */
const WIDEN = 8;

const softplus: ElementaryFunction = {
  name: 'softplus',
  arity: 1,
  doc: 'log(1 + e^x), computed stably',
  float: (xs) => softplusOf(xs[0]),
  exact: () => undefined,
  // |softplus'| = sigmoid ≤ 1; own error: see WIDEN.
  bound: (value, xs) => xs[0].bound + 3 * LIB * Math.abs(value) + ETA,
  interval: (xs, I) => I.monotone(xs[0], softplusOf, 0, Infinity, WIDEN),
  mp: (xs, M) =>
    M.increasing(xs[0], (v) =>
      // v + log(1 + e^{−v}) for v > 0 keeps exp's argument ≤ 0 (no overflow of decimal.js's range).
      M.positive(v) ? M.add(v, M.ln(M.add(M.ONE, M.exp(M.neg(v))))) : M.ln(M.add(M.ONE, M.exp(v))),
    ),
  normal: (ring, xs, N) => N.logOf(ring, ring.add([N.ONE, N.expOf(ring, xs[0])])),
  derivative: (a, da, _self, B) => B.mul(B.sigmoid(a), da),
  latex: ([a]) => `\\operatorname{softplus}\\left(${a}\\right)`,
  mathjs: ([a]) => `softplus(${a})`,
  js: { helpers: SOURCE, call: ([a]) => `$softplus(${a})` },
  wgsl: {
    name: 'g_softplus',
    // f32: log1p(e) as e·log(u)/(u − 1), u = 1 + e (exact where u rounds to 1: log1p(e) = e there).
    helpers: /* wgsl */ `
fn g_softplus(x: f32) -> f32 {
  let e = exp(-abs(x));
  let u = 1.0 + e;
  let l = select(e * log(u) / (u - 1.0), e, u == 1.0);
  return select(max(x, 0.0) + l, NAN, is_nan(x));
}
`,
  },
  wasm: { import: '$softplus' },
};
export default softplus;
