// Law: a step can be decided with only the rewrites its justification allows (rules.ts): linearity
// alone pushes E through sums and constants but proves no Markov, Bayes, KL or marginalization
// step; each of those is proved exactly when its rule is allowed. Restricting the rules never turns
// a refutation into a proof (a restricted normal form is a coarser one).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALL_RULES, add, atPoint, decideEqual, E, evaluate, evaluateNormalForm, gaussianWitness, KL, log, logRatio, normalize, sum,
  UndefinedDensity, type Rule,
} from '../../src/calculus/index.js';
import { mutants } from './mutant-cases.js';
import { consistencyChain, denoisingChain, eq44, eq45, models, p, q, qJoint, qOver, scope } from './vdm-helpers.js';

const R = (...rs: Rule[]) => new Set<Rule>(rs);
const none = R();
const tFree = { T0: 2, free: { v: 't', lo: { base: null, k: 2 }, hi: { base: 'T', k: 0 } } };

describe('steps decided by the rules they cite', () => {
  it('linearity only: E[Σ (a + b)] = Σ E[a] + Σ E[b], and a constant comes out of E', () => {
    const a = log(p('t-1', 't'));
    const b = log(q('t', 't-1'));
    expect(decideEqual(E(qJoint, sum('t', 1, 'T', add(a, b))), add(sum('t', 1, 'T', E(qJoint, a)), sum('t', 1, 'T', E(qJoint, b))), models, scope, none).status).toBe('proved');
    expect(decideEqual(E(qOver(2), log(p(0, 1))), log(p(0, 1)), models, { T0: 2 }, none).status).toBe('proved');
  });
  it('the Markov step needs markov: q(x_t | x_{t−1}, x_0) = q(x_t | x_{t−1}) as written', () => {
    // Written without x_0 the context is added back (it is implicit), so compare against x_{t−2}.
    const lhs = log(q('t', 't-1', 't-2'));
    const rhs = log(q('t', 't-1'));
    expect(decideEqual(lhs, rhs, models, tFree, none).status).toBe('refuted');
    expect(decideEqual(lhs, rhs, models, tFree, R('markov')).status).toBe('proved');
  });
  it("Bayes' step (eq. 50 → 51) needs factorize; markov alone does not do it", () => {
    const [n50, e50] = denoisingChain[3]!;
    const [n51, e51] = denoisingChain[4]!;
    expect([n50, n51]).toEqual(['50', '51']);
    expect(decideEqual(e50, e51, models, scope, R('markov', 'marginalize', 'tower')).status).toBe('refuted');
    expect(decideEqual(e50, e51, models, scope, R('factorize', 'markov')).status).toBe('proved');
  });
  it('the KL definition step needs kl', () => {
    const lhs = KL(q('t-1', 't', 0), p('t-1', 't'));
    const rhs = E(q('t-1', 't', 0), logRatio([q('t-1', 't', 0)], [p('t-1', 't')]));
    expect(decideEqual(lhs, rhs, models, tFree, R('factorize', 'markov', 'marginalize', 'tower')).status).toBe('refuted');
    expect(decideEqual(lhs, rhs, models, tFree, R('kl')).status).toBe('proved');
  });
  it('the marginalization step (eq. 43 → 44) needs marginalize', () => {
    const [n43, e43] = consistencyChain[6]!;
    const [n44, e44] = consistencyChain[7]!;
    expect([n43, n44]).toEqual(['43', '44']);
    expect(decideEqual(e43, e44, models, scope, R('factorize', 'markov', 'tower', 'kl')).status).toBe('refuted');
    expect(decideEqual(e43, e44, models, scope, R('marginalize')).status).toBe('proved');
  });
  it('eq. 44 → 45 is refuted under every subset of rules', () => {
    const rules = [...ALL_RULES];
    for (let mask = 0; mask < 1 << rules.length; mask++) {
      const sub = new Set(rules.filter((_, i) => mask & (1 << i)));
      expect(decideEqual(eq44, eq45, models, scope, sub).status, [...sub].join(',')).toBe('refuted');
    }
  });
  it('no mutant is proved under any subset of rules', () => {
    const rules = [...ALL_RULES];
    for (const m of mutants) for (const mask of [0, 1, 3, 7, 15, 31, 63]) {
      const sub = new Set(rules.filter((_, i) => mask & (1 << i)));
      const v = decideEqual(m.lhs, m.rhs, m.models ?? models, m.T0 ? { T0: m.T0 } : scope, sub);
      expect(v.status, `${m.name} [${[...sub]}]`).not.toBe('proved');
    }
  });
});

describe('a restricted normal form still has the value of the expression', () => {
  it('on every line of the Luo chains, for random subsets of rules, T = 1…3', () => {
    const modelMap = new Map(models.map((m) => [m.name, m]));
    fc.assert(fc.property(fc.subarray([...ALL_RULES]), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 99 }), (rs, T, seed) => {
      for (const [, e] of [...consistencyChain, ...denoisingChain]) {
        const env = new Map([['T', T]]);
        let nf;
        try {
          nf = normalize(e, { models: modelMap, env, notes: new Set(), rules: new Set(rs) });
        } catch (err) {
          if (err instanceof UndefinedDensity) continue;
          throw err;
        }
        const w = gaussianWitness(models, T, seed);
        const direct = atPoint(evaluate(e, w, env), w);
        const viaNf = atPoint(evaluateNormalForm(nf, gaussianWitness(models, T, seed)), w);
        if (Math.abs(direct - viaNf) > 1e-7 * (1 + Math.abs(direct))) return false;
      }
      return true;
    }), { numRuns: 40 });
  });
});
