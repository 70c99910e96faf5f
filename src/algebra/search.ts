// The search for a counterexample: fast-check draws points of the domain,
// each point is tested exactly when both sides evaluate to rationals there,
// else in doubles with a running error bound; a failing point is shrunk by
// fast-check, polished toward simple values (shrink.ts), and re-checked.
//
// A float test fails only when the sides differ by more than MARGIN times the
// sum of their error bounds AND their interval enclosures at the point are
// disjoint; a point where either side is undefined (NaN, ±∞), or where the
// bound is too loose to tell, is skipped.
import fc from 'fast-check';
import type { Node, Rel } from '../expr/ast.js';
import { contains, domainOf, type Domain } from '../expr/domain.js';
import * as Q from '../expr/rational.js';
import { toNumber } from '../expr/rational.js';
import type { Counterexample, Params } from '../verdict.js';
import { evalWithBound } from './eval-bound.js';
import { evalExact } from './eval-exact.js';
import { intervalIn } from './interval.js';
import { isEmptyIv, point as ivPoint, type Iv } from './iv.js';
import { deterministicPoints, pointArbitrary, SIMPLE_VALUES, type Point } from './points.js';
import { RATIONAL_SIMPLICITY, shrink } from './shrink.js';
import { exactSign, violatedBy } from './violated.js';

/** A float discrepancy counts only beyond this many error bounds. */
export const MARGIN = 8;
/** Relative size of the error bound beyond which a float test says nothing. */
const LOOSE = 1e-6;
/** Points tested while shrinking a counterexample. */
const SHRINK_BUDGET = 200;

export interface PointResult {
  readonly status: 'pass' | 'fail' | 'skip';
  readonly arithmetic: 'exact' | 'float';
  readonly lhs: number;
  readonly rhs: number;
  readonly difference: number;
  readonly bound: number;
  /** A float failure whose sides' interval enclosures at the point are disjoint too. */
  readonly disjoint?: boolean;
}

/** Is d beyond ±tol on the side that violates rel? (NaN is not.) */
const violates = (rel: Rel, d: number, tol: number): boolean => violatedBy(rel, d > tol ? 1 : -d > tol ? -1 : 0);

/**
 * Tests one point: in exact rationals first when `exactFirst` and both sides
 * evaluate there, else in doubles.
 */
export function testPoint(lhs: Node, rel: Rel, rhs: Node, p: Point, domain: Domain, exactFirst = true): PointResult {
  const l = exactFirst ? evalExact(lhs, p) : undefined;
  const r = l && evalExact(rhs, p);
  if (l && r) {
    const d = Q.sub(l, r);
    const bad = violatedBy(rel, exactSign(d));
    return { status: bad ? 'fail' : 'pass', arithmetic: 'exact', lhs: toNumber(l), rhs: toNumber(r), difference: toNumber(d), bound: 0 };
  }
  const env: Record<string, number> = {};
  for (const [k, v] of Object.entries(p)) {
    const x = toNumber(v);
    // The double nearest the rational may fall outside an open end (1 − 2^-60 rounds to 1).
    if (!contains(domainOf(domain, k), x)) return skip();
    env[k] = x;
  }
  const a = evalWithBound(lhs, env);
  const b = evalWithBound(rhs, env);
  const d = a.value - b.value;
  const bound = a.bound + b.bound + 2 ** -53 * Math.abs(d);
  if (![a.value, b.value, d, bound].every(Number.isFinite)) return skip();
  const scale = Math.max(1, Math.abs(a.value), Math.abs(b.value));
  const out = { arithmetic: 'float', lhs: a.value, rhs: b.value, difference: d, bound } as const;
  if (!violates(rel, d, MARGIN * bound)) return { ...out, status: bound > LOOSE * scale ? 'skip' : 'pass' };
  // The float model can be fooled (underflow, a library function off by more
  // than assumed): a float failure counts only when outward-rounded interval
  // enclosures at the point separate the sides too.
  const disjoint = disjointAt(lhs, rel, rhs, env);
  return { ...out, status: disjoint ? 'fail' : 'skip', disjoint };
}

function skip(): PointResult {
  return { status: 'skip', arithmetic: 'float', lhs: NaN, rhs: NaN, difference: NaN, bound: Infinity };
}

