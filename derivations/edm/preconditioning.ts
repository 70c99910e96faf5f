/**
 * edm.preconditioning — EDM's c_in, c_skip, c_out and loss weight from unit variances (Karras et al. 2022, B.6).
 *
 * D(x; σ) = c_skip x + c_out F(c_in x; c_noise), x = y + σ n, with data y of mean 0 and variance σ_d²
 * and n ~ N(0, 1) independent of y. Establishes, per dimension, for σ, σ_d > 0:
 *   c_in = 1/√(σ² + σ_d²) gives the network unit-variance input: c_in² (σ_d² + σ²) = 1;
 *   the effective target (y − c_skip x)/c_out has variance ((1 − c_skip)² σ_d² + c_skip² σ²)/c_out², which
 *     is 1 iff c_out² = (1 − c_skip)² σ_d² + c_skip² σ²;
 *   completing the square in c: (1 − c)² σ_d² + c² σ² = (σ² + σ_d²)(c − σ_d²/(σ² + σ_d²))² + σ² σ_d²/(σ² + σ_d²)
 *     ≥ σ² σ_d²/(σ² + σ_d²), with equality exactly at c_skip = σ_d²/(σ² + σ_d²): the c_skip that minimizes
 *     c_out, which is then c_out = σ σ_d/√(σ² + σ_d²);
 *   the loss weight λ(σ) = 1/c_out² = (σ² + σ_d²)/(σ σ_d)² makes the effective weight 1:
 *     λ(σ) (D − y)² = (F − (y − c_skip x)/c_out)²;
 *   in expectation (at σ = 1): unit target variance for Gaussian data y ~ N(0, σ_d²) (closed form
 *     and Monte Carlo), and unit target variance for NON-Gaussian data of the same variance, y uniform on
 *     (−√3 σ_d, √3 σ_d) (Monte Carlo; only second moments enter). σ_d = 1/2 as in EDM.
 * Source: Karras et al. 2022 (EDM), appendix B.6, eqs. 114–131, and Table 1; FORMULAS.md, "EDM preconditioning".
 */
import {
  add, by, calc, claim, define, derivation, div, draw, E, mul, normal, pow, rat, sqrt, sub, sym, uniform, wrong,
  type Scalar, type ScalarLike,
} from '../../src/index.js';

const [sigma, sigma_d, c, y, n, F, c_in, c_skip, c_out, lambda] =
  ['sigma', 'sigma_d', 'c', 'y', 'n', 'F', 'c_in', 'c_skip', 'c_out', 'lambda'].map(sym);

const totalAt = (s: ScalarLike) => add(pow(s, 2), pow(sigma_d, 2));
const cInAt = (s: ScalarLike) => div(1, sqrt(totalAt(s)));
const cSkipAt = (s: ScalarLike) => div(pow(sigma_d, 2), totalAt(s));
const cOutAt = (s: ScalarLike) => div(mul(s, sigma_d), sqrt(totalAt(s)));
/** the effective target at noise level s */
const targetAt = (s: ScalarLike, k: ScalarLike = cSkipAt(s)) => div(sub(y, mul(k, add(y, mul(s, n)))), cOutAt(s));
const total = totalAt(sigma);
const x = add(y, mul(sigma, n));
/** the variance of the effective target times c_out², for a skip coefficient k */
const targetVar = (k: Scalar) => add(mul(pow(sub(1, k), 2), pow(sigma_d, 2)), mul(pow(k, 2), pow(sigma, 2)));
const target = div(sub(y, mul(c_skip, x)), c_out);
const D = add(mul(c_skip, x), mul(c_out, F));
const minimum = div(mul(pow(sigma, 2), pow(sigma_d, 2)), total);

const gaussianData = [draw('y', normal(0, pow(sigma_d, 2))), draw('n', normal(0, 1))];
const sqrt3sd = mul(sqrt(3), sigma_d);
const uniformData = [draw('y', uniform(mul(-1, sqrt3sd), sqrt3sd)), draw('n', normal(0, 1))];

export default derivation({
  id: 'edm.preconditioning',
  title: "EDM's preconditioning: c_in, c_skip = σ_d²/(σ² + σ_d²) minimizing c_out, λ(σ) = 1/c_out², unit variances for any data of variance σ_d²",
  source: 'Karras et al. 2022 (EDM), appendix B.6, eqs. 114–131; Table 1',
  assumptions: {
    hSigma: 'sigma in [1/500, 80]',
    hSigmaData: define(sigma_d, div(1, 2)),
    hc: 'c real',
    hCin: define(c_in, cInAt(sigma)),
    hCskip: define(c_skip, cSkipAt(sigma)),
    hCout: define(c_out, cOutAt(sigma)),
    hLambda: define(lambda, div(1, pow(c_out, 2))),
  },
  strategy:
    'Only second moments enter: y and n are uncorrelated, so every variance is a quadratic form in the ' +
    'coefficients. Complete the square in c_skip to find the c_out² it minimizes; λ = 1/c_out² cancels the ' +
    'c_out² that D − y = c_out (F − target) carries.',
  chains: [
    claim(mul(pow(c_in, 2), total), '=', 1, by.algebra()).states('c_in² (σ_d² + σ²) = 1'),
    calc(targetVar(c))
      .eq(add(mul(total, pow(sub(c, div(pow(sigma_d, 2), total)), 2)), minimum), by.completeTheSquare('in c'))
      .ge(minimum, by.algebra('a square is ≥ 0'))
      .states('(1 − c)² σ_d² + c² σ² ≥ σ² σ_d²/(σ² + σ_d²)'),
    claim(targetVar(c_skip), '=', minimum, by.algebra()).states('c_skip = σ_d²/(σ² + σ_d²) attains the minimum'),
    claim(pow(c_out, 2), '=', targetVar(c_skip), by.algebra()).states('c_out² = (1 − c_skip)² σ_d² + c_skip² σ²'),
    claim(lambda, '=', div(total, pow(mul(sigma, sigma_d), 2)), by.algebra()).states('λ(σ) = (σ² + σ_d²)/(σ σ_d)²'),
    calc(mul(lambda, pow(sub(D, y), 2)))
      .eq(pow(sub(F, target), 2), by.algebra('D − y = c_out (F − (y − c_skip x)/c_out)'))
      .states('λ(σ)(D − y)² = (F − effective target)²'),
    // In expectation, at σ = 1 (a fixed point: the Monte Carlo cross-check costs ~1 s at a point and
    // ~3 s over the ten points drawn from σ's domain; the closed forms are exact in σ either way). The
    // input's unit variance is the algebraic claim above: Var[c_in x] = c_in² (σ_d² + σ²) needs nothing more.
    ...[rat(1, 1)].flatMap((s) => [
      calc(E(pow(targetAt(s), 2), gaussianData)).eq(1, by.gaussianMoments()).states('Var[effective target] = 1 (Gaussian data)'),
      calc(E(pow(targetAt(s), 2), uniformData))
        .eq(1, by.monteCarlo('only second moments enter: E[y²] = σ_d², E[n²] = 1, y and n independent'))
        .states('Var[effective target] = 1 (uniform data of variance σ_d²)'),
    ]),
    wrong(
      E(pow(targetAt(1, div(1, totalAt(1))), 2), uniformData),
      '=',
      1,
      by.monteCarlo(),
      'c_skip with σ and σ_d swapped, σ²/(σ² + σ_d²) (at σ = 1): the effective target no longer has unit variance',
    ),
  ],
});
