// The laws of the one shrinker (src/algebra/shrink.ts), for both kinds of
// value it shrinks (exact rationals for the algebra, doubles for the Monte
// Carlo tests), with predicates of every kind: always true, true only at the
// start, true on a pseudo-random set, and domains where no simple value fits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contains, domainOf, interval, POSITIVE, REAL, UNIT, type Domain, type Interval } from '../../src/expr/domain.js';
import * as Q from '../../src/expr/rational.js';
import { rational, type Rational } from '../../src/expr/rational.js';
import {
  DECIMAL_SIMPLICITY, RATIONAL_SIMPLICITY, shrink, shrinkAsync, significantDigits, type ShrinkSpace, type Simplicity,
} from '../../src/algebra/shrink.js';
import { SIMPLE_VALUES } from '../../src/algebra/points.js';
import { coordinateIn, EDGES, EXACT } from '../../src/algebra/random-points.js';

/** a < b lexicographically. */
const below = (a: readonly number[], b: readonly number[]): boolean => {
  for (let k = 0; k < Math.max(a.length, b.length); k++) if ((a[k] ?? 0) !== (b[k] ?? 0)) return (a[k] ?? 0) < (b[k] ?? 0);
  return false;
};
const notAbove = (a: readonly number[], b: readonly number[]): boolean => !below(b, a);

/** A deterministic pseudo-random predicate: true on about 1 point in `every`, by a hash of the point. */
function hashed<V>(salt: number, every: number, show: (v: V) => string): (p: Readonly<Record<string, V>>) => true | undefined {
  return (p) => {
    let h = 2166136261 ^ salt;
    for (const ch of Object.entries(p).map(([k, v]) => `${k}=${show(v)}`).join(',')) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
    return (h >>> 0) % every === 0 ? true : undefined;
  };
}

const NAMES = ['a', 'b', 'c'];
const SHAPES: Interval[] = [
  REAL, UNIT, POSITIVE, interval(0, 1, false, false), interval(-3, 5), interval(0, undefined, false), interval(undefined, 2, true, false),
  interval(0.25, 0.2500001), interval(1e-12, 1e-9), interval(2, 2, false, false), interval(undefined, -1e6),
];
const domainArb: fc.Arbitrary<Domain> = fc.tuple(...NAMES.map(() => fc.constantFrom(...SHAPES))).map((is) => new Map(NAMES.map((n, k) => [n, is[k]])));

// Start points drawn inside each interval by the generator of random-points.ts (no filtering: narrow intervals are rarely hit at random).
const rationalIn = (i: Interval): fc.Arbitrary<Rational> => coordinateIn(EXACT, i);
const numberIn = (i: Interval): fc.Arbitrary<number> => coordinateIn(EDGES, i).filter((x) => contains(i, x));
const startIn = <V>(domain: Domain, draw: (i: Interval) => fc.Arbitrary<V>): fc.Arbitrary<Record<string, V>> =>
  fc.record(Object.fromEntries(NAMES.map((n) => [n, draw(domainOf(domain, n))]))) as fc.Arbitrary<Record<string, V>>;

interface Kind<V> {
  readonly name: string;
  readonly simplicity: Simplicity<V>;
  readonly start: (d: Domain) => fc.Arbitrary<Record<string, V>>;
  readonly show: (v: V) => string;
  readonly same: (a: V, b: V) => boolean;
}
const KINDS: [Kind<Rational>, Kind<number>] = [
  { name: 'rationals', simplicity: RATIONAL_SIMPLICITY, start: (d) => startIn(d, rationalIn), show: Q.toString, same: (a, b) => Q.cmp(a, b) === 0 },
  { name: 'doubles', simplicity: DECIMAL_SIMPLICITY, start: (d) => startIn(d, numberIn), show: String, same: Object.is },
];

