// The normal family N(mean, VARIANCE) and its isotropic vector form
// N(mean, variance, dim). Every fact derivcheck uses about it:
//
//   log p(x)   = −½ log(2π v) − (x − m)² / (2v)
//                −(d/2) log(2π v) − ‖x − m‖² / (2v)            (isotropic; m broadcasts)
//   E[y^k]     = Σ_{j even ≤ k} C(k, j) m^{k−j} v^{j/2} (j − 1)!!  (y = m + √v ε, E[ε^j] = (j − 1)!!)
//   tilting    e^{s y} N(y; m, v) = e^{s m + s² v/2} N(y; m + s v, v)  (the MGF for q = 1)
//   reparam    y = m + √v · ε, ε ~ N(0, 1)[, d]
//   kernels    y = A + B·z, z Box–Muller, slots (A, B) = (m, √v)
import type { Node } from '../ast.js';
import { expOf, lit, logOf, minus, negate, over, plus, power, times } from '../fold.js';
import { addNode, callNode, constNode, mulNode } from '../node.js';
import { literalValue, fmt, type Family, type Fail } from './family.js';
import { toMathjs } from '../print-mathjs.js';
import { MAX_MOMENT, binomial } from './moments.js';

/** (j − 1)!! for even j: E[ε^j] of a standard normal (1, 1, 3, 15, 105, …). */
function doubleFactorialOdd(j: number): bigint {
  let r = 1n;
  for (let i = j - 1; i > 1; i -= 2) r *= BigInt(i);
  return r;
}

/**
 * E[y^k] for y ~ N(m, v) (v the VARIANCE). Only integer powers of v appear,
 * so the moment is a polynomial in (m, v).
 */
export function gaussianMoment(k: number, m: Node, v: Node): Node {
  if (!Number.isInteger(k) || k < 0 || k > MAX_MOMENT) throw new RangeError(`gaussianMoment: k = ${k} is outside 0..${MAX_MOMENT}`);
  const terms: Node[] = [];
  for (let j = 0; j <= k; j += 2) {
    terms.push(times(lit(binomial(k, j) * doubleFactorialOdd(j)), power(m, k - j), power(v, j / 2)));
  }
  return plus(...terms);
}

/** Throws `${what} must be > 0` when x is a literal ≤ 0. */
export function requirePositiveLiteral(x: Node, what: string, fail: Fail): void {
  if (x.kind !== 'scalar') fail(`${what} must be a scalar, not a ${x.kind}`);
  const v = literalValue(x);
  if (v !== undefined && !(v > 0)) fail(`${what} must be > 0 (got ${toMathjs(x)})`);
}

/** Throws when x is a literal that is not a positive integer. */
export function requireDimensionLiteral(x: Node, fail: Fail): void {
  if (x.kind !== 'scalar') fail(`dimension must be a scalar, not a ${x.kind}`);
  const v = literalValue(x);
  if (v !== undefined && !(Number.isInteger(v) && v >= 1)) fail(`dimension must be a positive integer (got ${toMathjs(x)})`);
}

export const normalFamily: Family = {
  name: 'N',
  latex: '\\mathcal{N}',
  params: ['mean', 'variance', 'dim'],
  arity: [2, 3],
  dimArg: 2,
  checkLiterals(args, fail) {
    requirePositiveLiteral(args[1], 'variance', fail);
    if (args.length === 3) requireDimensionLiteral(args[2], fail);
  },
  logpdf([m, v, d], x) {
    const twoPiV = logOf(times(lit(2), constNode('pi'), v));
    // −(d/2) log(2πv) − ‖x − m‖²/(2v)
    if (d) return minus(times(lit(-1, 2), d, twoPiV), over(callNode('norm2', [minus(x, m)]), times(lit(2), v)));
    // −½ log(2πv) − (x − m)²/(2v)
    return minus(times(negate(lit(1, 2)), twoPiV), over(power(minus(x, m), 2), times(lit(2), v)));
  },
  moment: (k, [m, v]) => gaussianMoment(k, m, v),
  tilt: (s, [m, v, ...rest]) => ({
    factor: expOf(plus(times(s, m), times(lit(1, 2), power(s, 2), v))),
    args: [plus(m, times(s, v)), v, ...rest],
  }),
  // Unfolded (as the checker has always written it: the same trees, the same Monte Carlo integrands).
  reparam: { noise: 'gaussian', value: ([m, v], eps) => addNode([m, mulNode([callNode('sqrt', [v]), eps])]) },
  sampler: {
    noise: 'gaussian',
    link: 'identity',
    slots([m, v], fail) {
      if (!Number.isFinite(m)) fail(`mean must be finite, got ${fmt(m)}`);
      if (!(v > 0) || !Number.isFinite(v)) fail(`variance must be > 0 and finite, got ${fmt(v)}`);
      return [m, Math.sqrt(v)];
    },
  },
};
