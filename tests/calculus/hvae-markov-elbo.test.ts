// Law: the Markov HVAE bound for every depth T ≥ 1: log p(x) = ELBO + KL(q(z_{1:T}|x) ‖ p(z_{1:T}|x)),
// log p(x) ≥ ELBO by Jensen, and the expansion of the ELBO into reconstruction, prior matching and
// per-level terms.
import { describe, expect, it } from 'vitest';
import {
  add, at, decideEqual, decideLe, density, E, hvaeEncoder, hvaeJoint, jensenLog, KL, log, logRatio, named, neg, range, sum,
} from '../../src/calculus/index.js';

const x = named('x');
const z = (i: string | number) => at('z', i);
const models = [hvaeJoint, hvaeEncoder];
const scope = { T0: 1 };
const qJ = density('q', [range('z', 1, 'T')], [x]);
const pJ = density('p', [x, range('z', 1, 'T')]);
const elbo = E(qJ, logRatio([pJ], [qJ]));
const qz = (v: string | number, ...g: Array<string | number>) => density('q', [z(v)], [...g.map(z), x]);
const pz = (v: string | number, ...g: Array<string | number>) => density('p', [z(v)], g.map(z));

describe('Markov HVAE, any depth T ≥ 1', () => {
  it('log p(x) = ELBO + KL(q(z_{1:T}|x) ‖ p(z_{1:T}|x))', () => {
    const v = decideEqual(log(density('p', [x])), add(elbo, KL(qJ, density('p', [range('z', 1, 'T')], [x]))), models, scope);
    expect(v.status).toBe('proved');
  });
  it('log p(x) ≥ ELBO by Jensen', () => {
    expect(decideLe(elbo, log(density('p', [x])), [jensenLog(qJ, [pJ], [qJ])], models, scope).status).toBe('proved');
  });
  it('expansion: E[log p(x|z_1)] + E[log p(z_T)] + Σ E[log p(z_{t−1}|z_t)] − E[log q(z_1|x)] − Σ E[log q(z_t|z_{t−1})]', () => {
    const expansion = add(
      E(qz(1), log(density('p', [x], [z(1)]))),
      E(qz('T'), log(pz('T'))),
      sum('t', 2, 'T', E(density('q', [z('t-1'), z('t')], [x]), log(pz('t-1', 't')))),
      neg(E(qz(1), log(qz(1)))),
      neg(sum('t', 2, 'T', E(density('q', [z('t-1'), z('t')], [x]), log(qz('t', 't-1'))))),
    );
    expect(decideEqual(elbo, expansion, models, scope).status).toBe('proved');
  });
  it('denoising-style expansion with the encoder posterior q(z_{t−1} | z_t, x)', () => {
    const form = add(
      E(qz(1), log(density('p', [x], [z(1)]))),
      neg(KL(qz('T'), pz('T'))),
      neg(sum('t', 2, 'T', E(qz('t'), KL(qz('t-1', 't'), pz('t-1', 't'))))),
    );
    expect(decideEqual(elbo, form, models, scope).status).toBe('proved');
  });
  it('mutant: the prior term p(z_T) left out is refuted', () => {
    const form = add(
      E(qz(1), log(density('p', [x], [z(1)]))),
      neg(sum('t', 2, 'T', E(qz('t'), KL(qz('t-1', 't'), pz('t-1', 't'))))),
    );
    expect(decideEqual(elbo, form, models, scope).status).toBe('refuted');
  });
  it('mutant: the reconstruction under the wrong level q(z_2|x) is refuted (for T ≥ 2)', () => {
    const form = add(
      E(qz(2), log(density('p', [x], [z(1)]))),
      neg(KL(qz('T'), pz('T'))),
      neg(sum('t', 2, 'T', E(qz('t'), KL(qz('t-1', 't'), pz('t-1', 't'))))),
    );
    expect(decideEqual(elbo, form, models, { T0: 2 }).status).toBe('refuted');
  });
});
