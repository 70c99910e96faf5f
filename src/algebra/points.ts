// Random points of a domain as exact rationals, with fast-check arbitraries
// that shrink toward simple values: the midpoint of a bounded interval (1/2 on
// (0, 1)), lo + 1 on [lo, ∞), 0 on the reals. Numerators and denominators up
// to 2^20..2^31 give generic points (a nonzero rational function vanishes on
// few of them: Schwartz–Zippel) as well as points near the ends: fast-check
// biases integers toward their bounds, so t = 1/2^20 and 1 − 1/2^20 come up.
import fc from 'fast-check';
import { domainOf, type Domain, type Interval } from '../expr/domain.js';
import * as Q from '../expr/rational.js';
import { rational, type Rational } from '../expr/rational.js';

export type Point = Readonly<Record<string, Rational>>;

const DEN = 2 ** 20;
const NUM = 2 ** 31 - 1;

export function coordinate(i: Interval): fc.Arbitrary<Rational> {
  const lo = i.lo;
  const hi = i.hi;
  if (lo && hi) {
    const width = Q.sub(hi, lo);
    if (width.n <= 0n) return fc.constant(lo);
    return fc
      .integer({ min: 2, max: DEN })
      .chain((b) =>
        fc.integer({ min: i.loOpen ? 1 : 0, max: i.hiOpen ? b - 1 : b }).map((a) => Q.add(lo, Q.mul(width, rational(BigInt(a), BigInt(b))))),
      );
  }
  const offset = (open: boolean) =>
    fc.tuple(fc.integer({ min: open ? 1 : 0, max: NUM }), fc.integer({ min: 1, max: DEN })).map(([a, b]) => rational(BigInt(a), BigInt(b)));
  if (lo) return offset(i.loOpen).map((x) => Q.add(lo, x));
  if (hi) return offset(i.hiOpen).map((x) => Q.sub(hi, x));
  return fc.tuple(fc.integer({ min: -NUM, max: NUM }), fc.integer({ min: 1, max: DEN })).map(([a, b]) => rational(BigInt(a), BigInt(b)));
}

export function pointArbitrary(names: readonly string[], domain: Domain): fc.Arbitrary<Point> {
  const rec: Record<string, fc.Arbitrary<Rational>> = {};
  for (const n of names) rec[n] = coordinate(domainOf(domain, n));
  return fc.record(rec);
}

/** Simple values to try, in order, when polishing a shrunk counterexample. */
export const SIMPLE_VALUES: readonly Rational[] = [
  [0n, 1n], [1n, 1n], [-1n, 1n], [1n, 2n], [2n, 1n], [-2n, 1n], [1n, 4n], [3n, 4n], [1n, 3n], [2n, 3n], [3n, 1n], [10n, 1n], [1n, 10n],
].map(([n, d]) => rational(n, d));

/** Is the rational inside the interval? */
export function inInterval(i: Interval, x: Rational): boolean {
  if (i.lo) {
    const c = Q.cmp(x, i.lo);
    if (c < 0 || (c === 0 && i.loOpen)) return false;
  }
  if (i.hi) {
    const c = Q.cmp(x, i.hi);
    if (c > 0 || (c === 0 && i.hiOpen)) return false;
  }
  return true;
}

/** A simple interior point: the midpoint of bounded intervals, lo + 1 / hi − 1 on half-lines, 0 on the reals. */
export function centreOf(names: readonly string[], domain: Domain): Point {
  const out: Record<string, Rational> = {};
  for (const n of names) {
    const i = domainOf(domain, n);
    out[n] = i.lo && i.hi ? Q.mul(Q.add(i.lo, i.hi), rational(1n, 2n)) : i.lo ? Q.add(i.lo, rational(1n)) : i.hi ? Q.sub(i.hi, rational(1n)) : rational(0n);
  }
  return out;
}
