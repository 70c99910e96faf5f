// Multiprecision interval evaluation at a point: rigorous enclosures of an
// expression at exact rational parameter values, in decimal.js at DIGITS
// significant digits with directed rounding.
//
// Why it is rigorous. Every value is an interval [lo, hi] of Decimals. The
// basic operations (+ − × ÷) of decimal.js are computed exactly and rounded
// once to DIGITS digits in the requested direction: `Dn` rounds toward −∞,
// `Up` toward +∞, so lo only moves down and hi only up. decimal.js documents
// exp, ln and sqrt as correctly rounded; we still widen their results by a
// relative 10^-(DIGITS−3) (a thousand units in the last place), so an error of
// a few ulps in the library could not break an enclosure either. tanh, sech,
// sigmoid, logit, real powers and e are built from exp and ln by the same
// interval arithmetic. π is a 100-digit literal with a 10^-99 radius. sin and
// cos are our own Taylor series in interval arithmetic with a Lagrange
// remainder, after a reduction by the enclosure of π (decimal.js does not
// document its trigonometric functions as correctly rounded, so they are not
// used); tan = sin/cos.
//
// A value that is undefined at the point (log 0, x/0, sqrt of a negative), or
// whose enclosure cannot tell (the argument of a log straddles 0), makes the
// result `undefined`: callers skip such a point, never guess.
import { Decimal } from 'decimal.js';
import type { Node } from '../expr/ast.js';
import type { MpKit } from '../expr/functions/_function.js';
import { fnOf } from '../expr/functions/index.js';
import type { Rational } from '../expr/rational.js';

/** Significant digits of every operation (60 promised, 10 of guard). */
export const DIGITS = 70;
/** A difference smaller than this, relative to the sides, is "no difference at 60 digits". */
export const AGREE_DIGITS = 60;

const RANGE = { minE: -9e15, maxE: 9e15, toExpNeg: -7, toExpPos: 21 } as const;

/** The arithmetic of one precision: directed rounding at `digits`, and the guard contexts. */
interface Precision {
  readonly digits: number;
  readonly Dn: typeof Decimal;
  readonly Up: typeof Decimal;
  readonly Hi1: typeof Decimal;
  readonly Hp: typeof Decimal;
  readonly DnR: typeof Decimal;
  readonly UpR: typeof Decimal;
  readonly slack: Decimal;
}
const precisions = new Map<number, Precision>();
function precisionOf(digits: number): Precision {
  let c = precisions.get(digits);
  if (!c) {
    c = {
      digits,
      Dn: Decimal.clone({ precision: digits, rounding: Decimal.ROUND_FLOOR, ...RANGE }),
      Up: Decimal.clone({ precision: digits, rounding: Decimal.ROUND_CEIL, ...RANGE }),
      Hi1: Decimal.clone({ precision: digits + 10, rounding: Decimal.ROUND_HALF_EVEN, ...RANGE }),
      // The series of sin and cos, and the reduction of their argument (see trig).
      Hp: Decimal.clone({ precision: digits + 20, rounding: Decimal.ROUND_HALF_EVEN, ...RANGE }),
      DnR: Decimal.clone({ precision: digits + 30, rounding: Decimal.ROUND_FLOOR, ...RANGE }),
      UpR: Decimal.clone({ precision: digits + 30, rounding: Decimal.ROUND_CEIL, ...RANGE }),
      // Relative widening for library functions (a thousand ulps at `digits` digits).
      slack: new Decimal(`1e-${digits - 3}`),
    };
    precisions.set(digits, c);
  }
  return c;
}

// The precision of the evaluation under way (mpEval sets it; evaluation is synchronous).
let P = precisionOf(DIGITS);
let Dn = P.Dn;
let Up = P.Up;
let Hi1 = P.Hi1;
let Hp = P.Hp;
let DnR = P.DnR;
let UpR = P.UpR;
let SLACK = P.slack;
function usePrecision(digits: number): void {
  P = precisionOf(digits);
  ({ Dn, Up, Hi1, Hp, DnR, UpR } = P);
  SLACK = P.slack;
}

