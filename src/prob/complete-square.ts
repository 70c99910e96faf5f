// Completing the square (rule id `complete-the-square`): the step that turns
// a log-density quadratic in y into a Gaussian (Luo eqs. 71–84).
//
//   a y² + b y + c = −(y − μ)²/(2σ²) + C   with
//   σ² = −1/(2a),  μ = −b/(2a),  C = c − b²/(4a)          (a < 0)
//
// Check: −(y − μ)²/(2σ²) = a (y − μ)² = a y² − 2aμ y + aμ², so −2aμ = b and
// C = c − aμ² = c − b²/(4a).
import type { Scalar } from '../expr/ast.js';
import { DistributionError, literalValue } from './validate.js';
import { asScalar, lit, minus, negate, over, power, times, toNode, type Arg } from '../expr/fold.js';

export interface CompletedSquare {
  readonly mean: Scalar;
  /** The VARIANCE σ² = −1/(2a). */
  readonly variance: Scalar;
  /** The y-free remainder C. */
  readonly constant: Scalar;
}

/** Completes the square of a·y² + b·y + c; `a` must be negative (a literal a ≥ 0 throws). */
export function completeTheSquare(aa: Arg, ba: Arg, ca: Arg): CompletedSquare {
  const [a, b, c] = [aa, ba, ca].map(toNode);
  const av = literalValue(a);
  if (av !== undefined && !(av < 0)) throw new DistributionError(`the coefficient of y² must be < 0 to complete the square into a Gaussian (got ${av})`);
  return {
    mean: asScalar(negate(over(b, times(lit(2), a)))),
    variance: asScalar(negate(over(lit(1), times(lit(2), a)))),
    constant: asScalar(minus(c, over(power(b, 2), times(lit(4), a)))),
  };
}
