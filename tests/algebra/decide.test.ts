// decide(): refutations come with a counterexample inside the domain,
// numeric agreement is `verified` (never `proved`), the domain decides what
// holds, and what is not algebra is `unknown` with a reason.
import { describe, expect, it } from 'vitest';
import { E, draw, normal, sym, vec, norm2, KL, add } from '../../src/expr/build.js';
import { decide } from '../../src/algebra/index.js';
import { methodOf } from '../../src/verdict.js';
import { check, dom, insideDomain, valueOf } from './helpers.js';

const U = '(0,1)';

describe('refutations', () => {
  it('a wrong rational identity is refuted in exact arithmetic at a simple point of the domain', () => {
    const params = { a: U, abp: U };
    const v = check('a*(1 - abp) + (1 - a)', '=', 'a*abp', params);
    expect(v.verdict).toBe('refuted');
    if (v.verdict !== 'refuted') return;
    expect(v.counterexample.arithmetic).toBe('exact');
    expect(v.counterexample.params).toEqual({ a: '1/2', abp: '1/2' });
    expect(v.counterexample.lhs).toBe(0.75);
    expect(v.counterexample.rhs).toBe(0.25);
    expect(v.counterexample.difference).toBe(0.5);
    expect(v.counterexample.bound).toBe(0);
    expect(v.counterexample.seed).toBe(1);
    expect(insideDomain(v, dom(params))).toBe(true);
  });

  it('sqrt(x^2) = x is refuted for real x, at a negative x', () => {
    const v = check('sqrt(x^2)', '=', 'x');
    expect(v.verdict).toBe('refuted');
    if (v.verdict !== 'refuted') return;
    expect(valueOf(v.counterexample.params.x)).toBeLessThan(0);
    expect(v.counterexample.lhs).toBe(-v.counterexample.rhs);
  });

  it('the posterior mean with sqrt(ᾱ_t) on x_0 is refuted inside (0, 1)², with both sides and the bound reported', () => {
    const params = { a: U, abp: U, xt: 'real', x0: 'real' };
    const v = check(
      '((1 - a)*(1 - abp)/(1 - a*abp))*(sqrt(a)*xt/(1 - a) + sqrt(abp)*x0/(1 - abp))',
      '=',
      '(sqrt(a)*(1 - abp)*xt + sqrt(a*abp)*(1 - a)*x0)/(1 - a*abp)',
      params,
    );
    expect(v.verdict).toBe('refuted');
    if (v.verdict !== 'refuted') return;
    const c = v.counterexample;
    expect(insideDomain(v, dom(params))).toBe(true);
    expect(c.difference).toBeCloseTo(c.lhs - c.rhs, 12);
    expect(Math.abs(c.difference)).toBeGreaterThan(8 * c.bound);
  });

  it('a transcendental mutant (λ with the wrong sign) is refuted, with a rigorous interval re-check', () => {
    const v = check('1/al^2', '=', '1 + exp(log(al^2/(1 - al^2)))', { al: U });
    expect(v.verdict).toBe('refuted');
    expect(v.evidence[0].detail).toMatch(/enclosures at the point are disjoint/);
    if (v.verdict === 'refuted') expect(v.counterexample.arithmetic).toBe('float');
  });

  it('the seed is reported and reproduces the same counterexample', () => {
    const a = check('x^2 + y', '=', 'x^2 + y^2', {}, { seed: 42 });
    const b = check('x^2 + y', '=', 'x^2 + y^2', {}, { seed: 42 });
    expect(a.verdict).toBe('refuted');
    if (a.verdict !== 'refuted' || b.verdict !== 'refuted') return;
    expect(a.counterexample.seed).toBe(42);
    expect(a.counterexample.params).toEqual(b.counterexample.params);
  });

  it('a failure to simplify is never a refutation: sin^2 + cos^2 = 1 is verified, not refuted, not proved', () => {
    const v = check('sin(x)^2 + cos(x)^2', '=', '1');
    expect(v.verdict).toBe('verified');
    // verified means: no difference at 60 digits at the multiprecision points, and agreement in doubles elsewhere.
    expect(methodOf(v)).toBe('multiprecision-points');
    expect(v.evidence[0].detail).toMatch(/no difference at 60 significant digits/);
    expect(v.evidence.find((e) => e.method === 'float-property')?.tests).toBeGreaterThanOrEqual(90);
  });

  it('numeric agreement is never proved: sin(2x) = 2 sin x cos x (outside the core) is verified', () => {
    const v = check('sin(2*x)', '=', '2*sin(x)*cos(x)');
    expect(v.verdict).toBe('verified');
    expect(v.evidence.some((e) => e.method === 'normal-form')).toBe(true);
  });

  it('sqrt(2) sqrt(3) sqrt(6) = 6 is proved, not merely verified (one atom per prime)', () => {
    expect(check('sqrt(2)*sqrt(3)*sqrt(6)', '=', '6').verdict).toBe('proved');
  });

  it('the number of random points is an option and is recorded', () => {
    const v = check('cos(x)^2', '=', '1 - sin(x)^2', {}, { points: 37 });
    expect(v.verdict).toBe('verified');
    expect(v.evidence.find((e) => e.method === 'float-property')?.data?.random).toBe(37);
  });
});

