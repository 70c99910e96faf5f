/**
 * Testbed pieces for Luo's eq. 45 on the scalar VP chain (vp-diffusion.ts): the eq.-45 expression
 * itself, the ELBO of the product variational distribution it secretly is (T = 2), the marginal
 * log p(x_0) of the linear reverse model, and the DDPM schedule with its eq.-45 defect in exact
 * rationals. Symbols, distributions, closed forms and exact numbers only.
 *
 * Why a product distribution: eq. 45 draws x_t ~ q(x_t | x_{t−1}) and x_{t+1} ~ q(x_{t+1} | x_{t−1})
 * independently, so each pair (x_t, x_{t+1}) is integrated under
 *   π_t(x_t, x_{t+1}) = ∫ q(x_{t−1} | x_0) q(x_t | x_{t−1}) q(x_{t+1} | x_{t−1}) dx_{t−1},
 * whose one-dimensional marginals are q's. At T = 2, π_1 = q(x_1 | x_0) q(x_2 | x_0): eq. 45 is the
 * ELBO of r(x_1, x_2) = q(x_1 | x_0) q(x_2 | x_0) minus the conditional mutual information
 * I_q(x_1; x_2 | x_0) = ½ log((1 − ᾱ_2)/(1 − α_2)) (derivations/vdm/eq45-bound.ts).
 */
import { add, draw, E, KL, logpdf, mul, normal, pow, sqrt, sub, log, div, rat, type Binding, type Scalar } from '../../src/index.js';
import { gaussianLogDensity, type VpChain } from './vp-diffusion.js';

/**
 * Luo eq. 45: reconstruction − prior matching − Σ_{t=1}^{T−1} E_{q(x_{t−1}, x_{t+1}|x_0)}[KL(q(x_t|x_{t−1}) ‖ p_θ(x_t|x_{t+1}))],
 * with x_{t−1} ~ q(x_{t−1} | x_0), x_{t+1} ~ q(x_{t+1} | x_{t−1}) and x_t left to the KL
 * (the same expression as vdm.elbo-consistency's, kept here so that this testbed does not depend on it).
 */
export function eq45(c: VpChain): Scalar {
  const term = (t: number): Scalar => {
    const over: Binding[] = [];
    if (t - 1 >= 1) over.push(draw(`x_${t - 1}`, c.marginal[t - 1]));
    const a2 = mul(c.alpha[t], c.alpha[t + 1]);
    over.push(draw(`x_${t + 1}`, normal(mul(sqrt(a2), c.x[t - 1]), sub(1, a2))));
    return E(KL(c.forward[t], c.reverse[t + 1]), over);
  };
  return add(
    c.reconstruction,
    mul(-1, E(KL(c.forward[c.T], c.prior), c.overSegment(c.T - 1, c.T - 1))),
    ...Array.from({ length: c.T - 1 }, (_, i) => mul(-1, term(i + 1))),
  );
}

/** T = 2: the ELBO of r(x_1, x_2) = q(x_1 | x_0) q(x_2 | x_0) (x_1, x_2 independent given x_0). */
export function productElbo(c: VpChain): Scalar {
  if (c.T !== 2) throw new RangeError('productElbo: written for T = 2');
  const over = [draw('x_1', c.marginal[1]), draw('x_2', c.marginal[2])];
  return E(sub(c.logJoint, add(logpdf(c.marginal[1], c.x[1]), logpdf(c.marginal[2], c.x[2]))), over);
}

/** T = 2: I_q(x_1; x_2 | x_0) = −½ log(1 − ρ²), ρ² = α_2 (1 − α_1)/(1 − ᾱ_2), i.e. ½ log((1 − ᾱ_2)/(1 − α_2)). */
export const mutualInformation12 = (c: VpChain): Scalar => mul(rat(1, 2), log(div(sub(1, c.abar[2]), sub(1, c.alpha[2]))));

/**
 * log p_θ(x_0) of the linear reverse chain: x_T ~ N(0, 1), x_{t−1} | x_t ~ N(k_t x_t + c_t, s_t), so
 * x_{t−1} ~ N(k_t m_t + c_t, k_t² v_t + s_t) from x_t ~ N(m_t, v_t).
 */
export function logMarginalX0(c: VpChain): Scalar {
  let m: Scalar = rat(0, 1);
  let v: Scalar = rat(1, 1);
  for (let t = c.T; t >= 1; t--) {
    m = add(mul(c.k[t], m), c.c[t]);
    v = add(mul(pow(c.k[t], 2), v), c.s[t]);
  }
  return gaussianLogDensity(c.x[0], m, v);
}

// ---------------------------------------------------------------------------
// The DDPM schedule (Ho et al. 2020): β_t linear from β_1 = 10⁻⁴ to β_T = 0.02, α_t = 1 − β_t.

/** An exact rational n/d (d > 0), in lowest terms. */
export interface Q { readonly n: bigint; readonly d: bigint }
const gcd = (a: bigint, b: bigint): bigint => { a = a < 0n ? -a : a; b = b < 0n ? -b : b; while (b) [a, b] = [b, a % b]; return a; };
export const q = (n: bigint, d: bigint): Q => { if (d === 0n) throw new RangeError('zero denominator'); const g = gcd(n, d) * (d < 0n ? -1n : 1n); return { n: n / g, d: d / g }; };
const qadd = (a: Q, b: Q) => q(a.n * b.d + b.n * a.d, a.d * b.d);
const qmul = (a: Q, b: Q) => q(a.n * b.n, a.d * b.d);
const qdiv = (a: Q, b: Q) => q(a.n * b.d, a.d * b.n);
const qsub = (a: Q, b: Q) => q(a.n * b.d - b.n * a.d, a.d * b.d);
/** n/d to a double (within a few ulps for |n/d| ≥ 10⁻¹⁰): 30 decimal digits by integer division, then one rounding. */
export const qToNumber = (a: Q): number => Number((a.n * 10n ** 30n) / a.d) / 1e30;

/** β_t = β_1 + (t − 1)(β_T − β_1)/(T − 1), t = 1..T, exactly (index 0 unused). */
export function linearBetas(T: number, beta1: Q = q(1n, 10_000n), betaT: Q = q(2n, 100n)): Q[] {
  if (!Number.isInteger(T) || T < 2) throw new RangeError(`linearBetas: T must be an integer ≥ 2, got ${T}`);
  const out: Q[] = [q(0n, 1n)];
  for (let t = 1; t <= T; t++) out.push(qadd(beta1, qmul(q(BigInt(t - 1), BigInt(T - 1)), qsub(betaT, beta1))));
  return out;
}

/**
 * ELBO − eq. 45 for the reverse model that matches the forward posterior (k_t, s_t of
 * q(x_{t−1} | x_t, x_0), t ≥ 2): Σ_{t=1}^{T−1} k_{t+1} √α_{t+1} (1 − α_t)/s_{t+1} with
 * k_{t+1}/s_{t+1} = √α_{t+1}/(1 − α_{t+1}), i.e. Σ_{t=1}^{T−1} α_{t+1} β_t/β_{t+1} — exact.
 */
export function matchedEq45Defect(betas: readonly Q[]): Q {
  let s = q(0n, 1n);
  for (let t = 1; t + 1 < betas.length; t++) s = qadd(s, qdiv(qmul(qsub(q(1n, 1n), betas[t + 1]!), betas[t]!), betas[t + 1]!));
  return s;
}
