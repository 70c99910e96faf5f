// tanh x = (e^{2x} − 1)/(e^{2x} + 1) (so in the normal form).
import type { ElementaryFunction } from './_function.js';
import { LIB, ZERO, isZero } from './_numeric.js';

const tanh: ElementaryFunction = {
  name: 'tanh',
  arity: 1,
  doc: 'hyperbolic tangent, (e^{2x} − 1)/(e^{2x} + 1)',
  float: (xs) => Math.tanh(xs[0]),
  exact: (xs) => (isZero(xs[0]) ? ZERO : undefined),
  bound: (_value, xs) => Math.min(xs[0].bound, 2) + LIB,
  interval: (xs, I) => I.ivTanh(xs[0]),
  mp: (xs, M) => M.increasing(xs[0], M.tanhAt),
  normal: (ring, xs, N) => N.tanhOf(ring, xs[0]),
  derivative: (a, da, _self, B) => B.mul(B.pow(B.sech(a), 2), da),
  latex: ([a]) => `\\tanh\\left(${a}\\right)`,
  mathjs: ([a]) => `tanh(${a})`,
  js: { call: ([a]) => `Math.tanh(${a})` },
  wgsl: {
    name: 'g_tanh',
    helpers: /* wgsl */ `
// tanh through exp(−2|x|) where the builtin may overflow to NaN.
fn g_tanh(x: f32) -> f32 {
  let e = exp(-2.0 * abs(x));
  return select(sign(x) * (1.0 - e) / (1.0 + e), tanh(x), abs(x) < 4.0);
}
`,
  },
  wasm: { import: 'Math.tanh' },
};
export default tanh;