describe('the domain decides', () => {
  it('sqrt(x^2) = x: proved for x > 0, refuted for real x', () => {
    expect(check('sqrt(x^2)', '=', 'x', { x: '(0,inf)' }).verdict).toBe('proved');
    expect(check('sqrt(x^2)', '=', 'x').verdict).toBe('refuted');
  });

  it('log(ab) = log a + log b: proved for a, b > 0; unknown for a, b < 0, where the right side is undefined', () => {
    expect(check('log(a*b)', '=', 'log(a) + log(b)', { a: '(0,inf)', b: '(0,inf)' }).verdict).toBe('proved');
    // For negative a, b the right side is undefined everywhere: no test point, no proof.
    expect(check('log(a*b)', '=', 'log(a) + log(b)', { a: '(-inf,0)', b: '(-inf,0)' }).verdict).toBe('unknown');
  });

  it('|a − 1| = a − 1 is refuted on (0, 1) at a point of (0, 1)', () => {
    const v = check('abs(a - 1)', '=', 'a - 1', { a: U });
    expect(v.verdict).toBe('refuted');
    expect(insideDomain(v, dom({ a: U }))).toBe(true);
  });
});

describe('inequalities', () => {
  it('(x − y)^2 ≥ 0 is proved by the signs of its factors', () => {
    const v = check('(x - y)^2', '>=', '0');
    expect(v.verdict).toBe('proved');
    expect(methodOf(v)).toBe('factored-sign');
  });

  it('the posterior variance is at most β_t: σ_q^2 ≤ 1 − α_t is proved on (0, 1)^2', () => {
    const v = check('(1 - a)*(1 - abp)/(1 - a*abp)', '<=', '1 - a', { a: U, abp: U });
    expect(v.verdict).toBe('proved');
  });

  it('log x ≤ x − 1/2 is proved on [1/2, 4] by interval bisection', () => {
    const v = check('log(x)', '<=', 'x - 0.5', { x: '[0.5,4]' });
    expect(v.verdict).toBe('proved');
    // Either on the whole difference, or on its one factor when the normal form is built.
    expect(['interval-bound', 'factored-sign']).toContain(methodOf(v));
  });

  it('x ≤ x^2 is refuted on (0, 1) with a counterexample in (0, 1)', () => {
    const v = check('x', '<=', 'x^2', { x: U });
    expect(v.verdict).toBe('refuted');
    expect(insideDomain(v, dom({ x: U }))).toBe(true);
    if (v.verdict === 'refuted') expect(v.counterexample.lhs).toBeGreaterThan(v.counterexample.rhs);
  });

  it('x ≤ x^2 + 1 on the reals is decided exactly (univariate polynomial): proved, never merely verified', () => {
    const v = check('x', '<=', 'x^2 + 1');
    expect(v.verdict).toBe('proved');
    expect(['sturm-exact', 'sum-of-squares']).toContain(methodOf(v));
  });

  it('an equality proved as zero difference proves ≤ and ≥ too', () => {
    expect(check('(a + b)^2', '<=', 'a^2 + 2*a*b + b^2').verdict).toBe('proved');
    expect(check('(a + b)^2', '>=', 'a^2 + 2*a*b + b^2').verdict).toBe('proved');
  });
});

describe('out of scope: unknown with a reason', () => {
  it('an expectation is not algebra', () => {
    const x = sym('x');
    const v = decide(E(x, [draw('x', normal(0, 1))]), '=', sym('m'), new Map());
    expect(v.verdict).toBe('unknown');
    if (v.verdict === 'unknown') expect(v.reason).toMatch(/expectation/);
  });

  it('KL and vectors are not algebra', () => {
    const k = decide(KL(normal(0, 1), normal(sym('m'), 1)), '=', sym('m'), new Map());
    expect(k.verdict).toBe('unknown');
    if (k.verdict === 'unknown') expect(k.reason).toMatch(/KL/);
    const v = decide(norm2(vec('u')), '=', add(sym('a'), 1), new Map());
    expect(v.verdict).toBe('unknown');
    if (v.verdict === 'unknown') expect(v.reason).toMatch(/vector/);
  });

  it('an identity undefined everywhere on its domain is unknown, not vacuously proved', () => {
    const v = check('sqrt(-1 - x^2)', '=', 'sqrt(-1 - x^2)');
    expect(v.verdict).toBe('unknown');
  });
});
