// The linear-Gaussian model: the testbed where every ELBO quantity is closed form.
//
//   z ~ N(m, v),  x | z ~ N(w z + b, s)            (v, s VARIANCES)
//   marginal  (rule `linear-gaussian-marginal`):  x ~ N(w m + b, w² v + s)
//   posterior (rule `linear-gaussian-posterior`): z | x ~ N(m + w v (x − w m − b)/(w² v + s), v s/(w² v + s))
//
// The marginal adds independent Gaussians (w z + b and the noise): means add,
// variances add. The posterior is the product of the prior N(z; m, v) and the
// likelihood as a function of z, N(z; (x − b)/w, s/w²), completed to a square;
// p(x) p(z|x) = p(z) p(x|z) is what the tests prove.
import type { Scalar } from '../expr/ast.js';
import { requirePositive } from './validate.js';
import { asScalar, lit, minus, over, plus, power, times, toNode, type Arg } from '../expr/fold.js';

export interface LinearGaussianModel {
  /** Prior mean m of z. */
  readonly m: Arg;
  /** Prior VARIANCE v of z. */
  readonly v: Arg;
  /** Weight w in the likelihood mean w z + b. */
  readonly w: Arg;
  readonly b: Arg;
  /** Likelihood VARIANCE s. */
  readonly s: Arg;
}

export interface GaussianParams {
  readonly mean: Scalar;
  readonly variance: Scalar;
}

function read(model: LinearGaussianModel) {
  const m = toNode(model.m), v = toNode(model.v), w = toNode(model.w), b = toNode(model.b), s = toNode(model.s);
  requirePositive(v, 'prior variance v');
  requirePositive(s, 'likelihood variance s');
  return { m, v, w, b, s };
}

/** p(x) = N(w m + b, w² v + s). */
export function linearGaussianMarginal(model: LinearGaussianModel): GaussianParams {
  const { m, v, w, b, s } = read(model);
  return { mean: asScalar(plus(times(w, m), b)), variance: asScalar(plus(times(power(w, 2), v), s)) };
}

/** p(z | x) = N(m + w v (x − w m − b)/(w² v + s), v s/(w² v + s)). */
export function linearGaussianPosterior(model: LinearGaussianModel, xa: Arg): GaussianParams {
  const { m, v, w, b, s } = read(model);
  const x = toNode(xa);
  const total = plus(times(power(w, 2), v), s);
  return {
    mean: asScalar(plus(m, over(times(w, v, minus(x, plus(times(w, m), b))), total))),
    variance: asScalar(over(times(v, s), total)),
  };
}

/** The same model with z ~ N(0, 1) (FORMULAS.md's testbed with s the likelihood variance). */
export const standardPrior = (w: Arg, b: Arg, s: Arg): LinearGaussianModel => ({ m: lit(0), v: lit(1), w, b, s });
