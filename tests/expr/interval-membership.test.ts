// One membership test for intervals (domain.ts `contains`), for floats and
// exact rationals alike: the same answer wherever the float is the rational
// exactly, the exact answer where they differ by less than a float can show.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { contains, interval, type Interval } from '../../src/expr/domain.js';
import { rational, toNumber } from '../../src/expr/rational.js';
import { inInterval } from '../../src/algebra/points.js';

const dyadic = fc.tuple(fc.integer({ min: -(2 ** 20), max: 2 ** 20 }), fc.integer({ min: 0, max: 10 })).map(([n, k]) => rational(BigInt(n), 2n ** BigInt(k)));
const ends = fc.tuple(dyadic, dyadic, fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean()).map(([a, b, lo, hi, loOpen, hiOpen]): Interval => ({
  lo: lo ? a : undefined, hi: hi ? b : undefined, loOpen, hiOpen,
}));

describe('interval membership', () => {
  it('a rational and its (exact) float are in the same intervals', () => {
    fc.assert(fc.property(ends, dyadic, (i, x) => contains(i, x) === contains(i, toNumber(x))), { seed: 9, numRuns: 2000 });
  });

  it('the algebra\'s inInterval is the same test', () => {
    fc.assert(fc.property(ends, dyadic, (i, x) => inInterval(i, x) === contains(i, x)), { seed: 10, numRuns: 500 });
  });

  it('open ends exclude the end, closed ends include it, for both kinds of number', () => {
    const open = interval(0, 1);
    const closed = interval(0, 1, false, false);
    for (const x of [0, 1, rational(0n), rational(1n)]) {
      expect(contains(open, x)).toBe(false);
      expect(contains(closed, x)).toBe(true);
    }
  });

  it('a rational 2^-200 above an open end is inside, though its float equals the end', () => {
    const x = rational(1n + 1n, 2n ** 200n); // 2^-199
    const tiny = { lo: rational(1n, 2n ** 199n - 1n), loOpen: true, hiOpen: true } as Interval; // just above x
    expect(contains(tiny, x)).toBe(false);
    const above = rational(2n ** 200n + 1n, 2n ** 200n); // 1 + 2^-200
    expect(contains(interval(1, undefined), above)).toBe(true);
    expect(contains(interval(1, undefined), toNumber(above))).toBe(false); // the float is 1
  });

  it('NaN is in no interval with an end', () => {
    expect(contains(interval(0, undefined), NaN)).toBe(false);
    expect(contains(interval(undefined, 0), NaN)).toBe(false);
  });
});
