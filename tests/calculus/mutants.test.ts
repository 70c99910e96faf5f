// Law: the calculus never proves a wrong step. Each mutant (mutant-cases.ts) is a plausible error in
// the ELBO / VDM / HVAE derivations; every one must come back `refuted` (well-formed, normal form not
// zero, with a non-empty residual), never `proved`, `ill-formed` or `undecided`.
import { describe, expect, it } from 'vitest';
import { decideEqual, decideLe, jensenLog, log } from '../../src/calculus/index.js';
import { mutants } from './mutant-cases.js';
import { elbo, models, p, pJoint, q, qJoint, qOver, scope } from './vdm-helpers.js';

describe('mutant steps are refuted', () => {
  it('there are at least 15 mutants', () => expect(mutants.length).toBeGreaterThanOrEqual(15));
  for (const m of mutants) {
    it(m.name, () => {
      const v = decideEqual(m.lhs, m.rhs, m.models ?? models, m.T0 ? { T0: m.T0 } : scope);
      expect(v.status, JSON.stringify(v)).toBe('refuted');
      if (v.status !== 'refuted') return;
      expect(v.residual.length).toBeGreaterThan(0);
      if (m.note) expect(v.notes.join('\n')).toMatch(m.note);
    });
  }
  it('Jensen the wrong way: log p(x_0) ≤ ELBO is refuted', () => {
    const v = decideLe(log(p(0)), elbo, [jensenLog(qJoint, [pJoint], [qJoint])], models, scope);
    expect(v.status).toBe('refuted');
  });
  it('Jensen with the wrong measure in the gap is not accepted as a proof', () => {
    const v = decideLe(elbo, log(p(0)), [jensenLog(qOver('T'), [p('T')], [q('T', 0)])], models, scope);
    expect(v.status).not.toBe('proved');
  });
});
