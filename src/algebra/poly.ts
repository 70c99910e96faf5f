// Sparse multivariate (Laurent) polynomials over the atoms, with BigInt
// coefficients: a map from monomial key to term. Zero is the empty map.
// Polynomials are values: every operation returns a new map.
import { gcd } from '../expr/rational.js';
import { monoKey, monoMin, monoMul, monoPow, ONE, type Mono, type QExp } from './mono.js';
import { Unsupported } from './unsupported.js';

export interface Term {
  readonly m: Mono;
  readonly c: bigint;
}

export type Poly = ReadonlyMap<string, Term>;

export const ZERO: Poly = new Map();

export function constPoly(c: bigint): Poly {
  return c === 0n ? ZERO : new Map([['', { m: ONE, c }]]);
}

export function monoPoly(m: Mono, c = 1n): Poly {
  return c === 0n ? ZERO : new Map([[monoKey(m), { m, c }]]);
}

function addTerm(acc: Map<string, Term>, m: Mono, c: bigint, key = monoKey(m)): void {
  const t = acc.get(key);
  if (!t) {
    if (c !== 0n) acc.set(key, { m, c });
    return;
  }
  const s = t.c + c;
  if (s === 0n) acc.delete(key);
  else acc.set(key, { m, c: s });
}

/** Σ k_i p_i for integer weights. */
export function polyLinear(parts: readonly (readonly [bigint, Poly])[]): Poly {
  const acc = new Map<string, Term>();
  for (const [k, p] of parts) {
    if (k === 0n) continue;
    for (const [key, t] of p) addTerm(acc, t.m, k * t.c, key);
  }
  return acc;
}

export const polyAdd = (a: Poly, b: Poly): Poly => polyLinear([[1n, a], [1n, b]]);
export const polyNeg = (a: Poly): Poly => polyLinear([[-1n, a]]);

export function polyScale(a: Poly, k: bigint): Poly {
  if (k === 1n) return a;
  return polyLinear([[k, a]]);
}

export function polyMulMono(a: Poly, m: Mono, c = 1n): Poly {
  if (m.length === 0 && c === 1n) return a;
  const out = new Map<string, Term>();
  for (const t of a.values()) {
    const mm = monoMul(t.m, m);
    addTerm(out, mm, t.c * c);
  }
  return out;
}

/** Products of more term pairs than this are given up on: the exact core must stay fast. */
export const MAX_TERM_PAIRS = 4_000_000;
/** Sums whose expansion passes this many terms are given up on (numeric tests take over). */
export const MAX_TERMS = 50_000;

export function polyMul(a: Poly, b: Poly): Poly {
  if (a.size === 0 || b.size === 0) return ZERO;
  if (a.size * b.size > MAX_TERM_PAIRS) throw new Unsupported('a product too large to expand');
  if (a.size === 1) {
    const t = a.values().next().value as Term;
    return polyMulMono(b, t.m, t.c);
  }
  if (b.size === 1) {
    const t = b.values().next().value as Term;
    return polyMulMono(a, t.m, t.c);
  }
  const out = new Map<string, Term>();
  for (const x of a.values()) {
    for (const y of b.values()) addTerm(out, monoMul(x.m, y.m), x.c * y.c);
  }
  return out;
}

/** a^k for k ≥ 0 by repeated squaring. */
export function polyPow(a: Poly, k: number): Poly {
  let result: Poly = constPoly(1n);
  let base = a;
  while (k > 0) {
    if (k & 1) result = polyMul(result, base);
    k >>= 1;
    if (k > 0) base = polyMul(base, base);
  }
  return result;
}

/** A polynomial whose only term is a constant: its value; otherwise undefined. */
export function polyConstant(a: Poly): bigint | undefined {
  if (a.size === 0) return 0n;
  if (a.size > 1) return undefined;
  const t = a.get('');
  return t ? t.c : undefined;
}

/** gcd of the coefficients (positive; 0 for the zero polynomial). */
export function polyContent(a: Poly): bigint {
  let g = 0n;
  for (const t of a.values()) {
    g = gcd(g, t.c);
    if (g === 1n) break;
  }
  return g;
}

