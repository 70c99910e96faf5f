/**
 * Testbed: scalar variance-preserving (VP) diffusion with per-step α_t
 * (FORMULAS.md, "Variational diffusion model"; Luo 2022, eqs. 31–130).
 *
 * Forward process (fixed, Luo eq. 31):
 *   q(x_t | x_{t−1}) = N(√α_t x_{t−1}, 1 − α_t),   ᾱ_t = ∏_{s≤t} α_s,
 *   q(x_t | x_0)     = N(√ᾱ_t x_0, 1 − ᾱ_t)                          (vdm.forward-marginal)
 *   q(x_{t−1} | x_t, x_0) = N(μ_q, σ_q²),                              (vdm.posterior)
 *     μ_q  = [√α_t (1 − ᾱ_{t−1}) x_t + √ᾱ_{t−1} (1 − α_t) x_0] / (1 − ᾱ_t),
 *     σ_q² = (1 − α_t)(1 − ᾱ_{t−1}) / (1 − ᾱ_t).
 * Reverse model (learnable, LINEAR): p(x_T) = N(0, 1),
 *   p_θ(x_{t−1} | x_t) = N(k_t x_t + c_t, s_t) with free k_t, c_t and s_t > 0
 *   (t = 1 is the decoder p_θ(x_0 | x_1)).
 *
 * N(mean, VARIANCE) throughout. Everything is per dimension: the forward
 * process and the posteriors are isotropic Gaussians, which factorize over
 * dimensions, so their log-densities, KLs and ELBOs are sums of these scalar
 * ones. The data point x_0 is fixed (the ELBO is a bound on log p(x_0) for
 * one x_0); with small T (2 or 3) the ELBO is a finite sum whose every term
 * is the Gaussian expectation of a quadratic in (x_1, …, x_T).
 *
 * Two ways to name the schedule:
 *   - one generic step t ≥ 2 (`step`): free α_t, ᾱ_{t−1} in (0, 1) and the
 *     definition ᾱ_t := α_t ᾱ_{t−1}. ᾱ_{t−1} < 1 excludes t = 1, where σ_q² = 0
 *     and q(x_0 | x_1, x_0) is a point mass.
 *   - a whole chain of T steps (`vpChain(T)`): α_1 … α_T free, ᾱ_1 := α_1 and
 *     ᾱ_t := α_t ᾱ_{t−1}, with the reverse model's k_t, c_t, s_t.
 *
 * Domains of the chain. The Monte Carlo cross-checks estimate expectations of
 * quadratics (and their squares) in the chain; the box below keeps their
 * standard errors moderate: α_t ∈ [1/10, 9/10] keeps σ_q² ≥ 1/100, and
 * s_t ∈ [1/2, 2], |k_t|, |c_t|, |x_0| ≤ 1 keep the reverse model's log-densities
 * within a few units. The algebraic identities do not depend on the box.
 *
 * This module exports symbols, distributions and closed forms only.
 */
import {
  add, define, div, draw, E, gaussians, KL, lift, log, logpdf, mul, normal, pi, pow, rat, sqrt, sub, sym,
  type Binding, type Dist, type ScalarLike, type Scalar, type Testbed,
} from '../../src/index.js';

type Definition = ReturnType<typeof define>;

// ---------------------------------------------------------------------------
// Closed forms, in any symbols.

/** log N(x; m, v) = −½ log(2π v) − (x − m)²/(2v), written out (the library's, src/prob/logpdf.ts). */
export const gaussianLogDensity = (x: ScalarLike, m: ScalarLike, v: ScalarLike): Scalar => gaussians.logpdfOf(normal(m, v), lift(x));

/** KL(N(m₁, v₁) ‖ N(m₂, v₂)) = ½ [log(v₂/v₁) + (v₁ + (m₁ − m₂)²)/v₂ − 1] (vae.gaussian-kl; the library's, src/prob/gaussian-kl.ts). */
export const gaussianKlClosedForm = (m1: ScalarLike, v1: ScalarLike, m2: ScalarLike, v2: ScalarLike): Scalar => gaussians.gaussianKL(m1, v1, m2, v2);

