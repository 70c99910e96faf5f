// sin x. Normal form: exact at multiples of π/6 and π/4, odd (sin(−x) =
// −sin x), else an atom; no Pythagorean rule (src/algebra/elementary.ts).
import type { ElementaryFunction } from './_function.js';
import { LIB, ZERO, isZero } from './_numeric.js';

const sin: ElementaryFunction = {
  name: 'sin',
  arity: 1,
  doc: 'sine',
  float: (xs) => Math.sin(xs[0]),
  exact: (xs) => (isZero(xs[0]) ? ZERO : undefined),
  bound: (_value, xs) => Math.min(xs[0].bound, 2) + LIB,
  interval: (xs, I) => I.ivSin(xs[0]),
  mp: (xs, M) => M.trig('sin', xs[0]),
  normal: (ring, xs, N) => N.sinOf(ring, xs[0]),
  derivative: (a, da, _self, B) => B.mul(B.cos(a), da),
  latex: ([a]) => `\\sin\\left(${a}\\right)`,
  mathjs: ([a]) => `sin(${a})`,
  js: { call: ([a]) => `Math.sin(${a})` },
  wgsl: { name: 'sin' },
  wasm: { import: 'Math.sin' },
};
export default sin;
