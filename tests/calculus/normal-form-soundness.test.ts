// Law: every rewrite of the normal form preserves value. Random expressions over the VDM models
// (log densities of random variable sets given random conditions, under one or two random measures,
// KLs) are normalized, and the normal form's value is compared with the expression's own value on
// random linear-Gaussian instances (gaussian-witness.ts), which use none of the calculus's rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  at, atPoint, density, E, evaluate, evaluateNormalForm, gaussianWitness, KL, log, normalize, UndefinedDensity, type Density, type Expr,
} from '../../src/calculus/index.js';
import { models } from './vdm-helpers.js';

const T = 4;
const modelMap = new Map(models.map((m) => [m.name, m]));

/** A density of model m over the chosen indices; q never measures x_0 (its context). */
const arbDensity = (allowEmptyA = false): fc.Arbitrary<Density> =>
  fc.record({
    model: fc.constantFrom('p', 'q'),
    roles: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: T + 1, maxLength: T + 1 }),
  }).map(({ model, roles }) => {
    const A = roles.flatMap((r, i) => (r === 1 && !(model === 'q' && i === 0) ? [at('x', i)] : []));
    const B = roles.flatMap((r, i) => (r === 2 || (r === 1 && model === 'q' && i === 0) ? [at('x', i)] : []));
    return density(model, A.length || allowEmptyA ? A : [at('x', T)], B.filter((b) => !A.includes(b)));
  });

const arbExpr: fc.Arbitrary<Expr> = fc.oneof(
  arbDensity().map(log),
  fc.tuple(arbDensity(), arbDensity()).map(([m, d]) => E(m, log(d))),
  fc.tuple(arbDensity(), arbDensity(), arbDensity()).map(([m1, m2, d]) => E(m1, E(m2, log(d)))),
  fc.tuple(arbDensity(), arbDensity()).map(([m, d]) => E(m, KL(d, { ...d, model: d.model === 'p' ? 'q' : 'p' }))),
);

describe('normal form preserves value on random expressions', () => {
  it('value(e) = value(normalize(e)) on random Gaussian instances, whenever e is well-formed', () => {
    let wellFormed = 0;
    fc.assert(fc.property(arbExpr, fc.integer({ min: 1, max: 1000 }), (e, seed) => {
      const env = new Map([['T', T]]);
      let nf;
      try {
        nf = normalize(e, { models: modelMap, env, notes: new Set() });
      } catch (err) {
        if (err instanceof UndefinedDensity) return true; // ill-formed: nothing to compare
        throw err;
      }
      wellFormed++;
      const w = gaussianWitness(models, T, seed);
      const direct = atPoint(evaluate(e, w, env), w);
      const viaNf = atPoint(evaluateNormalForm(nf, gaussianWitness(models, T, seed)), w);
      return Math.abs(direct - viaNf) <= 1e-7 * (1 + Math.abs(direct));
    }), { numRuns: 400 });
    expect(wellFormed).toBeGreaterThan(100);
  });
});
