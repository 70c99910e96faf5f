// The variance-preserving forward chain (Luo eqs. 31–61):
//   x_t = √α_t x_{t−1} + √(1 − α_t) ε_t,   ε_t ~ N(0, 1) independent.
// Conditionally on x_0, x_t = scale_t x_0 + N(0, variance_t). One step maps
//   (scale, variance) ↦ (√α scale, α variance + (1 − α))        (rule `vp-step`)
// because a scaled Gaussian has its variance scaled by α, and independent
// Gaussian noise adds its variance. The claimed closed form is
//   q(x_t | x_0) = N(√ᾱ_t x_0, 1 − ᾱ_t),  ᾱ_t = ∏_{s≤t} α_s        (rule `vp-marginal`)
// with the key step α_t (1 − ᾱ_{t−1}) + (1 − α_t) = 1 − ᾱ_t. `vpChain` composes
// the steps and `vpMarginal` states the closed form, so a test can PROVE that
// they agree instead of assuming it.
import type { Scalar } from '../expr/ast.js';
import { DistributionError } from './validate.js';
import { asScalar, lit, minus, plus, sqrtOf, times, toNode, ONE, ZERO, type Arg } from '../expr/fold.js';

export interface ForwardMarginal {
  /** The coefficient of x_0 in the mean. */
  readonly scale: Scalar;
  /** The VARIANCE of x_t given x_0. */
  readonly variance: Scalar;
}

/** One forward step with per-step α. */
export function vpStep(prev: ForwardMarginal, alpha: Arg): ForwardMarginal {
  const a = toNode(alpha);
  return { scale: asScalar(times(sqrtOf(a), prev.scale)), variance: asScalar(plus(times(a, prev.variance), minus(lit(1), a))) };
}

/** q(x_t | x_0) by composing the steps α_1 … α_t, starting from x_0 itself (scale 1, variance 0). */
export function vpChain(alphas: readonly Arg[]): ForwardMarginal {
  if (alphas.length === 0) throw new DistributionError('vpChain needs at least one step');
  return alphas.reduce<ForwardMarginal>((acc, a) => vpStep(acc, a), { scale: ONE as Scalar, variance: ZERO as Scalar });
}

/** The claimed closed form N(√ᾱ x_0, 1 − ᾱ) with ᾱ = ∏ α. */
export function vpMarginal(alphas: readonly Arg[]): ForwardMarginal {
  if (alphas.length === 0) throw new DistributionError('vpMarginal needs at least one step');
  const abar = times(...alphas.map(toNode));
  return { scale: asScalar(sqrtOf(abar)), variance: asScalar(minus(lit(1), abar)) };
}