export interface MpIv {
  readonly lo: Decimal;
  readonly hi: Decimal;
}

const ZERO = new Decimal(0);
const ONE = new Decimal(1);
const point = (x: Decimal): MpIv => ({ lo: x, hi: x });
const PI_DIGITS =
  '3.141592653589793238462643383279502884197169399375105820974944592307816406286208998628034825342117068';
/** π within 10^-99, from its first 100 digits; piEnclosure below gives more where a precision needs them. */
const PI: MpIv = { lo: precisionOf(DIGITS).DnR.sub(PI_DIGITS, '1e-99'), hi: precisionOf(DIGITS).UpR.add(PI_DIGITS, '1e-99') };

const piCache = new Map<number, MpIv>();
/**
 * π enclosed to `digits` digits: PI up to 90, beyond by Machin's formula
 * π = 16 atan(1/5) − 4 atan(1/239), each atan an alternating series whose
 * truncation error is below the first omitted term; the sum is carried 20
 * digits further than asked, and the enclosure widened by 10^-(digits+5),
 * far more than the roundings of a few thousand terms can add.
 */
function piEnclosure(digits: number): MpIv {
  if (digits <= 90) return PI;
  let c = piCache.get(digits);
  if (!c) {
    const H = precisionOf(digits + 20).Hi1;
    const tiny = new H(`1e-${digits + 25}`);
    const atanInv = (k: number): Decimal => {
      const k2 = k * k;
      let power = new H(1).div(k);
      let sum = power;
      for (let n = 1; power.gt(tiny); n++) {
        power = power.div(k2);
        const term = power.div(2 * n + 1);
        sum = n % 2 === 1 ? sum.sub(term) : sum.add(term);
      }
      return sum;
    };
    const pi = H.mul(16, atanInv(5)).sub(H.mul(4, atanInv(239)));
    const r = new H(`1e-${digits + 5}`);
    c = { lo: pi.sub(r), hi: pi.add(r) };
    piCache.set(digits, c);
  }
  return c;
}

/** Arguments of sin and cos beyond this get [−1, 1]: π's 100 digits would leave fewer than 70 after reduction. */
const TRIG_LIMIT = new Decimal('1e25');
/** Arguments of exp beyond this are left alone (the result would leave decimal.js's exponent range). */
const EXP_LIMIT = new Decimal('1e15');

class Undefined extends Error {}
const undef = (): never => {
  throw new Undefined();
};

const widenDown = (x: Decimal): Decimal => (x.isZero() ? x : Dn.sub(x, Up.mul(x.abs(), SLACK)));
const widenUp = (x: Decimal): Decimal => (x.isZero() ? x : Up.add(x, Up.mul(x.abs(), SLACK)));

export function rationalIv(r: Rational): MpIv {
  const n = new Decimal(r.n.toString());
  if (r.d === 1n) return point(n);
  const d = new Decimal(r.d.toString());
  return { lo: Dn.div(n, d), hi: Up.div(n, d) };
}

/**
 * The largest magnitude an addition saw during the current evaluation: the
 * scale of the computation. Cancellation loses digits relative to it, not to
 * the result (log(1 + e^45) − 45 is 2.9e-20, computed from numbers near 45),
 * so "no difference at 60 digits" is measured against it.
 */
let scale = new Decimal(0);
const noteScale = (x: MpIv): void => {
  const m = Decimal.max(x.lo.abs(), x.hi.abs());
  if (m.gt(scale)) scale = m;
};

/**
 * The widest gap, in decimal orders of magnitude, between two addends that
 * are both certainly nonzero: 10^400 + 1 has 400. At a fixed precision the
 * smaller addend keeps only (digits − span) digits, so a difference hidden in
 * it (10^400 + 1 against 10^400; log(1 + e^800) against 800) is invisible;
 * mp-check.ts re-evaluates at span + DIGITS digits. An addend whose enclosure
 * straddles 0 is an unresolved zero, not a small number, and is not counted.
 */
let span = 0;
const orderOf = (x: MpIv): number | undefined => (x.lo.gt(0) || x.hi.lt(0) ? Decimal.max(x.lo.abs(), x.hi.abs()).e : undefined);

