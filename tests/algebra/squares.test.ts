// Law: a polynomial difference that is a sum of squares (an exact PSD Gram
// matrix over Q) is proved ≥ 0 in any number of variables; where it is not
// nonnegative, no certificate is ever given.
import { describe, expect, it } from 'vitest';
import type { Rel } from '../../src/expr/ast.js';
import { parse } from '../../src/expr/parse.js';
import { rational } from '../../src/expr/rational.js';
import { isPsd, provedBySquares } from '../../src/algebra/squares.js';
import { methodOf } from '../../src/verdict.js';
import { check } from './helpers.js';

const sos = (l: string, rel: Rel, r: string) => provedBySquares(parse(l), rel, parse(r));

describe('sum-of-squares certificates', () => {
  const proved: [string, Rel, string][] = [
    ['a^2 + b^2', '>=', '2*a*b'],
    ['(a + b)^2', '<=', '2*(a^2 + b^2)'],
    ['x^2 + y^2 + 1', '>=', 'x*y + x + y'],
    ['a^4 + b^4', '>=', '2*a^2*b^2'],
    ['(a^2 + b^2)^2', '>=', '4*a^2*b^2'],
    ['a^2 + b^2 + c^2', '>=', 'a*b + b*c + c*a'],
    ['x^2*y^2 + 1', '>=', '2*x*y'],
  ];
  for (const [l, rel, r] of proved) {
    it(`${l} ${rel} ${r} is proved on the reals`, () => {
      expect(sos(l, rel, r)).toBeDefined();
      const v = check(l, rel, r);
      expect(v.verdict).toBe('proved');
      expect(['sum-of-squares', 'factored-sign', 'interval-bound', 'sturm-exact']).toContain(methodOf(v));
    });
  }

  const falseOnes: [string, Rel, string][] = [
    ['a^2 + b^2', '>=', '3*a*b'],
    ['x^2 + y^2', '>=', '1'],
    ['a*b', '>=', '0'],
    ['x^2 - y^2', '>=', '0'],
    ['a^2 + b^2', '<=', '2*a*b'],
  ];
  for (const [l, rel, r] of falseOnes) {
    it(`${l} ${rel} ${r} gets no certificate and is refuted`, () => {
      expect(sos(l, rel, r)).toBeUndefined();
      expect(check(l, rel, r).verdict).toBe('refuted');
    });
  }

  it('non-polynomial sides get no certificate (no guessing)', () => {
    expect(sos('exp(a)^2 + 1', '>=', '2*exp(a)')).toBeUndefined();
    expect(sos('1/a^2 + a^2', '>=', '2')).toBeUndefined();
  });

  it('the PSD check is exact: [[1, 1], [1, 1]] is PSD, [[1, 1], [1, 1 − 1e-30]] is not', () => {
    const one = rational(1n);
    expect(isPsd([[one, one], [one, one]])).toBe(true);
    expect(isPsd([[one, one], [one, rational(10n ** 30n - 1n, 10n ** 30n)]])).toBe(false);
    expect(isPsd([[rational(0n), one], [one, one]])).toBe(false);
  });
});
