// Interval arithmetic with outward rounding and open/closed ends.
//
// An interval encloses the values an expression takes WHERE IT IS DEFINED:
// sqrt([-1, 4]) = [0, 2], log((-1, 4]) = (-inf, log 4]. Open ends matter: on
// α ∈ (0, 1), 1 − α lies in (0, 1), so it is positive, not merely ≥ 0. An open
// end is a stronger claim than a closed one, so every rule that is unsure
// returns the closed end; rounding outward only loosens a bound, so it keeps
// the flag. Infinite ends are always open.
import { nextDown, nextUp, sumDown, sumUp, widenDown, widenUp } from './round.js';

export interface Iv {
  readonly lo: number;
  readonly hi: number;
  readonly loOpen: boolean;
  readonly hiOpen: boolean;
}

export const EMPTY: Iv = { lo: Infinity, hi: -Infinity, loOpen: true, hiOpen: true };
export const ENTIRE: Iv = { lo: -Infinity, hi: Infinity, loOpen: true, hiOpen: true };

export const iv = (lo: number, hi: number, loOpen = false, hiOpen = false): Iv => ({
  lo,
  hi,
  loOpen: loOpen || lo === -Infinity,
  hiOpen: hiOpen || hi === Infinity,
});
export const point = (x: number): Iv => iv(x, x);

export function isEmptyIv(x: Iv): boolean {
  return !(x.lo <= x.hi) || (x.lo === x.hi && (x.loOpen || x.hiOpen));
}

/** x > 0 everywhere in x. */
export const ivPositive = (x: Iv): boolean => !isEmptyIv(x) && (x.lo > 0 || (x.lo === 0 && x.loOpen));
export const ivNonneg = (x: Iv): boolean => !isEmptyIv(x) && x.lo >= 0;
export const ivNonpos = (x: Iv): boolean => !isEmptyIv(x) && x.hi <= 0;
export const ivNegative = (x: Iv): boolean => !isEmptyIv(x) && (x.hi < 0 || (x.hi === 0 && x.hiOpen));

export function ivHull(a: Iv, b: Iv): Iv {
  if (isEmptyIv(a)) return b;
  if (isEmptyIv(b)) return a;
  const lo = Math.min(a.lo, b.lo);
  const hi = Math.max(a.hi, b.hi);
  return iv(lo, hi, (a.lo > lo || a.loOpen) && (b.lo > lo || b.loOpen), (a.hi < hi || a.hiOpen) && (b.hi < hi || b.hiOpen));
}

export function ivAdd(a: Iv, b: Iv): Iv {
  if (isEmptyIv(a) || isEmptyIv(b)) return EMPTY;
  return iv(sumDown(a.lo, b.lo), sumUp(a.hi, b.hi), a.loOpen || b.loOpen, a.hiOpen || b.hiOpen);
}

export const ivNeg = (a: Iv): Iv => (isEmptyIv(a) ? EMPTY : iv(-a.hi, -a.lo, a.hiOpen, a.loOpen));

interface End {
  readonly v: number;
  readonly open: boolean;
}

/** The product of two ends: exact when either is 0 (0·∞ = 0 for bounds) or both are small integers. */
function endProduct(x: End, y: End): { down: number; up: number; attained: boolean } {
  const zero = (x.v === 0 && !x.open) || (y.v === 0 && !y.open);
  if (x.v === 0 || y.v === 0) return { down: 0, up: 0, attained: zero || (!x.open && !y.open) };
  const p = x.v * y.v;
  const exact = !Number.isFinite(p) || (Number.isInteger(x.v) && Number.isInteger(y.v) && Math.abs(p) < 2 ** 53);
  return { down: exact ? p : nextDown(p), up: exact ? p : nextUp(p), attained: !x.open && !y.open && Number.isFinite(p) };
}