/** q(x_t | x_{t−1}) = N(√α x_{t−1}, 1 − α). */
export const forwardStep = (prev: ScalarLike, alpha: ScalarLike): Dist => normal(mul(sqrt(alpha), prev), sub(1, alpha));

/** q(x_t | x_0) = N(√ᾱ x_0, 1 − ᾱ). */
export const forwardMarginal = (x0: ScalarLike, abar: ScalarLike): Dist => normal(mul(sqrt(abar), x0), sub(1, abar));

/** μ_q = [√α (1 − ᾱ_{t−1}) x_t + √ᾱ_{t−1} (1 − α) x_0] / (1 − ᾱ_t). */
export const posteriorMean = (xt: ScalarLike, x0: ScalarLike, alpha: ScalarLike, abarPrev: ScalarLike, abar: ScalarLike): Scalar =>
  div(add(mul(sqrt(alpha), sub(1, abarPrev), xt), mul(sqrt(abarPrev), sub(1, alpha), x0)), sub(1, abar));

/** σ_q² = (1 − α)(1 − ᾱ_{t−1}) / (1 − ᾱ_t). */
export const posteriorVariance = (alpha: ScalarLike, abarPrev: ScalarLike, abar: ScalarLike): Scalar =>
  div(mul(sub(1, alpha), sub(1, abarPrev)), sub(1, abar));

/** SNR = ᾱ / (1 − ᾱ). */
export const snr = (abar: ScalarLike): Scalar => div(abar, sub(1, abar));

// ---------------------------------------------------------------------------
// One generic step t ≥ 2.

export const alpha_t = sym('alpha_t');
export const abar_t = sym('abar_t');
export const abar_tm1 = sym('abar_tm1');
export const x_t = sym('x_t');
export const x_tm1 = sym('x_tm1');
export const x_0 = sym('x_0');
export const eps = sym('eps');
export const eps_hat = sym('eps_hat');
/** x̂_θ: the network's prediction of x_0. */
export const x_0_hat = sym('x_0_hat');

/** α_t, ᾱ_{t−1} ∈ (0, 1) and ᾱ_t := α_t ᾱ_{t−1} (in this order: the definition uses both). */
export const stepHypotheses = {
  hAlpha: 'alpha_t in (0,1)',
  hAbarPrev: 'abar_tm1 in (0,1)',
  hAbar: define('abar_t', mul(alpha_t, abar_tm1)),
} as const;

/** The generic step's closed forms. */
export const step = {
  /** q(x_t | x_{t−1}) */
  forward: forwardStep(x_tm1, alpha_t),
  /** q(x_{t−1} | x_0) */
  marginalPrev: forwardMarginal(x_0, abar_tm1),
  /** q(x_t | x_0) */
  marginal: forwardMarginal(x_0, abar_t),
  muQ: posteriorMean(x_t, x_0, alpha_t, abar_tm1, abar_t),
  sigmaQ2: posteriorVariance(alpha_t, abar_tm1, abar_t),
  /** q(x_{t−1} | x_t, x_0) = N(μ_q, σ_q²) */
  posterior: normal(posteriorMean(x_t, x_0, alpha_t, abar_tm1, abar_t), posteriorVariance(alpha_t, abar_tm1, abar_t)),
};

// ---------------------------------------------------------------------------
// A chain of T steps with the linear reverse model.

