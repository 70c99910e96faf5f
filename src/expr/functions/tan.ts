// tan x = sin x / cos x (so in the normal form too).
import type { ElementaryFunction } from './_function.js';
import { LIB, ZERO, isZero } from './_numeric.js';

const tan: ElementaryFunction = {
  name: 'tan',
  arity: 1,
  doc: 'tangent, sin/cos',
  float: ([x]) => Math.tan(x),
  exact: ([x]) => (isZero(x) ? ZERO : undefined),
  bound: (value, [x]) => {
    const d = x.bound * (1 + value * value);
    return d < 0.01 ? d * 1.1 + LIB * (1 + Math.abs(value)) : Infinity;
  },
  interval: ([x], I) => I.ivTan(x),
  mp: ([x], M) => M.div(M.trig('sin', x), M.trig('cos', x)),
  normal: (ring, [a], N) => N.tanOf(ring, a),
  derivative: (a, da, _self, B) => B.div(da, B.pow(B.cos(a), 2)),
  latex: ([a]) => `\\tan\\left(${a}\\right)`,
  mathjs: ([a]) => `tan(${a})`,
  js: { call: ([a]) => `Math.tan(${a})` },
  wgsl: { name: 'tan' },
  wasm: { import: 'Math.tan' },
};
export default tan;
