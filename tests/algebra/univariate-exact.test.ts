// Law: a polynomial or rational claim in one variable over an interval is
// decided exactly (Sturm sequences over Q): proved, or refuted at an exact
// rational point — never `verified`, on any seed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Rel } from '../../src/expr/ast.js';
import { parse } from '../../src/expr/parse.js';
import * as Q from '../../src/expr/rational.js';
import { evalExact } from '../../src/algebra/eval-exact.js';
import { simplestBetween } from '../../src/algebra/univariate.js';
import { rootBound, signAt, squarefree, sturm, upMul, variations } from '../../src/algebra/upoly.js';
import { methodOf } from '../../src/verdict.js';
import { check, dom, insideDomain } from './helpers.js';

/** Refuted exactly: the counterexample is a rational in the domain where the sides, evaluated exactly, violate rel. */
function expectExactRefutation(lhs: string, rel: Rel, rhs: string, params: Record<string, string>, seed = 1): Q.Rational {
  const v = check(lhs, rel, rhs, params, { seed });
  expect(v.verdict, JSON.stringify(v.evidence[0])).toBe('refuted');
  if (v.verdict !== 'refuted') throw new Error('not refuted');
  expect(v.counterexample.arithmetic).toBe('exact');
  expect(insideDomain(v, dom(params))).toBe(true);
  const [name, value] = Object.entries(v.counterexample.params)[0];
  const m = /^(-?\d+)(?:\/(\d+))?$/.exec(String(value));
  expect(m).not.toBeNull();
  const t = Q.rational(BigInt(m![1]), BigInt(m![2] ?? '1'));
  const l = evalExact(parse(lhs), { [name]: t });
  const r = evalExact(parse(rhs), { [name]: t });
  expect(l && r).toBeTruthy();
  const d = Q.sub(l!, r!);
  expect(rel === '=' ? d.n !== 0n : rel === '<=' ? d.n > 0n : d.n < 0n).toBe(true);
  return t;
}

describe('near-tangent quadratics', () => {
  it('x² − 2.8284272x + 2 >= 0 on (0, 2) is refuted at a rational inside the 6e-4-wide dip, on every seed', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const t = Q.toNumber(expectExactRefutation('x^2 - 2.8284272*x + 2', '>=', '0', { x: '(0,2)' }, seed));
      expect(t).toBeGreaterThan(1.4139);
      expect(t).toBeLessThan(1.4146);
    }
  });

  it('x² − 2.8284271x + 2 >= 0 (discriminant < 0 by 5e-7) is proved', () => {
    const v = check('x^2 - 2.8284271*x + 2', '>=', '0', { x: '(0,2)' });
    expect(v.verdict).toBe('proved');
    expect(methodOf(v)).toBe('sturm-exact');
  });

  it('a double root is no violation: (x − 1/3)²(2 − x) >= 0 on (−∞, 2] is proved', () => {
    expect(check('(x - 1/3)^2*(2 - x)', '>=', '0', { x: '(-inf,2]' }).verdict).toBe('proved');
  });

  it('two roots 1e-12 apart: (x − 1)(x − 1 − 1e-12) >= 0 on (0, 2) is refuted between them', () => {
    const t = expectExactRefutation('(x - 1)*(x - 1 - 1e-12)', '>=', '0', { x: '(0,2)' });
    expect(Q.cmp(t, Q.rational(1n)) > 0).toBe(true);
    expect(Q.cmp(t, Q.add(Q.rational(1n), Q.rational(1n, 10n ** 12n))) < 0).toBe(true);
  });
});

describe('cheap certificates of the issue', () => {
  it('x² − 2x + 1 >= 0 and x(1 − x) <= 1/4 are proved on the reals', () => {
    expect(check('x^2 - 2*x + 1', '>=', '0').verdict).toBe('proved');
    expect(check('x*(1-x)', '<=', '1/4').verdict).toBe('proved');
  });

  it('x(1 − x) <= 0.2499999 is refuted at a rational near 1/2', () => {
    expectExactRefutation('x*(1-x)', '<=', '0.2499999', {});
  });
});