/**
 * The same gap inside a library function: exp(x) = 1 + x + … for |x| < 1,
 * cos r = 1 − r²/2 + …, σ(v) = 1/(1 + e^{−v}); `small` is the order of
 * magnitude of the first term a fixed precision drops against 1.
 */
const noteGap = (small: Decimal): void => {
  if (small.isZero() || !small.isFinite()) return;
  const gap = -small.abs().e;
  if (gap > span) span = gap;
};

function add(a: MpIv, b: MpIv): MpIv {
  noteScale(a);
  noteScale(b);
  const ea = orderOf(a);
  const eb = ea === undefined ? undefined : orderOf(b);
  if (ea !== undefined && eb !== undefined && Math.abs(ea - eb) > span) span = Math.abs(ea - eb);
  return { lo: Dn.add(a.lo, b.lo), hi: Up.add(a.hi, b.hi) };
}
const neg = (a: MpIv): MpIv => ({ lo: a.hi.neg(), hi: a.lo.neg() });
export const sub = (a: MpIv, b: MpIv): MpIv => add(a, neg(b));

function mul(a: MpIv, b: MpIv): MpIv {
  const ends: [Decimal, Decimal][] = [[a.lo, b.lo], [a.lo, b.hi], [a.hi, b.lo], [a.hi, b.hi]];
  return { lo: Decimal.min(...ends.map(([x, y]) => Dn.mul(x, y))), hi: Decimal.max(...ends.map(([x, y]) => Up.mul(x, y))) };
}

/** 1/b where b excludes 0; undefined (or undecidable) when it does not. */
function inv(b: MpIv): MpIv {
  if (!(b.lo.gt(0) || b.hi.lt(0))) return undef();
  return { lo: Dn.div(1, b.hi), hi: Up.div(1, b.lo) };
}

const div = (a: MpIv, b: MpIv): MpIv => mul(a, inv(b));

/** |a|: the interval of absolute values. */
function abs(a: MpIv): MpIv {
  if (a.lo.gte(0)) return a;
  if (a.hi.lte(0)) return neg(a);
  return { lo: ZERO, hi: Decimal.max(a.lo.neg(), a.hi) };
}

/** a^k for an integer k ≥ 0, by squaring on the absolute values (monotone there). */
function powNat(a: MpIv, k: number): MpIv {
  if (k === 0) return point(ONE);
  const m = abs(a);
  let lo: Decimal = ONE;
  let hi: Decimal = ONE;
  let bl = m.lo;
  let bh = m.hi;
  for (let e = k; e > 0; e >>= 1) {
    if (e & 1) {
      lo = Dn.mul(lo, bl);
      hi = Up.mul(hi, bh);
    }
    if (e > 1) {
      bl = Dn.mul(bl, bl);
      bh = Up.mul(bh, bh);
    }
  }
  if (k % 2 === 0) return { lo, hi };
  // Odd powers keep the sign: monotone increasing on the reals.
  if (a.lo.gte(0)) return { lo, hi };
  if (a.hi.lte(0)) return { lo: hi.neg(), hi: lo.neg() };
  return { lo: Dn.mul(powNat({ lo: a.lo.neg(), hi: a.lo.neg() }, k).hi, -1), hi: powNat({ lo: a.hi, hi: a.hi }, k).hi };
}

/**
 * An increasing, correctly rounded library function on an interval. At a
 * point (lo = hi) it is evaluated once, correctly rounded to nearest at
 * DIGITS + 10 digits (error ≤ half an ulp there, 5e-80 relative), then
 * widened by SLACK (1e-67 relative) each way: the same enclosure for half the work.
 */
function monotone(a: MpIv, f: (c: typeof Decimal, x: Decimal) => Decimal): MpIv {
  if (a.lo.eq(a.hi)) {
    const v = f(Hi1, a.lo);
    return { lo: widenDown(v), hi: widenUp(v) };
  }
  return { lo: widenDown(f(Dn, a.lo)), hi: widenUp(f(Up, a.hi)) };
}