export interface VpChain {
  readonly T: number;
  /** What a verdict on this testbed was decided on (the scope of its steps, issue 10 item 6). */
  readonly testbed: Testbed;
  /** x[0] = x_0, x[t] = x_t for t = 1..T. */
  readonly x: readonly Scalar[];
  /** alpha[t] = α_t (t = 1..T; alpha[0] unused). */
  readonly alpha: readonly Scalar[];
  /** abar[t] = ᾱ_t as a defined symbol (abar[0] = 1). */
  readonly abar: readonly ScalarLike[];
  /** k[t], c[t], s[t]: p_θ(x_{t−1} | x_t) = N(k_t x_t + c_t, s_t), t = 1..T. */
  readonly k: readonly Scalar[];
  readonly c: readonly Scalar[];
  readonly s: readonly Scalar[];
  /** Domains of α_t, k_t, c_t, s_t and x_0 (see the header for the box). */
  readonly hypotheses: Readonly<Record<string, string>>;
  /** ᾱ_1 := α_1, ᾱ_t := α_t ᾱ_{t−1}, in order. */
  readonly definitions: Readonly<Record<string, Definition>>;
  /** forward[t] = q(x_t | x_{t−1}), t = 1..T. */
  readonly forward: readonly Dist[];
  /** marginal[t] = q(x_t | x_0), t = 1..T. */
  readonly marginal: readonly Dist[];
  /** posterior[t] = q(x_{t−1} | x_t, x_0), t = 2..T. */
  readonly posterior: readonly Dist[];
  readonly posteriorMean: readonly Scalar[];
  readonly posteriorVariance: readonly Scalar[];
  /** reverse[t] = p_θ(x_{t−1} | x_t), t = 1..T (reverse[1] is the decoder p_θ(x_0 | x_1)). */
  readonly reverse: readonly Dist[];
  readonly reverseMean: readonly Scalar[];
  /** p(x_T) = N(0, 1). */
  readonly prior: Dist;
  /** x_1 ~ q(x_1 | x_0), x_2 ~ q(x_2 | x_1), …: the forward chain sampled ancestrally. */
  readonly overForward: readonly Binding[];
  /** x_from ~ q(x_from | x_0) (nothing when from = 0), then the forward chain up to x_to. */
  readonly overSegment: (from: number, to: number) => Binding[];
  /** log p(x_{0:T}) = log p(x_T) + Σ_{t=1}^{T} log p_θ(x_{t−1} | x_t). */
  readonly logJoint: Scalar;
  /** log q(x_{1:T} | x_0) = Σ_{t=1}^{T} log q(x_t | x_{t−1}). */
  readonly logForward: Scalar;
  /** The ELBO E_{q(x_{1:T}|x_0)}[log p(x_{0:T}) − log q(x_{1:T} | x_0)]. */
  readonly elbo: Scalar;
  /** E_{q(x_1|x_0)}[log p_θ(x_0 | x_1)]: the reconstruction term. */
  readonly reconstruction: Scalar;
  /**
   * Luo eq. 44: reconstruction − E_{q(x_{T−1}|x_0)}[KL(q(x_T | x_{T−1}) ‖ p(x_T))]
   * + Σ_{t=1}^{T−1} E_{q(x_{t−1}, x_t, x_{t+1}|x_0)}[log p_θ(x_t | x_{t+1}) − log q(x_t | x_{t−1})].
   */
  readonly consistencyForm: Scalar;
  /**
   * Luo eq. 58: reconstruction − KL(q(x_T | x_0) ‖ p(x_T))
   * − Σ_{t=2}^{T} E_{q(x_t|x_0)}[KL(q(x_{t−1} | x_t, x_0) ‖ p_θ(x_{t−1} | x_t))].
   */
  readonly denoisingForm: Scalar;
}

