// sigmoid x = 1/(1 + e^{−x}) (so in the normal form). The kernels compute it
// from e^{−|x|}, which never overflows.
import type { ElementaryFunction } from './_function.js';
import { HALF, LIB, isZero } from './_numeric.js';

const sigmoid: ElementaryFunction = {
  name: 'sigmoid',
  arity: 1,
  doc: 'logistic function 1/(1 + e^{−x})',
  // 1/(1 + e^−x) never overflows to NaN: e^−x = ∞ gives 0.
  float: (xs) => 1 / (1 + Math.exp(-xs[0])),
  exact: (xs) => (isZero(xs[0]) ? HALF : undefined),
  // |σ'| = σ(1 − σ) ≤ 1/4.
  bound: (_value, xs) => Math.min(xs[0].bound / 4, 1) + LIB,
  interval: (xs, I) => I.ivSigmoid(xs[0]),
  mp: (xs, M) => M.increasing(xs[0], M.sigmoidAt),
  normal: (ring, xs, N) => N.sigmoidOf(ring, xs[0]),
  derivative: (a, da, _self, B) => B.mul(B.sigmoid(a), B.sub(1, B.sigmoid(a)), da),
  latex: ([a]) => `\\operatorname{sigmoid}\\left(${a}\\right)`,
  mathjs: ([a]) => `sigmoid(${a})`,
  js: {
    helpers: `function $sig(x) { if (x >= 0) return 1 / (1 + $exp(-x)); const e = $exp(x); return e / (1 + e); }\n`,
    call: ([a]) => `$sig(${a})`,
  },
  wgsl: {
    name: 'g_sig',
    helpers: `fn g_sig(x: f32) -> f32 { let e = exp(-abs(x)); let p = 1.0 / (1.0 + e); return select(e * p, p, x >= 0.0); }\n`,
  },
  wasm: { emit: (m, [x]) => m.sigmoid(x) },
};
export default sigmoid;
