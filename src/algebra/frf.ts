// Factored rational functions: the normal form the exact core works in.
//
//   value = coef · mono · ∏ f_i^{e_i}
//
// coef is an exact rational, mono a (Laurent) monomial over atoms, and each f_i
// a canonical polynomial factor: primitive, at least two terms, no monomial
// content, oriented so that it is ≥ 0 on the domain when its sign is known
// (else with a positive leading coefficient). Exponents are integers, or
// fractions for factors known to be ≥ 0. Products, quotients and integer powers
// only merge exponent lists, so identical factors cancel for free; only a sum
// expands, and only the cofactors left after pulling out what all its terms
// share (ring.ts). Zero is coef = 0.
import type { Rational } from '../expr/rational.js';
import { monoKey, ONE, qadd, qmul, type Mono, type QExp } from './mono.js';
import type { Poly } from './poly.js';

export interface FactorPow {
  readonly key: string;
  readonly poly: Poly;
  readonly e: QExp;
}

export interface FRF {
  readonly coef: Rational;
  readonly mono: Mono;
  /** Sorted by key; no zero exponents. */
  readonly factors: readonly FactorPow[];
}

export const frfConst = (coef: Rational): FRF => ({ coef, mono: ONE, factors: [] });
export const FRF_ZERO: FRF = frfConst({ n: 0n, d: 1n });
export const FRF_ONE: FRF = frfConst({ n: 1n, d: 1n });

export const isZeroF = (a: FRF): boolean => a.coef.n === 0n;

/** A rational constant (no atoms, no factors), else undefined. */
export const constOf = (a: FRF): Rational | undefined => (a.mono.length === 0 && a.factors.length === 0 ? a.coef : undefined);

/** Merges two sorted factor lists, adding exponents (scaled by k for the second). */
export function mergeFactors(a: readonly FactorPow[], b: readonly FactorPow[], k: QExp = { n: 1, d: 1 }): FactorPow[] {
  const out: FactorPow[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x.key < y.key)) {
      out.push(x);
      i++;
    } else if (x === undefined || y.key < x.key) {
      out.push({ ...y, e: qmul(y.e, k) });
      j++;
    } else {
      const e = qadd(x.e, qmul(y.e, k));
      if (e.n !== 0) out.push({ ...x, e });
      i++;
      j++;
    }
  }
  return out;
}

export function scaleFactors(a: readonly FactorPow[], k: QExp): FactorPow[] {
  return k.n === 0 ? [] : a.map((f) => ({ ...f, e: qmul(f.e, k) }));
}

/** A canonical string: within one ring, equal forms have equal keys. */
export function frfKey(a: FRF): string {
  const fs = a.factors.map((f) => `(${f.key})^${f.e.n}/${f.e.d}`).join('');
  return `${a.coef.n}/${a.coef.d}|${monoKey(a.mono)}|${fs}`;
}
