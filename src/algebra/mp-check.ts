// One claim at one point in multiprecision (mp.ts): a rigorous verdict for
// the point, never a guess.
//
//   fail  an enclosure of lhs − rhs at the point excludes 0 on the violating
//         side (both sides are defined there): a certified counterexample,
//         whatever double rounding says (1e-300 differences included)
//   pass  the enclosure lies within 10^-60 of the sides' magnitude on the
//         allowed side: "no difference at 60 digits"
//   skip  a side is undefined there, or the enclosure is too loose to tell
//
// The difference is enclosed twice: as lhs − rhs (from the sides'
// enclosures), and as the exact core's normal form of lhs − rhs when there is
// one (equal to lhs − rhs wherever both sides are defined). The second sees
// a difference the first loses to cancellation: x + exp(−1/x²) − x is
// exp(−1/x²), 1e-174 at x = 0.05, while the sides agree to 70 digits.
import type { Decimal } from 'decimal.js';
import type { Node, Rel } from '../expr/ast.js';
import type { Point } from './points.js';
import { agreementTolerance, mpEval, sub, type MpIv } from './mp.js';
import { violatedBy } from './violated.js';

export interface MpResult {
  readonly status: 'pass' | 'fail' | 'skip';
  readonly lhs?: MpIv;
  readonly rhs?: MpIv;
  /** The enclosure that decided (the sides' difference, or the normal form's). */
  readonly difference?: MpIv;
  /** Which enclosure decided a failure. */
  readonly via?: 'sides' | 'normal-form';
}

/** Does the enclosure of lhs − rhs certify a violation of rel? */
function violated(rel: Rel, d: MpIv): boolean {
  return violatedBy(rel, d.lo.gt(0) ? 1 : d.hi.lt(0) ? -1 : 0);
}

function agrees(rel: Rel, d: MpIv, tol: Decimal): boolean {
  const below = d.hi.lte(tol);
  const above = d.lo.gte(tol.neg());
  return rel === '=' ? below && above : rel === '<=' ? below : above;
}

export function mpTestPoint(lhs: Node, rel: Rel, rhs: Node, normalForm: Node | undefined, p: Point): MpResult {
  const l = mpEval(lhs, p);
  const r = l && mpEval(rhs, p);
  if (!l || !r) return { status: 'skip' };
  const d = sub(l, r);
  if (violated(rel, d)) return { status: 'fail', lhs: l, rhs: r, difference: d, via: 'sides' };
  const n = normalForm ? mpEval(normalForm, p) : undefined;
  if (n && violated(rel, n)) return { status: 'fail', lhs: l, rhs: r, difference: n, via: 'normal-form' };
  return { status: agrees(rel, d, agreementTolerance(l, r)) ? 'pass' : 'skip', lhs: l, rhs: r, difference: d };
}
