/**
 * vdm.x0-loss-snr — the denoising-matching KL as an x_0-prediction loss weighted by the SNR.
 *
 * Establishes, per dimension (isotropic Gaussians factorize, so the KL of the
 * d-dimensional Gaussians is the sum over dimensions and (x̂ − x_0)² becomes
 * ‖x̂_θ − x_0‖²), for t ≥ 2 and ᾱ_t := α_t ᾱ_{t−1}: with the reverse model
 * p_θ(x_{t−1} | x_t) = N(μ_θ, σ_q²), μ_θ = μ_q(x_t, x̂_θ) (the posterior mean
 * with the prediction x̂_θ in place of x_0, and the posterior's variance),
 *   KL(q(x_{t−1} | x_t, x_0) ‖ p_θ(x_{t−1} | x_t))
 *     = (μ_q − μ_θ)² / (2σ_q²)
 *     = ᾱ_{t−1} (1 − α_t)² / (2σ_q² (1 − ᾱ_t)²) · (x̂_θ − x_0)²
 *     = ½ (SNR(t−1) − SNR(t)) (x̂_θ − x_0)²,        SNR(t) = ᾱ_t / (1 − ᾱ_t).
 * Source: Luo 2022, eqs. 92–108 (KL of Gaussians with equal variances, eqs. 92–98;
 * the x_0 parameterization, eq. 99; the SNR form, eqs. 100–108).
 */
import {
  by, calc, define, derivation, div, draw, E, KL, logpdf, mul, normal, notation, pow, sub, sym,
} from '../../src/index.js';
import {
  abar_t, abar_tm1, alpha_t, posteriorMean, snr, step, stepHypotheses, x_0, x_0_hat, x_t,
} from '../testbeds/vp-diffusion.js';

const { muQ, sigmaQ2 } = step;
const y = sym('y');
const muTheta = posteriorMean(x_t, x_0_hat, alpha_t, abar_tm1, abar_t);
const pTheta = normal(muTheta, sigmaQ2);
const SNR_t = sym('SNR_t');
const SNR_tm1 = sym('SNR_tm1');
// Paper notation; a name not declared here is an error when the file loads.
const m = notation({ symbols: [abar_t, abar_tm1, alpha_t, x_0, x_0_hat, SNR_t, SNR_tm1] });

export default derivation({
  id: 'vdm.x0-loss-snr',
  title: 'KL(q(x_{t−1}|x_t,x_0) ‖ p_θ(x_{t−1}|x_t)) = ½ (SNR(t−1) − SNR(t)) (x̂_θ − x_0)²',
  source: 'Luo 2022, eqs. 92–108',
  seed: [
    {
      id: 'vdm-x0-prediction',
      section: 'VDM',
      quote: '优化变分扩散模型(VDM)可归结为训练神经网络从任意加噪版本的图像中预测原始真实图像',
      says: 'optimizing a VDM reduces to training a network to predict the original image from any noised version',
      verdict: 'holds',
      correct: 'each denoising KL is ½(SNR(t − 1) − SNR(t)) ‖x̂_θ − x_0‖²: an x_0-prediction loss with that weight',
      statements: [],
    },
  ],
  assumptions: {
    ...stepHypotheses,
    hSnr: define(SNR_t, snr(abar_t)),
    hSnrPrev: define(SNR_tm1, snr(abar_tm1)),
  },
  strategy:
    'Unfold the KL as an expectation under the posterior; with equal variances the log-normalizers cancel ' +
    'and only (μ_q − μ_θ)²/(2σ_q²) is left. μ_q − μ_θ is linear in x_0 − x̂_θ with coefficient ' +
    '√ᾱ_{t−1}(1 − α_t)/(1 − ᾱ_t); substituting σ_q² and splitting the fraction gives the SNR difference.',
  chains: [
    calc(KL(step.posterior, pTheta))
      .eq(E(sub(logpdf(step.posterior, y), logpdf(pTheta, y)), [draw('y', step.posterior)]), by.klDefinition())
      // eqs. 92–98: equal variances
      .eq(div(pow(sub(muQ, muTheta), 2), mul(2, sigmaQ2)), by.gaussianMoments())
      .eq(
        m`(sqrt(abar_tm1)*(1 - alpha_t)/(1 - abar_t)*(x_0_hat - x_0))^2/(2*${sigmaQ2})`,
        by.algebra('only the x_0 term of μ_q differs'),
        { eq: '99' },
      )
      .eq(m`abar_tm1*(1 - alpha_t)^2/(2*${sigmaQ2}*(1 - abar_t)^2)*(x_0_hat - x_0)^2`, by.algebra(), { eq: '100' })
      // σ_q² = (1 − α_t)(1 − ᾱ_{t−1})/(1 − ᾱ_t)
      .eq(
        m`1/2*abar_tm1*(1 - alpha_t)/((1 - abar_tm1)*(1 - abar_t))*(x_0_hat - x_0)^2`,
        by.definition('σ_q²'),
        { eq: '101–103' },
      )
      // ᾱ_{t−1}(1 − α_t) = ᾱ_{t−1} − ᾱ_t
      .eq(m`1/2*(abar_tm1 - abar_t)/((1 - abar_tm1)*(1 - abar_t))*(x_0_hat - x_0)^2`, by.algebra(), { eq: '104–105' })
      // ᾱ_{t−1} − ᾱ_t = ᾱ_{t−1}(1 − ᾱ_t) − ᾱ_t(1 − ᾱ_{t−1})
      .eq(m`1/2*(abar_tm1/(1 - abar_tm1) - abar_t/(1 - abar_t))*(x_0_hat - x_0)^2`, by.algebra(), { eq: '106–107' })
      .eq(m`1/2*(SNR_tm1 - SNR_t)*(x_0_hat - x_0)^2`, by.definition('SNR(t) = ᾱ_t/(1 − ᾱ_t)'), { eq: '108' }),
  ],
});
