/**
 * param.v — v-prediction (Salimans & Ho 2022): v = α ε − σ x_0, its inverses, and its loss weight.
 *
 * Establishes, per dimension (the losses are sums over dimensions of these
 * scalar ones), for a variance-preserving schedule α ∈ (0, 1), σ := √(1 − α²),
 * x_t := α x_0 + σ ε, SNR := α²/σ², λ := log SNR:
 *   x_0 = α x_t − σ v and ε = σ x_t + α v (the inverses, using α² + σ² = 1);
 *   at fixed x_t, with the predictions converted through x_t
 *   (x̂ = (x_t − σ ε̂)/α, v̂ = (ε̂ − σ x_t)/α):
 *     (v̂ − v)² = (ε̂ − ε)²/α² = (1 + e^{−λ}) (ε̂ − ε)² = ((1 + SNR)/SNR) (ε̂ − ε)² = (1 + SNR) (x̂ − x_0)².
 * Refutes FORMULAS.md mutant 5, v = α ε + σ x_0 (the sign of the x_0 term):
 * α x_t − σ v then is not x_0.
 * Source: Salimans & Ho 2022, §4 and appendix D; FORMULAS.md, "Prediction targets and loss weights", mutant 5.
 */
import { add, by, calc, claim, define, derivation, div, exp, log, mul, neg, pow, sqrt, sub, sym, wrong } from '../../src/index.js';

const [alpha, sigma, x_0, eps, eps_hat, x_t, SNR, lambda] =
  ['alpha', 'sigma', 'x_0', 'eps', 'eps_hat', 'x_t', 'SNR', 'lambda'].map(sym);

const v = sub(mul(alpha, eps), mul(sigma, x_0));
/** the predictions implied by a noise prediction ε̂ at the same x_t */
const xHat = div(sub(x_t, mul(sigma, eps_hat)), alpha);
const vHat = div(sub(eps_hat, mul(sigma, x_t)), alpha);
/** mutant 5 */
const vWrong = add(mul(alpha, eps), mul(sigma, x_0));
const epsLoss = pow(sub(eps_hat, eps), 2);

export default derivation({
  id: 'param.v',
  title: 'v = α ε − σ x_0: x_0 = α x_t − σ v, ε = σ x_t + α v, and ‖v̂ − v‖² = (1 + SNR)‖x̂ − x_0‖² = ((1 + SNR)/SNR)‖ε̂ − ε‖²',
  source: 'Salimans & Ho 2022, §4 and appendix D; FORMULAS.md, "Prediction targets and loss weights"',
  assumptions: {
    hAlpha: 'alpha in (0, 1)',
    hSigma: define(sigma, sqrt(sub(1, pow(alpha, 2)))),
    hXt: define(x_t, add(mul(alpha, x_0), mul(sigma, eps))),
    hSnr: define(SNR, div(pow(alpha, 2), pow(sigma, 2))),
    hLambda: define(lambda, log(SNR)),
  },
  strategy:
    'Substitute x_t = α x_0 + σ ε; the inverses collapse by α² + σ² = 1. For the losses, every prediction ' +
    'is an affine function of ε̂ at fixed x_t, so each squared error is a multiple of (ε̂ − ε)²: v̂ − v = ' +
    '(ε̂ − ε)/α, x̂ − x_0 = −(σ/α)(ε̂ − ε), and 1/α² = 1 + σ²/α² = 1 + 1/SNR.',
  chains: [
    calc(sub(mul(alpha, x_t), mul(sigma, v))).eq(x_0, by.algebra('α² + σ² = 1')).states('x_0 = α x_t − σ v'),
    calc(add(mul(sigma, x_t), mul(alpha, v))).eq(eps, by.algebra('α² + σ² = 1')).states('ε = σ x_t + α v'),
    // the x_0 loss of the implied prediction
    claim(pow(sub(xHat, x_0), 2), '=', div(epsLoss, SNR), by.algebra('x̂ − x_0 = −(σ/α)(ε̂ − ε)')),
    calc(pow(sub(vHat, v), 2))
      .eq(div(epsLoss, pow(alpha, 2)), by.algebra('v̂ − v = (ε̂ − ε)/α'))
      .eq(mul(add(1, exp(neg(lambda))), epsLoss), by.algebra('1/α² = 1 + σ²/α² = 1 + e^{−λ}'))
      .eq(mul(div(add(1, SNR), SNR), epsLoss), by.algebra('e^{−λ} = 1/SNR'))
      .eq(mul(add(1, SNR), pow(sub(xHat, x_0), 2)), by.algebra('(ε̂ − ε)²/SNR = (x̂ − x_0)²'))
      .states('‖v̂ − v‖² = (1 + SNR)‖x̂ − x_0‖² = ((1 + SNR)/SNR)‖ε̂ − ε‖²'),
    wrong(
      sub(mul(alpha, x_t), mul(sigma, vWrong)),
      '=',
      x_0,
      by.algebra(),
      'mutant 5: v = α ε + σ x_0 (the sign of the x_0 term); then α x_t − σ v = (α² − σ²) x_0, not x_0',
    ).states('mutant 5: v = α ε + σ x_0 inverts like v'),
    wrong(
      pow(sub(vHat, vWrong), 2),
      '=',
      mul(add(1, SNR), pow(sub(xHat, x_0), 2)),
      by.algebra(),
      'mutant 5 again, through the loss: with v = α ε + σ x_0 the target is not the one v̂ = (ε̂ − σ x_t)/α predicts',
    ),
  ],
});
