// exp x: the exponential. In the normal form an atom with the rules of
// src/algebra/explog.ts (e^a e^b = e^(a+b), e^(log x) = x where x > 0).
import type { ElementaryFunction } from './_function.js';
import { ETA, LIB, ONE, isZero } from './_numeric.js';

const exp: ElementaryFunction = {
  name: 'exp',
  arity: 1,
  doc: 'exponential',
  float: ([x]) => Math.exp(x),
  exact: ([x]) => (isZero(x) ? ONE : undefined),
  bound: (value, [x]) => {
    const v = Math.abs(value);
    return v * Math.expm1(x.bound) + LIB * v + ETA;
  },
  interval: ([x], I) => I.ivExp(x),
  mp: ([x], M) => M.exp(x),
  normal: (ring, [a], N) => N.expOf(ring, a),
  derivative: (a, da, _self, B) => B.mul(B.exp(a), da),
  latex: ([a]) => `\\exp\\left(${a}\\right)`,
  mathjs: ([a]) => `exp(${a})`,
  js: { call: ([a]) => `$exp(${a})` },
  wgsl: { name: 'exp' },
  wasm: { emit: (m, [x]) => m.exp(x) },
};
export default exp;