function exp(a: MpIv): MpIv {
  if (a.hi.gt(EXP_LIMIT) || a.lo.lt(EXP_LIMIT.neg())) return undef();
  if (a.lo.abs().lt(1)) noteGap(a.lo);
  if (a.hi.abs().lt(1)) noteGap(a.hi);
  const r = monotone(a, (c, x) => c.exp(x));
  return { lo: Decimal.max(ZERO, r.lo), hi: r.hi };
}

function ln(a: MpIv): MpIv {
  if (!a.lo.gt(0)) return undef();
  return monotone(a, (c, x) => c.ln(x));
}

function sqrt(a: MpIv): MpIv {
  if (a.lo.lt(0)) return undef();
  return monotone(a, (c, x) => c.sqrt(x));
}

/** x^y for a non-integer exponent: x > 0 (exp(y ln x)), or x = 0 with y > 0. */
function powReal(x: MpIv, y: MpIv): MpIv {
  if (x.lo.isZero() && x.hi.isZero() && y.lo.gt(0)) return point(ZERO);
  return exp(mul(y, ln(x)));
}

/**
 * sin or cos, rigorously: x = kπ + r with k = round(x/π), r enclosed at
 * DIGITS + 30 digits using the enclosure of π; then the Taylor series of sin
 * or cos at the midpoint of r, at DIGITS + 20 digits rounded to nearest, up to
 * the first term below 10^-(DIGITS+10); sin(x) = (−1)^k sin(r), cos(x) =
 * (−1)^k cos(r). The enclosure adds up:
 *   - the Lagrange remainder |r|^(n+2)/(n+2)! after the last degree n used;
 *   - the rounding of the series: |r| ≤ 2, each of the ≤ 2·80 operations has a
 *     relative error ≤ u = ½·10^-(DIGITS+19), the terms sum in absolute value
 *     to ≤ cosh 2 < 4, so the total is below 1000·u; we add 10^-(DIGITS+10);
 *   - the radius of r and the width of the argument (|sin'|, |cos'| ≤ 1).
 * decimal.js does not document its own sin and cos as correctly rounded, so
 * they are not used.
 */
function trig(fn: 'sin' | 'cos', a: MpIv): MpIv {
  // Far out, the 100 digits of π leave too few for the reduction.
  if (a.hi.abs().gt(TRIG_LIMIT) || a.lo.abs().gt(TRIG_LIMIT)) return { lo: new Decimal(-1), hi: ONE };
  const k = Hp.div(a.lo, PI_DIGITS).add(0.5).floor();
  // r = x − kπ with directed rounding at DIGITS + 30 digits, π to as many.
  const pi = piEnclosure(P.digits + 30);
  const kPiLo = k.gte(0) ? DnR.mul(k, pi.lo) : DnR.mul(k, pi.hi);
  const kPiHi = k.gte(0) ? UpR.mul(k, pi.hi) : UpR.mul(k, pi.lo);
  const rLo = DnR.sub(a.lo, kPiHi);
  const rHi = UpR.sub(a.lo, kPiLo);
  const rm = Hp.add(rLo, rHi).div(2);
  const radius = Up.add(Up.sub(rHi, rLo), Up.sub(a.hi, a.lo));
  const m = Up.add(rm.abs(), radius);
  const tiny = new Decimal(`1e-${P.digits + 10}`);
  const r2 = Hp.mul(rm, rm);
  // cos r = 1 − r²/2 + …, sin r = r(1 − r²/6 + …): r² is what a fixed precision drops.
  noteGap(r2);
  let n = fn === 'sin' ? 1 : 0;
  let term = fn === 'sin' ? rm : new Hp(1);
  let sum = term;
  let bound: Decimal = fn === 'sin' ? m : ONE; // |r|^n / n!, rounded up
  while (!bound.lt(tiny)) {
    const den = (n + 1) * (n + 2);
    term = Hp.div(Hp.mul(term, r2), den).neg();
    bound = Up.div(Up.mul(bound, Up.mul(m, m)), den);
    sum = Hp.add(sum, term);
    n += 2;
  }
  const rem = Up.div(Up.mul(bound, Up.mul(m, m)), (n + 1) * (n + 2));
  const slack = Up.add(Up.add(rem, tiny), radius);
  // The series adds numbers of size up to 1 (cos r, the terms of sin r): that is the scale of this computation.
  noteScale(point(ONE));
  let lo = Dn.sub(sum, slack);
  let hi = Up.add(sum, slack);
  if (!k.mod(2).isZero()) [lo, hi] = [hi.neg(), lo.neg()];
  return { lo: Decimal.max(-1, lo), hi: Decimal.min(1, hi) };
}

