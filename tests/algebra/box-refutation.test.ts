// Law: in several variables, bisection with interval certificates finds a
// sub-box where lhs − rhs is certified on the wrong side of 0 — however small
// the region — and the counterexample is a point of it where both sides are
// defined, checked exactly when they are rational there.
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/expr/parse.js';
import { findViolatingBox } from '../../src/algebra/violation.js';
import { methodOf } from '../../src/verdict.js';
import { check, dom, insideDomain } from './helpers.js';

const UNIT2 = { x: '(0,1)', y: '(0,1)' };

describe('violating sub-boxes', () => {
  it('a disc of radius 0.01 where (x − 0.3)² + (y − 0.7)² >= 1e-4 fails is found on every seed, at the exact point (3/10, 7/10)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const v = check('(x - 0.3)^2 + (y - 0.7)^2', '>=', '0.0001', UNIT2, { seed });
      expect(v.verdict).toBe('refuted');
      if (v.verdict !== 'refuted') continue;
      expect(insideDomain(v, dom(UNIT2))).toBe(true);
      expect(v.counterexample.arithmetic).toBe('exact');
      expect(v.counterexample.lhs).toBeLessThan(1e-4);
    }
  });

  it('three variables: a ball of radius 0.01 around (0.2, 0.4, 0.9)', () => {
    const p = { x: '(0,1)', y: '(0,1)', z: '(0,1)' };
    const v = check('(x - 0.2)^2 + (y - 0.4)^2 + (z - 0.9)^2', '>=', '0.0001', p);
    expect(v.verdict).toBe('refuted');
    expect(insideDomain(v, dom(p))).toBe(true);
  });

  it('a transcendental dip: exp((x − 0.3)² + (y − 0.6)²) >= 1.0001 fails near (0.3, 0.6)', () => {
    const v = check('exp((x - 0.3)^2 + (y - 0.6)^2)', '>=', '1.0001', UNIT2);
    expect(v.verdict).toBe('refuted');
    expect(insideDomain(v, dom(UNIT2))).toBe(true);
  });

  it('the search itself: the box returned has an enclosure on the wrong side and contains its points', () => {
    const found = findViolatingBox(parse('(x - 0.3)^2 + (y - 0.7)^2 - 0.0001'), '>=', dom(UNIT2), 256);
    expect(found).toBeDefined();
    expect(found!.enclosure.hi).toBeLessThan(0);
    const bx = found!.box.get('x')!;
    expect(bx.lo).toBeLessThanOrEqual(0.3);
    expect(bx.hi).toBeGreaterThanOrEqual(0.3);
  });

  it('no box is claimed where the claim holds: (x − 0.3)² + (y − 0.7)² >= 0 has none, and is proved', () => {
    expect(findViolatingBox(parse('(x - 0.3)^2 + (y - 0.7)^2'), '>=', dom(UNIT2), 256)).toBeUndefined();
    expect(check('(x - 0.3)^2 + (y - 0.7)^2', '>=', '0', UNIT2).verdict).toBe('proved');
  });

  it('a certificate over the whole box proves: x·y <= 1 on (0, 1)²', () => {
    const v = check('x*y', '<=', '1', UNIT2);
    expect(v.verdict).toBe('proved');
    expect(['interval-bound', 'factored-sign']).toContain(methodOf(v));
  });

  it('a multivariate 1e-30 offset is refuted exactly: x·y + 1e-30 = x·y', () => {
    const v = check('x*y + 1e-30', '=', 'x*y', UNIT2);
    expect(v.verdict).toBe('refuted');
    if (v.verdict === 'refuted') expect(v.counterexample.arithmetic).toBe('exact');
  });
});
