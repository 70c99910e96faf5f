// Sign certificates by interval bisection: the enclosure over each sub-box is
// on the wanted side of 0, and the sub-boxes cover the domain box. Naive
// interval evaluation overestimates (x − x over [0, 1] is [−1, 1]); splitting
// the widest coordinate shrinks the overestimate until it is decisive or the
// budget runs out (then: no certificate, never a wrong one).
import type { Node } from '../expr/ast.js';
import type { Domain } from '../expr/domain.js';
import { boxOf, collectSymbols, intervalIn, type Box } from './interval.js';
import { iv, ivNegative, ivNonneg, ivNonpos, ivPositive, type Iv } from './iv.js';

export type Want = 'pos' | 'nonneg' | 'neg' | 'nonpos';

const holds: Record<Want, (x: Iv) => boolean> = {
  pos: ivPositive,
  nonneg: ivNonneg,
  neg: ivNegative,
  nonpos: ivNonpos,
};

/** The enclosure shows the claim false everywhere on the box (then bisection cannot help). */
const fails: Record<Want, (x: Iv) => boolean> = {
  pos: ivNonpos,
  nonneg: ivNegative,
  neg: ivNonneg,
  nonpos: ivPositive,
};

const FAR = 2 ** 20;

/** Where to cut an interval: 0 when it is inside, else the midpoint, or a doubling point for unbounded ones. */
export function cut(x: Iv): number | undefined {
  if (x.lo === x.hi) return undefined;
  if (x.lo === -Infinity && x.hi === Infinity) return 0;
  // An unbounded piece never gets a finite enclosure of a growing function: stop splitting far out.
  if ((x.hi === Infinity && x.lo > FAR) || (x.lo === -Infinity && x.hi < -FAR)) return undefined;
  if (x.hi === Infinity) return x.lo <= 0 ? 1 : 2 * x.lo + 1;
  if (x.lo === -Infinity) return x.hi >= 0 ? -1 : 2 * x.hi - 1;
  // 0 first where it is inside: abs, max, min and sqrt change there, and a violation confined to a
  // sliver beside it (max(x, 0) = x on (−1e-30, 1)) is out of reach of halving from far away.
  if (x.lo < 0 && x.hi > 0) return 0;
  const m = x.lo + (x.hi - x.lo) / 2;
  return m > x.lo && m < x.hi ? m : undefined;
}

export const width = (x: Iv): number => (x.hi === Infinity || x.lo === -Infinity ? Number.MAX_VALUE : x.hi - x.lo);

/** A box's centre as a degenerate box: a cheap look for a point where the claim plainly fails. */
function centre(box: Box): Box {
  const out = new Map<string, Iv>();
  for (const [k, x] of box) {
    const c = cut(x) ?? x.lo;
    out.set(k, Number.isFinite(c) ? iv(c, c) : x);
  }
  return out;
}

/** True when node is certified `want` on the whole box within `budget` interval evaluations. */
export function certifyOnBox(node: Node, box: Box, want: Want, budget: number): boolean {
  const stack: Box[] = [box];
  let evals = 0;
  while (stack.length > 0) {
    const b = stack.pop() as Box;
    const r = intervalIn(node, b);
    evals++;
    if (holds[want](r)) continue;
    if (fails[want](r) || evals >= budget) return false;
    if (evals % 8 === 1 && fails[want](intervalIn(node, centre(b)))) return false;
    let best: string | undefined;
    let bestW = -1;
    for (const [k, x] of b) {
      const w = width(x);
      if (cut(x) !== undefined && w > bestW) {
        best = k;
        bestW = w;
      }
    }
    if (best === undefined) return false;
    const x = b.get(best) as Iv;
    const m = cut(x) as number;
    const left = new Map(b);
    left.set(best, iv(x.lo, m, x.loOpen, false));
    const right = new Map(b);
    right.set(best, iv(m, x.hi, false, x.hiOpen));
    stack.push(left, right);
  }
  return true;
}

/** Certifies node `want` over the domain (bisecting up to `budget` boxes). */
export function certify(node: Node, domain: Domain, want: Want, budget = 256): boolean {
  return certifyOnBox(node, boxOf(domain, collectSymbols(node, new Set())), want, budget);
}

/** A point of x for a uniform u in (0, 1): affine on bounded intervals, spread out on unbounded ones. */
function probe(x: Iv, u: number): number {
  if (Number.isFinite(x.lo) && Number.isFinite(x.hi)) return x.lo + (x.hi - x.lo) * u;
  const far = u / (1 - u);
  if (Number.isFinite(x.lo)) return x.lo + 4 * far;
  if (Number.isFinite(x.hi)) return x.hi - 4 * far;
  return 8 * (u - 0.5) / (u * (1 - u));
}

/** Does node take both signs at a few pseudo-random points? Then no bisection can certify a sign. */
function takesBothSigns(node: Node, box: Box): boolean {
  let pos = false;
  let neg = false;
  let seed = 0x2545f491;
  const uniform = () => {
    // xorshift32: a fixed, cheap sequence; the probe needs variety, not quality.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return ((seed >>> 0) + 0.5) / 2 ** 32;
  };
  for (let k = 0; k < 8 && !(pos && neg); k++) {
    const pt = new Map<string, Iv>();
    for (const [n, x] of box) {
      const v = probe(x, uniform());
      pt.set(n, iv(v, v));
    }
    try {
      const r = intervalIn(node, pt);
      if (ivPositive(r)) pos = true;
      if (ivNegative(r)) neg = true;
    } catch {
      return false;
    }
  }
  return pos && neg;
}

/** 1 when node ≥ 0 on the domain, −1 when ≤ 0, 0 when no certificate was found. */
export function signOn(node: Node, domain: Domain, budget = 24): 1 | -1 | 0 {
  const box = boxOf(domain, collectSymbols(node, new Set()));
  const r = intervalIn(node, box);
  if (ivNonneg(r)) return 1;
  if (ivNonpos(r)) return -1;
  if (budget <= 1 || takesBothSigns(node, box)) return 0;
  if (certifyOnBox(node, box, 'nonneg', budget)) return 1;
  if (certifyOnBox(node, box, 'nonpos', budget)) return -1;
  return 0;
}

/**
 * The sign oracle: node > 0 everywhere on the domain (where it is defined),
 * by its enclosure over the domain box, else by bisecting up to `budget` boxes.
 */
export function isPositive(node: Node, domain: Domain, budget = 64): boolean {
  return certify(node, domain, 'pos', budget);
}
