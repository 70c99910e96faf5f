// |x|. Normal form (src/algebra/elementary.ts): ±a when the sign of a is
// known on the domain (noted as a side condition), else (a²)^(1/2).
import type { ElementaryFunction } from './_function.js';

const abs: ElementaryFunction = {
  name: 'abs',
  arity: 1,
  doc: 'absolute value',
  float: ([x]) => Math.abs(x),
  exact: ([x]) => (x.n < 0n ? { n: -x.n, d: x.d } : x),
  bound: (_value, [x]) => x.bound,
  interval: ([x], I) => I.ivAbs(x),
  mp: ([x], M) => M.abs(x),
  normal: (ring, [a], N) => N.absOf(ring, a),
  // |a|' = a'·|a|/a, where a ≠ 0.
  derivative: (a, da, self, B) => B.mul(B.div(self, a), da),
  latex: ([a]) => `\\left|${a}\\right|`,
  mathjs: ([a]) => `abs(${a})`,
  js: { call: ([a]) => `Math.abs(${a})` },
  wgsl: { name: 'abs' },
  wasm: { emit: (m, [x], SIMD) => m.un(SIMD.f64x2Abs, x) },
};
export default abs;
