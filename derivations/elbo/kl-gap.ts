/**
 * elbo.kl-gap — the evidence is the ELBO plus the KL from the encoder to the true posterior.
 *
 * Establishes, exactly, on the linear-Gaussian testbed (derivations/testbeds/linear-gaussian.ts):
 *   log p(x) = E_{q(z|x)}[log p(x, z) − log q(z|x)] + KL(q(z|x) ‖ p(z|x)),
 * and that the sum does not depend on the encoder's parameters (m, v): since
 * KL ≥ 0, maximizing the ELBO over q is minimizing the KL to the posterior.
 * Source: Luo 2022, eqs. 2 and 9–15 (the seed's second derivation of the ELBO).
 */
import {
  add, by, calc, calculus as c, claim, derivation, div, E, inGeneral, KL, log, logpdf, mul, pow, rat, sub,
} from '../../src/index.js';
import {
  elboClosedForm, encoder, hypotheses, logEvidence, logJoint, m, marginal, overEncoder, posterior, posteriorMean, posteriorVariance, testbed, v, x, z,
} from '../testbeds/linear-gaussian.js';
import * as g from '../general/vae.js';

const G = inGeneral(g.vae);

const logQ = logpdf(encoder, z);
const logPosterior = logpdf(posterior, z);

// KL(N(m, v) ‖ N(μ, σ²)) = ½ [log(σ²/v) + (v + (m − μ)²)/σ² − 1], with (μ, σ²) the posterior's.
const gapClosedForm = mul(
  rat(1, 2),
  add(log(div(posteriorVariance, v)), div(add(v, pow(sub(m, posteriorMean), 2)), posteriorVariance), -1),
);

export default derivation({
  id: 'elbo.kl-gap',
  title: 'log p(x) = ELBO + KL(q(z|x) ‖ p(z|x))',
  source: 'Luo 2022, eqs. 2, 9–15',
  seed: [
    {
      id: 'elbo-kl-gap',
      section: 'ELBO',
      quote: '公式15的两项和为常数,想让第二项尽可能小…就要让第一项尽可能大,因此最大化第一项等同于最大化这个似然值',
      says: 'log p(x) = ELBO + KL(q(z|x) ‖ p(z|x)) is constant, so maximizing the ELBO is the same as maximizing the likelihood',
      verdict: 'imprecise',
      correct: "log p(x) = ELBO + KL(q(z|x) ‖ p(z|x)) holds; over q (the model fixed) maximizing the ELBO minimizes the KL since log p(x) does not depend on q; over the model's parameters the ELBO is a lower bound of log p(x), equal to it only when q(z|x) = p(z|x)",
      statements: [
        'log p(x) = ELBO + KL(q(z|x) ‖ p(z|x))',
      ],
    },
  ],
  assumptions: { ...hypotheses },
  testbed,
  strategy:
    'Bring in q through ∫ q(z|x) dz = 1, replace p(x) by p(x, z)/p(z|x) (chain rule), multiply by ' +
    'q/q inside the log, split the expectation in two, and recognise the second part as the KL.',
  chains: [
    // ── in general: any positive p(x, z) = p(z) p(x|z) and encoder q(z|x) ──
    G.calc(g.log(g.evidence))
      .eq(c.E(g.encoder, g.log(g.evidence)), by.linearity('E_q[c] = c'))
      .eq(c.E(g.encoder, c.logRatio([g.joint], [g.posterior])), by.chainRule('p(x) = p(x, z)/p(z|x)'))
      .eq(c.add(g.elbo, c.E(g.encoder, c.logRatio([g.encoder], [g.posterior]))), by.linearity('± log q(z|x), split'))
      .eq(c.add(g.elbo, g.KL(g.encoder, g.posterior)), by.klDefinition())
      .states('log p(x) = ELBO + KL(q(z|x) ‖ p(z|x))'),
    // ── the numeric witness on the testbed ──
    // The chain rule as a pointwise identity of log-densities, for every z: p(x) = p(x, z)/p(z|x).
    claim(logpdf(marginal, x), '=', sub(logJoint, logPosterior), by.chainRule('p(x) = p(x, z)/p(z|x)')),
    calc(logpdf(marginal, x))
      // log p(x) does not depend on z, and q(z|x) integrates to one
      .eq(E(logpdf(marginal, x), overEncoder), by.linearity('E_q[c] = c ∫ q(z|x) dz = c'))
      // the pointwise identity above, under the expectation
      .eq(E(sub(logJoint, logPosterior), overEncoder), by.chainRule('p(x) = p(x, z)/p(z|x)'))
      .eq(E(add(sub(logJoint, logPosterior), sub(logQ, logQ)), overEncoder), by.multiplyByOne('log(q(z|x)/q(z|x)) = 0'))
      .eq(add(E(sub(logJoint, logQ), overEncoder), E(sub(logQ, logPosterior), overEncoder)), by.linearity())
      .eq(add(E(sub(logJoint, logQ), overEncoder), KL(encoder, posterior)), by.klDefinition())
      .states('log p(x) = ELBO + KL(q(z|x) ‖ p(z|x))'),
    // The seed's conclusion: ELBO + KL does not depend on the encoder's parameters (m, v).
    calc(KL(encoder, posterior)).eq(gapClosedForm, by.gaussianKl()),
    claim(add(elboClosedForm, gapClosedForm), '=', logEvidence, by.algebra('m and v cancel')),
  ],
});
