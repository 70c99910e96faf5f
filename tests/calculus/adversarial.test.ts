// Law: exactness and well-formedness at the edges: exact rational coefficients (a difference of
// 10^-30 is a difference), empty sums are zero, index capture is refused, malformed input is
// rejected or reported, never silently decided.
import { describe, expect, it } from 'vitest';
import {
  add, decideEqual, E, log, parseIdx, scale, shiftSum, sum, ZERO, type Expr,
} from '../../src/calculus/index.js';
import { rational } from '../../src/expr/rational.js';
import { models, p, q, qOver, scope } from './vdm-helpers.js';

const a: Expr = E(qOver(1, 2), log(p(1, 2)));

describe('edge cases', () => {
  it('exact rational coefficients: (1/3)a + (2/3)a = a, and (1 + 10^-30)a ≠ a', () => {
    expect(decideEqual(add(scale(rational(1n, 3n), a), scale(rational(2n, 3n), a)), a, models, { T0: 2 }).status).toBe('proved');
    const tiny = scale(rational(10n ** 30n + 1n, 10n ** 30n), a);
    const v = decideEqual(tiny, a, models, { T0: 2 });
    expect(v.status).toBe('refuted');
    if (v.status === 'refuted') expect(v.residual[0]).toMatch(/^1\/1000000000000000000000000000000 ·/);
  });
  it('a sum whose lower bound exceeds its upper bound is empty (zero) at every T', () => {
    expect(decideEqual(sum('t', 'T+1', 'T', log(q('t', 't-1'))), ZERO, models, scope).status).toBe('proved');
    expect(decideEqual(sum('t', 3, 2, log(p(0, 1))), ZERO, models, scope).status).toBe('proved');
  });
  it('Σ_{t=1}^{T−1} is empty at T = 1 but not at T = 2: an identity using that is refuted at T = 2', () => {
    const v = decideEqual(sum('t', 1, 'T-1', log(p(0, 1))), ZERO, models, scope);
    expect(v.status).toBe('refuted');
    if (v.status === 'refuted') expect(v.at.T).toBe(2);
  });
  it('negative indices and indices past T are not variables: ill-formed', () => {
    expect(decideEqual(log(q(1, -1)), log(q(1, -1)), models, scope).status).toBe('ill-formed');
    expect(decideEqual(log(p('T+1', 'T')), log(p('T+1', 'T')), models, scope).status).toBe('ill-formed');
  });
  it('a sum variable named T, or shadowing the free index, is ill-formed', () => {
    expect(decideEqual(sum('T', 1, 2, log(p(0, 1))), ZERO, models, scope).status).not.toBe('proved');
    const free = { T0: 2, free: { v: 't', lo: parseIdx(1), hi: parseIdx('T') } };
    expect(decideEqual(sum('t', 1, 2, log(p(0, 1))), ZERO, models, free).status).not.toBe('proved');
  });
  it('shifting a sum whose body mentions another index by its own name is refused (capture)', () => {
    const s = sum('t', 1, 'T', sum('u', 1, 2, log(q('u', 'u-1'))));
    expect(() => shiftSum(s, 1)).not.toThrow();
    expect(decideEqual(s, shiftSum(s, 1), models, scope).status).toBe('undecided'); // nested sums
  });
  it('malformed index text is rejected at construction', () => {
    for (const bad of ['t+', '+1', 't*2', 'T+t', '1.5', '']) expect(() => parseIdx(bad), bad).toThrow();
  });
  it('a zero-coefficient term and an empty combination are the same zero', () => {
    expect(decideEqual(scale(0, a), ZERO, models, { T0: 2 }).status).toBe('proved');
    expect(decideEqual(add(), ZERO, models, scope).status).toBe('proved');
  });
});
