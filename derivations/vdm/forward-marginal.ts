/**
 * vdm.forward-marginal — q(x_t | x_0) = N(√ᾱ_t x_0, 1 − ᾱ_t), by induction on t.
 *
 * Establishes, per dimension (the forward process is isotropic, so it
 * factorizes over dimensions), for the VP forward step
 * q(x_t | x_{t−1}) = N(√α_t x_{t−1}, 1 − α_t) and ᾱ_t := α_t ᾱ_{t−1}:
 *   the mean step       √α_t · √ᾱ_{t−1} x_0 = √ᾱ_t x_0,
 *   the variance step   α_t (1 − ᾱ_{t−1}) + (1 − α_t) = 1 − ᾱ_t,
 *   the law             if q(x_{t−1} | x_0) = N(√ᾱ_{t−1} x_0, 1 − ᾱ_{t−1}) then
 *                       q(x_t | x_0) = N(√ᾱ_t x_0, 1 − ᾱ_t)
 *                       (their moment generating functions agree, and the MGF determines the law);
 * the base case is t = 1 with ᾱ_1 = α_1, and the induction is unrolled for T = 3 from x_0.
 * Why the step is centred on √α_t x_{t−1} and not on x_{t−1} (the seed's wording): from a
 * unit-variance x_{t−1} the first keeps E[x_t²] = 1, the second gives 2 − α_t.
 * Source: Luo 2022, eqs. 61–70 (the seed's eqs. 63–64: a sum of independent
 * Gaussians is Gaussian, means add, variances add); FORMULAS.md, mutant 4.
 */
import {
  add, by, calc, claim, derivation, draw, E, exp, mul, normal, pow, rat, sqrt, sub, sym, wrong,
  type ScalarLike,
} from '../../src/index.js';
import {
  abar_t, abar_tm1, alpha_t, forwardMarginal, step, stepHypotheses, vpChain, x_0, x_t,
} from '../testbeds/vp-diffusion.js';

const u = sym('u');
const y = sym('y');
const [eps1, eps2] = [sym('eps_1'), sym('eps_2')];
const standard = normal(0, 1);

/** exp(u m + u² v/2): the MGF of N(m, v) at u. */
const mgf = (m: ScalarLike, v: ScalarLike) => exp(add(mul(u, m), mul(rat(1, 2), pow(u, 2), v)));

// x_{t−1} ~ q(x_{t−1} | x_0) (the induction hypothesis), then x_t ~ q(x_t | x_{t−1})
const overStep = [draw('x_tm1', step.marginalPrev), draw('x_t', step.forward)];
// x_t = √α_t (√ᾱ_{t−1} x_0 + √(1 − ᾱ_{t−1}) ε₁) + √(1 − α_t) ε₂
const reparameterized = add(
  mul(sqrt(alpha_t), add(mul(sqrt(abar_tm1), x_0), mul(sqrt(sub(1, abar_tm1)), eps1))),
  mul(sqrt(sub(1, alpha_t)), eps2),
);

// From a unit-variance latent: one forward step centred on √α_t x_{t−1} (the VP step), or on x_{t−1} itself.
const fromUnit = (centre: ScalarLike) => [draw('x_tm1', standard), draw('x_t', normal(centre, sub(1, alpha_t)))];
const xPrev = sym('x_tm1');

const chain3 = vpChain(3);
const { alpha } = chain3;

