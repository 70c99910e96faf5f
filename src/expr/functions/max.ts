// max(a, b). Normal form: the larger when the order is known on the domain
// (a side condition), else (a + b + |a − b|)/2. Not differentiated here.
import type { ElementaryFunction } from './_function.js';

const max: ElementaryFunction = {
  name: 'max',
  arity: 2,
  doc: 'the larger of two scalars',
  float: ([a, b]) => Math.max(a, b),
  exact: ([a, b]) => (a.n * b.d >= b.n * a.d ? a : b),
  bound: (_value, [a, b]) => Math.max(a.bound, b.bound),
  interval: ([a, b], I) => I.ivMax(a, b),
  mp: ([a, b], M) => M.max(a, b),
  normal: (ring, [a, b], N) => N.minMaxOf(ring, 'max', a, b),
  derivative: null,
  latex: (args) => `\\max\\left(${args.join(', ')}\\right)`,
  mathjs: (args) => `max(${args.join(', ')})`,
  js: { call: ([a, b]) => `Math.max(${a}, ${b})` },
  wgsl: { name: 'g_max', helpers: `fn g_max(a: f32, b: f32) -> f32 { return select(max(a, b), NAN, is_nan(a) || is_nan(b)); }\n` },
  wasm: { emit: (m, [a, b], SIMD) => m.bin(SIMD.f64x2Max, a, b) },
};
export default max;
