// Law: expectations in the normal form: linearity, constants pulled out, marginalization to the
// minimal valid marginal, reduction of the conditioning set, the tower rule only where the product
// of measures is a conditional of the joint, and the importance identity log E_q[p/q] = log p.
import { describe, expect, it } from 'vitest';
import {
  add, at as atVar, decideEqual, density, E, log, logE, normalize, printNormalForm, scale, sub, sum, vdmForward, vdmReverse,
} from '../../src/calculus/index.js';
import { models, p, pJoint, q, qJoint, qOver } from './vdm-helpers.js';

const s3 = { T0: 3 };
const at = (i: number) => atVar('x', i);
const nf = (e: Parameters<typeof normalize>[0], T: number) =>
  printNormalForm(normalize(e, { models: new Map([['q', vdmForward], ['p', vdmReverse]]), env: new Map([['T', T]]), notes: new Set() }));

describe('expectations', () => {
  it('linearity and scaling: E[2a − b] = 2E[a] − E[b]', () => {
    const a = log(p(1, 2));
    const b = log(q(2, 1));
    expect(decideEqual(E(qJoint, sub(scale(2, a), b)), sub(scale(2, E(qJoint, a)), E(qJoint, b)), models, s3).status).toBe('proved');
  });
  it('a constant of the measure is pulled out: E_{q(x_2|x_0)}[log p(x_0|x_1)] = log p(x_0|x_1)', () => {
    expect(decideEqual(E(qOver(2), log(p(0, 1))), log(p(0, 1)), models, s3).status).toBe('proved');
  });
  it('marginalization: E under the joint of an integrand in x_1, x_2 is E under q(x_1, x_2 | x_0)', () => {
    expect(decideEqual(E(qJoint, log(p(1, 2))), E(qOver(1, 2), log(p(1, 2))), models, s3).status).toBe('proved');
    expect(nf(E(qJoint, log(p(1, 2))), 5)).toEqual(['1 · E_{q(x_1, x_2 | x_0)}[log p(x_1 | x_2)]']);
  });
  it('a measure of another model is not a marginal of q: E_p[·] ≠ E_q[·]', () => {
    expect(decideEqual(E(qOver(1, 2), log(p(1, 2))), E(density('p', [at(1), at(2)]), log(p(1, 2))), models, s3).status).toBe('refuted');
  });
  it('conditioning reduced by d-separation: E_{q(x_3|x_2, x_0)}[f(x_3)] = E_{q(x_3|x_2)}[f(x_3)]', () => {
    expect(decideEqual(E(q(3, 2, 0), log(p(2, 3))), E(q(3, 2), log(p(2, 3))), models, s3).status).toBe('proved');
  });
  it('tower rule: E_{q(x_2|x_0)}[E_{q(x_1|x_2, x_0)}[f]] = E_{q(x_1, x_2|x_0)}[f]', () => {
    expect(decideEqual(E(qOver(2), E(q(1, 2, 0), log(p(1, 2)))), E(qOver(1, 2), log(p(1, 2))), models, s3).status).toBe('proved');
  });
  it('no tower rule for a product that is not a conditional: E_{q(x_2|x_0)}[E_{q(x_1|x_0)}[f]] ≠ E_{q(x_1,x_2|x_0)}[f]', () => {
    const v = decideEqual(E(qOver(2), E(qOver(1), log(p(1, 2)))), E(qOver(1, 2), log(p(1, 2))), models, s3);
    expect(v.status).toBe('refuted');
    if (v.status === 'refuted') expect(v.notes.join()).toMatch(/not a conditional of q's joint/);
  });
  it('the importance identity: log E_{q(x_{1:T}|x_0)}[p(x_{0:T}) / q(x_{1:T}|x_0)] = log p(x_0)', () => {
    expect(decideEqual(logE(qJoint, [pJoint], [qJoint]), log(p(0)), models, { T0: 1 }).status).toBe('proved');
  });
  it('the importance identity needs the denominator to be the measure', () => {
    expect(decideEqual(logE(qJoint, [pJoint], [qOver(1)]), log(p(0)), models, { T0: 1 }).status).toBe('refuted');
  });
  it('the normal form does not depend on how a joint is written (order of variables, ranges)', () => {
    const a = E(qJoint, log(density('q', [at(2), at(1)], [at(0)])));
    const b = E(qJoint, log(density('q', [at(1), at(2)], [at(0)])));
    expect(decideEqual(a, b, models, s3).status).toBe('proved');
    expect(nf(a, 4)).toEqual(nf(b, 4));
  });
  it('entropy-like terms at every step: Σ_t E[log q(x_t|x_{t−1})] under the joint and under pairs', () => {
    const lhs = E(qJoint, sum('t', 1, 'T', log(q('t', 't-1'))));
    const rhs = add(E(qOver(1), log(q(1, 0))), sum('t', 2, 'T', E(qOver('t-1', 't'), log(q('t', 't-1')))));
    expect(decideEqual(lhs, rhs, models, { T0: 1 }).status).toBe('proved');
  });
});

