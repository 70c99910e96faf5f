/**
 * vae.gaussian-kl — the closed form of the Gaussian KL divergence.
 *
 * Establishes, per dimension (a diagonal Gaussian's KL is the sum of these):
 *   KL(N(m₁, v₁) ‖ N(m₂, v₂)) = ½ [log(v₂/v₁) + (v₁ + (m₁ − m₂)²)/v₂ − 1],
 * and against the prior N(0, 1): ½ [m² + v − log v − 1] (the VAE's KL term).
 * Source: Kingma & Welling 2014, appendix B; Luo 2022, eq. 19 and its use in eq. 87.
 * N(mean, VARIANCE) throughout.
 */
import {
  add, by, calc, derivation, draw, E, KL, log, logpdf, mul, normal, pow, rat, sub, div, sym, wrong,
} from '../../src/index.js';

const [m1, v1, m2, v2, y] = [sym('m_1'), sym('v_1'), sym('m_2'), sym('v_2'), sym('y')];
const [m, v] = [sym('m'), sym('v')];

const q = normal(m1, v1);
const p = normal(m2, v2);

// ½ [log(v₂/v₁) + (v₁ + (m₁ − m₂)²)/v₂ − 1]
const closedForm = mul(rat(1, 2), add(log(div(v2, v1)), div(add(v1, pow(sub(m1, m2), 2)), v2), -1));
const priorForm = mul(rat(1, 2), add(pow(m, 2), v, mul(-1, log(v)), -1));

export default derivation({
  id: 'vae.gaussian-kl',
  title: 'KL between Gaussians in closed form',
  source: 'Kingma & Welling 2014, appendix B; Luo 2022, eq. 19',
  seed: [
    {
      id: 'vae-gaussian-kl',
      section: 'VAE',
      quote: 'KL散度项可通过高斯分布的公式直接计算出解析解',
      says: 'with Gaussian encoder and prior the KL term has a closed form',
      verdict: 'holds',
      correct: 'KL(N(μ, v) ‖ N(0, 1)) = ½(μ² + v − log v − 1) per dimension',
      statements: [],
    },
  ],
  assumptions: {
    hv1: 'v_1 > 0',
    hv2: 'v_2 > 0',
    hv: 'v > 0',
  },
  strategy:
    'Unfold KL as an expectation under the first Gaussian, write both log-densities out, ' +
    'and take the expectation of a quadratic in y with E[y] = m₁, E[y²] = m₁² + v₁.',
  chains: [
    calc(KL(q, p))
      .eq(E(sub(logpdf(q, y), logpdf(p, y)), [draw('y', q)]), by.klDefinition())
      .eq(closedForm, by.gaussianMoments()),
    calc(KL(normal(m, v), normal(0, 1))).eq(priorForm, by.gaussianKl()),
    wrong(
      KL(q, p),
      '=',
      add(log(div(v2, v1)), div(add(v1, pow(sub(m1, m2), 2)), v2), -1),
      by.gaussianKl(),
      'mutant 3: the closed form without its factor ½',
    ),
  ],
});
