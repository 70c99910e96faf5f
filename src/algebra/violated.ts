// Which sign of lhs − rhs violates a relation: the one rule behind every
// refutation, whatever certifies the sign (exact rationals, doubles beyond an
// error bound, interval enclosures, multiprecision enclosures).
import type { Rel } from '../expr/ast.js';

/**
 * Does lhs − rhs of this certain sign (1: surely positive, −1: surely
 * negative, 0: zero, or not known) violate the relation?
 */
export const violatedBy = (rel: Rel, sign: number): boolean => (rel === '=' ? sign > 0 || sign < 0 : rel === '<=' ? sign > 0 : sign < 0);

/** The sign of an exact rational's numerator. */
export const exactSign = (d: { readonly n: bigint }): number => (d.n > 0n ? 1 : d.n < 0n ? -1 : 0);