describe.each(KINDS as Kind<unknown>[])('the shrinker over $name', (kind) => {
  const space = (domain: Domain, budget = Infinity): ShrinkSpace<unknown> => ({ names: NAMES, domain, simplicity: kind.simplicity, budget });
  const cases = domainArb.chain((d) => fc.tuple(fc.constant(d), kind.start(d), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 4 })));

  it('the result satisfies the predicate (or is the start, with its witness)', () => {
    fc.assert(fc.property(cases, ([d, p, salt, every]) => {
      const test = hashed(salt, every, kind.show);
      const r = shrink(p, 'start' as const, space(d), (q) => (test(q) ? ('found' as const) : undefined));
      if (r.witness === 'start') expect(r.point).toEqual(p);
      else expect(test(r.point)).toBe(true);
    }), { seed: 1, numRuns: 300 });
  });

  it('never leaves the domain: every changed coordinate is inside its interval', () => {
    fc.assert(fc.property(cases, ([d, p]) => {
      const r = shrink(p, true, space(d), () => true);
      for (const n of NAMES) if (!kind.same(r.point[n], p[n])) expect(kind.simplicity.inside(domainOf(d, n), r.point[n])).toBe(true);
    }), { seed: 2, numRuns: 300 });
  });

  it('is idempotent: shrinking a shrunk point changes nothing and accepts nothing', () => {
    fc.assert(fc.property(cases, ([d, p, salt, every]) => {
      const test = hashed(salt, every, kind.show);
      const once = shrink(p, true, space(d), test);
      const twice = shrink<unknown, string>(once.point, 'again', space(d), (q) => (test(q) ? 'found' : undefined));
      expect(twice.point).toEqual(once.point);
      expect(twice.witness).toBe('again');
    }), { seed: 3, numRuns: 300 });
  });

  it('prefers simpler values: no coordinate of the result is more complex than it was, every candidate is simpler than what it replaces', () => {
    fc.assert(fc.property(cases, ([d, p, salt, every]) => {
      const test = hashed(salt, every, kind.show);
      const tried: Record<string, unknown>[] = [];
      let cur = p;
      const r = shrink(p, true, space(d), (q) => {
        tried.push(q);
        const ok = test(q);
        for (const n of NAMES) if (!kind.same(q[n], cur[n])) expect(below(kind.simplicity.complexity(q[n]), kind.simplicity.complexity(cur[n]))).toBe(true);
        if (ok) cur = q;
        return ok;
      });
      for (const n of NAMES) expect(notAbove(kind.simplicity.complexity(r.point[n]), kind.simplicity.complexity(p[n]))).toBe(true);
    }), { seed: 4, numRuns: 300 });
  });

  it('with a predicate true only at the start point, returns the start after one test per simpler value inside the domain', () => {
    fc.assert(fc.property(cases, ([d, p]) => {
      const r = shrink(p, 'start', space(d), () => undefined);
      expect(r.point).toEqual(p);
      expect(r.witness).toBe('start');
      const inside = NAMES.reduce((s, n) => s + kind.simplicity.simpler(p[n]).filter((c) => kind.simplicity.inside(domainOf(d, n), c)).length, 0);
      expect(r.calls).toBe(inside);
    }), { seed: 5, numRuns: 300 });
  });

  it('makes at most `budget` tests, numbered 0, 1, 2, … (the Monte Carlo streams are derived from the number)', () => {
    fc.assert(fc.property(cases, fc.integer({ min: 0, max: 8 }), ([d, p, salt, every], budget) => {
      const test = hashed(salt, every, kind.show);
      const attempts: number[] = [];
      const r = shrink(p, true, space(d, budget), (q, k) => (attempts.push(k), test(q)));
      expect(r.calls).toBe(attempts.length);
      expect(attempts.length).toBeLessThanOrEqual(budget);
      expect(attempts).toEqual(attempts.map((_, k) => k));
    }), { seed: 6, numRuns: 300 });
  });

  it('never tests the same point twice (a point tested once failed: accepted points only get simpler)', () => {
    fc.assert(fc.property(cases, ([d, p, salt, every]) => {
      const test = hashed(salt, every, kind.show);
      const seen = new Set<string>();
      shrink(p, true, space(d), (q) => {
        const key = NAMES.map((n) => kind.show(q[n])).join(',');
        expect(seen.has(key)).toBe(false);
        seen.add(key);
        return test(q);
      });
    }), { seed: 9, numRuns: 300 });
  });

  it('the asynchronous shrinker tests the same points in the same order and keeps the same result', async () => {
    await fc.assert(fc.asyncProperty(cases, async ([d, p, salt, every]) => {
      const test = hashed(salt, every, kind.show);
      const a: unknown[] = [];
      const b: unknown[] = [];
      const sync = shrink(p, true, space(d, 7), (q) => (a.push(q), test(q)));
      const async_ = await shrinkAsync(p, true, space(d, 7), async (q) => (b.push(q), test(q)));
      expect(b).toEqual(a);
      expect(async_).toEqual(sync);
    }), { seed: 7, numRuns: 100 });
  });
});

