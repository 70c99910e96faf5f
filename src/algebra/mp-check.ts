// One claim at one point in multiprecision (mp.ts): a rigorous verdict for
// the point, never a guess.
//
//   fail  an enclosure of lhs − rhs at the point excludes 0 on the violating
//         side (both sides are defined there): a certified counterexample,
//         whatever double rounding says (1e-300 differences included)
//   pass  the enclosure lies within 10^-60 of the sides' magnitude on the
//         allowed side: "no difference at 60 digits"
//   skip  a side is undefined there, or the enclosure is too loose to tell
//   unresolved  the sides add numbers more than MAX_DIGITS − DIGITS orders
//         of magnitude apart: a difference hidden in the smaller one is
//         beyond every precision tried here, so agreement there says nothing
//
// Precision follows the claim. At DIGITS digits an addend S orders of
// magnitude below the other keeps only DIGITS − S digits: 10^400 + 1 and
// 10^400 agree to every digit computed, and so do log(1 + e^800) and 800.
// A pass that used the tolerance (the enclosure of lhs − rhs is not exactly
// 0, or not wholly on the allowed side) where some addition spanned more than
// ESCALATE_SPAN orders is therefore re-done at span + DIGITS digits (mp.ts
// tracks the span), where the smaller addend is resolved as well as the sides
// were at first. An inequality that holds by a margin needs no more digits.
//
// The difference is enclosed twice: as lhs − rhs (from the sides'
// enclosures), and as the exact core's normal form of lhs − rhs when there is
// one (equal to lhs − rhs wherever both sides are defined). The second sees
// a difference the first loses to cancellation: x + exp(−1/x²) − x is
// exp(−1/x²), 1e-174 at x = 0.05, while the sides agree to 70 digits.
import type { Decimal } from 'decimal.js';
import type { Node, Rel } from '../expr/ast.js';
import type { Point } from './points.js';
import { agreementTolerance, DIGITS, mpEval, sub, type MpIv } from './mp.js';
import { violatedBy } from './violated.js';

/** A pass whose additions spanned more orders of magnitude than this is re-done at higher precision. */
export const ESCALATE_SPAN = 30;
/** The most digits a point is evaluated at (a 1500-digit exp takes milliseconds). */
export const MAX_DIGITS = 1500;

export interface MpResult {
  readonly status: 'pass' | 'fail' | 'skip' | 'unresolved';
  /** The precision that decided, in significant digits. */
  readonly digits?: number;
  /** The widest gap between two nonzero addends, in decimal orders of magnitude. */
  readonly span?: number;
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

/** The enclosure alone settles the point (no tolerance used): lhs − rhs is exactly 0, or on the allowed side. */
function certain(rel: Rel, d: MpIv): boolean {
  return rel === '=' ? d.lo.isZero() && d.hi.isZero() : rel === '<=' ? d.hi.lte(0) : d.lo.gte(0);
}

function agrees(rel: Rel, d: MpIv, tol: Decimal): boolean {
  const below = d.hi.lte(tol);
  const above = d.lo.gte(tol.neg());
  return rel === '=' ? below && above : rel === '<=' ? below : above;
}

export function mpTestPoint(lhs: Node, rel: Rel, rhs: Node, normalForm: Node | undefined, p: Point): MpResult {
  const first = testAt(lhs, rel, rhs, normalForm, p, DIGITS);
  // A pass within the tolerance, or an enclosure too loose to tell (both sides defined), where an
  // addition spanned more than ESCALATE_SPAN orders: the digits lost there are what more precision buys.
  const loose = first.status === 'skip' && first.lhs !== undefined;
  if (!(first.status === 'pass' || loose) || (first.span ?? 0) <= ESCALATE_SPAN || (!loose && certain(rel, first.difference as MpIv))) return first;
  // First at span + DIGITS digits; where cancellation still leaves the enclosure too loose to tell
  // (tanh(v)/v at v = 1e-50 loses 50 digits to 1 − e^{−2v}), doubling, up to MAX_DIGITS.
  let digits = DIGITS + (first.span as number);
  while (digits <= MAX_DIGITS) {
    const r = testAt(lhs, rel, rhs, normalForm, p, digits);
    if (r.status !== 'skip') return r;
    if (r.lhs === undefined) break; // undefined at more digits (decimal.js's limits): no better answer
    digits *= 2;
  }
  return loose ? first : { ...first, status: 'unresolved' };
}

function testAt(lhs: Node, rel: Rel, rhs: Node, normalForm: Node | undefined, p: Point, digits: number): MpResult {
  const l = mpEval(lhs, p, digits);
  const r = l && mpEval(rhs, p, digits);
  if (!l || !r) return { status: 'skip', digits };
  const d = sub(l, r);
  if (violated(rel, d)) return { status: 'fail', lhs: l, rhs: r, difference: d, via: 'sides', digits };
  const n = normalForm ? mpEval(normalForm, p, digits) : undefined;
  if (n && violated(rel, n)) return { status: 'fail', lhs: l, rhs: r, difference: n, via: 'normal-form', digits };
  const span = Math.max(l.span, r.span, n?.span ?? 0);
  return { status: agrees(rel, d, agreementTolerance(l, r)) ? 'pass' : 'skip', lhs: l, rhs: r, difference: d, digits, span };
}
