// The uniform family U(a, b) on the open interval (a, b):
//
//   log p(x)  = log(1/(b − a))          (inside (a, b); the indicator is not
//                                        representable, and expectations over
//                                        the same uniform never leave it)
//   E[u^k]    = (b^{k+1} − a^{k+1}) / ((k + 1)(b − a))
//   reparam   u = a + (b − a) · ε, ε ~ U(0, 1)
//   kernels   y = A + B·U(w), slots (A, B) = (a, b − a)
import type { Node } from '../ast.js';
import { lit, logOf, minus, over, power, times } from '../fold.js';
import { addNode, mulNode, negNode } from '../node.js';
import { literalValue, fmt, type Family } from './family.js';
import { toMathjs } from '../print-mathjs.js';
import { MAX_MOMENT } from './moments.js';

/** E[u^k] for u ~ U(a, b). */
export function uniformMoment(k: number, a: Node, b: Node): Node {
  if (!Number.isInteger(k) || k < 0 || k > MAX_MOMENT) throw new RangeError(`uniformMoment: k = ${k} is outside 0..${MAX_MOMENT}`);
  if (k === 0) return lit(1);
  return over(minus(power(b, k + 1), power(a, k + 1)), times(lit(k + 1), minus(b, a)));
}

export const uniformFamily: Family = {
  name: 'U',
  latex: '\\mathcal{U}',
  params: ['a', 'b'],
  arity: [2],
  checkLiterals(args, fail) {
    const [a, b] = args.map(literalValue);
    if (a !== undefined && b !== undefined && !(b > a)) {
      fail(`U(a, b) needs a < b (got a = ${toMathjs(args[0])}, b = ${toMathjs(args[1])})`);
    }
  },
  logpdf: ([a, b]) => logOf(over(lit(1), minus(b, a))),
  moment: (k, [a, b]) => uniformMoment(k, a, b),
  reparam: { noise: 'uniform', value: ([a, b], eps) => addNode([a, mulNode([addNode([b, negNode(a)]), eps])]) },
  sampler: {
    noise: 'uniform',
    link: 'identity',
    slots([a, b], fail) {
      if (!Number.isFinite(a) || !Number.isFinite(b)) fail(`the end points must be finite, got a = ${fmt(a)}, b = ${fmt(b)}`);
      if (!(a < b)) fail(`the interval (a, b) is empty, a = ${fmt(a)} ≥ b = ${fmt(b)}`);
      return [a, b - a];
    },
  },
};
