// The Gaussian KL divergence in closed form: a formula a derivation STATES
// (rule id `gaussian-kl-closed-form`) and the checker proves against the
// definition KL(p ‖ q) = E_p[log p − log q] (lower.ts keeps the definition).
//
//   KL(N(m₁, v₁) ‖ N(m₂, v₂)) = ½ [log(v₂/v₁) + (v₁ + (m₁ − m₂)²)/v₂ − 1]
//   isotropic, dimension d:     ½ [d log(v₂/v₁) + (d v₁ + ‖m₁ − m₂‖²)/v₂ − d]
//   against N(0, 1):            ½ [m² + v − log v − 1]
// v₁, v₂ are VARIANCES.
import type { Scalar } from '../expr/ast.js';
import { requireDimension, requirePositive } from './validate.js';
import { asScalar, lit, logOf, minus, over, plus, power, times, toNode, type Arg } from '../expr/fold.js';
import { callNode } from '../expr/node.js';

const HALF = lit(1, 2);

/** KL(N(m1, v1) ‖ N(m2, v2)) for scalars. */
export function gaussianKL(m1a: Arg, v1a: Arg, m2a: Arg, v2a: Arg): Scalar {
  const [m1, v1, m2, v2] = [m1a, v1a, m2a, v2a].map(toNode);
  requirePositive(v1, 'variance v1');
  requirePositive(v2, 'variance v2');
  // ½ [log(v2/v1) + (v1 + (m1 − m2)²)/v2 − 1]
  return asScalar(times(HALF, plus(logOf(over(v2, v1)), over(plus(v1, power(minus(m1, m2), 2)), v2), lit(-1))));
}

/**
 * KL(N(m1, v1 I) ‖ N(m2, v2 I)) in dimension d. The means may be scalars
 * (broadcast to every component, so ‖m1 − m2‖² = d (m1 − m2)²) or vectors.
 */
export function gaussianKLIsotropic(m1a: Arg, v1a: Arg, m2a: Arg, v2a: Arg, da: Arg): Scalar {
  const [m1, v1, m2, v2, d] = [m1a, v1a, m2a, v2a, da].map(toNode);
  requirePositive(v1, 'variance v1');
  requirePositive(v2, 'variance v2');
  requireDimension(d);
  const diff = minus(m1, m2);
  const dist2 = diff.kind === 'vector' ? callNode('norm2', [diff]) : times(d, power(diff, 2));
  // ½ [d log(v2/v1) + (d v1 + ‖m1 − m2‖²)/v2 − d]
  return asScalar(times(HALF, plus(times(d, logOf(over(v2, v1))), over(plus(times(d, v1), dist2), v2), times(lit(-1), d))));
}

/** KL(N(m, v) ‖ N(0, 1)) = ½ [m² + v − log v − 1] (the VAE prior term, per dimension). */
export function gaussianKLStandard(ma: Arg, va: Arg): Scalar {
  const [m, v] = [ma, va].map(toNode);
  requirePositive(v, 'variance');
  return asScalar(times(HALF, plus(power(m, 2), v, times(lit(-1), logOf(v)), lit(-1))));
}
