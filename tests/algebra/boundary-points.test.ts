// Law: a failure near an open end (down to 1e-15 from it), far out on a
// half-line (up to 1e15), or at a closed end is found on every seed: the
// deterministic points do not depend on the seed.
import { describe, expect, it } from 'vitest';
import type { Rel } from '../../src/expr/ast.js';
import { deterministicPoints, ladder, multiprecisionPoints } from '../../src/algebra/points.js';
import { toNumber } from '../../src/expr/rational.js';
import { parseInterval } from '../../scripts/algebra-corpus.js';
import { check, dom, insideDomain, valueOf } from './helpers.js';

const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

function refutedOnEverySeed(lhs: string, rel: Rel, rhs: string, params: Record<string, string>): number[] {
  const where: number[] = [];
  for (const seed of SEEDS) {
    const v = check(lhs, rel, rhs, params, { seed });
    expect(v.verdict, `seed ${seed}`).toBe('refuted');
    if (v.verdict !== 'refuted') continue;
    expect(insideDomain(v, dom(params))).toBe(true);
    where.push(valueOf(Object.values(v.counterexample.params)[0]));
  }
  return where;
}

describe('the issue’s boundary examples', () => {
  it('2 log((1 − t)/t) <= 40 on (0, 1) is refuted (it fails only for t < 2.1e-9)', () => {
    for (const t of refutedOnEverySeed('2*log((1-t)/t)', '<=', '40', { t: '(0,1)' })) expect(t).toBeLessThan(2.1e-9);
  });

  it('1/(t(1 − t)) <= 1e6 on (0, 1) is refuted on every seed 1–20', () => {
    refutedOnEverySeed('1/(t*(1-t))', '<=', '1000000', { t: '(0,1)' });
  });
});

describe('adversarial boundary failures', () => {
  it('the mirror: 2 log(t/(1 − t)) <= 40 fails only within 2.1e-9 of 1', () => {
    for (const t of refutedOnEverySeed('2*log(t/(1-t))', '<=', '40', { t: '(0,1)' })) expect(1 - t).toBeLessThan(2.1e-9);
  });

  it('log(x) >= −27.7 on (0, 1) fails only below 9.3e-13 (1e-12 from the end)', () => {
    for (const x of refutedOnEverySeed('log(x)', '>=', '-27.7', { x: '(0,1)' })) expect(x).toBeLessThan(9.3e-13);
  });

  it('log(x) >= −34 on (0, 1) fails only below 1.8e-15', () => {
    refutedOnEverySeed('log(x)', '>=', '-34', { x: '(0,1)' });
  });

  it('sqrt(x) <= 1e7 on x > 0 fails only beyond 1e14 (half-line growth)', () => {
    for (const x of refutedOnEverySeed('sqrt(x)', '<=', '10000000', { x: '(0,inf)' })) expect(x).toBeGreaterThan(1e14);
  });

  it('log(x) <= 30 on x > 1 fails only beyond 1.07e13', () => {
    refutedOnEverySeed('log(x)', '<=', '30', { x: '(1,inf)' });
  });

  it('exp(x) <= 1e300 on x > 0 fails where exp overflows doubles (x > 690.8)', () => {
    refutedOnEverySeed('exp(x)', '<=', '1e300', { x: '(0,inf)' });
  });

  it('a pole just past the end: 1/(1.0000001 − t) <= 1e6 on (0, 1) is refuted, <= 1e8 is proved', () => {
    refutedOnEverySeed('1/(1.0000001 - t)', '<=', '1000000', { t: '(0,1)' });
    expect(check('1/(1.0000001 - t)', '<=', '100000000', { t: '(0,1)' }).verdict).toBe('proved');
  });

  it('on the negative half-line: log(−x) <= 30 fails for x < −1.07e13', () => {
    refutedOnEverySeed('log(-x)', '<=', '30', { x: '(-inf,-1)' });
  });

  it('a closed end is tested at the end itself: sqrt(x) >= 1e-200 fails on [0, 1] only at 0, and holds on (0, 1]', () => {
    const where = refutedOnEverySeed('sqrt(x)', '>=', '1e-200', { x: '[0,1]' });
    expect(where.every((x) => x === 0)).toBe(true);
    for (const seed of [1, 2, 3]) expect(check('sqrt(x)', '>=', '1e-200', { x: '(0,1]' }, { seed }).verdict).not.toBe('refuted');
  });

  it('two parameters near their ends at once: log(x) + log(y) >= −40 on (0, 1)² fails only where x·y < 4.2e-18', () => {
    for (const seed of [1, 5, 20]) expect(check('log(x) + log(y)', '>=', '-40', { x: '(0,1)', y: '(0,1)' }, { seed }).verdict).toBe('refuted');
  });
});

describe('the deterministic points', () => {
  it('approach every open end geometrically from 1e-3 to 1e-15, mirrored, and stay inside', () => {
    const i = parseInterval('(0,1)');
    const xs = ladder(i).map(toNumber);
    for (let k = 3; k <= 15; k++) {
      expect(xs.some((x) => Math.abs(x - 10 ** -k) < 10 ** -k * 1e-9)).toBe(true);
      expect(xs.some((x) => Math.abs(1 - x - 10 ** -k) < 10 ** -k * 1e-3)).toBe(true);
    }
    expect(xs.every((x) => x > 0 && x < 1)).toBe(true);
  });

  it('reach 1e3 … 1e15 on half-lines and on both sides of the real line', () => {
    const half = ladder(parseInterval('(2,inf)')).map(toNumber);
    const real = ladder(parseInterval('real')).map(toNumber);
    for (let k = 3; k <= 15; k++) {
      expect(half).toContain(2 + 10 ** k);
      expect(real).toContain(10 ** k);
      expect(real).toContain(-(10 ** k));
    }
  });

  it('include closed ends exactly', () => {
    expect(ladder(parseInterval('[0,1]')).map(toNumber)).toEqual(expect.arrayContaining([0, 1]));
  });

  it('do not depend on the seed and cover each coordinate and the diagonal', () => {
    const d = dom({ a: '(0,1)', b: '[0,inf)' });
    const pts = deterministicPoints(['a', 'b'], d);
    expect(pts).toEqual(deterministicPoints(['a', 'b'], d));
    expect(pts.length).toBeGreaterThan(60);
    expect(multiprecisionPoints(['a', 'b'], d).length).toBeLessThan(40);
  });
});
