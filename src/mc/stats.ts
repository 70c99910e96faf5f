// Merging partial moments in float64 (Chan, Golub & LeVeque 1979):
//   n = na + nb,  δ = mb − ma,
//   mean = ma + δ·nb/n,
//   M2 = M2a + M2b + δ²·na·nb/n,
// exact in exact arithmetic and stable in floating point, whatever the order.

/** Moments of the finite values of a set of samples, and how many were not finite. */
export interface Moments {
  readonly n: number;
  readonly mean: number;
  readonly m2: number;
  readonly nonFinite: number;
}

export const EMPTY: Moments = { n: 0, mean: 0, m2: 0, nonFinite: 0 };

export function merge(a: Moments, b: Moments): Moments {
  const nonFinite = a.nonFinite + b.nonFinite;
  if (b.n === 0) return { ...a, nonFinite };
  if (a.n === 0) return { ...b, nonFinite };
  const n = a.n + b.n;
  const d = b.mean - a.mean;
  const fb = b.n / n;
  return { n, mean: a.mean + d * fb, m2: a.m2 + b.m2 + d * d * a.n * fb, nonFinite };
}

export function mergePartials(parts: Iterable<Moments>): Moments {
  let acc = EMPTY;
  for (const p of parts) acc = merge(acc, p);
  return acc;
}

/** Partials packed as (n: u32, nonFinite: u32, mean: f32, M2: f32) records, merged in order. */
export function mergePacked(words: Uint32Array, floats: Float32Array, count: number): Moments {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  let nonFinite = 0;
  for (let i = 0; i < count; i++) {
    const nb = words[4 * i];
    nonFinite += words[4 * i + 1];
    if (nb === 0) continue;
    const mb = floats[4 * i + 2];
    const qb = floats[4 * i + 3];
    const nn = n + nb;
    const d = mb - mean;
    const fb = nb / nn;
    mean += d * fb;
    m2 += qb + d * d * n * fb;
    n = nn;
  }
  return { n, mean, m2, nonFinite };
}

/** Unbiased variance, and the standard error of the mean; NaN where undefined (fewer than 2 finite samples). */
export function summarize(p: Moments): { mean: number; variance: number; stderr: number } {
  if (p.n === 0) return { mean: NaN, variance: NaN, stderr: NaN };
  if (p.n === 1) return { mean: p.mean, variance: NaN, stderr: NaN };
  const variance = p.m2 / (p.n - 1);
  return { mean: p.mean, variance, stderr: Math.sqrt(variance / p.n) };
}
