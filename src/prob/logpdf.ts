// Closed-form log-densities: what the inert head `logpdf(p, x)` lowers to.
//
//   N(m, v):          log p(x) = −½ log(2π v) − (x − m)² / (2v)
//   N(m, v, d):       log p(x) = −(d/2) log(2π v) − ‖x − m‖² / (2v)   (isotropic; m broadcasts)
//   U(a, b):          log p(x) = log(1/(b − a))                       (inside (a, b); −∞ outside)
//   LogitNormal(m, s): log π(t) = −½ log(2π s²) − log(t(1 − t)) − (logit t − m)² / (2s²)
//                     (s the standard deviation of logit t; −log(t(1 − t)) is the Jacobian
//                     of t = sigmoid(u), the factor the seed's density misses)
//
// The uniform's indicator is not representable, so its log-density is the
// value inside the support; expectations over the same uniform never leave it.
import type { DistNode, Node, Scalar } from '../expr/ast.js';
import { family } from '../expr/families/index.js';
import { kindOfDraw } from '../expr/kinds.js';
import { asScalar } from '../expr/fold.js';
import { DistributionError, validateDist } from './validate.js';

/** log p(x) in closed form (the family's own formula). Throws DistributionError on a bad parameter or a kind mismatch. */
export function logpdfOf(dist: DistNode, x: Node): Scalar {
  validateDist(dist);
  const kind = kindOfDraw(dist.family, dist.args.length);
  if (kind === 'vector' && x.kind !== 'vector') throw new DistributionError(`logpdf of a vector ${dist.family}(…) needs a vector point, not a ${x.kind}`);
  if (kind === 'scalar' && x.kind !== 'scalar') throw new DistributionError(`logpdf of ${dist.family}(…) needs a scalar point, not a ${x.kind}`);
  return asScalar(family(dist.family).logpdf(dist.args, x));
}