/** An increasing function applied to the ends, each end enclosed at its point. */
function increasing(a: MpIv, f: (x: MpIv) => MpIv): MpIv {
  if (a.lo.eq(a.hi)) return f(a);
  return { lo: f(point(a.lo)).lo, hi: f(point(a.hi)).hi };
}

const TWO = point(new Decimal(2));
const ONE_IV = point(ONE);

/** tanh(v) = (1 − e^{−2v}) / (1 + e^{−2v}) for v ≥ 0 (no cancellation against 1 in the denominator), odd. */
function tanhAt(v: MpIv): MpIv {
  if (v.lo.lt(0)) return neg(tanhAt(neg(v)));
  const t = exp(mul(point(new Decimal(-2)), v));
  noteGap(t.hi);
  // Decreasing in t: lo from t.hi, hi from t.lo.
  return { lo: Dn.div(Dn.sub(1, t.hi), Up.add(1, t.hi)), hi: Up.div(Up.sub(1, t.lo), Dn.add(1, t.lo)) };
}

/** σ(v) = 1/(1 + e^{−v}). */
function sigmoidAt(v: MpIv): MpIv {
  const t = exp(neg(v));
  noteGap(t.hi);
  return { lo: Dn.div(1, Up.add(1, t.hi)), hi: Up.div(1, Dn.add(1, t.lo)) };
}

/**
 * Φ(x), the standard normal CDF, enclosed at a point x:
 *   Φ(x) = ½ + sign(x)·φ(|x|)·S(|x|),  S(z) = Σ_{n≥0} z^{2n+1}/(2n+1)!!,  φ(z) = e^{−z²/2}/√(2π).
 * The terms of S are positive, with ratio z²/(2n+3); once that ratio is ≤ ½ the
 * rest of the series is at most the last term, which is added to the upper end.
 * For x < 0 the subtraction loses about log10(1/Φ(x)) ≈ z²/(2 ln 10) digits: the
 * sum is carried that many digits further (π too: piEnclosure).
 */
function normalCdfPoint(x: Decimal): MpIv {
  const z = x.abs();
  const zf = z.toNumber();
  if (!(zf < 1e4)) return x.isNegative() ? { lo: ZERO, hi: new Decimal('1e-1000') } : { lo: Dn.sub(1, '1e-1000'), hi: ONE };
  const W = precisionOf(P.digits + Math.ceil((zf * zf) / 2 / Math.LN10) + 10);
  const z2lo = W.Dn.mul(z, z);
  const z2hi = W.Up.mul(z, z);
  let tLo = z;
  let tHi = z;
  let sLo = z;
  let sHi = z;
  const tiny = new Decimal(`1e-${W.digits + 5}`);
  for (let n = 0; ; n++) {
    tLo = W.Dn.div(W.Dn.mul(tLo, z2lo), 2 * n + 3);
    tHi = W.Up.div(W.Up.mul(tHi, z2hi), 2 * n + 3);
    sLo = W.Dn.add(sLo, tLo);
    sHi = W.Up.add(sHi, tHi);
    if (W.Up.div(z2hi, 2 * n + 5).lte(0.5) && tHi.lte(W.Up.mul(sHi, tiny))) break;
    if (n > 200_000) return undef();
  }
  sHi = W.Up.add(sHi, tHi); // the remainder
  // φ(z) enclosed: e^{−z²/2} correctly rounded, widened as the library functions are; √(2π) from π's enclosure.
  const slack = W.slack;
  const eLo = W.Dn.exp(W.Dn.div(z2hi, -2));
  const eHi = W.Up.exp(W.Up.div(z2lo, -2));
  const pi = piEnclosure(W.digits);
  const rootLo = W.Dn.sqrt(W.Dn.mul(2, pi.lo));
  const rootHi = W.Up.sqrt(W.Up.mul(2, pi.hi));
  const phiLo = W.Dn.div(W.Dn.sub(eLo, W.Up.mul(eLo, slack)), rootHi);
  const phiHi = W.Up.div(W.Up.add(eHi, W.Up.mul(eHi, slack)), rootLo);
  const mLo = W.Dn.mul(phiLo, sLo);
  const mHi = W.Up.mul(phiHi, sHi);
  const r = x.isNegative() ? { lo: W.Dn.sub(0.5, mHi), hi: W.Up.sub(0.5, mLo) } : { lo: W.Dn.add(0.5, mLo), hi: W.Up.add(0.5, mHi) };
  return { lo: Decimal.max(ZERO, r.lo), hi: Decimal.min(ONE, r.hi) };
}

