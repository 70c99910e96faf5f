/**
 * vdm.elbo-consistency — the ELBO of a variational diffusion model as reconstruction, prior
 * matching and consistency terms; and the defect of Luo's eq. 45.
 *
 * Establishes, on the scalar VP testbed with T = 3 steps and the linear reverse
 * model (derivations/testbeds/vp-diffusion.ts; per dimension, since isotropic
 * Gaussians factorize; x_0 fixed):
 *   ELBO = E_{q(x_{1:T}|x_0)}[log p(x_{0:T}) − log q(x_{1:T} | x_0)]
 *        = E_{q(x_1|x_0)}[log p_θ(x_0 | x_1)]                                       (reconstruction)
 *          − E_{q(x_{T−1}|x_0)}[KL(q(x_T | x_{T−1}) ‖ p(x_T))]                           (prior matching)
 *          + Σ_{t=1}^{T−1} E_{q(x_{t−1}, x_t, x_{t+1}|x_0)}[log p_θ(x_t | x_{t+1}) − log q(x_t | x_{t−1})]
 *                                                                                     (consistency, eq. 44)
 * The consistency terms are NOT −E_{q(x_{t−1}, x_{t+1}|x_0)}[KL(q(x_t | x_{t−1}) ‖ p_θ(x_t | x_{t+1}))]
 * as Luo's eq. 45 (and the seed) write them: that would need x_t independent of x_{t+1} given
 * x_{t−1}, but under q(x_{1:T} | x_0) x_{t+1} is drawn from x_t. On the testbed
 *   ELBO − (eq. 45) = Σ_{t=1}^{T−1} k_{t+1} Cov_q(x_t, x_{t+1} | x_{t−1})/s_{t+1}
 *                   = Σ_{t=1}^{T−1} k_{t+1} √α_{t+1} (1 − α_t)/s_{t+1},
 * zero only when the reverse means ignore x_{t+1} (k_{t+1} = 0). Eq. 45 as an equality
 * with the ELBO is therefore a documented wrong claim here; the denoising form
 * (vdm.elbo-denoising, eq. 58) does not inherit the defect.
 *
 * In general (the first three chains, decided in the calculus, src/calculus): for every T ≥ 1 and
 * every positive density of the two Markov chains q(x_{1:T}|x_0) = ∏ q(x_t|x_{t−1}) and
 * p(x_{0:T}) = p(x_T) ∏ p(x_{t−1}|x_t), log p(x_0) ≥ ELBO (eqs. 34–37) and ELBO = eq. 44 line by
 * line (eqs. 38–44); eq. 44 = eq. 45 is refuted, and the reason is the measure: the product
 * q(x_{t−1}, x_{t+1}|x_0) q(x_t|x_{t−1}) is not a conditional of q(x_{1:T}|x_0), because x_{t+1} is
 * not d-separated from x_t given x_{t−1}. The testbed chains below are the numeric witness of the
 * same statements (`states`), and the checker compares them.
 * Source: Luo 2022, eqs. 34–45.
 */
import {
  add, by, calc, derivation, div, draw, E, inGeneral, KL, logpdf, mul, normal, sqrt, sub, wrong,
  type Binding, type Scalar,
} from '../../src/index.js';
import { vpChain, type VpChain } from '../testbeds/vp-diffusion.js';
import * as g from '../general/vdm.js';

const T = 3;
const ch = vpChain(T);
const { x, forward, reverse, prior, overForward, overSegment, logJoint, logForward, elbo } = ch;
const steps = Array.from({ length: T }, (_, i) => i + 1);
const inner = steps.slice(0, -1); // t = 1 … T−1

const reconstruction = logpdf(reverse[1], x[0]);
const priorRatio = sub(logpdf(prior, x[T]), logpdf(forward[T], x[T]));
/** log p_θ(x_t | x_{t+1}) − log q(x_t | x_{t−1}) */
const consistencyRatio = (t: number) => sub(logpdf(reverse[t + 1], x[t]), logpdf(forward[t], x[t]));

const consistency = (t: number) => E(consistencyRatio(t), overSegment(t - 1, t + 1));