describe('rational functions: poles and ends', () => {
  it('x/(x² + 1) <= 1/2 is proved on the reals (equality at x = 1), <= 0.4999999 refuted', () => {
    expect(check('x/(x^2 + 1)', '<=', '1/2').verdict).toBe('proved');
    expectExactRefutation('x/(x^2 + 1)', '<=', '0.4999999', {});
  });

  it('1/x >= 0 is proved on (0, ∞) and refuted on the reals (the pole at 0 is excluded, not crossed silently)', () => {
    expect(check('1/x', '>=', '0', { x: '(0,inf)' }).verdict).toBe('proved');
    const t = expectExactRefutation('1/x', '>=', '0', {});
    expect(Q.toNumber(t)).toBeLessThan(0);
  });

  it('the sides are compared where both are defined: (x² − 1)/(x − 1) >= x + 1 on the reals is proved, and the evidence says so', () => {
    const v = check('(x^2 - 1)/(x - 1)', '>=', 'x + 1');
    expect(v.verdict).toBe('proved');
  });

  it('roots at the domain ends are handled exactly: x³ − x >= 0 on [−1, 0] is proved, on [−1, 0.5] refuted', () => {
    expect(check('x^3 - x', '>=', '0', { x: '[-1,0]' }).verdict).toBe('proved');
    expectExactRefutation('x^3 - x', '>=', '0', { x: '[-1,0.5]' });
  });

  it('a closed end is a test point: x <= 1 on [0, 1] is proved, x < 1 as x − 1 <= −1e-30 refuted at 1', () => {
    expect(check('x', '<=', '1', { x: '[0,1]' }).verdict).toBe('proved');
    const t = expectExactRefutation('x - 1', '<=', '-1e-30', { x: '[0,1]' });
    expect(Q.toString(t)).toBe('1');
  });

  it('a nonzero rational difference is an exact refutation of =: x² = x on (0, 1)', () => {
    expectExactRefutation('x^2', '=', 'x', { x: '(0,1)' });
  });

  it('high degree is still decided exactly: (x² + 1)^24 >= x^47 is proved', () => {
    const v = check('(x^2 + 1)^24', '>=', 'x^47');
    expect(v.verdict).toBe('proved');
    expect(methodOf(v)).toBe('sturm-exact');
  });

  it('a degree-30 power is fine: (x − 1)^30 >= 0 is proved, (x − 1)^31 >= 0 on (0, 2) refuted', () => {
    expect(check('(x - 1)^30', '>=', '0').verdict).toBe('proved');
    expectExactRefutation('(x - 1)^31', '>=', '0', { x: '(0,2)' });
  });

  it('a single-point domain [a, a] is checked at a', () => {
    expect(check('x^2', '<=', '4', { x: '[2,2]' }).verdict).toBe('proved');
    expectExactRefutation('x^2', '<=', '3.9', { x: '[2,2]' });
  });
});

describe('never verified: random univariate polynomial inequalities', () => {
  const coeff = fc.integer({ min: -9, max: 9 });
  const poly = fc.array(coeff, { minLength: 1, maxLength: 6 });
  const ends = fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: 1, max: 6 }), fc.boolean(), fc.boolean());
  it('every answer is proved or refuted exactly, and agrees with dense sampling', () => {
    fc.assert(
      fc.property(poly, ends, fc.constantFrom<Rel>('<=', '>=', '='), (cs, [lo, w, lc, hc], rel) => {
        const text = cs.map((c, i) => `(${c})*x^${i}`).join(' + ');
        const params = { x: `${lc ? '[' : '('}${lo},${lo + w}${hc ? ']' : ')'}` };
        const v = check(text, rel, '0', params);
        expect(['proved', 'refuted']).toContain(v.verdict);
        if (v.verdict === 'proved') {
          // No sampled point may violate the claim (beyond rounding).
          for (let k = 1; k < 400; k++) {
            const x = lo + (w * k) / 400;
            const y = cs.reduce((s, c, i) => s + c * x ** i, 0);
            const bad = rel === '=' ? Math.abs(y) > 1e-9 : rel === '<=' ? y > 1e-9 : y < -1e-9;
            expect(bad, `${text} ${rel} 0 at ${x}`).toBe(false);
          }
        }
      }),
      { seed: 8, numRuns: 150 },
    );
  });
});

describe('the exact machinery', () => {
  it('Sturm counts the real roots of x³ − 2x in (−2, 2]: three', () => {
    const s = sturm(squarefree([0n, -2n, 0n, 1n]));
    expect(variations(s, Q.rational(-2n)) - variations(s, Q.rational(2n))).toBe(3);
  });

  it('the squarefree part drops repeated roots: (x − 1)²(x + 2) → degree 2', () => {
    const p = upMul(upMul([-1n, 1n], [-1n, 1n]), [2n, 1n]);
    expect(squarefree(p).length - 1).toBe(2);
  });

  it('signs at rationals are exact: x² − 2 at 99/70 and 140/99', () => {
    expect(signAt([-2n, 0n, 1n], Q.rational(99n, 70n))).toBe(1);
    expect(signAt([-2n, 0n, 1n], Q.rational(140n, 99n))).toBe(-1);
  });

  it('Cauchy’s bound encloses every root', () => {
    expect(rootBound([-1000n, 0n, 1n]) > 31n).toBe(true);
  });

  it('the simplest rational strictly between two: 1/3 in (0.3, 0.34), 2 in (1.5, 2.5), 0 across 0, 5/2 in (2.4, 2.6)', () => {
    const q = (s: string) => Q.parseDecimal(s)!;
    expect(Q.toString(simplestBetween(q('0.3'), q('0.34')))).toBe('1/3');
    expect(Q.toString(simplestBetween(q('1.5'), q('2.5')))).toBe('2');
    expect(Q.toString(simplestBetween(q('-1'), q('1')))).toBe('0');
    expect(Q.toString(simplestBetween(q('2.4'), q('2.6')))).toBe('5/2');
    expect(Q.toString(simplestBetween(q('-2.6'), q('-2.4')))).toBe('-5/2');
  });
});
