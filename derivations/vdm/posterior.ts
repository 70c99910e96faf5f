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
  add, by, calc, claim, derivation, logpdf, mul, normal, notation, sqrt, sub, wrong,
} from '../../src/index.js';
import {
  abar_t, abar_tm1, alpha_t, gaussianLogDensity, step, stepHypotheses, x_0, x_t, x_tm1,
} from '../testbeds/vp-diffusion.js';

const { muQ, sigmaQ2 } = step;
// Paper notation; a name not declared here is an error when the file loads.
const m = notation({ symbols: [abar_t, abar_tm1, alpha_t, x_0, x_t, x_tm1] });

// Bayes' numerator over denominator, as log-densities (Luo eq. 71)
const bayes = sub(add(logpdf(step.forward, x_t), logpdf(step.marginalPrev, x_tm1)), logpdf(step.marginal, x_t));

// The three exponents (eq. 75) and the three normalizers −½ log(2π v)
const exponents = m`(x_t - sqrt(alpha_t)*x_tm1)^2/(1 - alpha_t) + (x_tm1 - sqrt(abar_tm1)*x_0)^2/(1 - abar_tm1)
  - (x_t - sqrt(abar_t)*x_0)^2/(1 - abar_t)`;
const normalizers = m`-1/2*log(2*pi*(1 - alpha_t)) - 1/2*log(2*pi*(1 - abar_tm1)) + 1/2*log(2*pi*(1 - abar_t))`;

// Powers of x_{t−1} collected (eqs. 78–80): A x² − 2 B x + C
const A = m`alpha_t/(1 - alpha_t) + 1/(1 - abar_tm1)`;
const B = m`sqrt(alpha_t)*x_t/(1 - alpha_t) + sqrt(abar_tm1)*x_0/(1 - abar_tm1)`;
const C = m`x_t^2/(1 - alpha_t) + abar_tm1*x_0^2/(1 - abar_tm1) - (x_t - sqrt(abar_t)*x_0)^2/(1 - abar_t)`;

// Mutant 2: √ᾱ_t in place of √ᾱ_{t−1} on x_0
const mutant2Mean = m`(sqrt(alpha_t)*(1 - abar_tm1)*x_t + sqrt(abar_t)*(1 - alpha_t)*x_0)/(1 - abar_t)`;

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
      .eq(m`-1/2*(${exponents}) + ${normalizers}`, by.algebra(), { eq: '75' })
      // expand the squares, collect powers of x_{t−1}
      .eq(m`-1/2*(${A}*x_tm1^2 - 2*${B}*x_tm1 + ${C}) + ${normalizers}`, by.algebra(), { eq: '78–80' })
      // A = 1/σ_q², B = μ_q/σ_q²
      .eq(m`-1/2*((x_tm1^2 - 2*${muQ}*x_tm1)/${sigmaQ2} + ${C}) + ${normalizers}`, by.algebra(), { eq: '81–82' })
      .eq(
        m`-1/2*((x_tm1 - ${muQ})^2/${sigmaQ2} - ${muQ}^2/${sigmaQ2} + ${C}) + ${normalizers}`,
        by.completeTheSquare('x² − 2μx = (x − μ)² − μ²'),
        { eq: '83' },
      )
      // the terms free of x_{t−1}: C = μ_q²/σ_q²
      .eq(m`-1/2*(x_tm1 - ${muQ})^2/${sigmaQ2} + ${normalizers}`, by.algebra('C = μ_q²/σ_q²'))
      // the normalizers: (1 − α_t)(1 − ᾱ_{t−1})/(1 − ᾱ_t) = σ_q²
      .eq(gaussianLogDensity(x_tm1, muQ, sigmaQ2), by.logOfProduct('2π(1 − α_t) · 2π(1 − ᾱ_{t−1}) / (2π(1 − ᾱ_t)) = 2π σ_q²'))
      .eq(logpdf(step.posterior, x_tm1), by.gaussianLogpdf(), { eq: '84' }),
    // eq. 81: the variance is 1/A
    claim(m`1/${A}`, '=', sigmaQ2, by.algebra('1/σ_q² = α_t/(1 − α_t) + 1/(1 − ᾱ_{t−1})')),
    // eq. 82: the mean is B/A
    claim(m`${B}/${A}`, '=', muQ, by.algebra()),
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
