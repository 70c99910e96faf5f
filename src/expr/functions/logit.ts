// logit p = log(p/(1 − p)), p ∈ (0, 1) (so in the normal form).
import type { ElementaryFunction } from './_function.js';
import { HALF, LIB, U, ZERO, isRational } from './_numeric.js';

const logit: ElementaryFunction = {
  name: 'logit',
  arity: 1,
  doc: 'log-odds log(p/(1 − p)), 0 < p < 1',
  float: ([x]) => Math.log(x / (1 - x)),
  exact: ([x]) => (isRational(x, HALF) ? ZERO : undefined),
  bound: (value, [x]) => {
    const p = x.value;
    const b = x.bound;
    const room = (p - b) * (1 - p - b);
    return (room > 0 ? b / room : Infinity) + LIB * (1 + Math.abs(value)) + 3 * U;
  },
  interval: ([x], I) => I.ivLogit(x),
  mp: ([x], M) => {
    if (!M.positive(x) || !M.belowOne(x)) return M.undef();
    return M.increasing(x, (p) => M.sub(M.ln(p), M.ln(M.sub(M.ONE, p))));
  },
  normal: (ring, [a], N) => N.logitOf(ring, a),
  derivative: (a, da, _self, B) => B.div(da, B.mul(a, B.sub(1, a))),
  latex: ([a]) => `\\operatorname{logit}\\left(${a}\\right)`,
  mathjs: ([a]) => `logit(${a})`,
  js: { helpers: `function $logit(x) { return $log(x / (1 - x)); }\n`, call: ([a]) => `$logit(${a})` },
  wgsl: { name: 'g_logit', helpers: `fn g_logit(x: f32) -> f32 { return g_log(x / (1.0 - x)); }\n` },
  wasm: { emit: (m, [x]) => m.logit(x) },
};
export default logit;
