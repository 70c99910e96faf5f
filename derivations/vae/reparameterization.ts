/**
 * vae.reparameterization — z = μ + σ ε with ε ~ N(0, 1) has the law N(μ, σ²),
 * and gradients pass through the sample.
 *
 * Establishes, for σ the STANDARD DEVIATION (σ² the variance):
 *   the first four moments of μ + σ ε are those of N(μ, σ²);
 *   the moment generating functions agree: E_ε[e^{t(μ + σε)}] = E_{z~N(μ,σ²)}[e^{t z}] = e^{tμ + t²σ²/2},
 *   which determines the law;
 *   a bounded non-polynomial test function agrees: E_ε[sigmoid(μ + σε)] = E_z[sigmoid(z)] (Monte Carlo);
 *   the pathwise gradients of E[f(μ + σ ε)] for f = exp(a ·) are unbiased:
 *     ∂/∂μ E[f(μ + σε)] = E[f′(μ + σε)],  ∂/∂σ E[f(μ + σε)] = E[ε f′(μ + σε)].
 * Per dimension: z = μ + σ ⊙ ε with diagonal σ factorizes over dimensions.
 * Refutes FORMULAS.md mutant 8, z = μ + σ² ε (the variance used as the scale).
 * Source: Kingma & Welling 2014, §2.4; Luo 2022, eqs. 20–21.
 */
import {
  add, by, calc, claim, define, derivation, derivative, draw, E, exp, mul, normal, pow, rat, sigmoid, sub, sym, wrong,
  type Chain, type Scalar,
} from '../../src/index.js';

const [mu, sigma, eps, z, t, a] = [sym('mu'), sym('sigma'), sym('eps'), sym('z'), sym('t'), sym('a')];
/** v := σ², the variance: only the mutant uses it as a scale. */
const v = sym('v');

const overNoise = [draw('eps', normal(0, 1))];
/** z ~ N(μ, σ²): the law the reparameterized sample should have. */
const overLaw = [draw('z', normal(mu, pow(sigma, 2)))];
/** The reparameterized sample μ + σ ε. */
const sample = add(mu, mul(sigma, eps));

// E[f(μ + σ ε)] for f = exp(a ·), in closed form: the MGF of N(μ, σ²) at a.
const pathwise = exp(add(mul(a, mu), mul(rat(1, 2), pow(a, 2), pow(sigma, 2))));
/** f′(μ + σ ε) = a e^{a(μ + σε)}. */
const fPrime = mul(a, exp(mul(a, sample)));

const moment = (k: number): Chain =>
  claim(E(pow(sample, k), overNoise), '=', E(pow(z, k), overLaw), by.reparameterization());

const mutantScale: Scalar = add(mu, mul(v, eps));

export default derivation({
  id: 'vae.reparameterization',
  title: 'z = μ + σ ε has law N(μ, σ²); the pathwise gradient is unbiased',
  source: 'Kingma & Welling 2014, §2.4; Luo 2022, eqs. 20–21',
  seed: [
    {
      id: 'vae-reparameterization',
      section: 'VAE',
      quote: '重参数化将随机变量改写为噪声变量的确定性函数,例如,来自均值为、方差为 的正态分布 的样本可表示为',
      says: 'a sample of N(μ, σ²) can be written as a deterministic function of a noise variable, which makes sampling differentiable (the formula is lost in the seed)',
      verdict: 'holds',
      correct: 'z = μ + σ ε, ε ~ N(0, 1), σ the standard deviation (not the variance: μ + σ² ε is refuted)',
      statements: [],
    },
  ],
  assumptions: {
    hmu: 'mu in [-1, 1]',
    hsigma: 'sigma in [1/4, 2]',
    ht: 't in [-1, 1]',
    ha: 'a in [-1, 1]',
    hv: define(v, pow(sigma, 2)),
  },
  strategy:
    'Compare the law of μ + σ ε with N(μ, σ²) through moments and the moment generating function ' +
    '(which determines a law), test a bounded non-polynomial function by sampling, then differentiate ' +
    'the closed form of E[f(μ + σ ε)] and compare with the expectation of the pathwise derivative.',
  chains: [
    moment(1),
    moment(2),
    moment(3),
    moment(4),
    calc(E(exp(mul(t, sample)), overNoise))
      .eq(E(exp(mul(t, z)), overLaw), by.reparameterization())
      .eq(exp(add(mul(t, mu), mul(rat(1, 2), pow(t, 2), pow(sigma, 2)))), by.gaussianMgf()),
    claim(E(sigmoid(sample), overNoise), '=', E(sigmoid(z), overLaw), by.reparameterization()),
    calc(E(exp(mul(a, sample)), overNoise)).eq(pathwise, by.gaussianMgf()),
    // ∂/∂μ of the closed form = E[f′(μ + σ ε) · ∂(μ + σε)/∂μ]
    claim(derivative(pathwise, 'mu'), '=', E(fPrime, overNoise), by.reparameterization()),
    // ∂/∂σ of the closed form = E[f′(μ + σ ε) · ∂(μ + σε)/∂σ]
    claim(derivative(pathwise, 'sigma'), '=', E(mul(eps, fPrime), overNoise), by.reparameterization()),
    wrong(
      E(pow(sub(mutantScale, mu), 2), overNoise),
      '=',
      v,
      by.reparameterization(),
      'mutant 8: z = μ + σ² ε scales the noise by the variance, so Var z = σ⁴, not σ²',
    ),
    wrong(
      E(exp(mul(t, mutantScale)), overNoise),
      '=',
      E(exp(mul(t, z)), overLaw),
      by.reparameterization(),
      'mutant 8 again, through the MGF: μ + σ² ε does not have the law N(μ, σ²)',
    ),
  ],
});
