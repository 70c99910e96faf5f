// Random parameter points of a domain: ONE generator, three distributions
// (profiles), because the three callers need different points on purpose.
//
//   EXACT     (the algebra's counterexample search, points.ts): exact
//             rationals with numerators and denominators up to 2^20..2^31.
//             Generic points (a nonzero rational function vanishes on few of
//             them: Schwartz–Zippel) as well as points near the ends
//             (fast-check biases integers toward their bounds, so t = 1/2^20
//             and 1 − 1/2^20 come up); far out on half-lines (up to 2^31).
//             The arbitraries shrink toward simple values: the midpoint of a
//             bounded interval, lo + 1 on [lo, ∞), 0 on the reals.
//   MODERATE  (Monte Carlo tests of expectations, expect/points.ts): doubles
//             of moderate size on purpose: a Monte Carlo estimate is only as
//             good as its sample variance, and s = 1e3 in E[exp(s z)] makes
//             the estimate meaningless rather than the claim false. Still
//             near the ends of declared intervals (1e-3..1e-2 of the width),
//             where wrong formulas tend to show.
//               [lo, hi] / (lo, hi): interior, or within 1e-3..1e-2 of an end
//                                    (the end itself when it is closed)
//               (lo, ∞) / (−∞, hi):  lo + e^U, U uniform in [log 0.02, log 5],
//                                    sometimes 0.02 or 5 away, the end when closed
//               undeclared (real):   uniform in [−3, 3], sometimes ±3
//   EDGES     (users' property tests, arbitraries/): doubles, often within
//             1e-9..1e-3 of an end, half-lines up to 1e4 away, the reals in
//             [−10, 10] and sometimes [−1e3, 1e3]; an undeclared symbol is
//             in [−10, 10].
//
// The dispatch on the interval's shape (bounded, a half-line either way, the
// reals, a single point) and the record over the names are written once,
// here; a profile says only what a coordinate of each shape draws. Each
// profile draws exactly the values its caller drew before the three were
// gathered (tests/points/sequences.test.ts), so the CI seeds see the same
// points.
import fc from 'fast-check';
import { contains, domainOf, type Domain, type Interval } from '../expr/domain.js';
import * as Q from '../expr/rational.js';
import { rational, toNumber, type Rational } from '../expr/rational.js';

/** What a coordinate of each shape of interval draws. */
export interface PointProfile<V> {
  /** A value of V for an end of an interval (a rational). */
  readonly value: (end: Rational) => V;
  /** [lo, hi] with lo < hi (the ends' openness as given). */
  readonly bounded: (i: Interval & { readonly lo: Rational; readonly hi: Rational }) => fc.Arbitrary<V>;
  /** [lo, ∞) or (lo, ∞). */
  readonly above: (lo: Rational, open: boolean) => fc.Arbitrary<V>;
  /** (−∞, hi] or (−∞, hi). */
  readonly below: (hi: Rational, open: boolean) => fc.Arbitrary<V>;
  /** The whole real line, declared. */
  readonly real: () => fc.Arbitrary<V>;
  /** A symbol with no declared interval (default: as declared real). */
  readonly undeclared?: () => fc.Arbitrary<V>;
}

/** One coordinate drawn from an interval: the shape decides which of the profile's draws. */
export function coordinateIn<V>(profile: PointProfile<V>, i: Interval): fc.Arbitrary<V> {
  const { lo, hi } = i;
  if (lo && hi) return Q.cmp(lo, hi) >= 0 ? fc.constant(profile.value(lo)) : profile.bounded({ ...i, lo, hi });
  if (lo) return profile.above(lo, i.loOpen);
  if (hi) return profile.below(hi, i.hiOpen);
  return profile.real();
}

