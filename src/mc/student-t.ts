// Student's t with ν degrees of freedom, for the error bars of randomized
// quasi-Monte Carlo: R independent randomizations give R means whose spread is
// the standard error, and (lhs − rhs)/se is t-distributed with R − 1 degrees
// of freedom (or a Welch–Satterthwaite ν when several estimates combine), not
// normal. The decisions keep one threshold (|z| ≥ 6) by mapping t to the z
// with the same tail probability:
//   z = Φ⁻¹(1 − P(|T_ν| ≥ |t|)/2)·sign t,
// so a t-test refutes exactly as often under its null as the z-test under
// normality (2·Φ(−6) ≈ 2e-9). P is computed as its logarithm, so a huge t
// maps to a large finite z, never to ∞ by underflow.
import { normalUpperQuantileOfLog } from './sobol/normal-quantile.js';

/** ln Γ(x), x > 0 (Lanczos, g = 7, n = 9: ~1e-15 relative). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ln of the continued fraction of the incomplete beta (Lentz; converges fast for x < (a + 1)/(a + b + 2)). */
function logBetaCf(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return Math.log(h);
}

/** ln I_x(a, b), the regularized incomplete beta, for 0 < x < 1. */
export function logIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return -Infinity;
  if (x >= 1) return 0;
  const front = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  if (x < (a + 1) / (a + b + 2)) return front + logBetaCf(x, a, b) - Math.log(a);
  // I_x(a, b) = 1 − I_{1−x}(b, a)
  const other = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x) + logBetaCf(1 - x, b, a) - Math.log(b));
  return Math.log1p(-other);
}

/** ln P(|T_ν| ≥ |t|), the two-sided tail of Student's t. */
export function logTwoSidedT(t: number, dof: number): number {
  if (!(dof > 0) || Number.isNaN(t)) return NaN;
  if (!Number.isFinite(t)) return -Infinity;
  if (t === 0) return 0;
  // ν/(ν + t²) computed without overflow for a huge t.
  const x = 1 / (1 + (t / Math.sqrt(dof)) ** 2);
  return logIncompleteBeta(x, dof / 2, 0.5);
}

/** The z with the same two-sided tail probability as t under ν degrees of freedom (sign kept; ν = ∞ is t itself). */
export function zOfT(t: number, dof: number): number {
  if (dof === Infinity || Number.isNaN(t) || t === 0) return t;
  if (!Number.isFinite(t)) return t;
  const lp = logTwoSidedT(t, dof);
  return Math.sign(t) * normalUpperQuantileOfLog(lp - Math.LN2);
}

/** The |t| that zOfT maps to |z| (6 → 8.35 at 31 dof, 12.7 at 15): the t-test's threshold at the z-test's tail probability. */
export function criticalT(z: number, dof: number): number {
  if (dof === Infinity) return z;
  let lo = z;
  let hi = z;
  while (zOfT(hi, dof) < z) hi *= 2;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (zOfT(mid, dof) < z) lo = mid;
    else hi = mid;
  }
  return hi;
}
