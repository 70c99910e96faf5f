// Parameter points for Monte Carlo tests of expectations. Ranges are
// MODERATE on purpose: a Monte Carlo estimate is only as good as its sample
// variance, and parameters like s = 1e3 in E[exp(s z)] make the estimate
// meaningless rather than the claim false. Points still reach near the edges
// of declared intervals (t close to 0 and 1, small variances), where wrong
// formulas tend to show.
//
//   declared [lo, hi] / (lo, hi):  interior, or within 1e-3..1e-2 of an end
//                                  (the end itself when it is closed)
//   declared (lo, ∞) / (−∞, hi):   lo + e^U with U uniform in [log 0.02, log 5], sometimes the ends
//   undeclared (real):             uniform in [−3, 3], sometimes ±3
//   dimensions (the d of N(m, v, d)): integers 1..6 (within the declared range)
//
// fast-check draws them from a fixed seed, so the same seed gives the same points.
import fc from 'fast-check';
import type { Domain, Interval } from '../expr/domain.js';
import { contains } from '../expr/domain.js';
import { toNumber } from '../expr/rational.js';

const EDGE_NEAR = 1e-3;
const EDGE_FAR = 1e-2;
const HALF_LINE_MIN = 0.02;
const HALF_LINE_MAX = 5;
const REAL_RANGE = 3;

/**
 * Uniform in VALUE on [lo, hi]. (fc.double is uniform over the bit patterns of
 * doubles, so most of its draws in [−3, 3] are below 1e-100: useless here.)
 */
function uniformIn(lo: number, hi: number): fc.Arbitrary<number> {
  return fc.noBias(fc.integer({ min: 0, max: 2 ** 30 })).map((i) => lo + ((hi - lo) * i) / 2 ** 30);
}

function halfLine(): fc.Arbitrary<number> {
  const logUniform = uniformIn(Math.log(HALF_LINE_MIN), Math.log(HALF_LINE_MAX)).map(Math.exp);
  return fc.oneof({ weight: 4, arbitrary: logUniform }, { weight: 1, arbitrary: fc.constantFrom(HALF_LINE_MIN, HALF_LINE_MAX) });
}

/** A moderate point of an interval, biased to its ends. */
export function moderatePoint(i: Interval): fc.Arbitrary<number> {
  const lo = i.lo ? toNumber(i.lo) : undefined;
  const hi = i.hi ? toNumber(i.hi) : undefined;
  if (lo !== undefined && hi !== undefined) {
    if (lo === hi) return fc.constant(lo);
    const w = hi - lo;
    const near = uniformIn(EDGE_NEAR, EDGE_FAR);
    const arbs: fc.WeightedArbitrary<number>[] = [
      { weight: 4, arbitrary: uniformIn(lo + EDGE_NEAR * w, hi - EDGE_NEAR * w) },
      { weight: 1, arbitrary: near.map((u) => lo + u * w) },
      { weight: 1, arbitrary: near.map((u) => hi - u * w) },
    ];
    if (!i.loOpen) arbs.push({ weight: 1, arbitrary: fc.constant(lo) });
    if (!i.hiOpen) arbs.push({ weight: 1, arbitrary: fc.constant(hi) });
    return fc.oneof(...arbs);
  }
  if (lo !== undefined) {
    const arb = halfLine().map((x) => lo + x);
    return i.loOpen ? arb : fc.oneof({ weight: 5, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(lo) });
  }
  if (hi !== undefined) {
    const arb = halfLine().map((x) => hi - x);
    return i.hiOpen ? arb : fc.oneof({ weight: 5, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(hi) });
  }
  return fc.oneof({ weight: 5, arbitrary: uniformIn(-REAL_RANGE, REAL_RANGE) }, { weight: 1, arbitrary: fc.constantFrom(-REAL_RANGE, REAL_RANGE) });
}

/** An integer dimension in 1..6, intersected with the declared interval. */
export function dimensionPoint(i: Interval | undefined): fc.Arbitrary<number> | undefined {
  let lo = 1, hi = 6;
  if (i?.lo) lo = Math.max(lo, Math.ceil(toNumber(i.lo)));
  if (i?.hi) hi = Math.min(hi, Math.floor(toNumber(i.hi)));
  while (lo <= hi && i && !contains(i, lo)) lo++;
  while (hi >= lo && i && !contains(i, hi)) hi--;
  return lo <= hi ? fc.integer({ min: lo, max: hi }) : undefined;
}

export interface PointSpec {
  readonly names: readonly string[];
  /** Names used as the dimension of a vector normal. */
  readonly dims: ReadonlySet<string>;
}

/**
 * `count` parameter points from the domain, reproducible from `seed`. Throws
 * a RangeError when a dimension's declared range holds no positive integer.
 */
export function drawPoints(spec: PointSpec, domain: Domain, count: number, seed: number): Record<string, number>[] {
  if (spec.names.length === 0) return [{}];
  const record: Record<string, fc.Arbitrary<number>> = {};
  for (const n of spec.names) {
    const i = domain.get(n);
    if (spec.dims.has(n)) {
      const arb = dimensionPoint(i);
      if (!arb) throw new RangeError(`${n} is used as a dimension but its domain holds no positive integer`);
      record[n] = arb;
    } else record[n] = i ? moderatePoint(i) : moderatePoint({ loOpen: true, hiOpen: true });
  }
  return fc.sample(fc.record(record), { seed, numRuns: count });
}
