// Law: log p(x) = ELBO + KL(q(z|x) ‖ p(z|x)) for every encoder q and every model p(x, z) = p(z) p(x|z);
// Jensen gives log p(x) ≥ ELBO with equality exactly when q(z|x) = p(z|x); the VAE form of the ELBO.
import { describe, expect, it } from 'vitest';
import {
  add, decideEqual, decideLe, density, E, gapOf, jensenLog, KL, klNonnegative, log, logRatio, named, sub,
  vaeEncoder, vaeJoint,
} from '../../src/calculus/index.js';

const x = named('x');
const z = named('z');
const models = [vaeJoint, vaeEncoder];
const scope = { T0: 1 };
const q = density('q', [z], [x]);
const pxz = density('p', [x, z]);
const post = density('p', [z], [x]);
const elbo = E(q, logRatio([pxz], [q]));

describe('ELBO by the KL gap', () => {
  it('log p(x) = ELBO + KL(q(z|x) ‖ p(z|x)) is proved', () => {
    const v = decideEqual(log(density('p', [x])), add(elbo, KL(q, post)), models, scope);
    expect(v.status).toBe('proved');
  });
  it('the VAE objective: ELBO = E_q[log p(x|z)] − KL(q(z|x) ‖ p(z))', () => {
    const vae = sub(E(q, log(density('p', [x], [z]))), KL(q, density('p', [z])));
    expect(decideEqual(elbo, vae, models, scope).status).toBe('proved');
  });
  it('Jensen: ELBO ≤ log p(x), witnessed by the Jensen gap, equality when the ratio is constant', () => {
    const j = jensenLog(q, [pxz], [q]);
    const v = decideLe(elbo, log(density('p', [x])), [j], models, scope);
    expect(v.status).toBe('proved');
    if (v.status === 'proved') expect(v.lambda).toBe('1');
  });
  it('the Jensen gap of the ELBO is the KL to the posterior', () => {
    const j = jensenLog(q, [pxz], [q]);
    expect(decideEqual(gapOf(j).expr, KL(q, post), models, scope).status).toBe('proved');
    expect(decideEqual(sub(j.upper, j.lower), KL(q, post), models, scope).status).toBe('proved');
  });
  it('mutant: KL arguments swapped is refuted, with the residual terms', () => {
    const v = decideEqual(log(density('p', [x])), add(elbo, KL(post, q)), models, scope);
    expect(v.status).toBe('refuted');
    if (v.status === 'refuted') expect(v.residual.length).toBeGreaterThan(0);
  });
  it('mutant: Jensen the wrong way (log p(x) ≤ ELBO) is refuted', () => {
    const v = decideLe(log(density('p', [x])), elbo, [jensenLog(q, [pxz], [q]), klNonnegative(q, post)], models, scope);
    expect(v.status).toBe('refuted');
  });
  it('mutant: VAE objective with the prior KL sign flipped is refuted', () => {
    const wrong = add(E(q, log(density('p', [x], [z]))), KL(q, density('p', [z])));
    expect(decideEqual(elbo, wrong, models, scope).status).toBe('refuted');
  });
  it('mutant: VAE objective missing the prior term is refuted', () => {
    expect(decideEqual(elbo, E(q, log(density('p', [x], [z]))), models, scope).status).toBe('refuted');
  });
});
