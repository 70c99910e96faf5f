/**
 * elbo.jensen — the evidence lower bound, by Jensen's inequality.
 *
 * Establishes, on the linear-Gaussian testbed (derivations/testbeds/linear-gaussian.ts):
 *   log p(x) = log ∫ p(x, z) dz = log E_{q(z|x)}[p(x, z)/q(z|x)]
 *            ≥ E_{q(z|x)}[log p(x, z) − log q(z|x)]          (the ELBO)
 * and the ELBO's closed form there, term by term. A documented mistake, the
 * bound read the other way round, is refuted.
 * Source: Luo 2022, eqs. 1 and 4–8 (the first of the seed's two derivations
 * of the ELBO); Kingma & Welling 2014, eq. 3.
 */
import {
  by, calc, derivation, E, inGeneral, log, logpdf, sub, div, wrong,
} from '../../src/index.js';
import {
  density, elboClosedForm, encoder, hypotheses, joint, likelihood, logJoint, marginal,
  overEncoder, overPrior, testbed, x, z,
} from '../testbeds/linear-gaussian.js';
import * as g from '../general/vae.js';

/** In general: any positive p(x, z) = p(z) p(x|z) and encoder q(z|x). */
const G = inGeneral(g.vae);

/** E_{q(z|x)}[log p(x, z) − log q(z|x)]. */
const elbo = E(sub(logJoint, logpdf(encoder, z)), overEncoder);

export default derivation({
  id: 'elbo.jensen',
  title: 'log p(x) ≥ ELBO by Jensen’s inequality',
  source: 'Luo 2022, eqs. 1, 4–8; Kingma & Welling 2014, eq. 3',
  seed: [
    {
      id: 'elbo-lower-bound',
      section: 'ELBO',
      quote: '我们可以推导出一个称为证据下界(ELBO)的项,顾名思义,这是证据的下界',
      says: 'the ELBO is a lower bound of the evidence log p(x)',
      verdict: 'holds',
      statements: [
        'log p(x) ≥ ELBO',
      ],
    },
  ],
  assumptions: { ...hypotheses },
  testbed,
  strategy:
    'Write the evidence as an integral over z (marginalization), turn the integral into an expectation ' +
    'under the encoder by multiplying with q/q (importance sampling), move the log inside the expectation ' +
    '(Jensen: log is concave), and take the Gaussian expectation of the resulting quadratic in z.',
  chains: [
    // ── in general ──
    G.calc(g.log(g.evidence))
      // p(x) = ∫ p(x, z) dz = E_{q(z|x)}[p(x, z)/q(z|x)]
      .eq(g.logImportance, by.importanceSampling())
      .ge(g.elbo, by.jensen())
      .states('log p(x) ≥ ELBO'),
    G.wrong(g.log(g.evidence), '<=', g.elbo, by.jensen(), 'the bound read the wrong way round').states('log p(x) ≤ ELBO'),
    // ── the numeric witness on the testbed ──
    calc(logpdf(marginal, x))
      // p(x) = ∫ p(z) p(x|z) dz = E_{p(z)}[p(x|z)]
      .eq(log(E(density(likelihood, x), overPrior)), by.marginalization())
      // ∫ p(x, z) dz = ∫ q(z|x) p(x, z)/q(z|x) dz
      .eq(log(E(div(joint, density(encoder, z)), overEncoder)), by.importanceSampling())
      .ge(elbo, by.jensen())
      // E_q[z] = m, E_q[z²] = m² + v
      .eq(elboClosedForm, by.gaussianMoments())
      .states('log p(x) ≥ ELBO'),
    wrong(
      logpdf(marginal, x),
      '<=',
      elbo,
      by.jensen(),
      'the bound read the wrong way round: the evidence is at least the ELBO, with equality only when q(z|x) = p(z|x)',
    ).states('log p(x) ≤ ELBO'),
  ],
});