export default derivation({
  id: 'vdm.forward-marginal',
  title: 'The forward marginal q(x_t | x_0) = N(√ᾱ_t x_0, 1 − ᾱ_t)',
  source: 'Luo 2022, eqs. 61–70',
  seed: [
    {
      id: 'vdm-forward-marginal',
      section: 'VDM',
      quote: '两个独立的高斯随机变量之和仍是高斯随机变量,均值为二者均值和,方差为二者方差和的性质。这样就得到了任意的',
      says: 'by induction, q(x_t | x_0) = N(√ᾱ_t x_0, (1 − ᾱ_t) I): means and variances of independent Gaussians add',
      verdict: 'holds',
      statements: [],
    },
    {
      id: 'forward-step-centred-on-previous',
      section: 'VDM',
      quote: '每个时间步的潜在编码器结构并非学习得到,而是预定义为线性高斯模型。即该模型是以前一时刻输出为中心的高斯分布',
      says: 'each forward step is a Gaussian centred on the previous latent',
      verdict: 'imprecise',
      correct: 'q(x_t | x_{t−1}) = N(√α_t x_{t−1}, (1 − α_t) I): centred on the previous latent scaled by √α_t, which is what keeps the variance at 1',
      statements: ['centred on √α_t x_{t−1}, a unit-variance latent stays unit-variance'],
    },
  ],
  assumptions: {
    ...stepHypotheses,
    hu: 'u in [-1, 1]',
    hx0: 'x_0 in [-2, 2]',
    hAlpha1: 'alpha_1 in (0,1)',
    hAlpha2: 'alpha_2 in (0,1)',
    hAlpha3: 'alpha_3 in (0,1)',
  },
  strategy:
    'Induction on t. Write x_t = √α_t x_{t−1} + √(1 − α_t) ε₂ with x_{t−1} from the induction hypothesis, ' +
    'itself √ᾱ_{t−1} x_0 + √(1 − ᾱ_{t−1}) ε₁: a sum of independent Gaussians, whose means add and whose ' +
    'variances add. The mean and variance steps are algebra; the law follows from the MGF.',
  chains: [
    // the mean step: √α_t (√ᾱ_{t−1} x_0) = √ᾱ_t x_0 (√ of a product of positive factors)
    claim(mul(sqrt(alpha_t), mul(sqrt(abar_tm1), x_0)), '=', mul(sqrt(abar_t), x_0), by.algebra('√α_t √ᾱ_{t−1} = √(α_t ᾱ_{t−1})')),
    // the variance step: a scaled Gaussian's variance scales by α_t; the new noise adds 1 − α_t
    claim(add(mul(alpha_t, sub(1, abar_tm1)), sub(1, alpha_t)), '=', sub(1, abar_t), by.algebra()),
    // the law, through the MGF E[e^{u x_t}]
    calc(E(exp(mul(u, x_t)), overStep))
      .eq(E(exp(mul(u, reparameterized)), [draw('eps_1', standard), draw('eps_2', standard)]), by.reparameterization())
      .eq(
        mgf(mul(sqrt(alpha_t), sqrt(abar_tm1), x_0), add(mul(alpha_t, sub(1, abar_tm1)), sub(1, alpha_t))),
        by.gaussianSum(),
      )
      .eq(mgf(mul(sqrt(abar_t), x_0), sub(1, abar_t)), by.algebra('the mean and variance steps'))
      .eq(E(exp(mul(u, y)), [draw('y', forwardMarginal(x_0, abar_t))]), by.gaussianMgf()),
    // the induction unrolled for T = 3, from x_0: ᾱ_3 = α_1 α_2 α_3
    calc(E(exp(mul(u, chain3.x[3])), chain3.overForward))
      .eq(mgf(mul(sqrt(mul(alpha[1], alpha[2], alpha[3])), x_0), sub(1, mul(alpha[1], alpha[2], alpha[3]))), by.gaussianSum())
      .eq(E(exp(mul(u, y)), [draw('y', forwardMarginal(x_0, mul(alpha[1], alpha[2], alpha[3])))]), by.gaussianMgf()),
    wrong(
      E(exp(mul(u, x_t)), overStep),
      '=',
      E(exp(mul(u, y)), [draw('y', normal(mul(sqrt(abar_t), x_0), abar_t))]),
      by.gaussianMgf(),
      'mutant 4: the forward marginal with variance ᾱ_t in place of 1 − ᾱ_t',
    ),
    claim(E(pow(x_t, 2), fromUnit(mul(sqrt(alpha_t), xPrev))), '=', 1, by.gaussianMoments())
      .states('centred on √α_t x_{t−1}, a unit-variance latent stays unit-variance'),
    wrong(
      E(pow(x_t, 2), fromUnit(xPrev)),
      '=',
      1,
      by.gaussianMoments(),
      'centred on x_{t−1} itself the variance grows to 2 − α_t: the √α_t scaling is what keeps it at 1',
    ),
  ],
});
