// sin x. Normal form: exact at multiples of π/6 and π/4, odd (sin(−x) =
// −sin x), else an atom; no Pythagorean rule (src/algebra/elementary.ts).
import type { ElementaryFunction } from './_function.js';
import { LIB, ZERO, isZero } from './_numeric.js';

const sin: ElementaryFunction = {
  name: 'sin',
  arity: 1,
  doc: 'sine',
  float: ([x]) => Math.sin(x),
  exact: ([x]) => (isZero(x) ? ZERO : undefined),
  bound: (_value, [x]) => Math.min(x.bound, 2) + LIB,
  interval: ([x], I) => I.ivSin(x),
  mp: ([x], M) => M.trig('sin', x),
  normal: (ring, [a], N) => N.sinOf(ring, a),
  derivative: (a, da, _self, B) => B.mul(B.cos(a), da),
  latex: ([a]) => `\\sin\\left(${a}\\right)`,
  mathjs: ([a]) => `sin(${a})`,
  js: { call: ([a]) => `Math.sin(${a})` },
  wgsl: { name: 'sin' },
  wasm: { import: 'Math.sin' },
};
export default sin;