/** Points with a coordinate per name: declared names from their interval, the rest undeclared. */
export function pointsOf<V>(profile: PointProfile<V>, names: readonly string[], domain: Domain): fc.Arbitrary<Record<string, V>> {
  const rec: Record<string, fc.Arbitrary<V>> = {};
  for (const n of names) {
    const i = domain.get(n);
    rec[n] = i || !profile.undeclared ? coordinateIn(profile, domainOf(domain, n)) : profile.undeclared();
  }
  return fc.record(rec);
}

// ------------------------------------------------------------------ EXACT

const DEN = 2 ** 20;
const NUM = 2 ** 31 - 1;

/** a/b with a in [open ? 1 : 0, NUM], b in [1, DEN]: a distance from an end. */
const offset = (open: boolean): fc.Arbitrary<Rational> =>
  fc.tuple(fc.integer({ min: open ? 1 : 0, max: NUM }), fc.integer({ min: 1, max: DEN })).map(([a, b]) => rational(BigInt(a), BigInt(b)));

export const EXACT: PointProfile<Rational> = {
  value: (r) => r,
  bounded: ({ lo, hi, loOpen, hiOpen }) => {
    const width = Q.sub(hi, lo);
    return fc
      .integer({ min: 2, max: DEN })
      .chain((b) => fc.integer({ min: loOpen ? 1 : 0, max: hiOpen ? b - 1 : b }).map((a) => Q.add(lo, Q.mul(width, rational(BigInt(a), BigInt(b))))));
  },
  above: (lo, open) => offset(open).map((x) => Q.add(lo, x)),
  below: (hi, open) => offset(open).map((x) => Q.sub(hi, x)),
  real: () => fc.tuple(fc.integer({ min: -NUM, max: NUM }), fc.integer({ min: 1, max: DEN })).map(([a, b]) => rational(BigInt(a), BigInt(b))),
};

// --------------------------------------------------------------- MODERATE

/**
 * A bounded interval's draw in doubles: its ends as doubles and its width;
 * a single point when the ends round to the same double.
 */
function boundedDoubles(i: Interval & { readonly lo: Rational; readonly hi: Rational }, draw: (lo: number, hi: number, w: number) => fc.Arbitrary<number>): fc.Arbitrary<number> {
  const lo = toNumber(i.lo);
  const hi = toNumber(i.hi);
  return lo === hi ? fc.constant(lo) : draw(lo, hi, hi - lo);
}

const EDGE_NEAR = 1e-3;
const EDGE_FAR = 1e-2;
const HALF_LINE_MIN = 0.02;
const HALF_LINE_MAX = 5;
const REAL_RANGE = 3;

/**
 * Uniform in VALUE on [lo, hi]. (fc.double is uniform over the bit patterns of
 * doubles, so most of its draws in [−3, 3] are below 1e-100: useless here.)
 */
export function uniformIn(lo: number, hi: number): fc.Arbitrary<number> {
  return fc.noBias(fc.integer({ min: 0, max: 2 ** 30 })).map((i) => lo + ((hi - lo) * i) / 2 ** 30);
}

/** A moderate distance from the end of a half-line, log-uniform, sometimes its extremes. */
function moderateDistance(): fc.Arbitrary<number> {
  const logUniform = uniformIn(Math.log(HALF_LINE_MIN), Math.log(HALF_LINE_MAX)).map(Math.exp);
  return fc.oneof({ weight: 4, arbitrary: logUniform }, { weight: 1, arbitrary: fc.constantFrom(HALF_LINE_MIN, HALF_LINE_MAX) });
}

/** A half-line's draw, with its end itself now and then when the end is closed. */
const withEnd = (arb: fc.Arbitrary<number>, end: number, open: boolean): fc.Arbitrary<number> =>
  open ? arb : fc.oneof({ weight: 5, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(end) });

