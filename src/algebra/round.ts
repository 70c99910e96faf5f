// Directed rounding for interval arithmetic: the neighbours of a double, the
// exactness of a sum (TwoSum), and doubles just below/above a rational.
import type { Rational } from '../expr/rational.js';
import { toNumber } from '../expr/rational.js';

const buf = new Float64Array(1);
const bits = new BigInt64Array(buf.buffer);

/** The next double above x (x itself for +∞ and NaN). */
export function nextUp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  buf[0] = x;
  bits[0] += x > 0 ? 1n : -1n;
  return buf[0];
}

/** The next double below x. */
export function nextDown(x: number): number {
  return -nextUp(-x);
}

/** Rounds a computed value outward by k ulps, for library functions that are not correctly rounded. */
export function widenDown(x: number, k = 2): number {
  for (let i = 0; i < k; i++) x = nextDown(x);
  return x;
}
export function widenUp(x: number, k = 2): number {
  for (let i = 0; i < k; i++) x = nextUp(x);
  return x;
}

/**
 * Bounds on a + b: [fl(a+b), fl(a+b)] when the sum is exact, else one side
 * widened by an ulp. TwoSum gives the exact rounding error err = (a+b) − s.
 */
export function sumDown(a: number, b: number): number {
  const s = a + b;
  if (!Number.isFinite(s)) return s;
  const bb = s - a;
  const err = a - (s - bb) + (b - bb);
  return err < 0 ? nextDown(s) : s;
}
export function sumUp(a: number, b: number): number {
  const s = a + b;
  if (!Number.isFinite(s)) return s;
  const bb = s - a;
  const err = a - (s - bb) + (b - bb);
  return err > 0 ? nextUp(s) : s;
}

/** The exact rational value of a finite double. */
export function exactOf(x: number): Rational {
  if (x === 0) return { n: 0n, d: 1n };
  buf[0] = x;
  const raw = bits[0];
  const neg = raw < 0n;
  const expBits = Number((raw >> 52n) & 0x7ffn);
  let mant = raw & 0xfffffffffffffn;
  let e: number;
  if (expBits === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = expBits - 1075;
  }
  let n = neg ? -mant : mant;
  let d = 1n;
  if (e >= 0) n <<= BigInt(e);
  else d <<= BigInt(-e);
  while ((n & 1n) === 0n && d > 1n) {
    n >>= 1n;
    d >>= 1n;
  }
  return { n, d };
}

function cmpExact(x: number, r: Rational): number {
  const q = exactOf(x);
  const diff = q.n * r.d - r.n * q.d;
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
}

/** The largest double ≤ r. */
export function ratDown(r: Rational): number {
  const x = toNumber(r);
  if (!Number.isFinite(x)) return x > 0 ? Number.MAX_VALUE : -Infinity;
  return cmpExact(x, r) > 0 ? nextDown(x) : x;
}

/** The smallest double ≥ r. */
export function ratUp(r: Rational): number {
  const x = toNumber(r);
  if (!Number.isFinite(x)) return x < 0 ? -Number.MAX_VALUE : Infinity;
  return cmpExact(x, r) < 0 ? nextUp(x) : x;
}
