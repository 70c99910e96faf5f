// Refutation by interval certificate: a sub-box of the domain (the whole box
// first, then halves of halves) on which an outward-rounded enclosure of
// lhs − rhs lies strictly on the wrong side of 0 — nonzero for `=`, positive
// for `<=`, negative for `>=`. Every point of such a box where the sides are
// defined violates the claim, however small the difference (tanh(x) − 1 on
// x > 20 is below 1e-17 and underflows in doubles far out; the enclosure
// (−2, 0) still excludes 0). A box is only a certificate together with a
// point of it where both sides are defined: we look for one, exactly or in
// multiprecision, before calling it a counterexample.
import type { Node, Rel } from '../expr/ast.js';
import { domainOf, type Domain } from '../expr/domain.js';
import * as Q from '../expr/rational.js';
import type { Rational } from '../expr/rational.js';
import { boxOf, collectSymbols, intervalIn, type Box } from './interval.js';
import { iv, ivNegative, ivPositive, type Iv } from './iv.js';
import { inInterval, type Point } from './points.js';
import { exactOf } from './round.js';
import { cut, width } from './sign.js';
import { simplestBetween } from './univariate.js';
import { violatedBy } from './violated.js';

export interface ViolatingBox {
  readonly box: Box;
  /** The enclosure of the node over the box: excludes 0 on the violating side. */
  readonly enclosure: Iv;
  /** Points of the box inside the domain, to be checked for definedness (centre first). */
  readonly points: Point[];
}

const violates = (rel: Rel, x: Iv): boolean => violatedBy(rel, ivPositive(x) ? 1 : ivNegative(x) ? -1 : 0);

/** Can no sub-box of this one violate? (The enclosure shows the claim holds on all of it.) */
const settled = (rel: Rel, x: Iv): boolean => (rel === '<=' ? x.hi <= 0 : rel === '>=' ? x.lo >= 0 : x.lo === 0 && x.hi === 0);

/**
 * Bisection of the domain box (widest coordinate first), at most `budget`
 * enclosures; the first box whose enclosure certifies a violation. Boxes are
 * taken alternately best-first (for ≤ / ≥: the enclosure reaching furthest
 * onto the wrong side; a tiny violating region such as a disc of radius 0.01
 * is found at depth 14 with a few dozen boxes) and oldest-first (so a
 * singular corner whose enclosure is unbounded cannot starve the rest).
 */
export function findViolatingBox(node: Node, rel: Rel, domain: Domain, budget: number): ViolatingBox | undefined {
  const names = [...collectSymbols(node, new Set())].sort();
  interface Item {
    readonly box: Box;
    readonly score: number;
    readonly order: number;
  }
  let order = 0;
  const score = (r: Iv, depth: number): number => (rel === '>=' ? r.lo : rel === '<=' ? -r.hi : depth);
  const open: Item[] = [{ box: boxOf(domain, names), score: 0, order: order++ }];
  for (let evals = 0; open.length > 0 && evals < budget; evals++) {
    // Alternate: the most promising box, then the oldest one.
    let k = 0;
    for (let j = 1; j < open.length; j++) {
      const better = evals % 2 === 0 ? open[j].score < open[k].score : open[j].order < open[k].order;
      if (better) k = j;
    }
    const { box: b } = open[k];
    open.splice(k, 1);
    let r: Iv;
    try {
      r = intervalIn(node, b);
    } catch {
      return undefined; // no enclosure of this node at all
    }
    if (violates(rel, r)) {
      const points = pointsOf(b, names, domain);
      if (points.length > 0) return { box: b, enclosure: r, points };
    }
    if (settled(rel, r)) continue;
    const split = widest(b);
    if (!split) continue;
    const [key, x, m] = split;
    const left = new Map(b);
    left.set(key, iv(x.lo, m, x.loOpen, false));
    const right = new Map(b);
    right.set(key, iv(m, x.hi, false, x.hiOpen));
    const s = score(r, order);
    open.push({ box: left, score: s, order: order++ }, { box: right, score: s, order: order++ });
  }
  return undefined;
}

function widest(b: Box): [string, Iv, number] | undefined {
  let best: [string, Iv, number] | undefined;
  let bestW = -1;
  for (const [k, x] of b) {
    const m = cut(x);
    const w = width(x);
    if (m !== undefined && w > bestW) {
      best = [k, x, m];
      bestW = w;
    }
  }
  return best;
}

/** Exact rational points of the box that lie in the domain: the simplest one, the centre, then the quarter points. */
function pointsOf(b: Box, names: readonly string[], domain: Domain): Point[] {
  const out: Point[] = [];
  const simplest: Record<string, Rational> = {};
  for (const n of names) {
    const x = b.get(n) as Iv;
    const i = domainOf(domain, n);
    let lo = Number.isFinite(x.lo) ? exactOf(x.lo) : undefined;
    let hi = Number.isFinite(x.hi) ? exactOf(x.hi) : undefined;
    if (i.lo && (!lo || Q.cmp(i.lo, lo) > 0)) lo = i.lo;
    if (i.hi && (!hi || Q.cmp(i.hi, hi) < 0)) hi = i.hi;
    if (lo && hi && Q.cmp(lo, hi) >= 0) {
      if (Q.cmp(lo, hi) === 0 && inInterval(i, lo)) simplest[n] = lo;
      continue;
    }
    const a = lo ?? (hi ? Q.sub(hi, Q.rational(2n)) : Q.rational(-1n));
    const c = hi ?? Q.add(a, Q.rational(2n));
    simplest[n] = simplestBetween(a, c);
  }
  if (Object.keys(simplest).length === names.length) out.push(simplest);
  for (const f of [0.5, 0.25, 0.75, 0.125, 0.875]) {
    const p: Record<string, Rational> = {};
    let ok = true;
    for (const n of names) {
      const x = b.get(n) as Iv;
      const v = at(x, f);
      if (v === undefined || !Number.isFinite(v)) {
        ok = false;
        break;
      }
      const q = exactOf(v);
      if (!inInterval(domainOf(domain, n), q) || v < x.lo || v > x.hi) {
        ok = false;
        break;
      }
      p[n] = q;
    }
    if (ok) out.push(p);
  }
  return out;
}

/** The point at fraction f of a coordinate's interval (a doubling point on unbounded ones). */
function at(x: Iv, f: number): number | undefined {
  if (x.lo === x.hi) return x.lo;
  if (Number.isFinite(x.lo) && Number.isFinite(x.hi)) return x.lo + (x.hi - x.lo) * f;
  const c = cut(x);
  if (c === undefined) return undefined;
  if (Number.isFinite(x.lo)) return x.lo + (c - x.lo) * 2 * f;
  if (Number.isFinite(x.hi)) return x.hi - (x.hi - c) * 2 * (1 - f);
  return c + (f - 0.5) * 4;
}
