// Law: finite sums with symbolic bounds: shift of index, split off first/last term, merge of
// adjacent ranges, telescoping; each rewrite decided by the normal form, with its side condition
// (lo ≤ hi for a split, lo ≤ hi + 1 for telescoping) caught when the scope allows T too small.
import { describe, expect, it } from 'vitest';
import {
  add, decideEqual, E, log, mergeSums, neg, shiftSum, splitFirst, splitLast, sum, telescope,
} from '../../src/calculus/index.js';
import { consistencyBody, models, p, q, qJoint, qOver } from './vdm-helpers.js';

const body = E(qOver('t-1', 't', 't+1'), consistencyBody);
const s = sum('t', 1, 'T-1', body);

describe('finite sums', () => {
  it('shift of index: Σ_{t=1}^{T−1} f(t) = Σ_{t=2}^{T} f(t−1), and by −1', () => {
    expect(decideEqual(s, shiftSum(s, 1), models, { T0: 1 }).status).toBe('proved');
    expect(decideEqual(s, shiftSum(s, -1), models, { T0: 1 }).status).toBe('proved');
  });
  it('a shifted summand without shifted bounds is not the same sum', () => {
    const wrong = sum('t', 2, 'T', body);
    expect(decideEqual(s, wrong, models, { T0: 1 }).status).not.toBe('proved');
  });
  it('split off the first and the last term, valid for T ≥ 2 (the range 1…T−1 non-empty)', () => {
    expect(decideEqual(s, splitFirst(s), models, { T0: 2 }).status).toBe('proved');
    expect(decideEqual(s, splitLast(s), models, { T0: 2 }).status).toBe('proved');
  });
  it('splitting an empty sum is caught: at T = 1 the split-off term does not vanish', () => {
    const c = sum('t', 1, 'T-1', log(p(0, 1)));
    const v = decideEqual(c, splitFirst(c), models, { T0: 1 });
    expect(v.status).toBe('refuted');
    if (v.status === 'refuted') expect(v.at.T).toBe(1);
  });
  it('merge of adjacent ranges: Σ_{1}^{2} f + Σ_{3}^{T−1} f = Σ_{1}^{T−1} f for T ≥ 3', () => {
    const a = sum('t', 1, 2, body);
    const b = sum('u', 3, 'T-1', E(qOver('u-1', 'u', 'u+1'), add(log(p('u', 'u+1')), neg(log(q('u', 'u-1'))))));
    const merged = mergeSums(a, b);
    expect(decideEqual(add(a, b), merged, models, { T0: 3 }).status).toBe('proved');
    expect(decideEqual(merged, s, models, { T0: 3 }).status).toBe('proved');
  });
  it('merge refuses non-adjacent ranges or different summands', () => {
    expect(() => mergeSums(sum('t', 1, 2, body), sum('t', 4, 'T', body))).toThrow();
    expect(() => mergeSums(sum('t', 1, 2, body), sum('t', 3, 'T', log(p(0, 1))))).toThrow();
  });
  it('telescoping: Σ_{t=2}^{T} (f(t) − f(t−1)) = f(T) − f(1), also at T = 1 (empty = 0)', () => {
    const tel = telescope('t', 2, 'T', (i) => E(qJoint, log(q(i, 0))));
    expect(decideEqual(tel.sum, tel.value, models, { T0: 1 }).status).toBe('proved');
  });
  it('a wrong telescoping value (f(T) − f(2)) is refuted', () => {
    const tel = telescope('t', 2, 'T', (i) => log(q(i, 0)));
    expect(decideEqual(tel.sum, add(log(q('T', 0)), neg(log(q(2, 0)))), models, { T0: 2 }).status).toBe('refuted');
  });
  it('sums over the same range with different bodies compare termwise: Σ (a + b) = Σ a + Σ b', () => {
    const a = E(qOver('t', 't+1'), log(p('t', 't+1')));
    const b = E(qOver('t-1', 't'), log(q('t', 't-1')));
    expect(decideEqual(sum('t', 1, 'T-1', add(a, b)), add(sum('t', 1, 'T-1', a), sum('t', 1, 'T-1', b)), models, { T0: 1 }).status).toBe('proved');
  });
});
