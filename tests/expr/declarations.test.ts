// Declarations define one joint distribution and consistent shapes:
// random variables ordered so that each depends only on earlier ones (a
// self-reference or a cycle defines nothing: refused), and vectors combined
// only with vectors of the same dimension, on every path.
import { describe, expect, it } from 'vitest';
import type { Binding } from '../../src/expr/ast.js';
import { parse, parseClaim, parseRandom } from '../../src/expr/parse.js';
import { checkDimensions, DistributionError, orderBindings } from '../../src/prob/validate.js';
import { expectClosedForm } from '../../src/prob/expect-closed-form.js';

/** Parses declarations as the CLI's first pass does (earlier ones in scope). */
function declare(...specs: string[]): Binding[] {
  const out: Binding[] = [];
  for (const s of specs) out.push(parseRandom(s, { random: out }));
  return out;
}

describe('orderBindings: each distribution depends only on earlier variables', () => {
  it('a self-reference x ~ N(x, 1) is refused', () => {
    expect(() => orderBindings(declare('x ~ N(x, 1)'))).toThrow(/x cannot depend on x itself/);
  });
  it('a self-reference in the variance is refused too', () => {
    expect(() => orderBindings(declare('x ~ N(0, x^2 + 1)'))).toThrow(DistributionError);
  });
  it('a two-cycle x ~ N(y, 1), y ~ N(x, 1) is refused, naming both', () => {
    expect(() => orderBindings(declare('x ~ N(y, 1)', 'y ~ N(x, 1)'))).toThrow(/x, y depend on each other in a cycle/);
  });
  it('a three-cycle behind an independent variable is found', () => {
    expect(() => orderBindings(declare('w ~ N(0, 1)', 'a ~ N(b, 1)', 'b ~ U(c, c + 1)', 'c ~ N(a, 1)'))).toThrow(/a, b, c depend on each other/);
  });
  it('a forward reference without a cycle is reordered, stably', () => {
    const order = orderBindings(declare('x ~ N(y, 1)', 'z ~ N(0, 1)', 'y ~ N(z, 2)')).map((b) => b.name);
    expect(order).toEqual(['z', 'y', 'x']);
  });
  it('an order that is already good is kept as declared', () => {
    expect(orderBindings(declare('b ~ N(0, 1)', 'a ~ N(0, 1)', 'c ~ N(a + b, 1)')).map((b) => b.name)).toEqual(['b', 'a', 'c']);
  });
  it('a parameter with the name of no random variable is not a dependency', () => {
    expect(orderBindings(declare('x ~ N(m, v)')).map((b) => b.name)).toEqual(['x']);
  });
});

describe('checkDimensions: vectors combined have one dimension', () => {
  const random = declare('u ~ N(0, 1, 3)', 'v ~ N(0, 1, 5)', 'w ~ N(0, 1, 3)', 'k ~ N(0, 1, d)', 'l ~ N(0, 1, d)', 'q ~ N(0, 1, n)');
  const refused = ['E[dot(u, v)] = 0', 'E[norm2(u + v)] = 0', 'E[sum(u * v)] = 0', 'E[sum(u - v)] = 0', 'E[dot(max(u, v), w)] = 0', 'E[u] = E[v]', 'E[dot(k, q)] = 0'];
  for (const c of refused) {
    it(`${c} is refused`, () => expect(() => checkDimensions(parseClaim(c, { random }))).toThrow(/different dimensions/));
  }
  const accepted = ['E[dot(u, w)] = 0', 'E[norm2(u) + norm2(v)] = 8', 'E[sum(u) * sum(v)] = 0', 'E[dot(k, l)] = 0', 'E[norm2(2 * u + w)] = 15'];
  for (const c of accepted) {
    it(`${c} is accepted`, () => expect(() => checkDimensions(parseClaim(c, { random }))).not.toThrow());
  }
  it('the closed-form path refuses E[dot(u, v)] with dimensions 3 and 5 instead of proving it 0', () => {
    const e = parse('E[dot(u, v)]', { random });
    expect(e.op).toBe('E');
    expect(() => expectClosedForm(e as Parameters<typeof expectClosedForm>[0])).toThrow(/different dimensions/);
  });
});
