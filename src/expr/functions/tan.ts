// tan x = sin x / cos x (so in the normal form too).
import type { ElementaryFunction } from './_function.js';
import { LIB, ZERO, isZero } from './_numeric.js';

const tan: ElementaryFunction = {
  name: 'tan',
  arity: 1,
  doc: 'tangent, sin/cos',
  float: (xs) => Math.tan(xs[0]),
  exact: (xs) => (isZero(xs[0]) ? ZERO : undefined),
  bound: (value, xs) => {
    const x = xs[0];
    const d = x.bound * (1 + value * value);
    return d < 0.01 ? d * 1.1 + LIB * (1 + Math.abs(value)) : Infinity;
  },
  interval: (xs, I) => I.ivTan(xs[0]),
  mp: (xs, M) => M.div(M.trig('sin', xs[0]), M.trig('cos', xs[0])),
  normal: (ring, xs, N) => N.tanOf(ring, xs[0]),
  derivative: (a, da, _self, B) => B.div(da, B.pow(B.cos(a), 2)),
  latex: ([a]) => `\\tan\\left(${a}\\right)`,
  mathjs: ([a]) => `tan(${a})`,
  js: { call: ([a]) => `Math.tan(${a})` },
  wgsl: { name: 'tan' },
  wasm: { import: 'Math.tan' },
};
export default tan;