/** The largest monomial dividing every term (Laurent: exponents may be negative). */
export function polyMonoContent(a: Poly): Mono {
  let m: Mono | undefined;
  for (const t of a.values()) m = m === undefined ? t.m : monoMin(m, t.m);
  return m ?? ONE;
}

/** Divides every coefficient by k (which must divide them all). */
export function polyDivExact(a: Poly, k: bigint): Poly {
  if (k === 1n) return a;
  const out = new Map<string, Term>();
  for (const [key, t] of a) out.set(key, { m: t.m, c: t.c / k });
  return out;
}

/** Terms sorted by monomial key: the canonical order (the constant term first). */
export function sortedTerms(a: Poly): Term[] {
  return [...a.entries()].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)).map((e) => e[1]);
}

/** The leading term in the canonical order. */
export function leadingTerm(a: Poly): Term | undefined {
  let best: string | undefined;
  for (const k of a.keys()) if (best === undefined || k < best) best = k;
  return best === undefined ? undefined : a.get(best);
}

/** A canonical string: equal polynomials have equal keys. */
export function polyKey(a: Poly): string {
  return sortedTerms(a)
    .map((t) => `${t.c}*${monoKey(t.m)}`)
    .join('+');
}

/** Substitutes m ↦ m^r in every monomial (used for exponent scaling). */
export function polyMonoPow(a: Poly, r: QExp): Poly {
  const out = new Map<string, Term>();
  for (const t of a.values()) addTerm(out, monoPow(t.m, r), t.c);
  return out;
}

/** The set of atoms that occur. */
export function polyAtoms(a: Poly, out: Set<number> = new Set()): Set<number> {
  for (const t of a.values()) for (let i = 0; i < t.m.length; i += 3) out.add(t.m[i]);
  return out;
}

export function polyEqual(a: Poly, b: Poly): boolean {
  if (a.size !== b.size) return false;
  for (const [k, t] of a) {
    const u = b.get(k);
    if (!u || u.c !== t.c) return false;
  }
  return true;
}

/** Lex order on monomials (atom 0 first): positive when a > b. */
export function lexCompare(a: Mono, b: Mono): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a[i] : Infinity;
    const y = j < b.length ? b[j] : Infinity;
    if (x === y) {
      const d = a[i + 1] / a[i + 2] - b[j + 1] / b[j + 2];
      if (d !== 0) return d;
      i += 3;
      j += 3;
    } else if (x < y) return a[i + 1] > 0 ? 1 : -1;
    else return b[j + 1] > 0 ? -1 : 1;
  }
  return 0;
}

const plainMono = (m: Mono): boolean => {
  for (let i = 0; i < m.length; i += 3) if (m[i + 1] < 0 || m[i + 2] !== 1) return false;
  return true;
};

function lexLeading(p: ReadonlyMap<string, Term>): Term | undefined {
  let best: Term | undefined;
  for (const t of p.values()) if (!best || lexCompare(t.m, best.m) > 0) best = t;
  return best;
}

/**
 * f / g when g divides f exactly (over the integers, which for a primitive g
 * is the same as over the rationals: Gauss's lemma), else undefined. Only for
 * ordinary polynomials (integer exponents ≥ 0). With one divisor, the division
 * algorithm leaves remainder 0 exactly when g divides f: the leading term of
 * every remainder must be divisible by the leading term of g.
 */
export function polyDivide(f: Poly, g: Poly, maxSteps = 10_000): Poly | undefined {
  for (const t of f.values()) if (!plainMono(t.m)) return undefined;
  for (const t of g.values()) if (!plainMono(t.m)) return undefined;
  const lg = lexLeading(g);
  if (!lg) return undefined;
  const r = new Map(f);
  const q = new Map<string, Term>();
  for (let step = 0; r.size > 0; step++) {
    if (step >= maxSteps) return undefined;
    const lt = lexLeading(r) as Term;
    if (lt.c % lg.c !== 0n) return undefined;
    const m = monoMul(lt.m, monoPow(lg.m, { n: -1, d: 1 }));
    if (!plainMono(m)) return undefined;
    const c = lt.c / lg.c;
    addTerm(q, m, c);
    for (const t of g.values()) addTerm(r, monoMul(t.m, m), -c * t.c);
  }
  return q;
}
