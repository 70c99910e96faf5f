// min(a, b). Normal form: the smaller when the order is known on the domain
// (a side condition), else (a + b − |a − b|)/2. Not differentiated here.
import type { ElementaryFunction } from './_function.js';

const min: ElementaryFunction = {
  name: 'min',
  arity: 2,
  doc: 'the smaller of two scalars',
  float: (xs) => Math.min(xs[0], xs[1]),
  exact: (xs) => (xs[0].n * xs[1].d <= xs[1].n * xs[0].d ? xs[0] : xs[1]),
  bound: (_value, xs) => Math.max(xs[0].bound, xs[1].bound),
  interval: (xs, I) => I.ivMin(xs[0], xs[1]),
  mp: (xs, M) => M.min(xs[0], xs[1]),
  normal: (ring, xs, N) => N.minMaxOf(ring, 'min', xs[0], xs[1]),
  derivative: null,
  latex: (args) => `\\min\\left(${args.join(', ')}\\right)`,
  mathjs: (args) => `min(${args.join(', ')})`,
  js: { call: ([a, b]) => `Math.min(${a}, ${b})` },
  wgsl: { name: 'g_min', helpers: `fn g_min(a: f32, b: f32) -> f32 { return select(min(a, b), NAN, is_nan(a) || is_nan(b)); }\n` },
  wasm: { emit: (m, [a, b], SIMD) => m.bin(SIMD.f64x2Min, a, b) },
};
export default min;
