// Atoms: the indeterminates of the normal form. A symbol, pi, exp(u), log(u),
// sin(u), cos(u), or an ALIAS: a fresh name for a value V that is ≥ 0 wherever
// the expression is defined (a non-negative factor, a prime, the radicand of a
// root of unknown sign, a square f²). Only aliases carry a relation,
// alias^1 = V; ring.ts reduces alias^e to V^floor(e) · alias^(e − floor(e)),
// so sqrt(a)² = a is built in, and √2·√2 = 2.
//
// `nonneg` atoms may carry fractional exponents: x^a · x^b = x^(a+b) holds
// for x ≥ 0 (where both sides are defined). An atom is nonneg when it is by
// construction (exp, alias, pi, a symbol declared ≥ 0) or when the interval
// oracle says so on the domain (log x for x ≥ 1, sin x on (0, π)).
import type { Node } from '../expr/ast.js';
import type { FRF } from './frf.js';

/** 'fn': an opaque call of a table function (src/expr/functions/) that no rule rewrites, e.g. probit(u). */
export type AtomKind = 'sym' | 'pi' | 'exp' | 'log' | 'alias' | 'sin' | 'cos' | 'fn';

export interface Atom {
  readonly id: number;
  readonly kind: AtomKind;
  readonly key: string;
  /** The defining expression (for enclosures and printing). */
  readonly node: Node;
  /** May carry fractional exponents. */
  readonly nonneg: boolean;
  /** 1: ≥ 0 on the domain; −1: ≤ 0; 0: unknown. */
  readonly sign: 1 | -1 | 0;
  /** alias: atom = value. */
  readonly value?: FRF;
  /** exp: the exponent; log: the argument; sin/cos: the angle. */
  readonly arg?: FRF;
}

export interface AtomSpec {
  readonly node: Node;
  readonly nonneg?: boolean;
  readonly sign?: 1 | -1 | 0;
  readonly value?: FRF;
  readonly arg?: FRF;
}
