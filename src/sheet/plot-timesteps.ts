// Timestep densities on (0, 1) used by rectified-flow training (Esser et al. 2024,
// "Scaling rectified flow transformers", §3.1), each with its sampler:
//   logit-normal(m, s): t = sigmoid(m + s z), z ~ N(0, 1);
//                       π(t) = exp(−(logit t − m)²/(2s²)) / (s √(2π) t (1 − t))
//   mode(s):            t = f(u) = 1 − u − s (cos²(πu/2) − 1 + u), u ~ U(0, 1);
//                       π(t) = 1/|f′(f⁻¹(t))|, f′(u) = −1 − s + s (π/2) sin(πu)
//                       (f is monotone for −1 ≤ s ≤ 2/(π − 2))
//   CosMap:             t = 1 − 1/(tan(πu/2) + 1), u ~ U(0, 1); π(t) = 2/(π − 2πt + 2πt²)
// The samplers draw from the project's Philox4x32-10 (src/mc/philox.ts) with a
// fixed key, so the histograms are the same on every machine.
import { philox4x32, uniformOf } from '../mc/philox.js';

export const LOGIT_NORMAL = { m: 0, s: 1 } as const;
export const MODE_S = 1.29;

export const logitNormalDensity = (t: number, m = LOGIT_NORMAL.m, s = LOGIT_NORMAL.s): number =>
  Math.exp(-((Math.log(t / (1 - t)) - m) ** 2) / (2 * s * s)) / (s * Math.sqrt(2 * Math.PI) * t * (1 - t));

export const modeMap = (u: number, s = MODE_S): number => 1 - u - s * (Math.cos((Math.PI / 2) * u) ** 2 - 1 + u);
const modeSlope = (u: number, s: number): number => -1 - s + s * (Math.PI / 2) * Math.sin(Math.PI * u);

/** f⁻¹(t) by bisection: f decreases from 1 (u = 0) to 0 (u = 1) for admissible s. */
export function modeInverse(t: number, s = MODE_S): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (modeMap(mid, s) > t) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export function modeDensity(t: number, s = MODE_S): number {
  if (s < -1 || s > 2 / (Math.PI - 2)) throw new RangeError(`mode sampling needs −1 ≤ s ≤ 2/(π − 2) (got ${s})`);
  return 1 / Math.abs(modeSlope(modeInverse(t, s), s));
}

export const cosMapMap = (u: number): number => 1 - 1 / (Math.tan((Math.PI / 2) * u) + 1);
export const cosMapDensity = (t: number): number => 2 / (Math.PI - 2 * Math.PI * t + 2 * Math.PI * t * t);

export type Sampler = 'logit-normal' | 'mode' | 'cosmap';

/**
 * n draws of a sampler from Philox counter blocks (i, 0, 0, 0) under key (seed, stream).
 * The Gaussian of logit-normal is Box–Muller on two words of a block (a uniform
 * of 24 bits is enough for a histogram: |z| ≤ 5.77).
 */
export function sample(sampler: Sampler, n: number, seed: number): Float64Array {
  const stream = { 'logit-normal': 1, mode: 2, cosmap: 3 }[sampler];
  const out = new Float64Array(n);
  const w = new Uint32Array(4);
  for (let i = 0; i < n; i++) {
    philox4x32(i, 0, 0, 0, seed, stream, w);
    const u = uniformOf(w[0]);
    switch (sampler) {
      case 'logit-normal': {
        const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniformOf(w[1]));
        out[i] = 1 / (1 + Math.exp(-(LOGIT_NORMAL.m + LOGIT_NORMAL.s * z)));
        break;
      }
      case 'mode':
        out[i] = modeMap(u);
        break;
      case 'cosmap':
        out[i] = cosMapMap(u);
        break;
    }
  }
  return out;
}

/** Histogram of draws on [0, 1] as a density (bar heights integrate to 1). */
export function histogram(xs: Float64Array, bins: number): { lo: number; hi: number; density: number }[] {
  const counts = new Array<number>(bins).fill(0);
  for (const x of xs) counts[Math.min(bins - 1, Math.max(0, Math.floor(x * bins)))]++;
  return counts.map((c, k) => ({ lo: k / bins, hi: (k + 1) / bins, density: (c * bins) / xs.length }));
}
