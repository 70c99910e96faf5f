// Law: a parameter bound is an exact rational, whichever way it is written —
// decimal, exponent, p/q or an integer power b^k (10^-30 is 1/10^30 exactly,
// not the double nearest it) — and −b^k is −(b^k), as in the claim language.
import { describe, expect, it } from 'vitest';
import { parseParam } from '../../src/expr/params.js';
import { ParseError } from '../../src/expr/lexer.js';

const q = (n: bigint, d = 1n) => ({ n, d });

describe('parameter bounds', () => {
  it('integer powers are exact: 10^20, 10^-30, 2^10, 3^2', () => {
    expect(parseParam('x > 10^20').interval.lo).toEqual(q(10n ** 20n));
    expect(parseParam('x in (0, 10^-30)').interval.hi).toEqual(q(1n, 10n ** 30n));
    expect(parseParam('x in (-1, 2^10]').interval).toEqual({ lo: q(-1n), hi: q(1024n), loOpen: true, hiOpen: false });
    expect(parseParam('x = 3^2').interval).toEqual({ lo: q(9n), hi: q(9n), loOpen: false, hiOpen: false });
  });

  it('a sign before a power applies to the power: −10^2 is −100, −10^-3 is −1/1000', () => {
    expect(parseParam('x > -10^2').interval.lo).toEqual(q(-100n));
    expect(parseParam('x < -10^-3').interval.hi).toEqual(q(-1n, 1000n));
  });

  it('the same bound written four ways is the same rational', () => {
    const ways = ['x > 0.001', 'x > 1e-3', 'x > 1/1000', 'x > 10^-3'];
    for (const w of ways) expect(parseParam(w).interval.lo, w).toEqual(q(1n, 1000n));
  });

  it('bad powers are bad input: 0^-1, an exponent beyond ±10000, a decimal base', () => {
    for (const bad of ['x > 0^-1', 'x > 10^99999', 'x > 1.5^2', 'x in (10^3, 10^2)']) {
      expect(() => parseParam(bad), bad).toThrow(ParseError);
    }
  });
});
