// logit p = log(p/(1 − p)), p ∈ (0, 1) (so in the normal form).
import type { ElementaryFunction } from './_function.js';
import { HALF, LIB, U, ZERO, isRational } from './_numeric.js';

const logit: ElementaryFunction = {
  name: 'logit',
  arity: 1,
  doc: 'log-odds log(p/(1 − p)), 0 < p < 1',
  float: (xs) => Math.log(xs[0] / (1 - xs[0])),
  exact: (xs) => (isRational(xs[0], HALF) ? ZERO : undefined),
  bound: (value, xs) => {
    const x = xs[0];
    const p = x.value;
    const b = x.bound;
    const room = (p - b) * (1 - p - b);
    return (room > 0 ? b / room : Infinity) + LIB * (1 + Math.abs(value)) + 3 * U;
  },
  interval: (xs, I) => I.ivLogit(xs[0]),
  mp: (xs, M) => {
    const x = xs[0];
    if (!M.positive(x) || !M.belowOne(x)) return M.undef();
    return M.increasing(x, (p) => M.sub(M.ln(p), M.ln(M.sub(M.ONE, p))));
  },
  normal: (ring, xs, N) => N.logitOf(ring, xs[0]),
  derivative: (a, da, _self, B) => B.div(da, B.mul(a, B.sub(1, a))),
  latex: ([a]) => `\\operatorname{logit}\\left(${a}\\right)`,
  mathjs: ([a]) => `logit(${a})`,
  js: { helpers: `function $logit(x) { return $log(x / (1 - x)); }\n`, call: ([a]) => `$logit(${a})` },
  wgsl: { name: 'g_logit', helpers: `fn g_logit(x: f32) -> f32 { return g_log(x / (1.0 - x)); }\n` },
  wasm: { emit: (m, [x]) => m.logit(x) },
};
export default logit;
