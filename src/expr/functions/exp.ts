// exp x: the exponential. In the normal form an atom with the rules of
// src/algebra/explog.ts (e^a e^b = e^(a+b), e^(log x) = x where x > 0).
import type { ElementaryFunction } from './_function.js';
import { ETA, LIB, ONE, isZero } from './_numeric.js';

const exp: ElementaryFunction = {
  name: 'exp',
  arity: 1,
  doc: 'exponential',
  float: (xs) => Math.exp(xs[0]),
  exact: (xs) => (isZero(xs[0]) ? ONE : undefined),
  bound: (value, xs) => {
    const x = xs[0];
    const v = Math.abs(value);
    return v * Math.expm1(x.bound) + LIB * v + ETA;
  },
  interval: (xs, I) => I.ivExp(xs[0]),
  mp: (xs, M) => M.exp(xs[0]),
  normal: (ring, xs, N) => N.expOf(ring, xs[0]),
  derivative: (a, da, _self, B) => B.mul(B.exp(a), da),
  latex: ([a]) => `\\exp\\left(${a}\\right)`,
  mathjs: ([a]) => `exp(${a})`,
  js: { call: ([a]) => `$exp(${a})` },
  wgsl: { name: 'exp' },
  wasm: { emit: (m, [x]) => m.exp(x) },
};
export default exp;
