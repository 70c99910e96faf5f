// cos x. Normal form: exact at multiples of π/6 and π/4, even, else an atom.
import type { ElementaryFunction } from './_function.js';
import { LIB, ONE, isZero } from './_numeric.js';

const cos: ElementaryFunction = {
  name: 'cos',
  arity: 1,
  doc: 'cosine',
  float: ([x]) => Math.cos(x),
  exact: ([x]) => (isZero(x) ? ONE : undefined),
  bound: (_value, [x]) => Math.min(x.bound, 2) + LIB,
  interval: ([x], I) => I.ivCos(x),
  mp: ([x], M) => M.trig('cos', x),
  normal: (ring, [a], N) => N.cosOf(ring, a),
  derivative: (a, da, _self, B) => B.neg(B.mul(B.sin(a), da)),
  latex: ([a]) => `\\cos\\left(${a}\\right)`,
  mathjs: ([a]) => `cos(${a})`,
  js: { call: ([a]) => `Math.cos(${a})` },
  wgsl: { name: 'cos' },
  wasm: { import: 'Math.cos' },
};
export default cos;
