// sqrt x = x^(1/2): defined for x ≥ 0. In the normal form a rational power
// (a fresh nonnegative atom with its defining relation, radicals.ts).
import type { ElementaryFunction } from './_function.js';
import { ETA, HALF, U } from './_numeric.js';

const sqrt: ElementaryFunction = {
  name: 'sqrt',
  arity: 1,
  doc: 'square root, x ≥ 0',
  float: (xs) => Math.sqrt(xs[0]),
  exact: (xs, X) => X.pow(xs[0], HALF),
  bound: (value, xs) => {
    const x = xs[0];
    // |√a − √b| ≤ |a − b| / (√a + √b) and ≤ √|a − b|.
    const b = x.bound;
    const lo = Math.sqrt(Math.max(x.value - b, 0));
    return (b === 0 ? 0 : Math.min(b / (lo + value), Math.sqrt(b))) + U * Math.abs(value) + ETA;
  },
  interval: (xs, I) => I.ivSqrt(xs[0]),
  mp: (xs, M) => M.sqrt(xs[0]),
  normal: (ring, xs, N) => N.powQ(ring, xs[0], { n: 1, d: 2 }),
  derivative: (a, da, _self, B) => B.div(da, B.mul(2, B.sqrt(a))),
  latex: ([a]) => `\\sqrt{${a}}`,
  mathjs: ([a]) => `sqrt(${a})`,
  js: { call: ([a]) => `Math.sqrt(${a})` },
  wgsl: { name: 'g_sqrt' },
  wasm: { emit: (m, [x], SIMD) => m.un(SIMD.f64x2Sqrt, x) },
};
export default sqrt;