export const MODERATE: PointProfile<number> = {
  value: toNumber,
  bounded: (i) => boundedDoubles(i, (lo, hi, w) => {
    const near = uniformIn(EDGE_NEAR, EDGE_FAR);
    const arbs: fc.WeightedArbitrary<number>[] = [
      { weight: 4, arbitrary: uniformIn(lo + EDGE_NEAR * w, hi - EDGE_NEAR * w) },
      { weight: 1, arbitrary: near.map((u) => lo + u * w) },
      { weight: 1, arbitrary: near.map((u) => hi - u * w) },
    ];
    if (!i.loOpen) arbs.push({ weight: 1, arbitrary: fc.constant(lo) });
    if (!i.hiOpen) arbs.push({ weight: 1, arbitrary: fc.constant(hi) });
    return fc.oneof(...arbs);
  }),
  above: (lo, open) => {
    const x = toNumber(lo);
    return withEnd(moderateDistance().map((d) => x + d), x, open);
  },
  below: (hi, open) => {
    const x = toNumber(hi);
    return withEnd(moderateDistance().map((d) => x - d), x, open);
  },
  real: () => fc.oneof({ weight: 5, arbitrary: uniformIn(-REAL_RANGE, REAL_RANGE) }, { weight: 1, arbitrary: fc.constantFrom(-REAL_RANGE, REAL_RANGE) }),
};

/** A dimension (the d of N(m, v, d)): an integer in 1..6 inside the interval, or undefined when there is none. */
export function dimensionIn(i: Interval | undefined): fc.Arbitrary<number> | undefined {
  let lo = 1, hi = 6;
  if (i?.lo) lo = Math.max(lo, Math.ceil(toNumber(i.lo)));
  if (i?.hi) hi = Math.min(hi, Math.floor(toNumber(i.hi)));
  while (lo <= hi && i && !contains(i, lo)) lo++;
  while (hi >= lo && i && !contains(i, hi)) hi--;
  return lo <= hi ? fc.integer({ min: lo, max: hi }) : undefined;
}

// ------------------------------------------------------------------ EDGES

/** A double strictly inside (0, 1), often within 1e-6 of either end. */
export function unitEdges(): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.double({ min: 1e-3, max: 1 - 1e-3, noNaN: true }) },
    { weight: 1, arbitrary: fc.double({ min: 1e-9, max: 1e-3, noNaN: true }) },
    { weight: 1, arbitrary: fc.double({ min: 1e-9, max: 1e-3, noNaN: true }).map((x) => 1 - x) },
  );
}

/** A variance, log-uniform over [1e-6, 1e4]. */
export function logUniformVariance(): fc.Arbitrary<number> {
  return fc.double({ min: Math.log(1e-6), max: Math.log(1e4), noNaN: true }).map(Math.exp);
}

/** A real of moderate size (most formulas of the field are tested in [-10, 10]). */
export function realEdges(): fc.Arbitrary<number> {
  return fc.double({ min: -10, max: 10, noNaN: true });
}

export const EDGES: PointProfile<number> = {
  value: toNumber,
  bounded: (i) => boundedDoubles(i, (lo, hi, w) => {
    const inner = fc.double({ min: lo, max: hi, noNaN: true, minExcluded: i.loOpen, maxExcluded: i.hiOpen });
    const nearLo = fc.double({ min: 1e-9, max: 1e-3, noNaN: true }).map((u) => lo + u * w);
    const nearHi = fc.double({ min: 1e-9, max: 1e-3, noNaN: true }).map((u) => hi - u * w);
    return fc.oneof({ weight: 4, arbitrary: inner }, { weight: 1, arbitrary: nearLo }, { weight: 1, arbitrary: nearHi });
  }),
  above: (end, open) => {
    const lo = toNumber(end);
    return fc.oneof(fc.double({ min: lo, max: lo + 10, noNaN: true, minExcluded: open }), logUniformVariance().map((v) => lo + v));
  },
  below: (end, open) => {
    const hi = toNumber(end);
    return fc.oneof(fc.double({ min: hi - 10, max: hi, noNaN: true, maxExcluded: open }), logUniformVariance().map((v) => hi - v));
  },
  real: () => fc.oneof({ weight: 4, arbitrary: realEdges() }, { weight: 1, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) }),
  undeclared: realEdges,
};
