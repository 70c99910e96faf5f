// Law: an expression that does not denote anything at some size in scope is `ill-formed`, never
// proved: a variable outside the model, a density over a context variable, a conditional that leaves
// out a context it depends on, a KL between densities of different variables, an unknown model.
import { describe, expect, it } from 'vitest';
import { decideEqual, density, E, KL, log, logE, sum, type Model, named, checkTemplate, at } from '../../src/calculus/index.js';
import { models, p, q, qOver, scope } from './vdm-helpers.js';

describe('ill-formed expressions are reported, not decided', () => {
  const cases = [
    ['x_{T+1} does not exist', log(q('T+1', 'T'))],
    ['a density of the context x_0 under q', log(density('q', [at('x', 0)]))],
    ['q(x_t) leaves out x_0, on which it depends', sum('t', 1, 'T', log(density('q', [at('x', 't')])))],
    ['a variable given itself', log(density('q', [at('x', 1)], [at('x', 1), at('x', 0)]))],
    ['KL of densities over different variables', KL(q(1, 0), p(2, 3))],
    ['an unknown model', log(density('r', [at('x', 1)]))],
    ['a sum running past the chain: Σ_{t=1}^{T} with x_{t+1}', sum('t', 1, 'T', E(qOver('t', 't+1'), log(p('t', 't+1'))))],
    ['an undefined density inside log E[·]', logE(qOver(1), [density('q', [at('x', 0)])], [qOver(1)])],
  ] as const;
  for (const [name, e] of cases) {
    it(name, () => {
      const v = decideEqual(e, e, models, scope);
      expect(v.status, JSON.stringify(v)).toBe('ill-formed');
    });
  }
  it('q(x_t | x_{t−1}) without x_0 is accepted, since x_t ⊥ x_0 | x_{t−1}', () => {
    expect(decideEqual(log(q(2, 1)), log(q(2, 1, 0)), models, { T0: 2 }).status).toBe('proved');
  });
  it('a variable both measured and given is a point mass (the t = 1 term of eq. 44)', () => {
    const v = decideEqual(E(qOver(0, 1, 2), log(p(1, 2))), E(qOver(1, 2), log(p(1, 2))), models, { T0: 2 });
    expect(v.status).toBe('proved');
    if (v.status === 'proved') expect(v.notes.join()).toMatch(/point mass/);
  });
});

describe('models outside the chain-template class are rejected', () => {
  it('a templated factor with a second-order parent', () => {
    const m: Model = { name: 'q', context: [at('x', 0)], factors: [{ child: at('x', 't'), parents: [at('x', 't-2')], over: { v: 't', lo: { base: null, k: 1 }, hi: { base: 'T', k: 0 } } }] };
    expect(() => checkTemplate(m)).toThrow();
    expect(decideEqual(log(density('q', [at('x', 1)])), log(density('q', [at('x', 1)])), [m], scope).status).toBe('undecided');
  });
  it('a templated factor with two parents', () => {
    const m: Model = { name: 'q', context: [named('c')], factors: [{ child: at('x', 't'), parents: [at('x', 't-1'), named('c')], over: { v: 't', lo: { base: null, k: 1 }, hi: { base: 'T', k: 0 } } }] };
    expect(() => checkTemplate(m)).toThrow();
  });
  it('a cyclic factorization', () => {
    const m: Model = { name: 'm', context: [], factors: [{ child: named('a'), parents: [named('b')] }, { child: named('b'), parents: [named('a')] }] };
    expect(decideEqual(log(density('m', [named('a')])), log(density('m', [named('a')])), [m], scope).status).toBe('undecided');
  });
  it('a variable with two factors', () => {
    const m: Model = { name: 'm', context: [], factors: [{ child: named('a'), parents: [] }, { child: named('a'), parents: [] }] };
    expect(decideEqual(log(density('m', [named('a')])), log(density('m', [named('a')])), [m], scope).status).not.toBe('proved');
  });
});

describe('the lifting lemma is only used where its preconditions hold', () => {
  it('two independent chains (topological order not forced) are undecided, not proved', () => {
    const two: Model = {
      name: 'm', context: [],
      factors: [
        { child: at('a', 0), parents: [] },
        { child: at('b', 0), parents: [] },
        { child: at('a', 't'), parents: [at('a', 't-1')], over: { v: 't', lo: { base: null, k: 1 }, hi: { base: 'T', k: 0 } } },
        { child: at('b', 't'), parents: [at('b', 't-1')], over: { v: 't', lo: { base: null, k: 1 }, hi: { base: 'T', k: 0 } } },
      ],
    };
    const e = log(density('m', [at('a', 'T')], [at('b', 'T'), at('a', 'T-1')]));
    expect(decideEqual(e, log(density('m', [at('a', 'T')], [at('a', 'T-1')])), [two], scope).status).toBe('undecided');
  });
});
