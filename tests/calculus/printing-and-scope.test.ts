// Law: what the calculus prints is the mathematics it decided: expressions in Luo's notation
// (nested combinations multiplied out, sums with symbolic bounds), and every general verdict
// carries its scope (model class, range of T, range of the free index).
import { describe, expect, it } from 'vitest';
import { decideEqual, decideLe, jensenLog, log, parseIdx, printExpr } from '../../src/calculus/index.js';
import { elbo, eq45, eq58, models, p, pJoint, q, qJoint, scope } from './vdm-helpers.js';

describe('printing and scope', () => {
  it('eq. 58 and eq. 45 print as in the paper', () => {
    expect(printExpr(eq58)).toBe('E_{q(x_1 | x_0)}[log p(x_0 | x_1)] − KL(q(x_T | x_0) ‖ p(x_T)) − Σ_{t=2}^{T} E_{q(x_t | x_0)}[KL(q(x_{t−1} | x_t, x_0) ‖ p(x_{t−1} | x_t))]');
    expect(printExpr(eq45)).toContain('− Σ_{t=1}^{T−1} E_{q(x_{t−1}, x_{t+1} | x_0)}[KL(q(x_t | x_{t−1}) ‖ p(x_t | x_{t+1}))]');
    expect(printExpr(elbo)).toBe('E_{q(x_{1:T} | x_0)}[log p(x_{0:T}) − log q(x_{1:T} | x_0)]');
  });
  it('a proved equality says for what it was proved', () => {
    const v = decideEqual(elbo, eq58, models, scope);
    expect(v.status).toBe('proved');
    if (v.status === 'proved') expect(v.scope).toBe('all positive densities factorizing as q, p (log-densities integrable); every T ≥ 1');
  });
  it('with a free index the scope names its range', () => {
    const v = decideEqual(log(q('t', 't-1', 0)), log(q('t', 't-1')), models, { T0: 1, free: { v: 't', lo: parseIdx(1), hi: parseIdx('T') } });
    expect(v.status === 'proved' && v.scope).toMatch(/every 1 ≤ t ≤ T$/);
  });
  it('a proved inequality names its law, its equality condition and its scope', () => {
    const v = decideLe(elbo, log(p(0)), [jensenLog(qJoint, [pJoint], [qJoint])], models, scope);
    expect(v).toMatchObject({ status: 'proved', law: 'Jensen (log concave)', lambda: '1' });
    if (v.status === 'proved') {
      expect(v.equality).toMatch(/almost surely constant/);
      expect(v.scope).toMatch(/every T ≥ 1/);
    }
  });
});
