// Parameter domains: each symbol ranges over an interval of the reals, open or
// closed at each end, possibly unbounded. Undeclared symbols are real.
import { cmp, parseDecimal, type Rational } from './rational.js';

export interface Interval {
  /** undefined: unbounded below. */
  readonly lo?: Rational;
  readonly hi?: Rational;
  readonly loOpen: boolean;
  readonly hiOpen: boolean;
}

export type Domain = ReadonlyMap<string, Interval>;

export const REAL: Interval = { loOpen: true, hiOpen: true };

export const domainOf = (d: Domain, name: string): Interval => d.get(name) ?? REAL;

/** An interval is empty when lo > hi, or lo = hi with an open end. */
export function isEmpty(i: Interval): boolean {
  if (!i.lo || !i.hi) return false;
  const c = cmp(i.lo, i.hi);
  return c > 0 || (c === 0 && (i.loOpen || i.hiOpen));
}

/** The intersection of two intervals. */
export function intersect(a: Interval, b: Interval): Interval {
  let lo = a.lo, loOpen = a.loOpen;
  if (b.lo && (!lo || cmp(b.lo, lo) > 0 || (cmp(b.lo, lo) === 0 && b.loOpen))) {
    lo = b.lo;
    loOpen = b.loOpen;
  }
  let hi = a.hi, hiOpen = a.hiOpen;
  if (b.hi && (!hi || cmp(b.hi, hi) < 0 || (cmp(b.hi, hi) === 0 && b.hiOpen))) {
    hi = b.hi;
    hiOpen = b.hiOpen;
  }
  return { lo, hi, loOpen, hiOpen };
}

export const interval = (lo: number | undefined, hi: number | undefined, loOpen = true, hiOpen = true): Interval => ({
  lo: lo === undefined ? undefined : parseDecimal(String(lo)),
  hi: hi === undefined ? undefined : parseDecimal(String(hi)),
  loOpen,
  hiOpen,
});

/** (0, ∞) */
export const POSITIVE: Interval = interval(0, undefined);
/** (0, 1) */
export const UNIT: Interval = interval(0, 1);

/** Is x (a double) inside the interval? */
/**
 * Is x in the interval? The one membership test: a float is compared with the
 * ends as floats (NaN is in no bounded interval), a rational exactly.
 */
export function contains(i: Interval, x: number | Rational): boolean {
  // The sign of x − end: −1, 0, 1, or NaN when x is NaN.
  const side = (end: Rational): number => {
    if (typeof x !== 'number') return cmp(x, end);
    const e = Number(end.n) / Number(end.d);
    return x > e ? 1 : x < e ? -1 : x === e ? 0 : NaN;
  };
  if (i.lo) {
    const c = side(i.lo);
    if (!(c > 0 || (c === 0 && !i.loOpen))) return false;
  }
  if (i.hi) {
    const c = side(i.hi);
    if (!(c < 0 || (c === 0 && !i.hiOpen))) return false;
  }
  return true;
}

export function formatInterval(i: Interval): string {
  const f = (r: Rational | undefined, inf: string) => (r ? (r.d === 1n ? `${r.n}` : `${r.n}/${r.d}`) : inf);
  return `${i.loOpen ? '(' : '['}${f(i.lo, '-inf')}, ${f(i.hi, 'inf')}${i.hiOpen ? ')' : ']'}`;
}
