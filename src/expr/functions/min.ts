// min(a, b). Normal form: the smaller when the order is known on the domain
// (a side condition), else (a + b − |a − b|)/2. Not differentiated here.
import type { ElementaryFunction } from './_function.js';

const min: ElementaryFunction = {
  name: 'min',
  arity: 2,
  doc: 'the smaller of two scalars',
  float: ([a, b]) => Math.min(a, b),
  exact: ([a, b]) => (a.n * b.d <= b.n * a.d ? a : b),
  bound: (_value, [a, b]) => Math.max(a.bound, b.bound),
  interval: ([a, b], I) => I.ivMin(a, b),
  mp: ([a, b], M) => M.min(a, b),
  normal: (ring, [a, b], N) => N.minMaxOf(ring, 'min', a, b),
  derivative: null,
  latex: (args) => `\\min\\left(${args.join(', ')}\\right)`,
  mathjs: (args) => `min(${args.join(', ')})`,
  js: { call: ([a, b]) => `Math.min(${a}, ${b})` },
  wgsl: { name: 'g_min', helpers: `fn g_min(a: f32, b: f32) -> f32 { return select(min(a, b), NAN, is_nan(a) || is_nan(b)); }\n` },
  wasm: { emit: (m, [a, b], SIMD) => m.bin(SIMD.f64x2Min, a, b) },
};
export default min;