/**
 * Φ⁻¹(p) enclosed at a point 0 < p < 1: Newton's iteration on Φ from the double
 * guess `guess` (AS 241), then a certificate — an interval [x − δ, x + δ] with
 * Φ(x − δ) ≤ p ≤ Φ(x + δ) by the enclosures above (Φ is increasing), δ from
 * 10^-digits·max(1, |x|), widened a hundredfold at a time if the certificate fails.
 */
function normalQuantilePoint(p: Decimal, guess: (q: number) => number): MpIv {
  if (!(p.gt(0) && p.lt(1))) return undef();
  const N = precisionOf(P.digits + 10).Hi1;
  // The guess from the nearer tail q = min(p, 1 − p) (1 − p in doubles would be 0 for p = 1 − 10^-30); below the
  // doubles' range, the tail's asymptotics: Φ⁻¹(q) ≈ −√(L − ln L − ln 2π) with L = −2 ln q.
  const lower = p.lt(0.5);
  const q = lower ? p : N.sub(1, p);
  const qd = q.toNumber();
  let g = qd > 0 ? guess(qd) : NaN;
  if (!Number.isFinite(g)) {
    const L = -2 * q.ln().toNumber();
    g = -Math.sqrt(Math.max(0, L - Math.log(L) - Math.log(2 * Math.PI)));
  }
  let x = new N(lower ? g : -g);
  const sqrt2pi = N.sqrt(N.mul(2, piEnclosure(P.digits + 10).lo));
  for (let it = 0; it < 200; it++) {
    const c = normalCdfPoint(x);
    const mid = N.add(c.lo, c.hi).div(2);
    const phi = N.exp(N.mul(x, x).div(-2)).div(sqrt2pi);
    if (phi.isZero()) return undef();
    const step = N.sub(mid, p).div(phi);
    x = N.sub(x, step);
    if (step.abs().lte(N.mul(Decimal.max(1, x.abs()), `1e-${P.digits + 5}`))) break;
  }
  for (let d = P.digits; d >= 2; d -= 4) {
    const delta = Up.mul(Decimal.max(1, x.abs()), `1e-${d}`);
    const lo = Dn.sub(x, delta);
    const hi = Up.add(x, delta);
    if (normalCdfPoint(lo).hi.lte(p) && normalCdfPoint(hi).lo.gte(p)) return { lo, hi };
  }
  return undef();
}

/** Φ⁻¹ on an interval inside (0, 1): increasing, each end certified at its point (guess: the doubles' AS 241). */
function probitAt(a: MpIv, guess: (p: number) => number): MpIv {
  if (!(a.lo.gt(0) && a.hi.lt(1))) return undef();
  return increasing(a, (e) => normalQuantilePoint(e.lo, guess));
}

/** What the function table's `mp` facets compute with (src/expr/functions/). */
const MP_KIT: MpKit = {
  exp, ln, sqrt, abs, add, sub, mul, div, neg, trig, increasing, tanhAt, sigmoidAt, probitAt,
  min: (a, b) => ({ lo: Decimal.min(a.lo, b.lo), hi: Decimal.min(a.hi, b.hi) }),
  max: (a, b) => ({ lo: Decimal.max(a.lo, b.lo), hi: Decimal.max(a.hi, b.hi) }),
  ONE: ONE_IV,
  TWO,
  undef,
  positive: (a) => a.lo.gt(0),
  belowOne: (a) => a.hi.lt(1),
};

