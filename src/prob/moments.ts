// Raw moments E[y^k] as expressions in the distribution's parameters.
import type { Node } from '../expr/ast.js';
import { lit, minus, over, plus, power, times } from '../expr/fold.js';

/** The largest power whose moment this module writes out (the expansions stop there). */
export const MAX_MOMENT = 16;

function binomial(n: number, k: number): bigint {
  let r = 1n;
  for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
  return r;
}

/** (j − 1)!! for even j: E[ε^j] of a standard normal (1, 1, 3, 15, 105, …). */
function doubleFactorialOdd(j: number): bigint {
  let r = 1n;
  for (let i = j - 1; i > 1; i -= 2) r *= BigInt(i);
  return r;
}

/**
 * E[y^k] for y ~ N(m, v) (v the VARIANCE). With y = m + √v ε and E[ε^j] =
 * (j − 1)!! for even j, 0 for odd j:
 *   E[y^k] = Σ_{j even ≤ k} C(k, j) m^{k−j} v^{j/2} (j − 1)!!
 * Only integer powers of v appear, so the moment is a polynomial in (m, v).
 */
export function gaussianMoment(k: number, m: Node, v: Node): Node {
  if (!Number.isInteger(k) || k < 0 || k > MAX_MOMENT) throw new RangeError(`gaussianMoment: k = ${k} is outside 0..${MAX_MOMENT}`);
  const terms: Node[] = [];
  for (let j = 0; j <= k; j += 2) {
    terms.push(times(lit(binomial(k, j) * doubleFactorialOdd(j)), power(m, k - j), power(v, j / 2)));
  }
  return plus(...terms);
}

/**
 * E[u^k] for u ~ U(a, b): (b^{k+1} − a^{k+1}) / ((k + 1)(b − a)).
 */
export function uniformMoment(k: number, a: Node, b: Node): Node {
  if (!Number.isInteger(k) || k < 0 || k > MAX_MOMENT) throw new RangeError(`uniformMoment: k = ${k} is outside 0..${MAX_MOMENT}`);
  if (k === 0) return lit(1);
  return over(minus(power(b, k + 1), power(a, k + 1)), times(lit(k + 1), minus(b, a)));
}