/**
 * Luo eq. 45: reconstruction − prior matching − Σ_{t=1}^{T−1} E_{q(x_{t−1}, x_{t+1}|x_0)}[KL(q(x_t|x_{t−1}) ‖ p_θ(x_t|x_{t+1}))],
 * with x_{t−1} ~ q(x_{t−1} | x_0), x_{t+1} ~ q(x_{t+1} | x_{t−1}), and x_t left to the KL.
 */
export function luoEq45(c: VpChain): Scalar {
  const luoConsistency = (t: number): Scalar => {
    const over: Binding[] = [];
    if (t - 1 >= 1) over.push(draw(`x_${t - 1}`, c.marginal[t - 1]));
    // q(x_{t+1} | x_{t−1}) = N(√(α_t α_{t+1}) x_{t−1}, 1 − α_t α_{t+1}): two forward steps at once
    const a2 = mul(c.alpha[t], c.alpha[t + 1]);
    over.push(draw(`x_${t + 1}`, normal(mul(sqrt(a2), c.x[t - 1]), sub(1, a2))));
    return E(KL(c.forward[t], c.reverse[t + 1]), over);
  };
  const inner = Array.from({ length: c.T - 1 }, (_, i) => i + 1);
  return add(
    c.reconstruction,
    mul(-1, E(KL(c.forward[c.T], c.prior), c.overSegment(c.T - 1, c.T - 1))),
    ...inner.map((t) => mul(-1, luoConsistency(t))),
  );
}
const eq45 = luoEq45(ch);

/** Σ_t k_{t+1} Cov(x_t, x_{t+1} | x_{t−1})/s_{t+1}, with Cov(x_t, x_{t+1} | x_{t−1}) = √α_{t+1} (1 − α_t). */
export const eq45Defect = (c: VpChain): Scalar =>
  add(...Array.from({ length: c.T - 1 }, (_, i) => i + 1).map((t) => div(mul(c.k[t + 1], sqrt(c.alpha[t + 1]), sub(1, c.alpha[t])), c.s[t + 1])));
