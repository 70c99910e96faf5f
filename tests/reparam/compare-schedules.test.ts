// compare across representations: when one objective has no λ-representation
// (a user schedule), the weightings are compared at equal λ numerically
// (each t found by bisection), which is 'verified' at best, never 'proved'.
import { describe, expect, it } from 'vitest';
import { compare } from '../../src/reparam/compare.js';

describe('compare across schedules', () => {
  it('cosine ε-MSE against the same schedule written as --alpha/--sigma: the same objective (verified numerically, constant 1)', () => {
    const c = compare({ schedule: 'cosine', target: 'eps' }, { alpha: 'cos(pi*t/2)', sigma: 'sin(pi*t/2)', target: 'eps' });
    expect(c.same).toBe(true);
    expect(c.verdict).toBe('verified');
    expect(Math.abs(c.constant! - 1)).toBeLessThan(1e-8);
  });
  it('rectified flow against a user schedule with SD3 shift 3 (t_m = 3t/(1 + 2t)): a different objective, refuted with two λ', () => {
    const c = compare({ schedule: 'rf', target: 'flow' }, { alpha: '1 - 3*t/(1 + 2*t)', sigma: '3*t/(1 + 2*t)', target: 'flow' });
    expect(c.verdict).toBe('refuted');
    expect(c.differAt).toHaveLength(2);
  });
  it('one user schedule, the weight doubled: proved in t, constant 1/2', () => {
    const c = compare({ alpha: '1 - 3*t/(1 + 2*t)', sigma: '3*t/(1 + 2*t)', target: 'flow' }, { alpha: '1 - 3*t/(1 + 2*t)', sigma: '3*t/(1 + 2*t)', target: 'flow', weight: '2' });
    expect(c.verdict).toBe('proved');
    expect(Math.abs(c.constant! - 0.5)).toBeLessThan(1e-12);
  });
  it('v-MSE cosine vs ε-MSE cosine weighted by 1 + e^{−λ}: proved the same', () => {
    expect(compare({ schedule: 'cosine', target: 'v' }, { schedule: 'cosine', target: 'eps', weight: '1 + exp(-lambda)' }).verdict).toBe('proved');
  });
});
