// Univariate polynomials with integer coefficients (BigInt), lowest degree
// first, no trailing zeros: [] is 0. What the exact decision of univariate
// rational claims needs: arithmetic, gcd by primitive pseudo-remainders, the
// squarefree part, Sturm sequences and exact signs at rational points.
import * as Q from '../expr/rational.js';
import { gcd, type Rational } from '../expr/rational.js';

export type UPoly = readonly bigint[];

export const deg = (p: UPoly): number => p.length - 1;

function trim(a: bigint[]): bigint[] {
  let n = a.length;
  while (n > 0 && a[n - 1] === 0n) n--;
  return a.length === n ? a : a.slice(0, n);
}

export function upAdd(a: UPoly, b: UPoly): UPoly {
  const out: bigint[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) out.push((a[i] ?? 0n) + (b[i] ?? 0n));
  return trim(out);
}

export const upScale = (a: UPoly, k: bigint): UPoly => (k === 0n ? [] : a.map((c) => c * k));
export const upNeg = (a: UPoly): UPoly => a.map((c) => -c);
export const upSub = (a: UPoly, b: UPoly): UPoly => upAdd(a, upNeg(b));

export function upMul(a: UPoly, b: UPoly): UPoly {
  if (a.length === 0 || b.length === 0) return [];
  const out: bigint[] = new Array(a.length + b.length - 1).fill(0n);
  for (let i = 0; i < a.length; i++) {
    if (a[i] === 0n) continue;
    for (let j = 0; j < b.length; j++) out[i + j] += a[i] * b[j];
  }
  return trim(out);
}

export function upPow(a: UPoly, k: number): UPoly {
  let r: UPoly = [1n];
  for (let i = 0; i < k; i++) r = upMul(r, a);
  return r;
}

export function upDerivative(a: UPoly): UPoly {
  return trim(a.slice(1).map((c, i) => c * BigInt(i + 1)));
}

export function content(a: UPoly): bigint {
  let g = 0n;
  for (const c of a) g = gcd(g, c);
  return g;
}

/** a divided by the gcd of its coefficients (a positive number: the signs of values are kept). */
export function primitive(a: UPoly): UPoly {
  const g = content(a);
  return g <= 1n ? a : a.map((c) => c / g);
}

/**
 * The pseudo-remainder of a by b, times a POSITIVE constant: |lc(b)|^(deg a − deg b + 1) · a
 * = q·b + r. A positive factor keeps Sturm sequences valid.
 */
export function upPrem(a: UPoly, b: UPoly): UPoly {
  const lc = b[b.length - 1];
  const s = lc < 0n ? -lc : lc;
  let r: bigint[] = [...a];
  while (r.length >= b.length && r.length > 0) {
    const shift = r.length - b.length;
    const c = r[r.length - 1];
    // r ← |lc|·r − sign(lc)·c·x^shift·b: the leading term cancels.
    r = r.map((x) => x * s);
    const k = lc < 0n ? -c : c;
    for (let i = 0; i < b.length; i++) r[i + shift] -= k * b[i];
    r = trim(r);
  }
  return r;
}

export function upGcd(a: UPoly, b: UPoly): UPoly {
  let x = primitive(a);
  let y = primitive(b);
  while (y.length > 0) {
    const r = primitive(upPrem(x, y));
    x = y;
    y = r;
  }
  return x;
}

/** a / b for b dividing a over Q, made primitive (a positive multiple of the true quotient up to sign of contents). */
export function upDivExact(a: UPoly, b: UPoly): UPoly {
  // Polynomial long division over Q, then clear denominators.
  const r: Rational[] = a.map((c) => Q.rational(c));
  const lb = Q.rational(b[b.length - 1]);
  const q: Rational[] = new Array(Math.max(0, a.length - b.length + 1)).fill(Q.rational(0n));
  for (let i = a.length - b.length; i >= 0; i--) {
    const c = Q.div(r[i + b.length - 1], lb);
    q[i] = c;
    for (let j = 0; j < b.length; j++) r[i + j] = Q.sub(r[i + j], Q.mul(c, Q.rational(b[j])));
  }
  let l = 1n;
  for (const c of q) l = (l * c.d) / gcd(l, c.d);
  return primitive(trim(q.map((c) => (c.n * l) / c.d)));
}

/** The squarefree part: the same real roots, each simple. */
export function squarefree(a: UPoly): UPoly {
  if (a.length <= 2) return primitive(a);
  const g = upGcd(a, upDerivative(a));
  return g.length <= 1 ? primitive(a) : upDivExact(a, g);
}

/** The sign of a(n/d) for d > 0, exactly: d^deg · a(n/d) = Σ a_i n^i d^(deg − i), by Horner. */
export function signAt(a: UPoly, x: Rational): -1 | 0 | 1 {
  let acc = 0n;
  let dpow = 1n;
  for (let i = a.length - 1; i >= 0; i--) {
    acc = acc * x.n + a[i] * dpow;
    dpow *= x.d;
  }
  return acc > 0n ? 1 : acc < 0n ? -1 : 0;
}

/** The value a(x), exactly. */
export function valueAt(a: UPoly, x: Rational): Rational {
  let acc = Q.rational(0n);
  for (let i = a.length - 1; i >= 0; i--) acc = Q.add(Q.mul(acc, x), Q.rational(a[i]));
  return acc;
}

/** The Sturm sequence of a squarefree a: a, a', then negated pseudo-remainders. */
export function sturm(a: UPoly): UPoly[] {
  const seq: UPoly[] = [a];
  let next = primitive(upDerivative(a));
  while (next.length > 0) {
    seq.push(next);
    const r = upPrem(seq[seq.length - 2], next);
    next = primitive(upNeg(r));
  }
  return seq;
}

/** Sign changes of the sequence at x (zeros dropped). */
export function variations(seq: readonly UPoly[], x: Rational): number {
  let v = 0;
  let last = 0;
  for (const p of seq) {
    const s = signAt(p, x);
    if (s === 0) continue;
    if (last !== 0 && s !== last) v++;
    last = s;
  }
  return v;
}

/** A bound B with every real root in (−B, B): Cauchy's, 1 + max |a_i / a_n|, rounded up. */
export function rootBound(a: UPoly): bigint {
  const lc = a[a.length - 1] < 0n ? -a[a.length - 1] : a[a.length - 1];
  let m = 0n;
  for (const c of a.slice(0, -1)) {
    const x = c < 0n ? -c : c;
    const q = (x + lc - 1n) / lc;
    if (q > m) m = q;
  }
  return m + 2n;
}