function call(fn: string, xs: MpIv[]): MpIv {
  const m = fnOf(fn)?.mp;
  return m ? m(xs, MP_KIT) : undef();
}

function evalIv(node: Node, env: Readonly<Record<string, MpIv>>): MpIv {
  switch (node.op) {
    case 'num':
      return rationalIv(node);
    case 'const':
      return node.name === 'pi' ? PI : exp(ONE_IV);
    case 'sym':
      return env[node.name] ?? undef();
    case 'add':
      return node.args.map((a) => evalIv(a, env)).reduce(add);
    case 'mul':
      return node.args.map((a) => evalIv(a, env)).reduce(mul);
    case 'neg':
      return neg(evalIv(node.args[0], env));
    case 'div':
      return div(evalIv(node.args[0], env), evalIv(node.args[1], env));
    case 'pow': {
      const [b, e] = node.args;
      if (b.op === 'const' && b.name === 'e') return exp(evalIv(e, env));
      const y = evalIv(e, env);
      const x = evalIv(b, env);
      if (e.op === 'num' && e.d === 1n && e.n >= -100_000n && e.n <= 100_000n) {
        const k = Number(e.n);
        if (k === 0) return point(ONE); // 0^0 = 1, as Math.pow and evalExact say
        return k > 0 ? powNat(x, k) : inv(powNat(x, -k));
      }
      return powReal(x, y);
    }
    case 'call':
      return call(node.fn, node.args.map((a) => evalIv(a, env)));
    default:
      return undef();
  }
}

export interface MpValue extends MpIv {
  /** The largest magnitude added or subtracted on the way (and the value's own). */
  readonly scale: Decimal;
  /** The widest gap between two nonzero addends on the way, in decimal orders of magnitude (see `span`). */
  readonly span: number;
  /** The precision it was computed at, in significant digits. */
  readonly digits: number;
}

/**
 * The enclosure of node at the exact point, or undefined where it is undefined
 * or cannot be enclosed; computed at `digits` significant digits (DIGITS by default).
 */
export function mpEval(node: Node, at: Readonly<Record<string, Rational>>, digits = DIGITS): MpValue | undefined {
  usePrecision(digits);
  const env: Record<string, MpIv> = {};
  for (const [k, v] of Object.entries(at)) env[k] = rationalIv(v);
  scale = new Decimal(0);
  span = 0;
  try {
    const r = evalIv(node, env);
    noteScale(r);
    return r.lo.isFinite() && r.hi.isFinite() && r.lo.lte(r.hi) ? { ...r, scale, span, digits } : undefined;
  } catch (e) {
    if (e instanceof Undefined) return undefined;
    // decimal.js throws on exotic inputs (precision limits); that is "cannot enclose", not a verdict.
    if (e instanceof Error && /DecimalError/.test(e.message)) return undefined;
    throw e;
  } finally {
    usePrecision(DIGITS);
  }
}

/** A short printed form of an enclosure: [lo, hi] at 20 digits, rounded outward. */
export function showIv(x: MpIv): string {
  return `[${x.lo.toSignificantDigits(20, Decimal.ROUND_FLOOR).toString()}, ${x.hi.toSignificantDigits(20, Decimal.ROUND_CEIL).toString()}]`;
}

/** The digits promised at a precision: AGREE_DIGITS at DIGITS, 10 of guard in general. */
export const agreeDigitsAt = (digits: number): number => digits - (DIGITS - AGREE_DIGITS);

/** The tolerance "no difference at agreeDigitsAt(digits) digits": relative to the scale of both computations. */
export function agreementTolerance(l: MpValue, r: MpValue): Decimal {
  const digits = Math.min(l.digits, r.digits);
  return precisionOf(digits).Dn.mul(Decimal.max(l.scale, r.scale), `1e-${agreeDigitsAt(digits)}`);
}

export const toNumberIv = (x: MpIv): number => Dn.add(x.lo, x.hi).div(2).toNumber();
