/**
 * vdm.posterior — the forward posterior q(x_{t−1} | x_t, x_0) by completing the square.
 *
 * Establishes, per dimension (isotropic Gaussians factorize), for t ≥ 2 and
 * ᾱ_t := α_t ᾱ_{t−1}, as a pointwise identity of log-densities in (x_{t−1}, x_t, x_0):
 *   log q(x_t | x_{t−1}) + log q(x_{t−1} | x_0) − log q(x_t | x_0) = log N(x_{t−1}; μ_q, σ_q²),
 *   μ_q  = [√α_t (1 − ᾱ_{t−1}) x_t + √ᾱ_{t−1} (1 − α_t) x_0] / (1 − ᾱ_t),
 *   σ_q² = (1 − α_t)(1 − ᾱ_{t−1}) / (1 − ᾱ_t),
 * i.e. q(x_{t−1} | x_t, x_0) = q(x_t | x_{t−1}) q(x_{t−1} | x_0) / q(x_t | x_0) = N(μ_q, σ_q²)
 * (Bayes with the Markov property, Luo eq. 71). Every constant is kept: the
 * terms free of x_{t−1} that Luo drops into "∝" cancel exactly against the
 * normalizers. Mutants 1 (β_t = 1 − α_t in place of σ_q²) and 2 (√ᾱ_t in place
 * of √ᾱ_{t−1} on x_0) are refuted.
 * Source: Luo 2022, eqs. 71–84; FORMULAS.md, "Variational diffusion model", mutants 1 and 2.
 */
import {
  add, by, calc, claim, derivation, div, log, logpdf, mul, normal, pi, pow, rat, sqrt, sub, wrong,
  type ScalarLike,
} from '../../src/index.js';
import {
  abar_t, abar_tm1, alpha_t, gaussianLogDensity, step, stepHypotheses, x_0, x_t, x_tm1,
} from '../testbeds/vp-diffusion.js';

const { muQ, sigmaQ2 } = step;

// Bayes' numerator over denominator, as log-densities (Luo eq. 71)
const bayes = sub(add(logpdf(step.forward, x_t), logpdf(step.marginalPrev, x_tm1)), logpdf(step.marginal, x_t));

// The three exponents (eq. 75) and the three normalizers −½ log(2π v)
const exponents = add(
  div(pow(sub(x_t, mul(sqrt(alpha_t), x_tm1)), 2), sub(1, alpha_t)),
  div(pow(sub(x_tm1, mul(sqrt(abar_tm1), x_0)), 2), sub(1, abar_tm1)),
  mul(-1, div(pow(sub(x_t, mul(sqrt(abar_t), x_0)), 2), sub(1, abar_t))),
);
const normalizers = add(
  mul(rat(-1, 2), log(mul(2, pi, sub(1, alpha_t)))),
  mul(rat(-1, 2), log(mul(2, pi, sub(1, abar_tm1)))),
  mul(rat(1, 2), log(mul(2, pi, sub(1, abar_t)))),
);
const minusHalf = (e: ScalarLike) => mul(rat(-1, 2), e);

// Powers of x_{t−1} collected (eqs. 78–80): A x² − 2 B x + C
const A = add(div(alpha_t, sub(1, alpha_t)), div(1, sub(1, abar_tm1)));
const B = add(div(mul(sqrt(alpha_t), x_t), sub(1, alpha_t)), div(mul(sqrt(abar_tm1), x_0), sub(1, abar_tm1)));
const C = add(
  div(pow(x_t, 2), sub(1, alpha_t)),
  div(mul(abar_tm1, pow(x_0, 2)), sub(1, abar_tm1)),
  mul(-1, div(pow(sub(x_t, mul(sqrt(abar_t), x_0)), 2), sub(1, abar_t))),
);

// Mutant 2: [√α_t (1 − ᾱ_{t−1}) x_t + √ᾱ_t (1 − α_t) x_0] / (1 − ᾱ_t)
const mutant2Mean = div(
  add(mul(sqrt(alpha_t), sub(1, abar_tm1), x_t), mul(sqrt(abar_t), sub(1, alpha_t), x_0)),
  sub(1, abar_t),
);

