/**
 * vdm.eps-param — the denoising-matching KL as a noise-prediction loss.
 *
 * Establishes, per dimension (isotropic Gaussians factorize), for t ≥ 2,
 * ᾱ_t := α_t ᾱ_{t−1}, and x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε (the forward marginal,
 * reparameterized; it is the definition of x_t here):
 *   μ_q(x_t, x_0) = (x_t − (1 − α_t)/√(1 − ᾱ_t) ε) / √α_t;
 * with μ_θ = (x_t − (1 − α_t)/√(1 − ᾱ_t) ε̂_θ) / √α_t and the posterior's variance,
 *   KL(q(x_{t−1} | x_t, x_0) ‖ p_θ(x_{t−1} | x_t)) = (1 − α_t)² / (2σ_q² (1 − ᾱ_t) α_t) · (ε̂_θ − ε)²;
 * and this is the x_0 loss of vdm.x0-loss-snr for the prediction
 * x̂_θ = (x_t − √(1 − ᾱ_t) ε̂_θ)/√ᾱ_t implied by ε̂_θ. Per dimension: the sum over
 * dimensions gives ‖ε̂_θ − ε‖².
 * Source: Luo 2022, eqs. 114–130 (x_0 from x_t and ε, eq. 114; μ_q in ε, eqs. 115–124;
 * the KL, eqs. 125–130).
 */
import {
  add, by, calc, claim, define, derivation, div, draw, E, KL, logpdf, mul, normal, notation, pow, sqrt, sub, sym,
} from '../../src/index.js';
import {
  abar_t, abar_tm1, alpha_t, eps, eps_hat, posteriorMean, snr, step, stepHypotheses, x_0, x_t,
} from '../testbeds/vp-diffusion.js';

const { muQ, sigmaQ2 } = step;
const y = sym('y');
// Paper notation; a name not declared here is an error when the file loads.
const m = notation({ symbols: [abar_t, abar_tm1, alpha_t, eps, eps_hat, x_0, x_t] });

/** (x_t − (1 − α_t)/√(1 − ᾱ_t) e) / √α_t */
const epsMean = (e: typeof eps) => div(sub(x_t, mul(div(sub(1, alpha_t), sqrt(sub(1, abar_t))), e)), sqrt(alpha_t));
/** x_0 recovered from x_t and a noise e: (x_t − √(1 − ᾱ_t) e)/√ᾱ_t (eq. 114) */
const x0From = (e: typeof eps) => div(sub(x_t, mul(sqrt(sub(1, abar_t)), e)), sqrt(abar_t));

const muTheta = epsMean(eps_hat);
const pTheta = normal(muTheta, sigmaQ2);
const epsWeight = div(pow(sub(1, alpha_t), 2), mul(2, sigmaQ2, sub(1, abar_t), alpha_t));

export default derivation({
  id: 'vdm.eps-param',
  title: 'μ_q in terms of ε, and KL = (1 − α_t)²/(2σ_q²(1 − ᾱ_t)α_t) (ε̂_θ − ε)²',
  source: 'Luo 2022, eqs. 114–130',
  seed: [
    {
      id: 'vdm-eps-equivalent',
      section: 'VDM',
      quote: '因此我们证明,通过预测原始图像 x0来学习 VDM 等同于学习预测噪声',
      says: 'learning a VDM by predicting x_0 is equivalent to learning to predict the noise',
      verdict: 'holds',
      correct: 'with x̂_θ = (x_t − √(1 − ᾱ_t) ε̂_θ)/√ᾱ_t the same KL is (1 − α_t)²/(2σ_q²(1 − ᾱ_t)α_t) ‖ε̂_θ − ε‖²: equivalent term by term, each with its own weight',
      statements: [],
    },
  ],
  assumptions: {
    ...stepHypotheses,
    hReparam: define(x_t, add(mul(sqrt(abar_t), x_0), mul(sqrt(sub(1, abar_t)), eps))),
  },
  strategy:
    'Substitute x_0 = (x_t − √(1 − ᾱ_t) ε)/√ᾱ_t into μ_q and collect the x_t terms: their coefficient ' +
    '[α_t(1 − ᾱ_{t−1}) + 1 − α_t]/(√α_t(1 − ᾱ_t)) is 1/√α_t (the variance step of the forward marginal). ' +
    'Then the KL of equal-variance Gaussians is the squared difference of the means over 2σ_q².',
  chains: [
    // eqs. 114–124
    calc(muQ)
      .eq(posteriorMean(x_t, x0From(eps), alpha_t, abar_tm1, abar_t), by.substitution('x_0 = (x_t − √(1 − ᾱ_t) ε)/√ᾱ_t'))
      .eq(
        m`sqrt(alpha_t)*(1 - abar_tm1)*x_t/(1 - abar_t) + (1 - alpha_t)*x_t/((1 - abar_t)*sqrt(alpha_t))
          - (1 - alpha_t)*sqrt(1 - abar_t)*eps/((1 - abar_t)*sqrt(alpha_t))`,
        by.algebra('√ᾱ_{t−1}/√ᾱ_t = 1/√α_t'),
        { eq: '117–121' },
      )
      .eq(
        m`(alpha_t*(1 - abar_tm1) + 1 - alpha_t)*x_t/((1 - abar_t)*sqrt(alpha_t)) - (1 - alpha_t)*eps/(sqrt(1 - abar_t)*sqrt(alpha_t))`,
        by.algebra(),
        { eq: '122' },
      )
      .eq(
        m`x_t/sqrt(alpha_t) - (1 - alpha_t)*eps/(sqrt(1 - abar_t)*sqrt(alpha_t))`,
        by.algebra('α_t(1 − ᾱ_{t−1}) + 1 − α_t = 1 − ᾱ_t'),
        { eq: '123' },
      )
      .eq(epsMean(eps), by.algebra(), { eq: '124' }),
    // eqs. 125–130
    calc(KL(step.posterior, pTheta))
      .eq(E(sub(logpdf(step.posterior, y), logpdf(pTheta, y)), [draw('y', step.posterior)]), by.klDefinition())
      .eq(div(pow(sub(muQ, muTheta), 2), mul(2, sigmaQ2)), by.gaussianMoments())
      .eq(div(pow(sub(epsMean(eps), epsMean(eps_hat)), 2), mul(2, sigmaQ2)), by.substitution('μ_q in terms of ε'))
      .eq(m`((1 - alpha_t)/(sqrt(1 - abar_t)*sqrt(alpha_t))*(eps_hat - eps))^2/(2*${sigmaQ2})`, by.algebra(), { eq: '128' })
      .eq(mul(epsWeight, pow(sub(eps_hat, eps), 2)), by.algebra(), { eq: '130' }),
    // the same loss read as an x_0 loss: x̂_θ − x_0 = −√(1 − ᾱ_t)/√ᾱ_t (ε̂_θ − ε)
    claim(
      m`1/2*(${snr(abar_tm1)} - ${snr(abar_t)})*(${x0From(eps_hat)} - x_0)^2`,
      '=',
      mul(epsWeight, pow(sub(eps_hat, eps), 2)),
      by.algebra('½(SNR(t−1) − SNR(t)) (1 − ᾱ_t)/ᾱ_t = (1 − α_t)²/(2σ_q²(1 − ᾱ_t)α_t)'),
    ),
  ],
});