const defect = eq45Defect(ch);
export default derivation({
  id: 'vdm.elbo-consistency',
  title: 'ELBO = reconstruction − prior matching + consistency terms (and eq. 45 refuted)',
  source: 'Luo 2022, eqs. 34–45',
  seed: [
    {
      id: 'vdm-eq45',
      section: 'VDM',
      quote: '44-45可以通过KL散度的定义结合贝叶斯公式得到',
      says: "Luo's eq. 45 (the consistency terms as KLs under q(x_{t−1}, x_{t+1} | x_0)) follows from eq. 44 by the KL definition and Bayes' rule",
      verdict: 'wrong',
      correct: 'eq. 44 is the ELBO; eq. 45 is not: it draws x_t from q(x_t | x_{t−1}) independently of x_{t+1}, while under q x_{t+1} is drawn from x_t (x_{t+1} is not d-separated from x_t given x_{t−1}). For a linear-Gaussian reverse model ELBO − eq. 45 = Σ_t k_{t+1} √α_{t+1}(1 − α_t)/s_{t+1}; eq. 45 is still ≤ log p(x_0)',
      statements: [
        'ELBO = eq. 44',
        'ELBO = eq. 45',
      ],
    },
  ],
  assumptions: { ...ch.hypotheses, ...ch.definitions },
  testbed: ch.testbed,
  strategy:
    'Factor both chains, split p(x_0 | x_1) and the top pair p(x_T)/q(x_T | x_{T−1}) off, re-index the ' +
    'remaining reverse factors to pair p(x_t | x_{t+1}) with q(x_t | x_{t−1}), split the expectation by ' +
    'linearity, and let each term keep only the variables it depends on. Only the top term, where x_T is ' +
    'drawn from x_{T−1} and nothing else depends on it, becomes a KL.',
  chains: [
    // ── in general: any densities of the two Markov chains, any T ≥ 1 ──
    inGeneral(g.context).calc(g.logEvidence)
      // eqs. 34–36: p(x_0) = ∫ p(x_{0:T}) dx_{1:T} = E_{q(x_{1:T}|x_0)}[p(x_{0:T})/q(x_{1:T}|x_0)]
      .eq(g.logImportance, by.importanceSampling())
      // eq. 37
      .ge(g.elbo, by.jensen())
      .states('log p(x_0) ≥ ELBO'),
    inGeneral(g.context).calc(g.elbo)
      // eq. 38: both joints into their factors
      .eq(g.consistencyLines.eq38, by.chainRule('both chains into their factors'))
      // eq. 39: split off p(x_0|x_1) and the top pair p(x_T)/q(x_T|x_{T−1})
      .eq(g.consistencyLines.eq39, by.linearity('split off the first and last terms of the sums'))
      // eq. 40: shift the index of the reverse factors, t ↦ t + 1
      .eq(g.consistencyLines.eq40, by.algebra('shift of index t ↦ t + 1'))
      // eqs. 41–43: the expectation through the sum and the sum's terms
      .eq(g.consistencyLines.eq41, by.linearity())
      .eq(g.consistencyLines.eq42, by.linearity())
      .eq(g.consistencyLines.eq43, by.linearity())
      // eq. 44: each term under the marginal of the variables it depends on
      .eq(g.eq44, by.marginalization())
      // the top pair: x_T drawn from q(x_T | x_{T−1}) alone, then read as a KL (the valid half of eq. 45)
      .eq(g.eq44Tower, by.tower())
      .eq(g.eq44PriorKL, by.klDefinition())
      .states('ELBO = eq. 44'),
    inGeneral(g.context).wrong(
      g.eq44,
      '=',
      g.eq45,
      by.klDefinition(),
      "Luo eq. 45: E_{q(x_{t−1}, x_{t+1}|x_0)}[KL(q(x_t|x_{t−1}) ‖ p(x_t|x_{t+1}))] takes x_t from q(x_t|x_{t−1}) apart from x_{t+1}; " +
        'that product measure is not a marginal of q(x_{1:T}|x_0), since x_{t+1} is not d-separated from x_t given x_{t−1}',
    ).states('ELBO = eq. 45'),
    // ── the numeric witness on the testbed ──
    calc(elbo)
      // eqs. 37–39: regroup the factors and re-index ∏_{t=2}^{T} p(x_{t−1}|x_t) = ∏_{t=1}^{T−1} p(x_t|x_{t+1})
      .eq(
        E(add(reconstruction, priorRatio, ...inner.map(consistencyRatio)), overForward),
        by.logOfProduct('re-indexing the reverse factors'),
      )
      // eqs. 40–41
      .eq(
        add(E(reconstruction, overForward), E(priorRatio, overForward), ...inner.map((t) => E(consistencyRatio(t), overForward))),
        by.linearity(),
      )
      // eqs. 42–43: each term over the variables it uses, x_{t−1} from its marginal q(x_{t−1} | x_0)
      .eq(
        add(ch.reconstruction, E(priorRatio, overSegment(T - 1, T)), ...inner.map(consistency)),
        by.marginalization(),
      )
      // eq. 44: the top pair is a KL, x_T being drawn from q(x_T | x_{T−1}) alone
      .eq(ch.consistencyForm, by.klDefinition())
      .states('ELBO = eq. 44'),
    // the defect of eq. 45: the covariance of x_t and x_{t+1} that the KL form drops
    calc(sub(elbo, eq45)).eq(defect, by.gaussianMoments()),
    wrong(
      elbo,
      '=',
      eq45,
      by.klDefinition(),
      'Luo eq. 45 (and the seed): the consistency term as −E_{q(x_{t−1}, x_{t+1}|x_0)}[KL(q(x_t|x_{t−1}) ‖ p_θ(x_t|x_{t+1}))] ' +
        'treats x_t as independent of x_{t+1} given x_{t−1}; under q(x_{1:T}|x_0) x_{t+1} depends on x_t. ' +
        'The two differ by Σ_t k_{t+1} √α_{t+1}(1 − α_t)/s_{t+1}.',
    ).states('ELBO = eq. 45'),
  ],
});
