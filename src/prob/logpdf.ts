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
import { DistributionError, validateDist } from './validate.js';
import { asScalar, lit, logOf, minus, negate, over, plus, power, times } from '../expr/fold.js';

const PI: Node = { op: 'const', kind: 'scalar', name: 'pi' };
const HALF = lit(1, 2);
const call = (fn: 'log' | 'logit' | 'norm2', x: Node): Node => ({ op: 'call', kind: fn === 'norm2' ? 'scalar' : x.kind, fn, args: [x] });

/** log p(x) in closed form. Throws DistributionError on a bad parameter or a kind mismatch. */
export function logpdfOf(dist: DistNode, x: Node): Scalar {
  return asScalar(logpdfNode(dist, x));
}

function logpdfNode(dist: DistNode, x: Node): Node {
  validateDist(dist);
  const isVector = dist.family === 'N' && dist.args.length === 3;
  if (isVector && x.kind !== 'vector') throw new DistributionError(`logpdf of a vector normal N(m, v, d) needs a vector point, not a ${x.kind}`);
  if (!isVector && x.kind !== 'scalar') throw new DistributionError(`logpdf of ${dist.family}(…) needs a scalar point, not a ${x.kind}`);
  switch (dist.family) {
    case 'N': {
      const [m, v, d] = dist.args;
      if (d) {
        // −(d/2) log(2πv) − ‖x − m‖²/(2v)
        return minus(times(lit(-1, 2), d, logOf(times(lit(2), PI, v))), over(call('norm2', minus(x, m)), times(lit(2), v)));
      }
      // −½ log(2πv) − (x − m)²/(2v)
      return minus(times(negate(HALF), logOf(times(lit(2), PI, v))), over(power(minus(x, m), 2), times(lit(2), v)));
    }
    case 'U': {
      const [a, b] = dist.args;
      // log(1/(b − a)), valid on (a, b)
      return logOf(over(lit(1), minus(b, a)));
    }
    case 'LogitNormal': {
      const [m, s] = dist.args;
      // −½ log(2π s²) − log(t(1 − t)) − (logit t − m)²/(2 s²)
      return plus(
        times(negate(HALF), logOf(times(lit(2), PI, power(s, 2)))),
        negate(logOf(times(x, minus(lit(1), x)))),
        negate(over(power(minus(call('logit', x), m), 2), times(lit(2), power(s, 2)))),
      );
    }
  }
}
