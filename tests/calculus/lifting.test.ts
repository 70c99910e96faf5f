// Law: the lifting lemma. A statement decided at the instances T0 ≤ T ≤ T0 + 8K + 8 holds for every
// T ≥ T0; identities that fail only at small T or only at boundary positions are caught; statements
// outside the lemma's index language are `undecided`, never proved.
import { describe, expect, it } from 'vitest';
import {
  add, decideEqual, E, liftingPlan, log, parseIdx, sum, neg, vdmForward, vdmReverse,
} from '../../src/calculus/index.js';
import { models, p, q, qJoint, qOver, scope } from './vdm-helpers.js';

const c = log(p(0, 1)); // a summand that does not depend on the index
const free = (lo: string | number, hi: string | number) => ({ v: 't', lo: parseIdx(lo), hi: parseIdx(hi) });

describe('lifting: finitely many T decide every T', () => {
  it('the plan covers T0 … T0 + 8K + 8, K the largest index offset (model offsets included)', () => {
    const plan = liftingPlan([log(q('t+5', 't+4'))], [vdmForward], { T0: 2, free: free(1, 'T-5') });
    const Ts = [...new Set(plan.map((e) => e.get('T')!))];
    // t's range [1, T − 5] is empty below T = 6: those instances say nothing and are skipped.
    expect(Math.min(...Ts)).toBe(6);
    expect(Math.max(...Ts)).toBe(2 + 8 * 5 + 8);
    expect(Ts.length).toBe(2 + 8 * 5 + 8 - 6 + 1);
  });
  it('Σ_{t=2}^{T} c = c + Σ_{t=3}^{T} c fails at T = 1 (empty sum) and holds for T ≥ 2', () => {
    const lhs = sum('t', 2, 'T', c);
    const rhs = add(c, sum('t', 3, 'T', c));
    const v1 = decideEqual(lhs, rhs, models, { T0: 1 });
    expect(v1.status).toBe('refuted');
    if (v1.status === 'refuted') expect(v1.at.T).toBe(1);
    expect(decideEqual(lhs, rhs, models, { T0: 2 }).status).toBe('proved');
  });
  it('Σ_{t=1}^{T} c = Σ_{t=1}^{T−1} c + c holds for T ≥ 1 (T − 1 vs T compared exactly)', () => {
    expect(decideEqual(sum('t', 1, 'T', c), add(sum('t', 1, 'T-1', c), c), models, scope).status).toBe('proved');
    expect(decideEqual(sum('t', 1, 'T', c), sum('t', 1, 'T-1', c), models, scope).status).toBe('refuted');
  });
  it('an equality true at exactly one T (Σ_{t=1}^{T−1} c = Σ_{t=1}^{2} c at T = 3) is refuted', () => {
    const v = decideEqual(sum('t', 1, 'T-1', c), sum('t', 1, 2, c), models, { T0: 3 });
    expect(v.status).toBe('refuted');
    if (v.status === 'refuted') expect(v.at.T).toBe(4);
  });
  it('a coefficient growing with T is compared exactly: Σ_{t=1}^{T} c − Σ_{t=2}^{T} c = c', () => {
    expect(decideEqual(add(sum('t', 1, 'T', c), neg(sum('t', 2, 'T', c))), c, models, scope).status).toBe('proved');
  });
  it('a free index: q(x_t | x_{t−1}, x_0) = q(x_t | x_{t−1}) for every 1 ≤ t ≤ T', () => {
    expect(decideEqual(log(q('t', 't-1', 0)), log(q('t', 't-1')), models, { T0: 1, free: free(1, 'T') }).status).toBe('proved');
  });
  it('a free index, true only at the boundary: q(x_t | x_0) = q(x_t | x_{t−1}) holds at t = 1 only', () => {
    expect(decideEqual(log(q('t', 0)), log(q('t', 't-1')), models, { T0: 1, free: free(1, 1) }).status).toBe('proved');
    const v = decideEqual(log(q('t', 0)), log(q('t', 't-1')), models, { T0: 1, free: free(1, 'T') });
    expect(v.status).toBe('refuted');
    if (v.status === 'refuted') expect(v.at.t).toBe(2);
  });
  it('p(x_{t−1} | x_t, x_T) = p(x_{t−1} | x_t) for every 1 ≤ t ≤ T, including t = T where x_T is x_t', () => {
    expect(decideEqual(log(p('t-1', 't', 'T')), log(p('t-1', 't')), models, { T0: 1, free: free(1, 'T') }).status).toBe('proved');
  });
  it('nested sums are outside the lemma: undecided, not proved', () => {
    const v = decideEqual(sum('s', 1, 'T', sum('t', 1, 'T', c)), sum('s', 1, 'T', sum('t', 1, 'T', c)), models, scope);
    expect(v.status).toBe('undecided');
  });
  it('a sum bound depending on the free index is outside the lemma: undecided', () => {
    const v = decideEqual(sum('s', 1, 't', c), sum('s', 1, 't', c), models, { T0: 1, free: free(1, 'T') });
    expect(v.status).toBe('undecided');
  });
  it('an index variable that is neither bound nor free: undecided', () => {
    expect(decideEqual(log(q('s', 0)), log(q('s', 0)), models, scope).status).toBe('undecided');
  });
  it('index expressions outside k, T+k, t+k do not parse', () => {
    expect(() => parseIdx('2t')).toThrow();
    expect(() => parseIdx('T-t')).toThrow();
    expect(parseIdx('T − 1')).toEqual({ base: 'T', k: -1 });
    expect(parseIdx('t+1')).toEqual({ base: 't', k: 1 });
  });
  it('the joint expectation of the forward chain is the same term at every T (ranges expand exactly)', () => {
    const lhs = E(qJoint, log(q('T', 'T-1')));
    expect(decideEqual(lhs, E(qOver('T-1', 'T'), log(q('T', 'T-1'))), [vdmForward, vdmReverse], scope).status).toBe('proved');
  });
});

