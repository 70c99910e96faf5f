/**
 * weights.kingma-gao — the exact weightings w(λ) of common losses.
 *
 * A loss E_{t~p(t)}[c(t) ‖ε̂ − ε‖²] is Kingma & Gao's weighted ELBO with
 *   w(λ) = 2 p(t) c(t) / |dλ/dt|      (exact, no normalization; the papers quote shapes).
 * Establishes, with t ~ U(0, 1) (EDM: its log-normal σ, λ = −2 ln σ ~ N(2.4, 2.4²)):
 *   ε-MSE, cosine schedule:            w(λ) = sech(λ/2)/π
 *   v-MSE, cosine schedule:            w(λ) = (2/π) e^{−λ/2}
 *   rectified flow (target ε − x_0):   w(λ) = e^{−λ/2}          (SD3's t/(1 − t); not 1/SNR)
 *   EDM, loss on the effective target: w(λ) = 2 N(λ; 2.4, 2.4²)(e^{−λ} + σ_d²)/σ_d², σ_d = 0.5
 * and that two schedules with the same w(λ) give the same objective: cosine ε-MSE
 * and rectified flow weighted by sech(λ/2) e^{λ/2} differ by the constant 1/π.
 * The left sides are what `derivcheck reparam` computes (src/reparam/pieces.ts:
 * 2 q(λ) weightEps with q the density of λ), in λ, where the algebra proves them.
 * The Monte Carlo form of "depends on the schedule only through w(λ)" is not here:
 * the equality of w(λ) is proved exactly instead.
 * Source: Kingma & Gao 2023, section 3 and table 1; Esser et al. 2024, section 3.1; Karras et al. 2022, table 1.
 */
import { by, claim, derivation, div, exp, mul, neg, parse, pi, rat, reparam, sech, sym, wrong } from '../../src/index.js';
import type { Scalar } from '../../src/index.js';

const lambda = sym('lambda');
const w = (spec: Parameters<typeof reparam.buildObjective>[0]) => reparam.piecesOf(reparam.buildObjective(spec)).weightLambda as Scalar;
const edmTarget = '(x0 - 0.25/(sigma^2 + 0.25)*xt) / (sigma*0.5/sqrt(sigma^2 + 0.25))';

export default derivation({
  id: 'weights.kingma-gao',
  title: 'w(λ) = 2 p(t) c(t)/|dλ/dt|: cosine ε sech(λ/2)/π, cosine v (2/π)e^{−λ/2}, RF e^{−λ/2}, EDM 2N(λ; 2.4, 2.4²)(e^{−λ} + σ_d²)/σ_d²',
  source: 'Kingma & Gao 2023, section 3; Esser et al. 2024, section 3.1; Karras et al. 2022, table 1',
  assumptions: { hLambda: 'lambda real' },
  strategy: 'Write each objective in λ (cosine: α² = sigmoid(λ); RF: t = sigmoid(−λ/2); EDM: λ = −2 ln σ), where the density of λ is closed form; then each weighting is an identity in exp(λ).',
  chains: [
    claim(w({ schedule: 'cosine', target: 'eps' }), '=', div(sech(mul(rat(1, 2), lambda)), pi), by.algebra()),
    claim(w({ schedule: 'cosine', target: 'v' }), '=', mul(div(2, pi), exp(mul(rat(-1, 2), lambda))), by.algebra()),
    claim(w({ schedule: 'rf', target: 'flow' }), '=', exp(mul(rat(-1, 2), lambda)), by.algebra()),
    wrong(w({ schedule: 'rf', target: 'flow' }), '=', exp(neg(lambda)), by.algebra(), 'the seed: SD3\'s weight is "about 1/SNR"; it is SNR^(-1/2)'),
    claim(
      w({ schedule: 'edm', target: edmTarget }),
      '=',
      parse('2 * exp(-(lambda - 2.4)^2/(2*2.4^2))/(2.4*sqrt(2*pi)) * (exp(-lambda) + 0.25)/0.25') as Scalar,
      by.algebra(),
    ),
    // two schedules, one w(λ): cosine ε-MSE and RF weighted by sech(λ/2) e^{λ/2}, up to 1/π
    claim(w({ schedule: 'cosine', target: 'eps' }), '=', mul(div(1, pi), w({ schedule: 'rf', target: 'flow', weight: 'sech(lambda/2)*exp(lambda/2)' })), by.algebra()),
  ],
});
