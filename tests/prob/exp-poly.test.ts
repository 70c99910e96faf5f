// The expansion in one variable is an identity: rebuilding Σ (Σ c_k y^k) e^{s y}
// from the parts gives back the expression at every point.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { add, div, exp, log, mul, neg, pow, sqrt, sub, sym, abs } from '../../src/expr/build.js';
import type { Node } from '../../src/expr/ast.js';
import { evalFloat } from '../../src/algebra/index.js';
import { expandIn, polynomialIn, type ExpPoly } from '../../src/prob/index.js';

const [y, a, b, s] = ['y', 'a', 'b', 's'].map(sym);

/** Σ_terms (Σ_k c_k y^k) e^{s y}, evaluated in float64. */
function rebuild(p: ExpPoly, env: Record<string, number>): number {
  return p.reduce((acc, t) => {
    const poly = t.coeffs.reduce((q, c, k) => q + evalFloat(c, env) * env.y ** k, 0);
    return acc + poly * (t.slope ? Math.exp(evalFloat(t.slope, env) * env.y) : 1);
  }, 0);
}

const point = fc.record({
  y: fc.double({ min: -2, max: 2, noNaN: true }),
  a: fc.double({ min: -2, max: 2, noNaN: true }),
  b: fc.double({ min: 0.5, max: 2, noNaN: true }),
  s: fc.double({ min: -1, max: 1, noNaN: true }),
});

const identity = (node: Node) => {
  const p = expandIn(node, 'y');
  expect(p).toBeDefined();
  fc.assert(
    fc.property(point, (env) => {
      const direct = evalFloat(node, env);
      return Math.abs(rebuild(p!, env) - direct) <= 1e-9 * (1 + Math.abs(direct));
    }),
    { seed: 5, numRuns: 200 },
  );
};

describe('expandIn: expression = Σ (Σ c_k y^k) e^{s y}', () => {
  it('(a + y)³ / b', () => identity(div(pow(add(a, y), 3), b)));
  it('(y − a)(y + a) − y² = −a²', () => identity(sub(mul(sub(y, a), add(y, a)), pow(y, 2))));
  it('y² e^{s y + a} − exp(2 y)/b', () => identity(sub(mul(pow(y, 2), exp(add(mul(s, y), a))), div(exp(mul(2, y)), b))));
  it('e^{s y} / e^{a y}  (division by an exponential)', () => identity(div(exp(mul(s, y)), exp(mul(a, y)))));
  it('(e^{s y})^{-2}  (negative power of an exponential)', () => identity(pow(exp(mul(s, y)), -2)));
  it('−(y − a)²/(2b) + log(b)  (a Gaussian log-density; log(b) is a coefficient)', () => identity(add(div(neg(pow(sub(y, a), 2)), mul(2, b)), log(b))));

  it('(a + y)² has coefficients a², 2a, 1', () => {
    const cs = polynomialIn(pow(add(a, y), 2), 'y')!;
    expect(cs).toHaveLength(3);
    expect(evalFloat(cs[0], { a: 3 })).toBe(9);
    expect(evalFloat(cs[1], { a: 3 })).toBe(6);
    expect(evalFloat(cs[2], { a: 3 })).toBe(1);
  });

  it('y − y has no terms at all', () => {
    expect(polynomialIn(sub(y, y), 'y')).toEqual([]);
  });

  it.each([
    ['log(y)', log(y)],
    ['sqrt(y)', sqrt(y)],
    ['abs(y)', abs(y)],
    ['1/y', div(1, y)],
    ['exp(y²)', exp(pow(y, 2))],
    ['y^a (symbolic exponent)', pow(y, a)],
    ['y^(1/2)', pow(y, 0.5)],
    ['y^40 (beyond the moment table)', pow(y, 40)],
  ])('%s is outside the class: undefined', (_name, node) => {
    expect(expandIn(node, 'y')).toBeUndefined();
  });
});
