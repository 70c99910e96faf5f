/**
 * vdm.elbo-denoising — the ELBO in denoising-matching form, through Bayes with the Markov property.
 *
 * Establishes, per dimension (isotropic Gaussians factorize):
 *   eq. 46, for a generic step t ≥ 2, as a pointwise identity of log-densities:
 *     log q(x_t | x_{t−1}, x_0) = log q(x_{t−1} | x_t, x_0) + log q(x_t | x_0) − log q(x_{t−1} | x_0),
 *     where q(x_t | x_{t−1}, x_0) = q(x_t | x_{t−1}) (the forward process is Markov) and
 *     q(x_{t−1} | x_t, x_0) = N(μ_q, σ_q²) (vdm.posterior);
 *   on the scalar VP testbed with T = 3 and the linear reverse model (x_0 fixed):
 *     ELBO = E_{q(x_1|x_0)}[log p_θ(x_0 | x_1)] − KL(q(x_T | x_0) ‖ p(x_T))
 *            − Σ_{t=2}^{T} E_{q(x_t|x_0)}[KL(q(x_{t−1} | x_t, x_0) ‖ p_θ(x_{t−1} | x_t))]      (eq. 58)
 *   and the denoising form equals the consistency form of eq. 44 (vdm.elbo-consistency), with
 *   one random variable per expectation instead of three.
 * Source: Luo 2022, eqs. 46–58.
 */
import {
  add, by, calc, claim, derivation, draw, E, logpdf, sub,
} from '../../src/index.js';
import { step, stepHypotheses, vpChain, x_t, x_tm1 } from '../testbeds/vp-diffusion.js';

const T = 3;
const ch = vpChain(T);
const { x, forward, reverse, marginal, posterior, prior, overForward, logJoint, elbo } = ch;
const steps = Array.from({ length: T }, (_, i) => i + 1);
const upper = steps.slice(1); // t = 2 … T

/** eq. 46 at step t: log q(x_{t−1} | x_t, x_0) + log q(x_t | x_0) − log q(x_{t−1} | x_0) */
const bayes = (t: number) =>
  sub(add(logpdf(posterior[t], x[t - 1]), logpdf(marginal[t], x[t])), logpdf(marginal[t - 1], x[t - 1]));

const reconstruction = logpdf(reverse[1], x[0]);
const priorRatio = sub(logpdf(prior, x[T]), logpdf(marginal[T], x[T]));
/** log p_θ(x_{t−1} | x_t) − log q(x_{t−1} | x_t, x_0) */
const denoisingRatio = (t: number) => sub(logpdf(reverse[t], x[t - 1]), logpdf(posterior[t], x[t - 1]));
/** x_t ~ q(x_t | x_0), then x_{t−1} ~ q(x_{t−1} | x_t, x_0): the pair (x_{t−1}, x_t) drawn top-down. */
const overPair = (t: number) => [draw(`x_${t}`, marginal[t]), draw(`x_${t - 1}`, posterior[t])];

export default derivation({
  id: 'vdm.elbo-denoising',
  title: 'ELBO = reconstruction − prior matching − denoising matching terms (eq. 58)',
  source: 'Luo 2022, eqs. 46–58',
  assumptions: { ...stepHypotheses, ...ch.hypotheses, ...ch.definitions },
  strategy:
    'Condition every forward factor but the first on x_0 as well (Markov), turn it around with Bayes ' +
    '(eq. 46), and let the ratios q(x_t | x_0)/q(x_{t−1} | x_0) telescope to q(x_T | x_0)/q(x_1 | x_0). ' +
    'What is left pairs each reverse factor p_θ(x_{t−1} | x_t) with the posterior q(x_{t−1} | x_t, x_0); ' +
    'drawing x_t first and x_{t−1} from that posterior makes each pair a KL under q(x_t | x_0).',
  chains: [
    // eq. 46: the Markov property (q(x_t | x_{t−1}, x_0) = q(x_t | x_{t−1})), then Bayes
    claim(
      logpdf(step.forward, x_t),
      '=',
      sub(add(logpdf(step.posterior, x_tm1), logpdf(step.marginal, x_t)), logpdf(step.marginalPrev, x_tm1)),
      by.bayes('q(x_t | x_{t−1}, x_0) = q(x_{t−1} | x_t, x_0) q(x_t | x_0)/q(x_{t−1} | x_0)'),
    ),
    calc(elbo)
      // eqs. 47–49: split off q(x_1 | x_0), and eq. 46 for every t ≥ 2
      .eq(
        E(sub(logJoint, add(logpdf(forward[1], x[1]), ...upper.map(bayes))), overForward),
        by.bayes('eq. 46 with the Markov property, t = 2 … T'),
      )
      // eqs. 50–53: Σ_{t=2}^{T} [log q(x_t | x_0) − log q(x_{t−1} | x_0)] telescopes; q(x_1 | x_0) cancels
      .eq(
        E(add(reconstruction, priorRatio, ...upper.map(denoisingRatio)), overForward),
        by.algebra('the telescoping sum, regrouped'),
      )
      // eq. 54
      .eq(
        add(E(reconstruction, overForward), E(priorRatio, overForward), ...upper.map((t) => E(denoisingRatio(t), overForward))),
        by.linearity(),
      )
      // eqs. 55–57: each term over its own variables; q(x_{t−1}, x_t | x_0) = q(x_t | x_0) q(x_{t−1} | x_t, x_0)
      .eq(
        add(
          E(reconstruction, ch.overSegment(1, 1)),
          E(priorRatio, [draw(`x_${T}`, marginal[T])]),
          ...upper.map((t) => E(denoisingRatio(t), overPair(t))),
        ),
        by.marginalization(),
      )
      // eq. 58
      .eq(ch.denoisingForm, by.klDefinition()),
    // the two forms of the ELBO agree (both are the ELBO)
    claim(ch.denoisingForm, '=', ch.consistencyForm, by.bayes('eq. 46, term by term')),
  ],
});
