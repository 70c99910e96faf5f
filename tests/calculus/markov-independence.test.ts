// Law: conditional independence is a consequence of the model's graph (d-separation), decided for
// every T and every generic index t in range; an independence that fails at some (T, t) is reported
// `dependent` with that instance, never claimed.
import { describe, expect, it } from 'vitest';
import {
  at, decideEqual, decideIndependence, dropConditions, hvaeEncoder, log, named, parseIdx, vdmForward, vdmReverse,
  density,
} from '../../src/calculus/index.js';
import { models, p, q } from './vdm-helpers.js';

const x = (i: string | number) => at('x', i);
const tIn = (lo: string | number, hi: string | number, T0 = 1) => ({ T0, free: { v: 't', lo: parseIdx(lo), hi: parseIdx(hi) } });

describe('d-separation for symbolic T', () => {
  it('forward chain: x_t ⊥ x_0 | x_{t−1} for 1 ≤ t ≤ T (the Markov step of eq. 46)', () => {
    // x_0 is q's context, always conditioned on: the statement is x_t ⊥ x_{0:t−2} | x_{t−1}, x_0.
    expect(decideIndependence(vdmForward, [x('t')], [x('t-2')], [x('t-1')], tIn(2, 'T')).status).toBe('independent');
  });
  it('forward chain: x_{t+1} is NOT independent of x_t given x_{t−1} (why eq. 45 fails)', () => {
    const v = decideIndependence(vdmForward, [x('t+1')], [x('t')], [x('t-1')], tIn(1, 'T-1', 2));
    expect(v.status).toBe('dependent');
    if (v.status === 'dependent') expect(v.at).toEqual({ T: 2, t: 1 });
  });
  it('forward chain: x_{t−1} ⊥ x_{t+1} | x_t (a chain), but not given x_{t+1} alone', () => {
    expect(decideIndependence(vdmForward, [x('t-1')], [x('t+1')], [x('t')], tIn(2, 'T-1', 3)).status).toBe('independent');
    expect(decideIndependence(vdmForward, [x('t-1')], [x('t')], [x('t+1')], tIn(2, 'T-1', 3)).status).toBe('dependent');
  });
  it('reverse chain: x_{t−1} ⊥ x_T | x_t for 1 ≤ t ≤ T−1, dependent without x_t', () => {
    expect(decideIndependence(vdmReverse, [x('t-1')], [x('T')], [x('t')], tIn(1, 'T-1', 2)).status).toBe('independent');
    expect(decideIndependence(vdmReverse, [x('t-1')], [x('T')], [], tIn(1, 'T-1', 2)).status).toBe('dependent');
  });
  it('an independence true at the smallest T only is not claimed: x_1 ⊥ x_3 | x_T', () => {
    // At T = 3, x_T is x_3 itself (conditioned on, so trivially independent); from T = 4 on the
    // trail x_1 → x_2 → x_3 is open. The answer must be `dependent`, with T = 4 as the witness.
    const v = decideIndependence(vdmForward, [x(1)], [x(3)], [x('T')], { T0: 3 });
    expect(v.status).toBe('dependent');
    if (v.status === 'dependent') expect(v.at).toEqual({ T: 4 });
    expect(decideIndependence(vdmForward, [x(1)], [x('T')], [x('T-1')], { T0: 2 }).status).toBe('independent');
  });
  it('HVAE encoder: z_t ⊥ x | z_{t−1} for t ≥ 2, but z_1 depends on x', () => {
    const z = (i: string | number) => at('z', i);
    expect(decideIndependence(hvaeEncoder, [z('t')], [named('x')], [z('t-1')], tIn(2, 'T', 2)).status).toBe('independent');
    expect(decideIndependence(hvaeEncoder, [z(1)], [named('x')], [], { T0: 1 }).status).toBe('dependent');
    expect(decideIndependence(hvaeEncoder, [z('t')], [z('t-2')], [z('t-1')], tIn(3, 'T', 3)).status).toBe('independent');
    expect(decideEqual(log(density('q', [z('t')], [z('t-1'), named('x')])), log(density('q', [z('t')], [z('t-1')])),
      [hvaeEncoder], tIn(2, 'T', 2)).status).toBe('proved');
  });
  it('a question about the context itself is answered, not made vacuous by conditioning on it', () => {
    expect(decideIndependence(vdmForward, [x('t')], [x(0)], [x('t-1')], tIn(2, 'T', 2)).status).toBe('independent');
    const v = decideIndependence(vdmForward, [x('t')], [x(0)], [], tIn(1, 'T', 1));
    expect(v.status).toBe('dependent');
    expect(dropConditions(vdmForward, [x('t')], [x(0)], tIn(1, 'T', 1)).kept).toEqual([x(0)]);
    expect(dropConditions(vdmForward, [x('t')], [x('t-1'), x(0)], tIn(2, 'T', 2)).kept).toEqual([x('t-1')]);
  });
  it('dropConditions keeps exactly the conditions the graph needs', () => {
    const r = dropConditions(vdmReverse, [x('t-1')], [x('t'), x('t+1'), x('T')], tIn(1, 'T-1', 2));
    expect(r.kept).toEqual([x('t')]);
    const r2 = dropConditions(vdmForward, [x('t')], [x('t-1'), x('t+1')], tIn(1, 'T-1', 2));
    expect(r2.kept).toEqual([x('t-1'), x('t+1')]);
  });
  it('the implied conditional is proved, the non-implied one refuted (normal form agrees with d-separation)', () => {
    expect(decideEqual(log(q('t-1', 't', 't+1', 0)), log(q('t-1', 't', 0)), models, tIn(2, 'T-1', 3)).status).toBe('proved');
    expect(decideEqual(log(p('t', 't-1', 't+1')), log(p('t', 't+1')), models, tIn(1, 'T-1', 2)).status).toBe('refuted');
  });
  it('a variable outside the chain at some instance: undecided, not independent', () => {
    expect(decideIndependence(vdmForward, [x('t+1')], [x(1)], [x('t')], tIn(1, 'T')).status).toBe('undecided');
  });
});
