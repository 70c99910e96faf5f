// The product of Gaussian factors in one variable y (rule id
// `product-of-gaussians`): precisions add, and the mean is the
// precision-weighted mean.
//
//   ∏ᵢ N(y; mᵢ, vᵢ) = N(y; m, v) · exp(K)  with
//   1/v = Σ 1/vᵢ,   m = v Σ mᵢ/vᵢ,
//   K = −½ Σ log(2π vᵢ) + ½ log(2π v) − ½ (Σ mᵢ²/vᵢ − m²/v)
//
// Derivation: Σ log N(y; mᵢ, vᵢ) = −½ Σ log(2πvᵢ) − ½ [P y² − 2y Σ mᵢ/vᵢ + Σ mᵢ²/vᵢ]
// with P = Σ 1/vᵢ = 1/v, and log N(y; m, v) = −½ log(2πv) − ½ [P y² − 2y P m + P m²];
// the y-terms agree because P m = Σ mᵢ/vᵢ, and K is what is left.
import type { Node, Scalar } from '../expr/ast.js';
import { DistributionError, requirePositive } from './validate.js';
import { asScalar, lit, logOf, minus, over, plus, power, times, toNode, type Arg } from '../expr/fold.js';
import { constNode } from '../expr/node.js';

export interface GaussianFactor {
  readonly mean: Arg;
  /** The VARIANCE of the factor. */
  readonly variance: Arg;
}

export interface GaussianProduct {
  readonly mean: Scalar;
  readonly variance: Scalar;
  /** K: the y-free log-constant left over, ∏ N(y; mᵢ, vᵢ) = N(y; m, v) e^K. */
  readonly logConstant: Scalar;
}

const PI: Node = constNode('pi');

export function productOfGaussians(factors: readonly GaussianFactor[]): GaussianProduct {
  if (factors.length === 0) throw new DistributionError('productOfGaussians needs at least one factor');
  const fs = factors.map((f, i) => {
    const mean = toNode(f.mean);
    const variance = toNode(f.variance);
    requirePositive(variance, `the variance of factor ${i + 1}`);
    return { mean, variance };
  });
  const precision = plus(...fs.map((f) => over(lit(1), f.variance)));
  const variance = over(lit(1), precision);
  const mean = times(variance, plus(...fs.map((f) => over(f.mean, f.variance))));
  const logConstant = plus(
    times(lit(-1, 2), plus(...fs.map((f) => logOf(times(lit(2), PI, f.variance))))),
    times(lit(1, 2), logOf(times(lit(2), PI, variance))),
    times(lit(-1, 2), minus(plus(...fs.map((f) => over(power(f.mean, 2), f.variance))), over(power(mean, 2), variance))),
  );
  return { mean: asScalar(mean), variance: asScalar(variance), logConstant: asScalar(logConstant) };
}