export function ivMul(a: Iv, b: Iv): Iv {
  if (isEmptyIv(a) || isEmptyIv(b)) return EMPTY;
  const ends = (x: Iv): End[] => [{ v: x.lo, open: x.loOpen }, { v: x.hi, open: x.hiOpen }];
  let lo = Infinity, hi = -Infinity;
  let loClosed = false, hiClosed = false;
  for (const x of ends(a)) {
    for (const y of ends(b)) {
      const p = endProduct(x, y);
      if (p.down < lo) {
        lo = p.down;
        loClosed = p.attained;
      } else if (p.down === lo) loClosed ||= p.attained;
      if (p.up > hi) {
        hi = p.up;
        hiClosed = p.attained;
      } else if (p.up === hi) hiClosed ||= p.attained;
    }
  }
  return iv(lo, hi, !loClosed, !hiClosed);
}

/** 1/x where defined (x ≠ 0). */
export function ivInv(x: Iv): Iv {
  if (isEmptyIv(x)) return EMPTY;
  if (x.lo === 0 && x.hi === 0) return EMPTY;
  if (x.lo < 0 && x.hi > 0) return ENTIRE;
  const down = (v: number) => (v === Infinity || v === -Infinity ? 0 : nextDown(1 / v));
  const up = (v: number) => (v === Infinity || v === -Infinity ? 0 : nextUp(1 / v));
  if (x.lo >= 0) {
    // x ⊂ [0, ∞): 1/x ∈ [1/hi, 1/lo) with 1/0 = ∞.
    const lo = x.hi === Infinity ? 0 : down(x.hi);
    return iv(Math.max(lo, 0), x.lo === 0 ? Infinity : up(x.lo), x.hiOpen || x.hi === Infinity, x.loOpen);
  }
  const hi = x.lo === -Infinity ? 0 : up(x.lo);
  return iv(x.hi === 0 ? -Infinity : down(x.hi), Math.min(hi, 0), x.hiOpen, x.loOpen || x.lo === -Infinity);
}

export const ivDiv = (a: Iv, b: Iv): Iv => ivMul(a, ivInv(b));

/** v^k rounded down/up: exact for 0, ±1, ±∞ and small integer results. */
function powEnd(v: number, k: number, dir: 'down' | 'up'): number {
  const r = Math.pow(v, k);
  if (v === 0 || v === 1 || v === -1 || !Number.isFinite(r)) return r;
  if (Number.isInteger(v) && Number.isInteger(r) && Math.abs(r) < 2 ** 53) return r;
  return dir === 'down' ? widenDown(r) : widenUp(r);
}

export function ivPowInt(x: Iv, k: number): Iv {
  if (isEmptyIv(x)) return EMPTY;
  if (k === 0) return point(1);
  if (k < 0) return ivInv(ivPowInt(x, -k));
  if (k === 1) return x;
  if (k % 2 === 1 || x.lo >= 0) return iv(powEnd(x.lo, k, 'down'), powEnd(x.hi, k, 'up'), x.loOpen, x.hiOpen);
  if (x.hi <= 0) return iv(powEnd(x.hi, k, 'down'), powEnd(x.lo, k, 'up'), x.hiOpen, x.loOpen);
  const a = -x.lo;
  const b = x.hi;
  const hiOpen = a > b ? x.loOpen : b > a ? x.hiOpen : x.loOpen && x.hiOpen;
  return iv(0, powEnd(Math.max(a, b), k, 'up'), false, hiOpen);
}

/** The part of x where it is ≥ 0 (or > 0 when strict). */
export function nonnegPart(x: Iv, strict: boolean): Iv {
  if (isEmptyIv(x)) return EMPTY;
  if (x.lo > 0 || (x.lo === 0 && (x.loOpen || !strict))) return x;
  return iv(0, x.hi, strict, x.hiOpen);
}

export function ivSqrt(x: Iv): Iv {
  const y = nonnegPart(x, false);
  if (isEmptyIv(y)) return EMPTY;
  const s = (v: number, dir: 'down' | 'up') => {
    const r = Math.sqrt(v);
    if (r === 0 || !Number.isFinite(r) || (Number.isInteger(r) && r * r === v)) return r;
    return dir === 'down' ? nextDown(r) : nextUp(r);
  };
  return iv(Math.max(0, s(y.lo, 'down')), s(y.hi, 'up'), y.loOpen, y.hiOpen);
}

