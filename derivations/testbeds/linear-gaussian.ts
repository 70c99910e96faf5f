/**
 * Testbed: the linear-Gaussian latent-variable model, where every quantity of
 * the ELBO argument is closed form (FORMULAS.md, "ELBO and VAE"; Luo 2022,
 * §"Evidence Lower Bound").
 *
 *   prior       p(z)     = N(0, 1)
 *   likelihood  p(x | z) = N(w z + b, s)
 *   marginal    p(x)     = N(b, w² + s)                       (means add, variances add)
 *   posterior   p(z | x) = N(w (x − b)/(w² + s), s/(w² + s))  (Bayes, completing the square)
 *   encoder     q(z | x) = N(m, v), m and v free
 *
 * N(mean, VARIANCE) throughout: s and v are variances. The model is scalar:
 * a VAE with diagonal Gaussians factorizes over dimensions (log-densities,
 * ELBOs and KLs are sums over them), so the per-dimension identities are the
 * whole argument.
 *
 * Domain. The Monte Carlo steps estimate E_q[p(x, z)/q(z | x)]. Its weights
 * are bounded when q is wider than the posterior: the posterior variance is
 * s/(w² + s) ≤ 1 ≤ v. Moderate x, b, m keep the mean mismatch small; over the
 * whole box the relative variance of the weights, ∫ p(z|x)²/q(z|x) dz − 1,
 * is at most 2.8 (computed in closed form at 2·10⁵ random points).
 *
 * This module exports symbols, distributions and closed forms only; the
 * derivations that use it live in derivations/elbo and derivations/vae.
 */
import {
  add, div, draw, exp, gaussians, log, logpdf, mul, normal, pi, pow, rat, sub, sym,
  type Binding, type Dist, type NumericLike, type Scalar, type Testbed,
} from '../../src/index.js';

/** The observation x, the latent z, and the model and encoder parameters. */
export const x = sym('x');
export const z = sym('z');
export const w = sym('w');
export const b = sym('b');
export const s = sym('s');
export const m = sym('m');
export const v = sym('v');

/** What a verdict on this testbed was decided on (the scope of its steps, issue 10 item 6). */
export const testbed: Testbed = {
  name: '1-D linear-Gaussian latent model, p(z) = N(0, 1), p(x|z) = N(w z + b, s), q(z|x) = N(m, v)',
  short: '1-D linear-Gaussian',
};

/** The domain every derivation on this testbed assumes (see the header for why). */
export const hypotheses = {
  hw: 'w in [-1, 1]',
  hb: 'b in [-1/2, 1/2]',
  hs: 's in [1/2, 2]',
  hm: 'm in [-1/2, 1/2]',
  hv: 'v in [1, 2]',
  hx: 'x in [-1, 1]',
} as const;

/** The model's marginal N(b, w² + s) and posterior, by the library's linear-Gaussian formulas (src/prob/linear-gaussian.ts). */
const model = gaussians.standardPrior(w, b, s);
const marginalParams = gaussians.linearGaussianMarginal(model);
const posteriorParams = gaussians.linearGaussianPosterior(model, x);
/** w² + s: the variance of the marginal p(x). */
const marginalVariance = marginalParams.variance;

/** p(z) = N(0, 1). */
export const prior: Dist = normal(0, 1);
/** p(x | z) = N(w z + b, s). */
export const likelihood: Dist = normal(add(mul(w, z), b), s);
/** p(x) = N(b, w² + s). */
export const marginal: Dist = normal(marginalParams.mean, marginalVariance);
/** The posterior's mean w (x − b)/(w² + s) and variance s/(w² + s). */
export const posteriorMean: Scalar = posteriorParams.mean;
export const posteriorVariance: Scalar = posteriorParams.variance;
/** p(z | x) = N(w (x − b)/(w² + s), s/(w² + s)). */
export const posterior: Dist = normal(posteriorMean, posteriorVariance);
/** q(z | x) = N(m, v). */
export const encoder: Dist = normal(m, v);

/** A density as an expression: p(at) = exp(log p(at)). */
export const density = (d: Dist, at: NumericLike): Scalar => exp(logpdf(d, at) as Scalar);

/** log p(x, z) = log p(z) + log p(x | z) (the generative factorization). */
export const logJoint: Scalar = add(logpdf(prior, z), logpdf(likelihood, x));
/** p(x, z) = p(z) p(x | z). */
export const joint: Scalar = mul(density(prior, z), density(likelihood, x));

/** z ~ q(z | x). */
export const overEncoder: readonly Binding[] = [draw('z', encoder)];
/** z ~ p(z). */
export const overPrior: readonly Binding[] = [draw('z', prior)];

// Closed forms, from E_q[z] = m and E_q[z²] = m² + v.

/** E_q[log p(z)] = −½ log(2π) − (m² + v)/2. */
export const expectedLogPrior: Scalar = sub(mul(rat(-1, 2), log(mul(2, pi))), div(add(pow(m, 2), v), 2));
/** E_q[log p(x | z)] = −½ log(2π s) − ((x − w m − b)² + w² v)/(2 s): the reconstruction term. */
export const expectedLogLikelihood: Scalar = sub(
  mul(rat(-1, 2), log(mul(2, pi, s))),
  div(add(pow(sub(x, add(mul(w, m), b)), 2), mul(pow(w, 2), v)), mul(2, s)),
);
/** E_q[log q(z | x)] = −½ log(2π v) − ½: minus the entropy of q. */
export const expectedLogEncoder: Scalar = sub(mul(rat(-1, 2), log(mul(2, pi, v))), rat(1, 2));
/** KL(q(z | x) ‖ p(z)) = ½ (m² + v − log v − 1): the prior-matching term. */
export const klToPrior: Scalar = gaussians.gaussianKLStandard(m, v);
/** log p(x) = −½ log(2π (w² + s)) − (x − b)²/(2 (w² + s)): free of the encoder's m and v. */
export const logEvidence: Scalar = gaussians.logpdfOf(marginal, x);
/** The ELBO E_q[log p(x, z) − log q(z | x)], term by term. */
export const elboClosedForm: Scalar = sub(add(expectedLogPrior, expectedLogLikelihood), expectedLogEncoder);
