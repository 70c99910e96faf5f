// log x: the natural logarithm, x > 0 (log 0 = −∞ in floats). In the normal
// form an atom with the rules of src/algebra/explog.ts (log(ab) = log a +
// log b under the domain's sign conditions, log e^a = a).
import type { ElementaryFunction } from './_function.js';
import { LIB, ONE, U, ZERO, isRational } from './_numeric.js';

const log: ElementaryFunction = {
  name: 'log',
  arity: 1,
  doc: 'natural logarithm, x > 0',
  float: ([x]) => Math.log(x),
  exact: ([x]) => (isRational(x, ONE) ? ZERO : undefined),
  bound: (value, [x]) => (x.bound < x.value ? -Math.log1p(-x.bound / x.value) : Infinity) + LIB * Math.abs(value) + U,
  interval: ([x], I) => I.ivLog(x),
  mp: ([x], M) => M.ln(x),
  normal: (ring, [a], N) => N.logOf(ring, a),
  derivative: (a, da, _self, B) => B.div(da, a),
  latex: ([a]) => `\\log\\left(${a}\\right)`,
  mathjs: ([a]) => `log(${a})`,
  js: { call: ([a]) => `$log(${a})` },
  wgsl: { name: 'g_log' },
  wasm: { emit: (m, [x]) => m.log(x) },
};
export default log;