/** Do the interval enclosures at the point itself separate the sides as the counterexample claims? */
function disjointAt(lhs: Node, rel: Rel, rhs: Node, env: Record<string, number>): boolean {
  const box = new Map<string, Iv>(Object.entries(env).map(([k, v]) => [k, ivPoint(v)]));
  try {
    const a = intervalIn(lhs, box);
    const b = intervalIn(rhs, box);
    if (isEmptyIv(a) || isEmptyIv(b)) return false;
    const above = a.lo > b.hi; // lhs > rhs for sure
    const below = a.hi < b.lo;
    return violatedBy(rel, above ? 1 : below ? -1 : 0);
  } catch {
    return false;
  }
}

export interface SearchOptions {
  readonly seed: number;
  readonly points: number;
  /**
   * Try exact arithmetic at every point (worth it when the sides are rational
   * functions); otherwise doubles during the search, and exact arithmetic only
   * for the final counterexample, where it succeeds at simple points.
   */
  readonly exact: boolean;
}

export interface SearchResult {
  readonly counterexample?: Counterexample;
  /** The shrunk point's test (for the evidence). */
  readonly failure?: PointResult;
  readonly exact: number;
  readonly float: number;
  readonly skipped: number;
  /** Of all the points: the random ones fast-check drew (the rest are the deterministic ones). */
  readonly random: number;
}

export function search(lhs: Node, rel: Rel, rhs: Node, names: readonly string[], domain: Domain, opts: SearchOptions): SearchResult {
  let exact = 0;
  let float = 0;
  let skipped = 0;
  const tally = (r: PointResult) => {
    if (r.status === 'skip') skipped++;
    else if (r.arithmetic === 'exact') exact++;
    else float++;
  };
  // The same points for every seed: ends approached geometrically, far out on half-lines, simple values.
  for (const p of deterministicPoints(names, domain)) {
    const r = testPoint(lhs, rel, rhs, p, domain, opts.exact);
    tally(r);
    if (r.status === 'fail') {
      const found = finish(lhs, rel, rhs, p, domain, opts);
      if (found) return { ...found, exact, float, skipped, random: 0 };
    }
  }
  let random = 0;
  let counting = true;
  let shrinkSteps = 0;
  const prop = fc.property(pointArbitrary(names, domain), (p) => {
    // Shrinking has a budget: past it every candidate "passes", which ends
    // fast-check's search with the simplest failure found so far.
    if (!counting && ++shrinkSteps > SHRINK_BUDGET) return true;
    const r = testPoint(lhs, rel, rhs, p, domain, opts.exact);
    if (counting) {
      random++;
      tally(r);
      if (r.status === 'fail') counting = false;
    }
    return r.status !== 'fail';
  });
  const details = fc.check(prop, { seed: opts.seed, numRuns: opts.points });
  if (!details.failed || !details.counterexample) return { exact, float, skipped, random };
  const found = finish(lhs, rel, rhs, details.counterexample[0], domain, opts);
  return found ? { ...found, exact, float, skipped, random } : { exact, float, skipped, random };
}

/** Polishes a failing point and re-checks it; the counterexample, or undefined when the re-check does not fail. */
function finish(lhs: Node, rel: Rel, rhs: Node, start: Point, domain: Domain, opts: SearchOptions): { counterexample: Counterexample; failure: PointResult } | undefined {
  const p = polish(lhs, rel, rhs, start, domain, opts.exact);
  const failure = testPoint(lhs, rel, rhs, p, domain, true);
  if (failure.status !== 'fail') return undefined;
  const params: Params = {};
  for (const [k, v] of Object.entries(p)) params[k] = failure.arithmetic === 'exact' ? Q.toString(v) : toNumber(v);
  const counterexample: Counterexample = {
    params,
    lhs: failure.lhs,
    rhs: failure.rhs,
    difference: failure.difference,
    bound: failure.bound,
    seed: opts.seed,
    arithmetic: failure.arithmetic,
  };
  return { counterexample, failure };
}

/**
 * Replaces coordinates by simpler values (0, 1, 1/2, …) while the point still
 * fails (shrink.ts); at most two passes' worth of tests.
 */
function polish(lhs: Node, rel: Rel, rhs: Node, p: Point, domain: Domain, exact: boolean): Point {
  const names = Object.keys(p);
  const space = { names, domain, simplicity: RATIONAL_SIMPLICITY, budget: 2 * SIMPLE_VALUES.length * names.length };
  return shrink(p, true, space, (q) => (testPoint(lhs, rel, rhs, q, domain, exact).status === 'fail' ? true : undefined)).point;
}
