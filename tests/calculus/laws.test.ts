// Law: Bayes' rule, the chain rule in any order, the KL definition, Jensen's gap and Gibbs'
// inequality are identities (or gaps) the normal form decides, on the VAE and on the VDM chain for
// symbolic T; wrong variants are refuted.
import { describe, expect, it } from 'vitest';
import {
  add, at, bayes, chainRule, decideEqual, decideLe, density, E, jensenLog, KL, klDefinition, klNonnegative, log,
  logRatio, named, neg, parseIdx, range, sum, vaeEncoder, vaeJoint,
} from '../../src/calculus/index.js';
import { models, p, q, qOver } from './vdm-helpers.js';

const x = (i: string | number) => at('x', i);
const tIn = (lo: string | number, hi: string | number, T0: number) => ({ T0, free: { v: 't', lo: parseIdx(lo), hi: parseIdx(hi) } });

describe('laws of probability in the calculus', () => {
  it("Bayes' rule on the forward chain: q(x_{t−1} | x_t, x_0) for generic t", () => {
    const law = bayes('q', [x('t-1')], [x('t')], [x(0)]);
    expect(decideEqual(law.lhs, law.rhs, models, tIn(2, 'T', 2)).status).toBe('proved');
  });
  it("Bayes' rule on the reverse chain, two variables against one", () => {
    const law = bayes('p', [x('t'), x('t+1')], [x('t-1')]);
    expect(decideEqual(law.lhs, law.rhs, models, tIn(1, 'T-1', 2)).status).toBe('proved');
  });
  it("a wrong Bayes (the evidence term missing) is refuted", () => {
    const law = bayes('q', [x('t-1')], [x('t')], [x(0)]);
    const wrong = add(log(q('t', 't-1', 0)), log(q('t-1', 0)));
    expect(decideEqual(law.lhs, wrong, models, tIn(2, 'T', 2)).status).toBe('refuted');
  });
  it('the chain rule in topological, reverse and mixed orders', () => {
    for (const order of [[x(1), x(2), x(3)], [x(3), x(2), x(1)], [x(2), x(3), x(1)]]) {
      const law = chainRule('q', order, [x(0)]);
      expect(decideEqual(law.lhs, law.rhs, models, { T0: 3 }).status).toBe('proved');
    }
  });
  it('the chain rule with a conditional dropped that the graph does not allow is refuted', () => {
    const wrong = add(log(q(3, 0)), log(q(2, 0)), log(q(1, 0)));
    expect(decideEqual(log(density('q', [x(1), x(2), x(3)], [x(0)])), wrong, models, { T0: 3 }).status).toBe('refuted');
  });
  it('the factorization of the model is a consequence: log p(x_{0:T}) = log p(x_T) + Σ log p(x_{t−1}|x_t)', () => {
    const lhs = log(density('p', [range('x', 0, 'T')]));
    expect(decideEqual(lhs, add(log(p('T')), sum('t', 1, 'T', log(p('t-1', 't')))), models, { T0: 1 }).status).toBe('proved');
  });
  it('KL definition, and KL(P‖Q) ≠ KL(Q‖P)', () => {
    const law = klDefinition(q('t-1', 't', 0), p('t-1', 't'));
    const s = tIn(2, 'T', 2);
    expect(decideEqual(law.lhs, law.rhs, models, s).status).toBe('proved');
    expect(decideEqual(KL(q('t-1', 't', 0), p('t-1', 't')), KL(p('t-1', 't'), q('t-1', 't', 0)), models, s).status).toBe('refuted');
  });
  it('Gibbs: 0 ≤ KL(q(z|x) ‖ p(z|x)); the reverse claim is refuted', () => {
    const qz = density('q', [named('z')], [named('x')]);
    const pz = density('p', [named('z')], [named('x')]);
    const zero = add();
    expect(decideLe(zero, KL(qz, pz), [klNonnegative(qz, pz)], [vaeJoint, vaeEncoder], { T0: 1 }).status).toBe('proved');
    expect(decideLe(KL(qz, pz), zero, [klNonnegative(qz, pz)], [vaeJoint, vaeEncoder], { T0: 1 }).status).toBe('refuted');
  });
  it('Jensen applies only in its own shape: a bound that is not a multiple of the gap is undecided', () => {
    const qz = density('q', [named('z')], [named('x')]);
    const j = jensenLog(qz, [density('p', [named('x'), named('z')])], [qz]);
    const v = decideLe(E(qz, log(density('p', [named('x')], [named('z')]))), log(density('p', [named('x')])), [j], [vaeJoint, vaeEncoder], { T0: 1 });
    expect(v.status).toBe('undecided');
  });
  it('a non-simplifiable log E[·] stays opaque: it neither cancels nor equals its Jensen lower bound', () => {
    const j = jensenLog(qOver('t'), [p('t')], [q('t', 0)]);
    expect(decideEqual(j.upper, j.lower, models, tIn(1, 'T', 1)).status).toBe('refuted');
    expect(decideEqual(j.upper, j.upper, models, tIn(1, 'T', 1)).status).toBe('proved');
    expect(decideEqual(logRatio([q('t', 0)]), neg(neg(log(q('t', 0)))), models, tIn(1, 'T', 1)).status).toBe('proved');
  });
});

