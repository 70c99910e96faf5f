// max(a, b). Normal form: the larger when the order is known on the domain
// (a side condition), else (a + b + |a − b|)/2. Not differentiated here.
import type { ElementaryFunction } from './_function.js';

const max: ElementaryFunction = {
  name: 'max',
  arity: 2,
  doc: 'the larger of two scalars',
  float: (xs) => Math.max(xs[0], xs[1]),
  exact: (xs) => (xs[0].n * xs[1].d >= xs[1].n * xs[0].d ? xs[0] : xs[1]),
  bound: (_value, xs) => Math.max(xs[0].bound, xs[1].bound),
  interval: (xs, I) => I.ivMax(xs[0], xs[1]),
  mp: (xs, M) => M.max(xs[0], xs[1]),
  normal: (ring, xs, N) => N.minMaxOf(ring, 'max', xs[0], xs[1]),
  derivative: null,
  latex: (args) => `\\max\\left(${args.join(', ')}\\right)`,
  mathjs: (args) => `max(${args.join(', ')})`,
  js: { call: ([a, b]) => `Math.max(${a}, ${b})` },
  wgsl: { name: 'g_max', helpers: `fn g_max(a: f32, b: f32) -> f32 { return select(max(a, b), NAN, is_nan(a) || is_nan(b)); }\n` },
  wasm: { emit: (m, [a, b], SIMD) => m.bin(SIMD.f64x2Max, a, b) },
};
export default max;
