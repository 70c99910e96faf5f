// Shrinking a counterexample toward simple values, one module for both
// kinds of counterexample: the algebra's (exact rationals, search.ts) and
// the Monte Carlo tests' (doubles, expect/decide-expectation.ts). A
// counterexample at t = 1/2 or s = 3 is read and replayed at a glance; one at
// t = 0.7312946 is not.
//
// Coordinate by coordinate, each value is replaced by the first simpler value
// (in the order the simplicity lists them) that stays inside its interval and
// keeps the point a counterexample, as the caller's test says; round after
// round until every coordinate has been tried at the final point, so
// shrinking a shrunk point changes nothing. The test is called at most `budget` times: a Monte Carlo test costs
// a run and its confirmation. Every candidate is strictly simpler than the
// value it would replace (by the simplicity's `complexity`), so the passes
// end even with an unlimited budget.
//
// The test decides; the shrinker never assumes: the caller re-checks or
// carries the witness its test returned for the point it keeps (the start
// point's witness when nothing simpler fails).
import { contains, domainOf, type Domain, type Interval } from '../expr/domain.js';
import * as Q from '../expr/rational.js';
import type { Rational } from '../expr/rational.js';
import { SIMPLE_VALUES } from './points.js';

/** How values of one kind get simpler. */
export interface Simplicity<V> {
  /** Values simpler than x to try in its place, in order (none: x is as simple as it gets). */
  readonly simpler: (x: V) => readonly V[];
  /** Is the value inside the interval? (domain.ts's one membership test) */
  readonly inside: (i: Interval, v: V) => boolean;
  /** A lexicographic measure, lower is simpler: every value of `simpler(x)` is below x's. */
  readonly complexity: (x: V) => readonly number[];
  /** A value's text, for remembering which points were tested. */
  readonly key: (x: V) => string;
}

export interface ShrinkSpace<V> {
  /** The coordinates to shrink, in order (others keep their values). */
  readonly names: readonly string[];
  readonly domain: Domain;
  readonly simplicity: Simplicity<V>;
  /** The most calls of the test. */
  readonly budget: number;
}

export interface Shrunk<V, W> {
  readonly point: Readonly<Record<string, V>>;
  /** What the test returned for `point` (the start's witness when nothing changed). */
  readonly witness: W;
  /** Calls of the test made. */
  readonly calls: number;
}

interface Candidate<V> {
  readonly point: Readonly<Record<string, V>>;
  /** 0, 1, …: the call's number (the Monte Carlo test derives its streams from it). */
  readonly attempt: number;
}

/**
 * The shrinking itself, as a coroutine: yields candidates, is sent the test's
 * answer (undefined: not a counterexample). Round-robin over the names, until
 * every name in a row has been tried at the current point without a change.
 * A point already tested is not tested again: it failed (every accepted point
 * is simpler than all before it, so no candidate is ever an earlier one).
 */
function* steps<V, W>(start: Readonly<Record<string, V>>, witness: W, space: ShrinkSpace<V>): Generator<Candidate<V>, Shrunk<V, W>, W | undefined> {
  const { names, simplicity } = space;
  const tested = new Set<string>();
  const keyOf = (p: Readonly<Record<string, V>>): string => names.map((n) => simplicity.key(p[n])).join(',');
  let point = start;
  let calls = 0;
  for (let j = 0, unchanged = 0; unchanged < names.length; j = (j + 1) % names.length) {
    const name = names[j];
    const i = domainOf(space.domain, name);
    unchanged++;
    for (const c of simplicity.simpler(point[name])) {
      if (!simplicity.inside(i, c)) continue;
      const next = { ...point, [name]: c };
      const key = keyOf(next);
      if (tested.has(key)) continue;
      if (calls >= space.budget) return { point, witness, calls };
      tested.add(key);
      const w = yield { point: next, attempt: calls++ };
      if (w !== undefined) {
        point = next;
        witness = w;
        unchanged = 0;
        break;
      }
    }
  }
  return { point, witness, calls };
}

/** Shrinks a counterexample whose test answers at once. */
export function shrink<V, W>(
  start: Readonly<Record<string, V>>,
  witness: W,
  space: ShrinkSpace<V>,
  test: (point: Readonly<Record<string, V>>, attempt: number) => W | undefined,
): Shrunk<V, W> {
  const it = steps(start, witness, space);
  let r = it.next();
  while (!r.done) r = it.next(test(r.value.point, r.value.attempt));
  return r.value;
}

/** Shrinks a counterexample whose test is asynchronous (a Monte Carlo run). */
export async function shrinkAsync<V, W>(
  start: Readonly<Record<string, V>>,
  witness: W,
  space: ShrinkSpace<V>,
  test: (point: Readonly<Record<string, V>>, attempt: number) => Promise<W | undefined>,
): Promise<Shrunk<V, W>> {
  const it = steps(start, witness, space);
  let r = it.next();
  while (!r.done) r = it.next(await test(r.value.point, r.value.attempt));
  return r.value;
}

// -------------------------------------------------------------- simplicities

/** The rank of a rational among SIMPLE_VALUES (their length when it is none of them). */
const rankOf = (x: Rational): number => {
  const k = SIMPLE_VALUES.findIndex((s) => Q.cmp(s, x) === 0);
  return k < 0 ? SIMPLE_VALUES.length : k;
};

/** Exact rationals: the simple values 0, 1, −1, 1/2, 2, … (points.ts), those listed before x. */
export const RATIONAL_SIMPLICITY: Simplicity<Rational> = {
  simpler: (x) => SIMPLE_VALUES.slice(0, rankOf(x)),
  inside: contains,
  complexity: (x) => [rankOf(x)],
  key: Q.toString,
};

/** Significant decimal digits of a finite double's shortest form (0 for 0). */
export function significantDigits(x: number): number {
  if (x === 0) return 0;
  for (let k = 1; k < 17; k++) if (Number(x.toPrecision(k)) === x) return k;
  return 17;
}

/**
 * Doubles: the nearest integer, then one and two significant digits
 * (0.7312946 → 1, 0.7, 0.73; 1234.5 → 1235, 1000, 1200), those that differ
 * from x. Integers come before fractions, fewer digits before more.
 */
export const DECIMAL_SIMPLICITY: Simplicity<number> = {
  simpler: (x) =>
    [Math.round(x), Number(x.toPrecision(1)), Number(x.toPrecision(2))].filter((c, k, all) => Number.isFinite(c) && c !== x && all.indexOf(c) === k),
  inside: contains,
  complexity: (x) => [Number.isInteger(x) ? 0 : 1, significantDigits(x)],
  key: String,
};