export default derivation({
  id: 'vdm.posterior',
  title: 'The posterior q(x_{t−1} | x_t, x_0) = N(μ_q, σ_q²) by completing the square',
  source: 'Luo 2022, eqs. 71–84',
  seed: [
    {
      id: 'vdm-posterior',
      section: 'VDM',
      quote: '核心思路是将右边三项表示成高斯分布后只保留指数部分 … 对剩余项使用配方法将其配方得到关于的高斯分布的概率密度函数',
      says: "completing the square in Bayes' rule gives the Gaussian posterior q(x_{t−1} | x_t, x_0)",
      verdict: 'holds',
      correct: 'μ_q = [√α_t (1 − ᾱ_{t−1}) x_t + √ᾱ_{t−1} (1 − α_t) x_0]/(1 − ᾱ_t), σ_q² = (1 − α_t)(1 − ᾱ_{t−1})/(1 − ᾱ_t)',
      statements: [],
    },
  ],
  assumptions: { ...stepHypotheses },
  strategy:
    'Write the three Gaussian log-densities of Bayes\' rule out, collect the powers of x_{t−1} into ' +
    'A x² − 2 B x + C, identify A = 1/σ_q² and B/A = μ_q, complete the square, and check that what is left ' +
    '(the x_t, x_0 terms and the three normalizers) is exactly the normalizer −½ log(2π σ_q²).',
  chains: [
    calc(bayes)
      .eq(
        add(
          gaussianLogDensity(x_t, mul(sqrt(alpha_t), x_tm1), sub(1, alpha_t)),
          gaussianLogDensity(x_tm1, mul(sqrt(abar_tm1), x_0), sub(1, abar_tm1)),
          mul(-1, gaussianLogDensity(x_t, mul(sqrt(abar_t), x_0), sub(1, abar_t))),
        ),
        by.gaussianLogpdf(),
      )
      // eq. 75: exponents and normalizers apart
      .eq(add(minusHalf(exponents), normalizers), by.algebra())
      // eqs. 78–80: expand the squares, collect powers of x_{t−1}
      .eq(add(minusHalf(add(mul(A, pow(x_tm1, 2)), mul(-2, B, x_tm1), C)), normalizers), by.algebra())
      // eqs. 81–82: A = 1/σ_q², B = μ_q/σ_q²
      .eq(add(minusHalf(add(div(sub(pow(x_tm1, 2), mul(2, muQ, x_tm1)), sigmaQ2), C)), normalizers), by.algebra())
      // eq. 83
      .eq(
        add(minusHalf(add(div(pow(sub(x_tm1, muQ), 2), sigmaQ2), mul(-1, div(pow(muQ, 2), sigmaQ2)), C)), normalizers),
        by.completeTheSquare('x² − 2μx = (x − μ)² − μ²'),
      )
      // the terms free of x_{t−1}: C = μ_q²/σ_q²
      .eq(add(minusHalf(div(pow(sub(x_tm1, muQ), 2), sigmaQ2)), normalizers), by.algebra('C = μ_q²/σ_q²'))
      // the normalizers: (1 − α_t)(1 − ᾱ_{t−1})/(1 − ᾱ_t) = σ_q²
      .eq(gaussianLogDensity(x_tm1, muQ, sigmaQ2), by.logOfProduct('2π(1 − α_t) · 2π(1 − ᾱ_{t−1}) / (2π(1 − ᾱ_t)) = 2π σ_q²'))
      // eq. 84
      .eq(logpdf(step.posterior, x_tm1), by.gaussianLogpdf()),
    // eq. 81: the variance is 1/A
    claim(div(1, A), '=', sigmaQ2, by.algebra('1/σ_q² = α_t/(1 − α_t) + 1/(1 − ᾱ_{t−1})')),
    // eq. 82: the mean is B/A
    claim(div(B, A), '=', muQ, by.algebra()),
    wrong(
      bayes,
      '=',
      logpdf(normal(muQ, sub(1, alpha_t)), x_tm1),
      by.completeTheSquare(),
      'mutant 1: posterior variance β_t = 1 − α_t in place of σ_q² (an upper bound on it, not the posterior variance)',
    ),
    wrong(
      bayes,
      '=',
      logpdf(normal(mutant2Mean, sigmaQ2), x_tm1),
      by.completeTheSquare(),
      'mutant 2: posterior mean with √ᾱ_t in place of √ᾱ_{t−1} on x_0',
    ),
  ],
});
