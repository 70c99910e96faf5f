// The one rule of which sign of lhs − rhs violates a relation (src/algebra/violated.ts).
import { describe, expect, it } from 'vitest';
import { exactSign, violatedBy } from '../../src/algebra/violated.js';
import { rational } from '../../src/expr/rational.js';

describe('violatedBy: the sign of lhs − rhs that refutes', () => {
  it('= is violated by either certain sign, never by zero or an unknown sign', () => {
    expect([1, -1, 0].map((s) => violatedBy('=', s))).toEqual([true, true, false]);
  });
  it('<= only by a positive difference, >= only by a negative one', () => {
    expect([1, -1, 0].map((s) => violatedBy('<=', s))).toEqual([true, false, false]);
    expect([1, -1, 0].map((s) => violatedBy('>=', s))).toEqual([false, true, false]);
  });
  it('a NaN sign (nothing certified) violates nothing', () => {
    expect(violatedBy('=', NaN) || violatedBy('<=', NaN) || violatedBy('>=', NaN)).toBe(false);
  });
  it('exactSign reads the numerator, for tiny and huge rationals alike', () => {
    expect([rational(1n, 10n ** 40n), rational(-(10n ** 40n)), rational(0n)].map(exactSign)).toEqual([1, -1, 0]);
  });
});
