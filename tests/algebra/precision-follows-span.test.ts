// Law: a difference hidden below a fixed precision does not pass. When the
// sides add numbers S orders of magnitude apart (10^400 + 1; log(1 + e^800)),
// a 70-digit agreement says nothing about the smaller addend, so the point is
// re-checked at S + 70 digits: a false claim whose difference hides there is
// refuted with a rigorous enclosure; a true one keeps its verdict; and where
// S is beyond every precision tried the answer is unknown, never verified.
import { describe, expect, it } from 'vitest';
import { check } from './helpers.js';
import { MAX_DIGITS } from '../../src/algebra/mp-check.js';
import type { Rel } from '../../src/expr/ast.js';

type Case = readonly [string, Rel, string, Record<string, string>?];

const HIDDEN: readonly Case[] = [
  ['10^400', '=', '10^400 + 1'],
  ['2^2000', '=', '2^2000 + 1'],
  ['log(1 + exp(800))', '=', '800'],
  ['softplus(800)', '<=', '800'],
  ['sqrt(10^400 + 1)', '=', '10^200'],
  ['exp(-900) + 1', '=', '1'],
  ['softplus(x)', '=', 'x', { x: '(700, inf)' }],
  ['log(1 + exp(x))', '<=', 'x', { x: '[750, 800]' }],
  ['x + 10^-500', '=', 'x', { x: '(0, 1)' }],
  ['tanh(x)', '>=', '1', { x: '(400, 500)' }],
  // the gap inside a library function: exp(x) = 1 + x + …, cos r = 1 − r²/2 + …, σ(v) = 1/2 + v/4 + …
  ['cos(10^-40)^2', '=', '1'],
  ['exp(10^-80)', '=', '1'],
  ['tanh(10^-50)/10^-50', '=', '1'],
  ['sigmoid(10^-60)', '=', '1/2'],
  ['sin(x)/x', '>=', '1', { x: '(0, 1e-35)' }],
];

const TRUE: readonly Case[] = [
  ['softplus(800)', '=', 'log(1 + exp(800))'],
  ['log(1 + exp(x)) - x', '=', 'log(1 + exp(-x))', { x: '(700, 800)' }],
  ['sqrt(10^400)', '=', '10^200'],
  ['exp(1000)*exp(-1000)', '=', '1'],
  ['log(1 + exp(800))', '>=', '800'],
  ['(10^300 + 1)^2', '=', '10^600 + 2*10^300 + 1'],
  ['sin(x)^2 + cos(x)^2', '=', '1', { x: '(0, 1e-30)' }],
  ['exp(x)*exp(-x)', '=', '1', { x: '(0, 1e-40)' }],
  ['2*sigmoid(2*x) - 1', '=', 'tanh(x)', { x: '(0, 1e-40)' }],
];

describe('precision follows the span of the additions', () => {
  for (const [lhs, rel, rhs, params] of HIDDEN) {
    it(`${lhs} ${rel} ${rhs}${params ? ` on ${JSON.stringify(params)}` : ''} is refuted, its difference resolved in multiprecision`, () => {
      const v = check(lhs, rel, rhs, params ?? {});
      expect(v.verdict, JSON.stringify(v.evidence)).toBe('refuted');
    });
  }

  for (const [lhs, rel, rhs, params] of TRUE) {
    it(`${lhs} ${rel} ${rhs} still holds`, () => {
      const v = check(lhs, rel, rhs, params ?? {});
      expect(['proved', 'verified'], JSON.stringify(v)).toContain(v.verdict);
    });
  }

  it('a refutation found at a raised precision says how many digits and why', () => {
    const v = check('10^400', '=', '10^400 + 1');
    const d = v.evidence[0].detail;
    expect(d).toMatch(/470-digit enclosure/);
    expect(d).toMatch(/400 orders of magnitude apart/);
  });

  it(`beyond ${MAX_DIGITS} digits the answer is unknown, not verified: doubles cannot see 10^3000 + 1 − 10^3000`, () => {
    for (const [l, r] of [['10^3000', '10^3000 + 1'], ['exp(5000) + 1', 'exp(5000) + 2']] as const) {
      const v = check(l, '=', r);
      expect(v.verdict === 'unknown' || v.verdict === 'refuted', `${l} = ${r}: ${JSON.stringify(v)}`).toBe(true);
    }
  });
});
