// sech x = 1/cosh x = 2/(e^x + e^{−x}) (so in the normal form).
import type { ElementaryFunction } from './_function.js';
import { LIB, ONE, isZero } from './_numeric.js';

const sech: ElementaryFunction = {
  name: 'sech',
  arity: 1,
  doc: 'hyperbolic secant, 2/(e^x + e^{−x})',
  float: ([x]) => 1 / Math.cosh(x),
  exact: ([x]) => (isZero(x) ? ONE : undefined),
  // |sech'| = |sech · tanh| ≤ 1/2.
  bound: (_value, [x]) => Math.min(x.bound / 2, 1) + LIB,
  interval: ([x], I) => I.ivSech(x),
  mp: ([x], M) => {
    // sech = 2/(e^v + e^−v), even: enclose on |v|.
    const m = M.abs(x);
    return M.div(M.TWO, M.add(M.exp(m), M.exp(M.neg(m))));
  },
  normal: (ring, [a], N) => N.sechOf(ring, a),
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
