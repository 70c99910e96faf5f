// The discrete noise schedules the sheet plots (T steps, t = 1..T), in float64.
// Replace with src/reparam once merged: that module owns the schedules; this
// one exists so the plots do not wait for it, and its test compares the values
// with numpy (tests/sheet/plots-schedules.test.ts) so the swap can be checked.
//
// Conventions (diffusers' DDPMScheduler, the reference implementation people use):
//   linear          β_t = β_1 + (t−1)/(T−1)·(β_T − β_1), β_1 = 1e-4, β_T = 0.02 (Ho et al. 2020)
//   scaled-linear   β_t = (√β_1 + (t−1)/(T−1)·(√β_T − √β_1))², β_1 = 0.00085, β_T = 0.012 (Stable Diffusion)
//   cosine          ᾱ(τ) = cos²((τ + s)/(1 + s)·π/2) / cos²(s/(1 + s)·π/2), s = 0.008,
//                   β_t = min(1 − ᾱ(t/T)/ᾱ((t−1)/T), 0.999) (Nichol & Dhariwal 2021)
//   seed's linear   β_t = β_1 + (t/T)(β_T − β_1): off by one step, β at t = 1 is not β_1
// and ᾱ_t = ∏_{s ≤ t} (1 − β_s) for all of them.

export type Schedule = 'linear' | 'scaled-linear' | 'cosine' | 'seed-linear';

export const LINEAR = { beta1: 1e-4, betaT: 0.02 } as const;
export const SCALED_LINEAR = { beta1: 0.00085, betaT: 0.012 } as const;
export const COSINE = { s: 0.008, maxBeta: 0.999 } as const;

/** β_1 … β_T of a schedule (index i holds β_{i+1}). */
export function betas(schedule: Schedule, T: number): Float64Array {
  if (!Number.isInteger(T) || T < 2) throw new RangeError(`T must be an integer ≥ 2 (got ${T})`);
  const b = new Float64Array(T);
  for (let i = 0; i < T; i++) {
    const u = i / (T - 1); // (t − 1)/(T − 1)
    switch (schedule) {
      case 'linear':
        b[i] = LINEAR.beta1 + u * (LINEAR.betaT - LINEAR.beta1);
        break;
      case 'seed-linear':
        b[i] = LINEAR.beta1 + ((i + 1) / T) * (LINEAR.betaT - LINEAR.beta1);
        break;
      case 'scaled-linear': {
        const r = Math.sqrt(SCALED_LINEAR.beta1) + u * (Math.sqrt(SCALED_LINEAR.betaT) - Math.sqrt(SCALED_LINEAR.beta1));
        b[i] = r * r;
        break;
      }
      case 'cosine': {
        const f = (tau: number) => Math.cos(((tau + COSINE.s) / (1 + COSINE.s)) * (Math.PI / 2)) ** 2;
        b[i] = Math.min(1 - f((i + 1) / T) / f(i / T), COSINE.maxBeta);
        break;
      }
    }
  }
  return b;
}

/** ᾱ_t = ∏_{s ≤ t}(1 − β_s), index i holds ᾱ_{i+1}. */
export function alphaBar(beta: Float64Array): Float64Array {
  const out = new Float64Array(beta.length);
  let p = 1;
  for (let i = 0; i < beta.length; i++) out[i] = p *= 1 - beta[i];
  return out;
}

/**
 * Lin et al. 2024 (Common diffusion noise schedules and sample steps are flawed),
 * Algorithm 1: shift and scale √ᾱ_t so that √ᾱ_T = 0 while √ᾱ_1 is unchanged.
 * The terminal SNR is then exactly 0 (log-SNR −∞ at t = T).
 */
export function zeroTerminalSnr(abar: Float64Array): Float64Array {
  const T = abar.length;
  const first = Math.sqrt(abar[0]);
  const last = Math.sqrt(abar[T - 1]);
  const out = new Float64Array(T);
  for (let i = 0; i < T; i++) {
    const r = ((Math.sqrt(abar[i]) - last) * first) / (first - last);
    out[i] = r * r;
  }
  out[T - 1] = 0; // exact, not a rounding residue of r − r
  return out;
}

/** log SNR_t = log(ᾱ_t / (1 − ᾱ_t)), written to keep precision where ᾱ_t is near 0 or 1. */
export const logSnr = (abar: number): number => Math.log(abar) - Math.log1p(-abar);