export function ivExp(x: Iv): Iv {
  if (isEmptyIv(x)) return EMPTY;
  const lo = x.lo === -Infinity ? 0 : x.lo === 0 ? 1 : widenDown(Math.exp(x.lo));
  const hi = x.hi === 0 ? 1 : widenUp(Math.exp(x.hi));
  return iv(Math.max(lo, 0), hi, x.loOpen || lo <= 0, x.hiOpen);
}

export function ivLog(x: Iv): Iv {
  const y = nonnegPart(x, true);
  if (isEmptyIv(y)) return EMPTY;
  const l = (v: number, dir: 'down' | 'up') => (v === 1 ? 0 : v === 0 ? -Infinity : dir === 'down' ? widenDown(Math.log(v)) : widenUp(Math.log(v)));
  return iv(l(y.lo, 'down'), l(y.hi, 'up'), y.loOpen, y.hiOpen);
}

/**
 * A monotone increasing function applied to the ends, widened by k ulps and
 * clamped to its range [min, max]; a clamped end is open when the range
 * excludes it (tanh never reaches ±1, sech reaches 1 at 0).
 */
export function monotone(x: Iv, f: (v: number) => number, min: number, max: number, k = 4, minOpen = true, maxOpen = true): Iv {
  if (isEmptyIv(x)) return EMPTY;
  const lo = Math.max(min, widenDown(f(x.lo), k));
  const hi = Math.min(max, widenUp(f(x.hi), k));
  return iv(lo, hi, x.loOpen || (lo === min && minOpen), x.hiOpen || (hi === max && maxOpen));
}

/** cos on x: the ends, plus ±1 wherever a multiple of π may lie inside (with margin for rounding). */
/** Beyond this, multiples of π are too far apart in doubles to locate the extremes: give [−1, 1]. */
const TRIG_FAR = 2 ** 40;

export function ivCos(x: Iv): Iv {
  if (isEmptyIv(x)) return EMPTY;
  if (!(x.hi - x.lo < 2 * Math.PI) || Math.abs(x.lo) > TRIG_FAR || Math.abs(x.hi) > TRIG_FAR) return iv(-1, 1);
  const eps = 1e-12;
  const k0 = Math.ceil(x.lo / Math.PI - eps);
  const k1 = Math.floor(x.hi / Math.PI + eps);
  let lo = Math.min(Math.cos(x.lo), Math.cos(x.hi));
  let hi = Math.max(Math.cos(x.lo), Math.cos(x.hi));
  for (let k = k0; k <= k1; k++) {
    if (k % 2 === 0) hi = 1;
    else lo = -1;
  }
  return iv(Math.max(-1, widenDown(lo, 4)), Math.min(1, widenUp(hi, 4)));
}

export function ivSin(x: Iv): Iv {
  if (isEmptyIv(x)) return EMPTY;
  if (!(x.hi - x.lo < 2 * Math.PI) || Math.abs(x.lo) > TRIG_FAR || Math.abs(x.hi) > TRIG_FAR) return iv(-1, 1);
  const eps = 1e-12;
  // sin peaks at π/2 + kπ.
  const k0 = Math.ceil((x.lo - Math.PI / 2) / Math.PI - eps);
  const k1 = Math.floor((x.hi - Math.PI / 2) / Math.PI + eps);
  let lo = Math.min(Math.sin(x.lo), Math.sin(x.hi));
  let hi = Math.max(Math.sin(x.lo), Math.sin(x.hi));
  for (let k = k0; k <= k1; k++) {
    if (((k % 2) + 2) % 2 === 0) hi = 1;
    else lo = -1;
  }
  return iv(Math.max(-1, widenDown(lo, 4)), Math.min(1, widenUp(hi, 4)));
}