describe('the two simplicities', () => {
  it('rationals: an always-failing point goes to the simplest value each interval holds (0, 1/2 on (0, 1), 1 on (0, ∞), 2 on [2, 2])', () => {
    const d: Domain = new Map([['a', REAL], ['b', UNIT], ['c', POSITIVE], ['e', interval(2, 2, false, false)], ['f', interval(1e-12, 1e-9)]]);
    const start = { a: rational(5n, 7n), b: rational(3n, 11n), c: rational(1000n, 3n), e: rational(2n), f: rational(1n, 10n ** 10n) };
    const r = shrink(start, true, { names: Object.keys(start), domain: d, simplicity: RATIONAL_SIMPLICITY, budget: Infinity }, () => true);
    expect(Object.fromEntries(Object.entries(r.point).map(([k, v]) => [k, Q.toString(v)]))).toEqual({ a: '0', b: '1/2', c: '1', e: '2', f: '1/10000000000' });
  });

  it('rationals: a simple value tries only the simpler ones before it in the list', () => {
    expect(RATIONAL_SIMPLICITY.simpler(rational(0n))).toEqual([]);
    expect(RATIONAL_SIMPLICITY.simpler(rational(1n, 2n)).map(Q.toString)).toEqual(['0', '1', '-1']);
    expect(RATIONAL_SIMPLICITY.simpler(rational(22n, 7n))).toHaveLength(SIMPLE_VALUES.length);
  });

  it('doubles: an integer, then one and two significant digits, none equal to the value; integers before fractions', () => {
    expect(DECIMAL_SIMPLICITY.simpler(0.7312946)).toEqual([1, 0.7, 0.73]);
    expect(DECIMAL_SIMPLICITY.simpler(1234.5)).toEqual([1235, 1000, 1200]);
    expect(DECIMAL_SIMPLICITY.simpler(3)).toEqual([]);
    expect(DECIMAL_SIMPLICITY.simpler(2.6e-8)).toEqual([0, 3e-8]);
    expect(DECIMAL_SIMPLICITY.simpler(2.5e-8)).toEqual([0, 2e-8]); // the double below 2.5e-8 rounds down
    expect(DECIMAL_SIMPLICITY.simpler(5e-324)).toEqual([0]);
    expect(DECIMAL_SIMPLICITY.simpler(-0.5)).toEqual([-0]);
  });

  it('doubles: every candidate is strictly simpler, for any double (tiny, huge, negative, subnormal)', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      for (const c of DECIMAL_SIMPLICITY.simpler(x)) {
        expect(Number.isFinite(c)).toBe(true);
        expect(below(DECIMAL_SIMPLICITY.complexity(c), DECIMAL_SIMPLICITY.complexity(x))).toBe(true);
      }
    }), { seed: 8, numRuns: 2000 });
  });

  it('significant digits: the shortest decimal form that reads back the same double', () => {
    expect([0, 1, 0.1, 0.73, 1234.5, 1 / 3, 5e-324, -2.5e-8].map(significantDigits)).toEqual([0, 1, 1, 2, 5, 16, 1, 2]);
  });

  it('doubles: a point in a domain no simpler value fits (1e-12, 1e-9) stays as it is, without a test', () => {
    const d: Domain = new Map([['a', interval(1e-12, 1e-9)]]);
    const r = shrink({ a: 3.7e-10 }, true, { names: ['a'], domain: d, simplicity: DECIMAL_SIMPLICITY, budget: Infinity }, () => true);
    expect(r.point.a).toBe(4e-10); // one significant digit fits inside
    const r2 = shrink({ a: 4e-10 }, true, { names: ['a'], domain: d, simplicity: DECIMAL_SIMPLICITY, budget: Infinity }, () => true);
    expect(r2.calls).toBe(0);
  });
});
