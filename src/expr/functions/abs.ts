// |x|. Normal form (src/algebra/elementary.ts): ±a when the sign of a is
// known on the domain (noted as a side condition), else (a²)^(1/2).
import type { ElementaryFunction } from './_function.js';

const abs: ElementaryFunction = {
  name: 'abs',
  arity: 1,
  doc: 'absolute value',
  float: (xs) => Math.abs(xs[0]),
  exact: (xs) => (xs[0].n < 0n ? { n: -xs[0].n, d: xs[0].d } : xs[0]),
  bound: (_value, xs) => xs[0].bound,
  interval: (xs, I) => I.ivAbs(xs[0]),
  mp: (xs, M) => M.abs(xs[0]),
  normal: (ring, xs, N) => N.absOf(ring, xs[0]),
  // |a|' = a'·|a|/a, where a ≠ 0.
  derivative: (a, da, self, B) => B.mul(B.div(self, a), da),
  latex: ([a]) => `\\left|${a}\\right|`,
  mathjs: ([a]) => `abs(${a})`,
  js: { call: ([a]) => `Math.abs(${a})` },
  wgsl: { name: 'abs' },
  wasm: { emit: (m, [x], SIMD) => m.un(SIMD.f64x2Abs, x) },
};
export default abs;
