// Discrete DDPM schedules for any T, index for index as diffusers defines them
// (schedulers/scheduling_ddpm.py: `linear`, `scaled_linear`,
// `squaredcos_cap_v2` = betas_for_alpha_bar, and rescale_zero_terminal_snr).
//
// Conventions: steps t = 1 … T; diffusers' arrays are indexed i = t − 1.
// diffusers computes β in float32 (`torch.linspace(..., dtype=float32)`);
// these arrays follow the same DEFINITIONS in float64, so they agree with
// diffusers' definitions evaluated in float64 (numpy) to about 1e-13, and with
// diffusers' float32 tensors only to float32 precision (~1e-7). The linear β
// are also available exactly, as rationals (`linearBetaExact`).
import { BadInput } from '../errors.js';
import { rational, type Rational } from '../expr/rational.js';
import { parseDecimal } from '../expr/rational.js';

export type DiscreteName = 'linear' | 'scaled-linear' | 'cosine';
export const DISCRETE_NAMES: readonly DiscreteName[] = ['linear', 'scaled-linear', 'cosine'];

export interface DiscreteSchedule {
  readonly name: DiscreteName;
  readonly T: number;
  readonly zeroSnr: boolean;
  /** β_t at index t − 1. */
  readonly beta: Float64Array;
  /** ᾱ_t = ∏_{s ≤ t} (1 − β_s) at index t − 1 (diffusers' alphas_cumprod). */
  readonly alphaBar: Float64Array;
  /** SNR_t = ᾱ_t/(1 − ᾱ_t) (0 at a zero terminal SNR). */
  readonly snr: Float64Array;
  /** log-SNR λ_t = log ᾱ_t − log(1 − ᾱ_t) (−∞ at a zero terminal SNR). */
  readonly logSnr: Float64Array;
}

/** DDPM's linear schedule (Ho et al. 2020): β from 1e-4 to 0.02. */
export const LINEAR_RANGE = ['0.0001', '0.02'] as const;
/** Stable Diffusion's scaled linear: √β from √0.00085 to √0.012. */
export const SCALED_LINEAR_RANGE = ['0.00085', '0.012'] as const;
/** Improved DDPM's cosine offset s and clip of β. */
export const COSINE_S = 0.008;
export const COSINE_MAX_BETA = 0.999;

/** The largest T accepted: the arrays are dense. */
export const MAX_T = 1_000_000;

/** `torch.linspace(a, b, n)`: a + i (b − a)/(n − 1); for n = 1, [a]. */
export function linspace(a: number, b: number, n: number): Float64Array {
  const out = new Float64Array(n);
  if (n === 1) {
    out[0] = a;
    return out;
  }
  const step = (b - a) / (n - 1);
  // torch fills the second half from the end (b − (n − 1 − i) step), so its last value is b exactly.
  for (let i = 0; i < n; i++) out[i] = i < n / 2 ? a + i * step : b - (n - 1 - i) * step;
  return out;
}

/** β_t of the linear schedule exactly: β_1 + (t − 1)/(T − 1) (β_T − β_1), a rational. */
export function linearBetaExact(t: number, T: number): Rational {
  const [lo, hi] = LINEAR_RANGE.map((s) => parseDecimal(s)!) as [Rational, Rational];
  if (T === 1) return lo;
  // (lo (T − 1) + (t − 1)(hi − lo)) / (T − 1), over the common denominator of lo and hi.
  const d = lo.d * hi.d;
  const num = lo.n * hi.d * BigInt(T - 1) + BigInt(t - 1) * (hi.n * lo.d - lo.n * hi.d);
  return rational(num, d * BigInt(T - 1));
}

/** improved DDPM's f(u) = cos²((u + s)/(1 + s) · π/2), u = t/T. */
export const cosineF = (u: number): number => Math.cos(((u + COSINE_S) / (1 + COSINE_S)) * (Math.PI / 2)) ** 2;

function betasOf(name: DiscreteName, T: number): Float64Array {
  switch (name) {
    case 'linear':
      return linspace(Number(LINEAR_RANGE[0]), Number(LINEAR_RANGE[1]), T);
    case 'scaled-linear':
      return linspace(Math.sqrt(Number(SCALED_LINEAR_RANGE[0])), Math.sqrt(Number(SCALED_LINEAR_RANGE[1])), T).map((r) => r * r);
    case 'cosine': {
      // betas_for_alpha_bar: β at index i is 1 − f((i + 1)/T)/f(i/T), clipped at 0.999.
      const out = new Float64Array(T);
      for (let i = 0; i < T; i++) out[i] = Math.min(1 - cosineF((i + 1) / T) / cosineF(i / T), COSINE_MAX_BETA);
      return out;
    }
  }
}

const cumprod = (alphas: Float64Array): Float64Array => {
  const out = new Float64Array(alphas.length);
  let p = 1;
  for (let i = 0; i < alphas.length; i++) out[i] = p *= alphas[i];
  return out;
};

/**
 * rescale_zero_terminal_snr (Lin et al. 2023, Algorithm 1):
 * √ᾱ ← (√ᾱ − √ᾱ_T) √ᾱ_1 / (√ᾱ_1 − √ᾱ_T), then β recovered from the ratios
 * ᾱ_t/ᾱ_{t−1} (β_1 = 1 − ᾱ_1, unchanged, and β_T = 1).
 */
export function rescaleZeroTerminalSnr(betas: Float64Array): Float64Array {
  const sq = cumprod(betas.map((b) => 1 - b)).map(Math.sqrt);
  const first = sq[0];
  const last = sq[sq.length - 1];
  if (!(first > last)) throw new BadInput('the zero-terminal-SNR rescale needs √ᾱ_1 > √ᾱ_T (T ≥ 2 and β_t > 0)');
  const abar = sq.map((s) => ((s - last) * (first / (first - last))) ** 2);
  const out = new Float64Array(betas.length);
  out[0] = 1 - abar[0];
  for (let i = 1; i < abar.length; i++) out[i] = 1 - abar[i] / abar[i - 1];
  return out;
}

export function discreteSchedule(name: DiscreteName, T: number, zeroSnr = false): DiscreteSchedule {
  if (!Number.isSafeInteger(T) || T < 1 || T > MAX_T) throw new BadInput(`--T must be an integer from 1 to ${MAX_T}, not ${T}`);
  if (zeroSnr && T < 2) throw new BadInput('--zero-snr needs T >= 2 (the rescale maps ᾱ_1 to itself and ᾱ_T to 0)');
  let beta = betasOf(name, T);
  if (zeroSnr) beta = rescaleZeroTerminalSnr(beta);
  // diffusers: alphas = 1 − betas; alphas_cumprod = cumprod(alphas).
  const alphaBar = cumprod(beta.map((b) => 1 - b));
  const snr = alphaBar.map((a) => a / (1 - a));
  const logSnr = alphaBar.map((a) => Math.log(a) - Math.log1p(-a));
  return { name, T, zeroSnr, beta, alphaBar, snr, logSnr };
}
