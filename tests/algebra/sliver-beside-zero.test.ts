// Law: a violation confined to a sliver of the domain beside 0 — where abs,
// max, min and sqrt change — is found, however thin the sliver: bisection
// cuts at 0 first, then halves. (max(x, 0) = x on (−1e-30, 1) was verified:
// every test point but those below 0 agrees, and halving (−1e-30, 1) at its
// midpoints never reaches the sliver.)
import { describe, expect, it } from 'vitest';
import type { Rel } from '../../src/expr/ast.js';
import { contains, domainOf } from '../../src/expr/domain.js';
import { check, dom, valueOf } from './helpers.js';

/** The counterexample's coordinate as an exact rational (a sliver of width 1e-200 is below double resolution). */
const exact = (v: number | string) => {
  const m = /^(-?\d+)\/(\d+)$/.exec(String(v));
  return m ? { n: BigInt(m[1]), d: BigInt(m[2]) } : undefined;
};

const CASES: readonly (readonly [string, Rel, string, Record<string, string>])[] = [
  ['max(x, 0)', '=', 'x', { x: '(-1e-30, 1)' }],
  ['abs(x)', '=', 'x', { x: '(-1e-200, 5)' }],
  ['sqrt(x^2)', '=', 'x', { x: '(-1e-40, 1)' }],
  ['min(x, 0)', '>=', '0', { x: '(-1e-25, 3)' }],
  ['max(x, 0) + max(y, 0)', '=', 'x + y', { x: '(0, 1)', y: '(-1e-20, 2)' }],
  ['x*abs(x)', '>=', '0', { x: '(-1e-12, 1e6)' }],
];

describe('a violation in a sliver beside 0', () => {
  for (const [lhs, rel, rhs, params] of CASES) {
    it(`${lhs} ${rel} ${rhs} on ${JSON.stringify(params)} is refuted, at a point of the sliver`, () => {
      const v = check(lhs, rel, rhs, params);
      expect(v.verdict, JSON.stringify(v.evidence[0])).toBe('refuted');
      if (v.verdict !== 'refuted') return;
      for (const [k, x] of Object.entries(v.counterexample.params)) {
        const q = exact(x);
        expect(q ? contains(domainOf(dom(params), k), q) : contains(domainOf(dom(params), k), valueOf(x)), `${k} = ${x}`).toBe(true);
      }
      expect(Object.values(v.counterexample.params).some((x) => valueOf(x) < 0)).toBe(true);
    });
  }

  it('the same claims where the sliver is not in the domain hold', () => {
    for (const [lhs, rel, rhs, params] of CASES) {
      const nonneg = Object.fromEntries(Object.keys(params).map((k) => [k, '(0, 1)']));
      expect(['proved', 'verified'], `${lhs} ${rel} ${rhs}`).toContain(check(lhs, rel, rhs, nonneg).verdict);
    }
  });
});
