/**
 * Finite sums Σ_{v=lo}^{hi} f(v) with symbolic bounds. Convention: a sum with lo > hi is empty
 * (zero), for every T; nothing is assumed about T beyond the scope's T ≥ T0.
 *
 * These are rewrites that build the other side of a step; none of them is trusted. A step that
 * uses one is decided by the normal form like any other, which is what catches the side
 * conditions: splitting off the first term of Σ_{t=2}^{T} is only valid when T ≥ 2 (otherwise the
 * sum is empty but the split-off term is not), merging needs adjacent ranges, and telescoping
 * Σ_{t=a}^{b} (f(t) − f(t−1)) = f(b) − f(a−1) needs a ≤ b + 1.
 */
import { parseIdx, shiftIdx, type Idx } from './index-expr.js';
import { add, exprKey, neg, sub, substExpr, sum, type Expr } from './terms.js';

type SumExpr = Extract<Expr, { kind: 'sum' }>;

function asSum(e: Expr): SumExpr {
  if (e.kind !== 'sum') throw new TypeError('expected a sum');
  return e;
}

/** Σ_{v=lo}^{hi} f(v) = Σ_{v=lo+k}^{hi+k} f(v − k). */
export function shiftSum(e: Expr, k: number): Expr {
  const s = asSum(e);
  return sum(s.v, shiftIdx(s.lo, k), shiftIdx(s.hi, k), substExpr(s.body, s.v, parseIdx(`${s.v}${k >= 0 ? '-' : '+'}${Math.abs(k)}`)));
}

/** The summand at a given index: f(i). */
export function termAt(e: Expr, i: Idx): Expr {
  const s = asSum(e);
  return substExpr(s.body, s.v, i);
}

/** Σ_{lo}^{hi} f = f(lo) + Σ_{lo+1}^{hi} f (valid when lo ≤ hi). */
export function splitFirst(e: Expr): Expr {
  const s = asSum(e);
  return add(termAt(s, s.lo), sum(s.v, shiftIdx(s.lo, 1), s.hi, s.body));
}

/** Σ_{lo}^{hi} f = Σ_{lo}^{hi−1} f + f(hi) (valid when lo ≤ hi). */
export function splitLast(e: Expr): Expr {
  const s = asSum(e);
  return add(sum(s.v, s.lo, shiftIdx(s.hi, -1), s.body), termAt(s, s.hi));
}

/** Σ_{a}^{m} f + Σ_{m+1}^{b} f = Σ_{a}^{b} f; the bodies must be the same function of the index. */
export function mergeSums(first: Expr, second: Expr): Expr {
  const a = asSum(first);
  const b = asSum(second);
  const bBody = b.v === a.v ? b.body : substExpr(b.body, b.v, parseIdx(a.v));
  if (exprKey(bBody) !== exprKey(a.body)) throw new TypeError('mergeSums: the summands differ');
  if (a.hi.base !== b.lo.base || a.hi.k + 1 !== b.lo.k) throw new TypeError('mergeSums: the ranges are not adjacent');
  return sum(a.v, a.lo, b.hi, a.body);
}

/** Σ_{v=a}^{b} (f(v) − f(v−1)) and its telescoped value f(b) − f(a−1). */
export function telescope(v: string, lo: string | number | Idx, hi: string | number | Idx, f: (i: Idx) => Expr): { sum: Expr; value: Expr } {
  const a = parseIdx(lo);
  const b = parseIdx(hi);
  const body = sub(f(parseIdx(v)), f(parseIdx(`${v}-1`)));
  return { sum: sum(v, a, b, body), value: add(f(b), neg(f(shiftIdx(a, -1)))) };
}
