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
 * In general (the first chains, decided in the calculus, src/calculus): for every T ≥ 1 and every
 * positive density of the two Markov chains, eq. 46 (q(x_t | x_{t−1}) = q(x_t | x_{t−1}, x_0) by
 * d-separation, then Bayes), and ELBO = eq. 58 line by line (eqs. 47–58), and eq. 58 = eq. 44.
 * The testbed chains are the numeric witness of the same statements (`states`).
 * Source: Luo 2022, eqs. 46–58.
 */
import {
  add, by, calc, calculus, claim, derivation, draw, E, inGeneral, logpdf, sub,
} from '../../src/index.js';
import { step, stepHypotheses, vpChain, x_t, x_tm1 } from '../testbeds/vp-diffusion.js';
import * as g from '../general/vdm.js';

const G = inGeneral(g.context);
const { log } = calculus;

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
  seed: [
    {
      id: 'vdm-eq46-denoising-form',
      section: 'VDM',
      quote: '根据马尔可夫的性质(时刻仅和有关,因此可添加一个条件变量不会影响分布)和贝叶斯公式,可以得到',
      says: "by the Markov property and Bayes' rule, q(x_t | x_{t−1}, x_0) = q(x_{t−1} | x_t, x_0) q(x_t | x_0)/q(x_{t−1} | x_0), which turns the ELBO into the denoising form (eq. 58)",
      verdict: 'holds',
      statements: [
        'eq. 46',
        'ELBO = eq. 58',
      ],
    },
  ],
  assumptions: { ...stepHypotheses, ...ch.hypotheses, ...ch.definitions },
  testbed: ch.testbed,
  strategy:
    'Condition every forward factor but the first on x_0 as well (Markov), turn it around with Bayes ' +
    '(eq. 46), and let the ratios q(x_t | x_0)/q(x_{t−1} | x_0) telescope to q(x_T | x_0)/q(x_1 | x_0). ' +
    'What is left pairs each reverse factor p_θ(x_{t−1} | x_t) with the posterior q(x_{t−1} | x_t, x_0); ' +
    'drawing x_t first and x_{t−1} from that posterior makes each pair a KL under q(x_t | x_0).',
  chains: [
    // ── in general: any densities of the two Markov chains, any T ≥ 1 ──
    // eq. 46: the Markov property by d-separation, then Bayes' rule
    inGeneral({ ...g.context, scope: { T0: 2, free: { v: 't', lo: calculus.parseIdx(2), hi: calculus.parseIdx('T') } } })
      .calc(log(g.q('t', 't-1')))
      .eq(log(g.q('t', 't-1', 0)), by.markov())
      .eq(calculus.sub(calculus.add(log(g.q('t-1', 't', 0)), log(g.q('t', 0))), log(g.q('t-1', 0))), by.bayes())
      .states('eq. 46'),
    G.calc(g.elbo)
      // eq. 48: both joints into their factors
      .eq(g.denoisingLines.eq48, by.chainRule('both chains into their factors'))
      // eq. 49: split off t = 1
      .eq(g.denoisingLines.eq49, by.linearity('split off the first term of the sum'))
      // eq. 50: q(x_t | x_{t−1}) = q(x_t | x_{t−1}, x_0)
      .eq(g.denoisingLines.eq50, by.markov())
      // eq. 51: Bayes
      .eq(g.denoisingLines.eq51, by.bayes('eq. 46'))
      // eq. 52: split the sum
      .eq(g.denoisingLines.eq52, by.linearity())
      // eq. 53: Σ_{t=2}^{T} log q(x_{t−1}|x_0)/q(x_t|x_0) telescopes
      .eq(g.denoisingLines.eq53, by.algebra('telescoping sum'))
      // eq. 54: q(x_1 | x_0) cancels
      .eq(g.denoisingLines.eq54, by.linearity())
      // eq. 55: the expectation through the sum
      .eq(g.denoisingLines.eq55, by.linearity())
      // eq. 56: each term under the marginal of its own variables
      .eq(g.denoisingLines.eq56, by.marginalization())
      // eq. 57: x_t first, then x_{t−1} from q(x_{t−1} | x_t, x_0)
      .eq(g.eq57, by.tower())
      // eq. 58
      .eq(g.eq58, by.klDefinition())
      .states('ELBO = eq. 58'),
    G.claim(g.eq58, '=', g.eq44PriorKL, by.algebra('both are the ELBO')).states('eq. 58 = eq. 44'),
    // ── the numeric witness on the testbed ──
    // eq. 46: the Markov property (q(x_t | x_{t−1}, x_0) = q(x_t | x_{t−1})), then Bayes
    claim(
      logpdf(step.forward, x_t),
      '=',
      sub(add(logpdf(step.posterior, x_tm1), logpdf(step.marginal, x_t)), logpdf(step.marginalPrev, x_tm1)),
      by.bayes('q(x_t | x_{t−1}, x_0) = q(x_{t−1} | x_t, x_0) q(x_t | x_0)/q(x_{t−1} | x_0)'),
    ).states('eq. 46'),
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
      .eq(ch.denoisingForm, by.klDefinition())
      .states('ELBO = eq. 58'),
    // the two forms of the ELBO agree (both are the ELBO)
    claim(ch.denoisingForm, '=', ch.consistencyForm, by.bayes('eq. 46, term by term')).states('eq. 58 = eq. 44'),
  ],
});
