// Points of a domain as exact rationals: the random ones (drawn by
// random-points.ts's EXACT profile, shrinking toward simple values), the
// simple values, the centre, and the deterministic ladders toward the ends.
import fc from 'fast-check';
import { contains, domainOf, type Domain, type Interval } from '../expr/domain.js';
import * as Q from '../expr/rational.js';
import { rational, type Rational } from '../expr/rational.js';
import { coordinateIn, EXACT, pointsOf } from './random-points.js';

export type Point = Readonly<Record<string, Rational>>;

/** A random exact point of an interval (random-points.ts, EXACT). */
export const coordinate = (i: Interval): fc.Arbitrary<Rational> => coordinateIn(EXACT, i);

export const pointArbitrary = (names: readonly string[], domain: Domain): fc.Arbitrary<Point> => pointsOf(EXACT, names, domain);

/** Simple values to try, in order, when polishing a shrunk counterexample. */
export const SIMPLE_VALUES: readonly Rational[] = [
  [0n, 1n], [1n, 1n], [-1n, 1n], [1n, 2n], [2n, 1n], [-2n, 1n], [1n, 4n], [3n, 4n], [1n, 3n], [2n, 3n], [3n, 1n], [10n, 1n], [1n, 10n],
].map(([n, d]) => rational(n, d));

/** Is the rational inside the interval? (domain.ts's one membership test.) */
export const inInterval = (i: Interval, x: Rational): boolean => contains(i, x);

/** A simple interior point: the midpoint of bounded intervals, lo + 1 / hi − 1 on half-lines, 0 on the reals. */
export function centreOf(names: readonly string[], domain: Domain): Point {
  const out: Record<string, Rational> = {};
  for (const n of names) {
    const i = domainOf(domain, n);
    out[n] = i.lo && i.hi ? Q.mul(Q.add(i.lo, i.hi), rational(1n, 2n)) : i.lo ? Q.add(i.lo, rational(1n)) : i.hi ? Q.sub(i.hi, rational(1n)) : rational(0n);
  }
  return out;
}

// ------------------------------------------------------------ deterministic points
//
// Failures hide near the ends of a domain (2 log((1 − t)/t) ≤ 40 fails only
// for t < 2e-9) and far out on half-lines; random rationals with 2^20
// denominators never come closer than 1e-6. So every search also tests, for
// every seed, a fixed ladder per coordinate: each end approached
// geometrically (distances 10^-3 … 10^-15 from an open end, the end itself
// when closed), magnitudes 10^3 … 10^15 on unbounded sides, the centre and
// the simple values.

/** The exponents of the ladder: 10^-3 … 10^-15 near ends, 10^3 … 10^15 far out. */
export const LADDER = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] as const;

const pow10 = (k: number): Rational => (k >= 0 ? rational(10n ** BigInt(k)) : rational(1n, 10n ** BigInt(-k)));

/**
 * The rungs of one interval at the exponents `ks`, unfiltered: its closed
 * ends, then per exponent k the points 10^-k from each finite end (scaled
 * down for intervals narrower than 1) and 10^k out on each unbounded side.
 */
function rungs(i: Interval, ks: readonly number[]): Rational[] {
  const out: Rational[] = [];
  const { lo, hi } = i;
  if (lo && !i.loOpen) out.push(lo);
  if (hi && !i.hiOpen) out.push(hi);
  const unit = lo && hi ? minQ(Q.sub(hi, lo), rational(1n)) : rational(1n);
  for (const k of ks) {
    const near = Q.mul(unit, pow10(-k));
    if (lo) out.push(Q.add(lo, near));
    if (hi) out.push(Q.sub(hi, near));
    const far = pow10(k);
    if (!hi) out.push(lo ? Q.add(lo, far) : far);
    if (!lo) out.push(hi ? Q.sub(hi, far) : Q.neg(far));
  }
  return out;
}

/** The ladder of one interval, nearest-to-the-ends first within each rung; every value inside the interval, once. */
export function ladder(i: Interval): Rational[] {
  const out: Rational[] = [];
  for (const x of rungs(i, LADDER)) if (inInterval(i, x) && !out.some((y) => Q.cmp(x, y) === 0)) out.push(x);
  return out;
}

const minQ = (a: Rational, b: Rational): Rational => (Q.cmp(a, b) <= 0 ? a : b);

/**
 * The deterministic points of a search: the centre; each coordinate alone
 * along its ladder and over the simple values (the others at the centre); and
 * the diagonal, every coordinate at the same rung at once (a failure that
 * needs two parameters near their ends together).
 */
export function deterministicPoints(names: readonly string[], domain: Domain): Point[] {
  const centre = centreOf(names, domain);
  const out: Point[] = [centre];
  const ladders = names.map((n) => ladder(domainOf(domain, n)));
  names.forEach((n, j) => {
    const i = domainOf(domain, n);
    for (const v of [...ladders[j], ...SIMPLE_VALUES.filter((s) => inInterval(i, s))]) out.push({ ...centre, [n]: v });
  });
  if (names.length > 1) {
    const rungs = Math.max(0, ...ladders.map((l) => l.length));
    for (let r = 0; r < rungs; r++) {
      const p: Record<string, Rational> = {};
      names.forEach((n, j) => {
        p[n] = ladders[j].length > 0 ? ladders[j][Math.min(r, ladders[j].length - 1)] : centre[n];
      });
      out.push(p);
    }
  }
  return out;
}

/**
 * The few points that also go to multiprecision (each costs milliseconds):
 * the centre, simple values, and per coordinate the rungs 10^∓3, 10^∓8,
 * 10^∓15, 10^∓30, 10^∓100, 10^∓300 from each end or far out.
 */
export function multiprecisionPoints(names: readonly string[], domain: Domain, max = MAX_MP_POINTS): Point[] {
  const centre = centreOf(names, domain);
  const perName: Point[][] = [];
  for (const n of names) {
    const out: Point[] = [];
    perName.push(out);
    const i = domainOf(domain, n);
    const values = [...rungs(i, MP_RUNGS), rational(1n), rational(1n, 3n), rational(2n), rational(-1n)];
    for (const v of values) if (inInterval(i, v) && Q.cmp(v, centre[n]) !== 0) out.push({ ...centre, [n]: v });
  }
  // Round-robin over the coordinates, so that a cap keeps every coordinate's nearest rungs.
  const out: Point[] = [centre];
  for (let k = 0; out.length < max && perName.some((l) => k < l.length); k++) {
    for (const l of perName) if (k < l.length && out.length < max) out.push(l[k]);
  }
  return out;
}

/**
 * The ladder's exponents that go to multiprecision: beyond doubles too (10^∓30,
 * 10^∓100, 10^∓300), where only exact rationals and multiprecision reach —
 * probit(p) ≤ 10 fails only for p > 1 − 7.6e-24, and x + 10^-50 = x is an
 * identity in doubles at every point of them.
 */
const MP_RUNGS = [3, 8, 15, 30, 100, 300];

/** Multiprecision points per decision at most (each costs up to a few milliseconds). */
export const MAX_MP_POINTS = 24;
