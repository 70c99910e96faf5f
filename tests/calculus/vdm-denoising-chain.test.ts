// Law: Luo eqs. 46 → 58, the ELBO of a VDM in its denoising form, as a chain of equalities for
// symbolic T: Markov property by d-separation (eq. 46's q(x_t | x_{t−1}, x_0) = q(x_t | x_{t−1})),
// Bayes' rule, telescoping of Σ_{t=2}^{T} log q(x_{t−1}|x_0)/q(x_t|x_0), marginalization, KL.
import { describe, expect, it } from 'vitest';
import { decideEqual, dropConditions, log, logRatio, neg, telescope } from '../../src/calculus/index.js';
import { denoisingChain, eq44, eq58, models, q, scope, x } from './vdm-helpers.js';

const chain = denoisingChain;

describe('VDM ELBO, denoising form (Luo eqs. 46–58), for every T ≥ 1', () => {
  for (let i = 0; i + 1 < chain.length; i++) {
    const [a, ea] = chain[i]!;
    const [b, eb] = chain[i + 1]!;
    it(`eq. ${a} = eq. ${b}`, () => {
      const v = decideEqual(ea, eb, models, scope);
      expect(v, JSON.stringify(v)).toMatchObject({ status: 'proved' });
    });
  }
  it('eq. 46: q(x_t | x_{t−1}, x_0) = q(x_{t−1} | x_t, x_0) q(x_t | x_0) / q(x_{t−1} | x_0) for generic t', () => {
    const lhs = log(q('t', 't-1', 0));
    const rhs = logRatio([q('t-1', 't', 0), q('t', 0)], [q('t-1', 0)]);
    const tScope = { T0: 2, free: { v: 't', lo: { base: null, k: 2 }, hi: { base: 'T', k: 0 } } };
    expect(decideEqual(lhs, rhs, models, tScope).status).toBe('proved');
  });
  it('the Markov step drops x_0 from q(x_t | x_{t−1}, x_0), and only x_0', () => {
    const r = dropConditions(models[0]!, [x('t')], [x('t-1'), x(0)], { T0: 2, free: { v: 't', lo: { base: null, k: 2 }, hi: { base: 'T', k: 0 } } });
    expect(r.kept).toEqual([x('t-1')]);
    expect(r.dropped).toEqual([x(0)]);
  });
  it('the telescoping used in eq. 52 is the sums library telescope()', () => {
    const tel = telescope('t', 2, 'T', (i) => neg(log(q(i, 0))));
    expect(decideEqual(tel.sum, tel.value, models, scope).status).toBe('proved');
  });
  it('eq. 47 (the ELBO) = eq. 58 in one step', () => {
    expect(decideEqual(chain[0]![1], eq58, models, scope).status).toBe('proved');
  });
  it('eq. 44 = eq. 58: the consistency and denoising forms are the same ELBO', () => {
    expect(decideEqual(eq44, eq58, models, scope).status).toBe('proved');
  });
});
