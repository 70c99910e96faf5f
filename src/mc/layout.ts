// The stream layout: which Philox words feed which random variable of which
// sample. Both backends implement exactly this; `referenceDraws` below is the
// definition written plainly, and the tests hold the generated kernels to it.
//
// A sample needs G standard Gaussians and U standard uniforms, counted over
// the bindings in order: `N(m, v)` and `LogitNormal(m, s)` take one Gaussian,
// `N(m, v, d)` takes d (components in order), `U(a, b)` one uniform. The
// Gaussian offset of a variable is the number of Gaussians taken by the
// variables bound before it; likewise for uniforms.
//
// Samples come in UNITS of two, (2m, 2m+1), so that both outputs of every
// Box–Muller pair are used. A unit reads Wu = 2(G + U) words w[0..Wu):
//   Gaussian q (0 ≤ q < G): u1 = R(w[2q], b), u2 = U(w[2q+1]),
//       r = sqrt(−2 ln u1), θ = π (2 u2 − 1) ∈ (−π, π),
//       sample 2m gets r cos θ, sample 2m+1 gets r sin θ;
//   uniform j (0 ≤ j < U): sample 2m gets U(w[2G + 2j]), sample 2m+1 gets U(w[2G + 2j + 1]);
// with U(w) = ((w >> 8) | 1)·2^-24 ∈ [2^-24, 1 − 2^-24], never 0 or 1, and
// the radius uniform R (box-muller.ts radiusUniformOf) from the whole word a:
//   R(a, b) = (a + 1/2)·2^-32 for a ≥ 2^16, (a·2^32 + b + 1/2)·2^-64 below,
// where b is word x mod 4 of the group's EXTENSION call floor(x / 4), for its
// Gaussian x = u·G + q (u the unit's index in its group): counter
// (g mod 2^32, stream, 2^31 + floor(x / 4), floor(g / 2^32)). So the normal tails are right to |z| ≈ 9.4 (the largest
// radius is sqrt(2·65 ln 2) = 9.4908), not cut at 5.77 as 24-bit radii were.
// The angle keeps 24 bits: it bounds no tail.
//
// The ends of the other families: U(a, b) draws a + (b − a)·U(w), U(w) ∈
// [2^-24, 1 − 2^-24], so in exact arithmetic never a or b (the support is
// the open interval); after rounding, a + (b − a)·2^-24 equals a where
// (b − a)·2^-24 is below half an ulp of a: roughly where b − a < |a| in f32
// on webgpu (U(100, 101) draws 100 and 101), b − a < 2^-29·|a| in float64.
// An integrand singular at an end (log(t − a)) can then be infinite on
// webgpu, and `auto` reruns that in float64. LogitNormal(m, s) is sigmoid(m + s·z) with the
// Gaussian above; sigmoid rounds to 0 or 1 where |m + s z| ≳ 17 (f32) or
// ≳ 37 (f64): auto reruns f32-overflowed runs in float64.
//
// Units are packed into GROUPS that use whole Philox blocks:
//   Wu = 2: two units (four samples) per group, one Philox call;
//   Wu ≥ 4: one unit (two samples) per group, B = ceil(Wu / 4) calls.
// Group g (samples g·Sg … g·Sg + Sg − 1) takes call j = 0..B−1 with
//   counter = (g mod 2^32, stream, j, floor(g / 2^32)), key = (seed mod 2^32, floor(seed / 2^32)),
// and its words are the outputs of calls 0..B−1 concatenated (call j gives
// words 4j..4j+3); unit u of the group reads words u·Wu … u·Wu + Wu − 1.
//
// So the draws of sample i depend only on (seed, stream, i) and on the
// binding list (through G and U), never on the integrand body, the backend,
// or how the work is split. Two integrands over the same bindings see the
// same random variables sample by sample (common random numbers).

import { philox4x32, uniformOf } from './philox.js';
import { extensionWord, RADIUS_SPLIT, referenceBoxMuller } from './box-muller.js';

export interface Layout {
  /** Standard Gaussians per sample. */
  readonly gaussians: number;
  /** Standard uniforms per sample. */
  readonly uniforms: number;
  /** Words per unit of two samples: 2(G + U). */
  readonly unitWords: number;
  /** Units per group: 2 when a unit needs two words, else 1. */
  readonly unitsPerGroup: number;
  /** Philox calls per group. */
  readonly callsPerGroup: number;
  /** Samples per group (twice the units). */
  readonly samplesPerGroup: number;
}

export function layoutOf(gaussians: number, uniforms: number): Layout {
  if (gaussians + uniforms < 1) throw new RangeError('an expectation needs at least one random draw');
  const unitWords = 2 * (gaussians + uniforms);
  const unitsPerGroup = unitWords === 2 ? 2 : 1;
  const callsPerGroup = unitWords === 2 ? 1 : Math.ceil(unitWords / 4);
  return { gaussians, uniforms, unitWords, unitsPerGroup, callsPerGroup, samplesPerGroup: 2 * unitsPerGroup };
}

export const TWO32 = 4294967296;

/** The Philox key of a seed: (seed mod 2^32, floor(seed / 2^32)). */
export function keyOf(seed: number): [number, number] {
  return [seed % TWO32 >>> 0, Math.floor(seed / TWO32) >>> 0];
}

/**
 * The standard draws of sample i, straight from the definition above: the
 * reference every backend is tested against (slow; for tests).
 */
export function referenceDraws(layout: Layout, seed: number, stream: number, i: number): { gaussians: number[]; uniforms: number[] } {
  const sg = layout.samplesPerGroup;
  const g = Math.floor(i / sg);
  const within = i - g * sg;
  const unit = within >> 1;
  const second = (within & 1) === 1;
  const [k0, k1] = keyOf(seed);
  const words: number[] = [];
  const out = new Uint32Array(4);
  for (let j = 0; j < layout.callsPerGroup; j++) {
    philox4x32(g % TWO32, stream, j, Math.floor(g / TWO32), k0, k1, out);
    words.push(...out);
  }
  const w = words.slice(unit * layout.unitWords, (unit + 1) * layout.unitWords);
  const gaussians: number[] = [];
  for (let q = 0; q < layout.gaussians; q++) {
    const a = w[2 * q];
    const b = a < RADIUS_SPLIT ? extensionWord(g, stream, unit * layout.gaussians + q, k0, k1) : 0;
    gaussians.push(referenceBoxMuller(a, b, w[2 * q + 1])[second ? 1 : 0]);
  }
  const uniforms: number[] = [];
  for (let j = 0; j < layout.uniforms; j++) {
    uniforms.push(uniformOf(w[2 * layout.gaussians + 2 * j + (second ? 1 : 0)]));
  }
  return { gaussians, uniforms };
}
