// The logit-normal family LogitNormal(m, s): sigmoid(u), u ~ N(m, s²), s the
// STANDARD DEVIATION of the underlying normal (the SD3 convention).
//
//   log π(t)  = −½ log(2π s²) − log(t(1 − t)) − (logit t − m)² / (2s²)
//               (−log(t(1 − t)) is the Jacobian of t = sigmoid(u))
//   moments   none in closed form (Monte Carlo estimates them)
//   reparam   t = sigmoid(m + s · ε), ε ~ N(0, 1)
//   kernels   t = sigmoid(A + B·z), z Box–Muller, slots (A, B) = (m, s)
import { addNode, callNode, constNode, mulNode } from '../node.js';
import { lit, logOf, minus, negate, over, plus, power, times } from '../fold.js';
import { fmt, type Family } from './family.js';
import { requirePositiveLiteral } from './normal.js';

export const logitNormalFamily: Family = {
  name: 'LogitNormal',
  latex: '\\operatorname{LogitNormal}',
  params: ['m', 's'],
  arity: [2],
  checkLiterals(args, fail) {
    requirePositiveLiteral(args[1], 'the standard deviation s of LogitNormal(m, s)', fail);
  },
  logpdf: ([m, s], x) =>
    plus(
      times(negate(lit(1, 2)), logOf(times(lit(2), constNode('pi'), power(s, 2)))),
      negate(logOf(times(x, minus(lit(1), x)))),
      negate(over(power(minus(callNode('logit', [x]), m), 2), times(lit(2), power(s, 2)))),
    ),
  reparam: { noise: 'gaussian', value: ([m, s], eps) => callNode('sigmoid', [addNode([m, mulNode([s, eps])])]) },
  sampler: {
    noise: 'gaussian',
    link: 'sigmoid',
    slots([m, s], fail) {
      if (!Number.isFinite(m)) fail(`m must be finite, got ${fmt(m)}`);
      if (!(s > 0) || !Number.isFinite(s)) fail(`s (a standard deviation) must be > 0 and finite, got ${fmt(s)}`);
      return [m, s];
    },
  },
};