export function ivTan(x: Iv): Iv {
  if (isEmptyIv(x)) return EMPTY;
  const eps = 1e-9;
  const k0 = Math.floor((x.lo + Math.PI / 2) / Math.PI - eps);
  const k1 = Math.floor((x.hi + Math.PI / 2) / Math.PI + eps);
  if (!Number.isFinite(x.lo) || !Number.isFinite(x.hi) || Math.abs(x.lo) > TRIG_FAR || Math.abs(x.hi) > TRIG_FAR || k0 !== k1) return ENTIRE;
  return iv(widenDown(Math.tan(x.lo), 4), widenUp(Math.tan(x.hi), 4), x.loOpen, x.hiOpen);
}

export const ivTanh = (x: Iv): Iv => monotone(x, Math.tanh, -1, 1);
export const ivSigmoid = (x: Iv): Iv => monotone(x, (v) => 1 / (1 + Math.exp(-v)), 0, 1);

export function ivSech(x: Iv): Iv {
  if (isEmptyIv(x)) return EMPTY;
  const f = (v: number) => 1 / Math.cosh(v);
  // sech is increasing on (−∞, 0] and even; its range is (0, 1], 1 at 0.
  if (x.lo >= 0) return monotone(ivNeg(x), f, 0, 1, 4, true, false);
  if (x.hi <= 0) return monotone(x, f, 0, 1, 4, true, false);
  const lo = Math.min(f(x.lo), f(x.hi));
  return iv(Math.max(0, widenDown(lo, 4)), 1, lo <= 0, false);
}

export function ivLogit(x: Iv): Iv {
  if (isEmptyIv(x)) return EMPTY;
  const y = nonnegPart(x, true);
  const z = y.hi > 1 || (y.hi === 1 && !y.hiOpen) ? iv(y.lo, 1, y.loOpen, true) : y;
  if (isEmptyIv(z)) return EMPTY;
  const f = (v: number) => (v <= 0 ? -Infinity : v >= 1 ? Infinity : Math.log(v / (1 - v)));
  return monotone(z, f, -Infinity, Infinity, 6);
}

export function ivAbs(x: Iv): Iv {
  if (isEmptyIv(x)) return EMPTY;
  if (x.lo >= 0) return x;
  if (x.hi <= 0) return ivNeg(x);
  const a = -x.lo;
  const hiOpen = a > x.hi ? x.loOpen : x.hi > a ? x.hiOpen : x.loOpen && x.hiOpen;
  return iv(0, Math.max(a, x.hi), false, hiOpen);
}

export function ivMin(a: Iv, b: Iv): Iv {
  if (isEmptyIv(a) || isEmptyIv(b)) return EMPTY;
  const lo = Math.min(a.lo, b.lo);
  const hi = Math.min(a.hi, b.hi);
  // min(a, b) > lo iff both exceed lo; min(a, b) < hi iff either stays below hi.
  return iv(lo, hi, (a.lo > lo || a.loOpen) && (b.lo > lo || b.loOpen), (a.hi === hi && a.hiOpen) || (b.hi === hi && b.hiOpen));
}

export const ivMax = (a: Iv, b: Iv): Iv => ivNeg(ivMin(ivNeg(a), ivNeg(b)));

/** x^y for a non-integer exponent: defined for x ≥ 0 (x > 0 when y ≤ 0), as Math.pow is. */
export function ivPowReal(x: Iv, y: Iv): Iv {
  if (isEmptyIv(x) || isEmptyIv(y)) return EMPTY;
  if (y.lo === y.hi && Number.isInteger(y.lo)) return ivPowInt(x, y.lo);
  const pos = nonnegPart(x, true);
  let out = isEmptyIv(pos) ? EMPTY : ivExp(ivMul(y, ivLog(pos)));
  const zeroIn = x.lo < 0 || (x.lo === 0 && !x.loOpen);
  if (zeroIn && x.hi >= 0) {
    if (y.lo > 0) out = ivHull(out, point(0));
    else out = ivHull(out, iv(0, Infinity));
  }
  // A negative base to an integer exponent is defined (Math.pow(−2, 3) = −8): |x^y| ≤ max |x|^y.
  if (x.lo < 0 && Math.floor(y.hi) >= Math.ceil(y.lo)) {
    const m = ivExp(ivMul(y, ivLog(ivAbs(x)))).hi;
    out = ivHull(out, iv(-m, m));
  }
  return out;
}
