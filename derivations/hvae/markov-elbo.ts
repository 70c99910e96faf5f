/**
 * hvae.markov-elbo — the Markov hierarchical VAE: its factorizations and its ELBO.
 *
 * Establishes, on a linear-Gaussian chain with T = 3 latent levels
 * (derivations/testbeds/markov-chain.ts, z_0 = x):
 *   the generative factorization p(x, z_{1:T}) = p(z_T) ∏_{t=1}^{T} p(z_{t−1} | z_t), sampled
 *   ancestrally, has the evidence p(x) = N(0, V_0) with V_0 from the chain of marginals
 *   (moment generating functions agree, which determines the law);
 *   the same joint, read backwards link by link (Bayes), is p(x) ∏_{t=1}^{T} p(z_t | z_{t−1}):
 *   a pointwise identity of log-densities;
 *   the encoder factorization q(z_{1:T} | x) = ∏_{t=1}^{T} q(z_t | z_{t−1}), sampled ancestrally,
 *   has the marginal q(z_T | x) = N(μ_T, R_T);
 *   log p(x) ≥ E_{q(z_{1:T}|x)}[log p(x, z_{1:T}) − log q(z_{1:T} | x)] (the ELBO), with the
 *   ELBO in closed form.
 * Source: Luo 2022, eqs. 23–25 (the seed's HVAE section); FORMULAS.md, "Markov hierarchical VAE".
 */
import {
  add, by, calc, calculus as c, derivation, div, draw, E, exp, inGeneral, log, logpdf, mul, normal, pow, rat, sub, sym,
  type Chain, type Scalar,
} from '../../src/index.js';
import * as g from '../general/vae.js';

/** In general: any positive densities of the Markov HVAE, any depth T ≥ 1. */
const G = inGeneral(g.hvae);
const { log: clog, logRatio, sum, neg } = c;
import { density } from '../testbeds/linear-gaussian.js';
import { markovChain } from '../testbeds/markov-chain.js';

const T = 3;
const chain = markovChain(T);
const { x, z } = chain;
const t = sym('t');
const y = sym('y');

/**
 * The joint log-density with the top j links reversed: log p(z_j) + Σ_{t ≤ j} log p(z_{t−1} | z_t)
 * + Σ_{t > j} log p(z_t | z_{t−1}). j = T is the generative factorization, j = 0 the reversed one.
 */
function readBackwardsFrom(j: number): Scalar {
  const terms: Scalar[] = [logpdf(chain.marginalOf(j), z[j])];
  for (let k = j; k >= 1; k--) terms.push(logpdf(chain.down[k], z[k - 1]));
  for (let k = j + 1; k <= T; k++) terms.push(logpdf(chain.reversed[k], z[k]));
  return add(...terms);
}

/** log p(x, z_{1:T}) = … (j = T), then each link reversed by Bayes, top first. */
function factorization(): Chain {
  let c = calc(readBackwardsFrom(T));
  for (let j = T; j >= 1; j--) {
    const from = j === 1 ? 'x' : `z_${j - 1}`;
    c = c.eq(readBackwardsFrom(j - 1), by.bayes(`p(z_${j}) p(${from} | z_${j}) = p(${from}) p(z_${j} | ${from})`));
  }
  return c;
}

/** The generative chain sampled down to level 0: z_0 ~ p(x | z_1) is a draw of x from the model. */
const z0 = sym('z_0');
const overModel = [...chain.overPrior, draw('z_0', chain.down[1])];
/** y ~ N(0, V_0). */
const overEvidence = [draw('y', normal(0, chain.evidenceVariance))];

const elbo = E(sub(chain.logJoint, chain.logEncoder), chain.overEncoder);

export default derivation({
  id: 'hvae.markov-elbo',
  title: 'Markov HVAE: factorizations, evidence, and log p(x) ≥ ELBO',
  source: 'Luo 2022, eqs. 23–25',
  seed: [
    {
      id: 'hvae-markov-elbo',
      section: 'HVAE',
      quote: '再将式24代入25中的新的ELBO,得到在马尔可夫HVAE情况下的ELBO展示式',
      says: 'the Markov HVAE ELBO E_q[log p(x, z_{1:T})/q(z_{1:T}|x)] is a lower bound of log p(x)',
      verdict: 'holds',
      statements: [
        'log p(x) ≥ ELBO',
      ],
    },
  ],
  assumptions: {
    ...chain.hypotheses,
    ht: 't in [-1, 1]',
    ...chain.definitions,
  },
  testbed: chain.testbed,
  strategy:
    'Sample the generative chain ancestrally and integrate link by link (linear-Gaussian marginals) to ' +
    'get p(x) in closed form; reverse the chain link by link with Bayes to check the joint factorization; ' +
    'then bound log p(x) exactly as for one latent (elbo.jensen): marginalize, importance-sample with the ' +
    'encoder chain, apply Jensen, and take the Gaussian expectation of the quadratic in z_{1:T}.',
  chains: [
    // ── in general ──
    G.calc(clog(g.evidence))
      .eq(g.hLogImportance, by.importanceSampling())
      .ge(g.hElbo, by.jensen())
      .states('log p(x) ≥ ELBO'),
    G.calc(g.hElbo)
      // both chains into their factors (eq. 25)
      .eq(c.E(g.hEncoder, c.add(
        clog(g.pz('T')), clog(c.density('p', [g.x], [c.at('z', 1)])), sum('t', 2, 'T', clog(g.pz('t-1', 't'))),
        neg(clog(g.qz(1))), neg(sum('t', 2, 'T', clog(g.qz('t', 't-1')))),
      )), by.chainRule('both chains into their factors'))
      // each term under the marginal of its own variables
      .eq(g.hExpansion, by.marginalization()),
    G.claim(clog(g.evidence), '=', c.add(g.hElbo, c.KL(g.hEncoder, g.hPosterior)), by.algebra('log p(x) = ELBO + KL(q ‖ p(z_{1:T}|x))')),
    // ── the numeric witness on the testbed ──
    // p(x) = N(0, V_0): the MGF of a model draw of x is that of N(0, V_0)
    calc(E(exp(mul(t, z0)), overModel))
      .eq(E(exp(mul(t, y)), overEvidence), by.gaussianSum())
      .eq(exp(mul(rat(1, 2), pow(t, 2), chain.evidenceVariance)), by.gaussianMgf()),
    factorization(),
    // q(z_T | x) = N(μ_T, R_T): the MGF of the encoder's last level
    calc(E(exp(mul(t, z[T])), chain.overEncoder))
      .eq(E(exp(mul(t, y)), [draw('y', normal(chain.topMean, chain.topVariance))]), by.gaussianSum())
      .eq(exp(add(mul(t, chain.topMean), mul(rat(1, 2), pow(t, 2), chain.topVariance))), by.gaussianMgf()),
    calc(logpdf(chain.marginalOf(0), x))
      // p(x) = ∫ p(z_{1:T}) p(x | z_1) dz_{1:T}, the prior chain sampled ancestrally
      .eq(log(E(density(chain.down[1], x), chain.overPrior)), by.marginalization())
      // multiply by q(z_{1:T}|x)/q(z_{1:T}|x) inside the integral
      .eq(log(E(div(chain.joint, chain.encoderDensity), chain.overEncoder)), by.importanceSampling())
      .ge(elbo, by.jensen())
      // Gaussian moments of the encoder chain, level by level
      .eq(chain.elboClosedForm, by.gaussianMoments())
      .states('log p(x) ≥ ELBO'),
  ],
});
