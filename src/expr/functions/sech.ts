// sech x = 1/cosh x = 2/(e^x + e^{−x}) (so in the normal form).
import type { ElementaryFunction } from './_function.js';
import { LIB, ONE, isZero } from './_numeric.js';

const sech: ElementaryFunction = {
  name: 'sech',
  arity: 1,
  doc: 'hyperbolic secant, 2/(e^x + e^{−x})',
  float: (xs) => 1 / Math.cosh(xs[0]),
  exact: (xs) => (isZero(xs[0]) ? ONE : undefined),
  // |sech'| = |sech · tanh| ≤ 1/2.
  bound: (_value, xs) => Math.min(xs[0].bound / 2, 1) + LIB,
  interval: (xs, I) => I.ivSech(xs[0]),
  mp: (xs, M) => {
    const x = xs[0];
    // sech = 2/(e^v + e^−v), even: enclose on |v|.
    const m = M.abs(x);
    return M.div(M.TWO, M.add(M.exp(m), M.exp(M.neg(m))));
  },
  normal: (ring, xs, N) => N.sechOf(ring, xs[0]),
  derivative: (a, da, _self, B) => B.neg(B.mul(B.sech(a), B.tanh(a), da)),
  latex: ([a]) => `\\operatorname{sech}\\left(${a}\\right)`,
  mathjs: ([a]) => `sech(${a})`,
  js: {
    helpers: `function $sech(x) { const e = $exp(-Math.abs(x)); return 2 * e / (1 + e * e); }\n`,
    call: ([a]) => `$sech(${a})`,
  },
  wgsl: { name: 'g_sech', helpers: `fn g_sech(x: f32) -> f32 { let e = exp(-abs(x)); return 2.0 * e / (1.0 + e * e); }\n` },
  wasm: { emit: (m, [x]) => m.sech(x) },
};
export default sech;
