// Monomials over atoms: ∏ atom^e with small rational exponents e = n/d.
//
// A monomial is a flat array [atom, n, d, atom, n, d, …] sorted by atom id,
// with n ≠ 0, d > 0 and gcd(n, d) = 1. Exponents may be negative (Laurent
// monomials: x^-1 stands for 1/x, defined wherever the expression is) and
// fractional only for atoms that are non-negative on the domain, where
// x^a · x^b = x^(a+b) holds for all real a, b (see atoms.ts). The string key
// (`monoKey`) is the identity used by polynomial maps.
import { Unsupported } from './unsupported.js';

export type Mono = readonly number[];

export const ONE: Mono = [];

/** Exponent n/d as a pair of small integers. */
export interface QExp {
  readonly n: number;
  readonly d: number;
}

export const Q1: QExp = { n: 1, d: 1 };

export function igcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Exponents beyond this are given up on: products of two stay exact in doubles (< 2^53). */
const MAX_EXP = 2 ** 26;

/** n/d in lowest terms, d > 0. Exponents stay far below 2^53, so doubles are exact. */
export function qexp(n: number, d = 1): QExp {
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d)) throw new Unsupported('an exponent too large for the exact core');
  if (d < 0) {
    n = -n;
    d = -d;
  }
  const g = igcd(n, d) || 1;
  n /= g;
  d /= g;
  if (Math.abs(n) > MAX_EXP || d > MAX_EXP) throw new Unsupported('an exponent too large for the exact core');
  return { n, d };
}

export const qadd = (a: QExp, b: QExp): QExp => (a.d === 1 && b.d === 1 && Math.abs(a.n) < MAX_EXP && Math.abs(b.n) < MAX_EXP ? { n: a.n + b.n, d: 1 } : qexp(a.n * b.d + b.n * a.d, a.d * b.d));
export const qmul = (a: QExp, b: QExp): QExp => qexp(a.n * b.n, a.d * b.d);
export const qcmp = (a: QExp, b: QExp): number => a.n * b.d - b.n * a.d;
/** floor(a / p) for a period p > 0: a = k p + r with 0 ≤ r < p. */
export const qfloorDiv = (a: QExp, p: QExp): number => Math.floor((a.n * p.d) / (a.d * p.n));

export const monoKey = (m: Mono): string => m.join(',');

export function monoOf(atom: number, e: QExp): Mono {
  return e.n === 0 ? ONE : [atom, e.n, e.d];
}

/** The exponent of one atom (0 when absent). */
export function monoExp(m: Mono, atom: number): QExp {
  for (let i = 0; i < m.length; i += 3) {
    if (m[i] === atom) return { n: m[i + 1], d: m[i + 2] };
    if (m[i] > atom) break;
  }
  return { n: 0, d: 1 };
}

/** a · b: exponents add (a merge of two sorted lists). */
export function monoMul(a: Mono, b: Mono): Mono {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) {
      out.push(a[i], a[i + 1], a[i + 2]);
      i += 3;
    } else if (a[i] > b[j]) {
      out.push(b[j], b[j + 1], b[j + 2]);
      j += 3;
    } else {
      const e = qadd({ n: a[i + 1], d: a[i + 2] }, { n: b[j + 1], d: b[j + 2] });
      if (e.n !== 0) out.push(a[i], e.n, e.d);
      i += 3;
      j += 3;
    }
  }
  for (; i < a.length; i += 3) out.push(a[i], a[i + 1], a[i + 2]);
  for (; j < b.length; j += 3) out.push(b[j], b[j + 1], b[j + 2]);
  return out;
}

/** m^r: every exponent times r. */
export function monoPow(m: Mono, r: QExp): Mono {
  if (r.n === 0) return ONE;
  if (r.n === 1 && r.d === 1) return m;
  const out: number[] = [];
  for (let i = 0; i < m.length; i += 3) {
    const e = qmul({ n: m[i + 1], d: m[i + 2] }, r);
    out.push(m[i], e.n, e.d);
  }
  return out;
}

export const monoInv = (m: Mono): Mono => monoPow(m, { n: -1, d: 1 });

/** The largest monomial dividing both (per atom, the smaller exponent; absent counts as 0). */
export function monoMin(a: Mono, b: Mono): Mono {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const ai = i < a.length ? a[i] : Infinity;
    const bj = j < b.length ? b[j] : Infinity;
    if (ai < bj) {
      if (a[i + 1] < 0) out.push(ai, a[i + 1], a[i + 2]);
      i += 3;
    } else if (bj < ai) {
      if (b[j + 1] < 0) out.push(bj, b[j + 1], b[j + 2]);
      j += 3;
    } else {
      const x = { n: a[i + 1], d: a[i + 2] };
      const y = { n: b[j + 1], d: b[j + 2] };
      const e = qcmp(x, y) <= 0 ? x : y;
      out.push(ai, e.n, e.d);
      i += 3;
      j += 3;
    }
  }
  return out;
}

/** The atoms of a monomial, in order. */
export function monoAtoms(m: Mono): number[] {
  const out: number[] = [];
  for (let i = 0; i < m.length; i += 3) out.push(m[i]);
  return out;
}

/** Splits m into (the part on the given atoms, the rest). */
export function monoSplit(m: Mono, keep: (atom: number, e: QExp) => boolean): [Mono, Mono] {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < m.length; i += 3) (keep(m[i], { n: m[i + 1], d: m[i + 2] }) ? a : b).push(m[i], m[i + 1], m[i + 2]);
  return [a, b];
}