export function vpChain(T: number): VpChain {
  if (!Number.isInteger(T) || T < 2) throw new RangeError(`vpChain: T must be an integer ≥ 2, got ${T}`);
  const steps = Array.from({ length: T }, (_, i) => i + 1);
  const x: Scalar[] = [x_0, ...steps.map((t) => sym(`x_${t}`))];
  const alpha: Scalar[] = [sym('alpha_0'), ...steps.map((t) => sym(`alpha_${t}`))];
  const k: Scalar[] = [sym('k_0'), ...steps.map((t) => sym(`k_${t}`))];
  const c: Scalar[] = [sym('c_0'), ...steps.map((t) => sym(`c_${t}`))];
  const s: Scalar[] = [sym('s_0'), ...steps.map((t) => sym(`s_${t}`))];

  const hypotheses: Record<string, string> = { hx0: 'x_0 in [-1, 1]' };
  for (const t of steps) {
    hypotheses[`hAlpha${t}`] = `alpha_${t} in [1/10, 9/10]`;
    hypotheses[`hk${t}`] = `k_${t} in [-1, 1]`;
    hypotheses[`hc${t}`] = `c_${t} in [-1, 1]`;
    hypotheses[`hs${t}`] = `s_${t} in [1/2, 2]`;
  }
  const definitions: Record<string, Definition> = {};
  const abar: ScalarLike[] = [1];
  for (const t of steps) {
    definitions[`hAbar${t}`] = define(`abar_${t}`, t === 1 ? alpha[1] : mul(alpha[t], abar[t - 1]));
    abar[t] = sym(`abar_${t}`);
  }

  const forward = [normal(0, 1), ...steps.map((t) => forwardStep(x[t - 1], alpha[t]))];
  const marginal = [normal(0, 1), ...steps.map((t) => forwardMarginal(x_0, abar[t]))];
  const posteriorMeans: Scalar[] = [];
  const posteriorVariances: Scalar[] = [];
  const posterior: Dist[] = [];
  for (const t of steps.slice(1)) {
    posteriorMeans[t] = posteriorMean(x[t], x_0, alpha[t], abar[t - 1], abar[t]);
    posteriorVariances[t] = posteriorVariance(alpha[t], abar[t - 1], abar[t]);
    posterior[t] = normal(posteriorMeans[t], posteriorVariances[t]);
  }
  const reverseMean = [x_0, ...steps.map((t) => add(mul(k[t], x[t]), c[t]))];
  const reverse = [normal(0, 1), ...steps.map((t) => normal(reverseMean[t], s[t]))];
  const overForward = steps.map((t) => draw(`x_${t}`, forward[t]));
  const overSegment = (from: number, to: number): Binding[] => [
    ...(from >= 1 ? [draw(`x_${from}`, marginal[from])] : []),
    ...steps.filter((t) => t > from && t <= to).map((t) => draw(`x_${t}`, forward[t])),
  ];
  const prior = normal(0, 1);

  const logJoint = add(logpdf(prior, x[T]), ...steps.map((t) => logpdf(reverse[t], x[t - 1])));
  const logForward = add(...steps.map((t) => logpdf(forward[t], x[t])));
  const elbo = E(sub(logJoint, logForward), overForward);
  const reconstruction = E(logpdf(reverse[1], x_0), overSegment(1, 1));
  const consistencyForm = add(
    reconstruction,
    mul(-1, E(KL(forward[T], prior), overSegment(T - 1, T - 1))),
    ...steps.slice(0, -1).map((t) =>
      E(sub(logpdf(reverse[t + 1], x[t]), logpdf(forward[t], x[t])), overSegment(t - 1, t + 1))),
  );
  const denoisingForm = add(
    reconstruction,
    mul(-1, KL(marginal[T], prior)),
    ...steps.slice(1).map((t) => mul(-1, E(KL(posterior[t], reverse[t]), [draw(`x_${t}`, marginal[t])]))),
  );

  return {
    testbed: {
      name: `1-D VP diffusion, Gaussian forward q(x_t|x_{t−1}) = N(√α_t x_{t−1}, 1 − α_t), linear-Gaussian reverse p(x_{t−1}|x_t) = N(k_t x_t + c_t, s_t), fixed x_0, T = ${T}`,
      short: `1-D VP diffusion, T = ${T}`,
    },
    T, x, alpha, abar, k, c, s, hypotheses, definitions, forward, marginal, posterior,
    posteriorMean: posteriorMeans, posteriorVariance: posteriorVariances, reverse, reverseMean,
    prior, overForward, overSegment, logJoint, logForward, elbo, reconstruction, consistencyForm, denoisingForm,
  };
}
