// cos x. Normal form: exact at multiples of π/6 and π/4, even, else an atom.
import type { ElementaryFunction } from './_function.js';
import { LIB, ONE, isZero } from './_numeric.js';

const cos: ElementaryFunction = {
  name: 'cos',
  arity: 1,
  doc: 'cosine',
  float: (xs) => Math.cos(xs[0]),
  exact: (xs) => (isZero(xs[0]) ? ONE : undefined),
  bound: (_value, xs) => Math.min(xs[0].bound, 2) + LIB,
  interval: (xs, I) => I.ivCos(xs[0]),
  mp: (xs, M) => M.trig('cos', xs[0]),
  normal: (ring, xs, N) => N.cosOf(ring, xs[0]),
  derivative: (a, da, _self, B) => B.neg(B.mul(B.sin(a), da)),
  latex: ([a]) => `\\cos\\left(${a}\\right)`,
  mathjs: ([a]) => `cos(${a})`,
  js: { call: ([a]) => `Math.cos(${a})` },
  wgsl: { name: 'cos' },
  wasm: { import: 'Math.cos' },
};
export default cos;
