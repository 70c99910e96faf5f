// log x: the natural logarithm, x > 0 (log 0 = −∞ in floats). In the normal
// form an atom with the rules of src/algebra/explog.ts (log(ab) = log a +
// log b under the domain's sign conditions, log e^a = a).
import type { ElementaryFunction } from './_function.js';
import { LIB, ONE, U, ZERO, isRational } from './_numeric.js';

const log: ElementaryFunction = {
  name: 'log',
  arity: 1,
  doc: 'natural logarithm, x > 0',
  float: (xs) => Math.log(xs[0]),
  exact: (xs) => (isRational(xs[0], ONE) ? ZERO : undefined),
  bound: (value, xs) => (xs[0].bound < xs[0].value ? -Math.log1p(-xs[0].bound / xs[0].value) : Infinity) + LIB * Math.abs(value) + U,
  interval: (xs, I) => I.ivLog(xs[0]),
  mp: (xs, M) => M.ln(xs[0]),
  normal: (ring, xs, N) => N.logOf(ring, xs[0]),
  derivative: (a, da, _self, B) => B.div(da, a),
  latex: ([a]) => `\\log\\left(${a}\\right)`,
  mathjs: ([a]) => `log(${a})`,
  js: { call: ([a]) => `$log(${a})` },
  wgsl: { name: 'g_log' },
  wasm: { emit: (m, [x]) => m.log(x) },
};
export default log;
