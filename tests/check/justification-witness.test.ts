// Law: a testbed step is decided by what its rule allows (issue 10 item 7). A step whose relation
// holds but whose cited rule does not witness it is `unjustified`, with what the rule expected;
// the same step with the right rule passes. Adversarial cases: identities dressed as
// inequalities, algebra dressed as linearity, moments dressed as linearity, Jensen with the sides
// or the bindings mismatched, an assumption handle that does not exist.
import { afterAll, describe, expect, it } from 'vitest';
import {
  add, by, calc, claim, derivation, draw, E, exp, log, mul, normal, pow, rat, sym, type Justification,
} from '../../src/index.js';
import { checkDerivation } from '../../src/derive/checker.js';
import { witnessNumeric } from '../../src/derive/witness.js';
import { shutdownGpu } from '../../src/mc/index.js';
import type { Node, Rel } from '../../src/expr/ast.js';

afterAll(async () => {
  await shutdownGpu();
});

const s = sym('s');
const a = sym('a');
const b = sym('b');
const z = sym('z');
const overZ = [draw('z', normal(0, 1))];
const overZ2 = [draw('z', normal(1, 2))];

async function verdictOf(lhs: Node | number, rel: Rel, rhs: Node | number, j: Justification, assumptions: Record<string, string> = {}) {
  const d = derivation({ id: 'probe.step', title: 'probe', source: 'test', assumptions, strategy: '', chains: [claim(lhs, rel, rhs, j)] });
  const r = await checkDerivation(d, { seed: 1, backend: 'cpu' });
  return r.steps[0]!;
}

describe('mislabelled steps are unjustified', () => {
  it('s = s by Jensen: an identity is not an instance of Jensen', async () => {
    const st = await verdictOf(s, '=', s, by.jensen());
    expect(st.verdict).toBe('unjustified');
    expect(st.ok).toBe(false);
    expect(st.expected).toMatch(/inequality/);
  });
  it('an algebra step labelled linearity: (a + b)² = a² + 2ab + b²', async () => {
    const st = await verdictOf(pow(add(a, b), 2), '=', add(pow(a, 2), mul(2, a, b), pow(b, 2)), by.linearity());
    expect(st.verdict).toBe('unjustified');
    expect(st.expected).toMatch(/algebra, not linearity/);
  });
  it('a moment labelled linearity: E[z²] = 1 needs the Gaussian moments', async () => {
    const st = await verdictOf(E(pow(z, 2), overZ), '=', 1, by.linearity());
    expect(st.verdict).toBe('unjustified');
    expect((await verdictOf(E(pow(z, 2), overZ), '=', 1, by.gaussianMoments())).verdict).toBe('proved');
  });
  it('an expectation labelled algebra: E[z] = 0 is not algebra', async () => {
    expect((await verdictOf(E(z, overZ), '=', 0, by.algebra())).verdict).toBe('unjustified');
  });
  it('Jensen with different bindings on the two sides is not Jensen’s shape', async () => {
    const st = await verdictOf(log(E(exp(z), overZ2)), '>=', E(z, overZ), by.jensen());
    expect(st.verdict).toBe('unjustified');
  });
  it('s = s by Bayes, by the chain rule, by marginalization: no density, no integral', async () => {
    for (const j of [by.bayes(), by.chainRule(), by.marginalization(), by.tower(), by.gaussianSum()]) {
      expect((await verdictOf(s, '=', s, j)).verdict, j.id).toBe('unjustified');
    }
  });
  it('an assumption handle that the derivation does not have', async () => {
    const st = await verdictOf(a, '>=', 0, by.assumption('hNope'), { ha: 'a in [0, 1]' });
    expect(st.verdict).toBe('unjustified');
    expect(st.expected).toMatch(/ha/);
  });
});

describe('correctly labelled steps are witnessed', () => {
  it('linearity: E[2z + 3 a] = 2 E[z] + 3 a (E through sums and constants)', async () => {
    const st = await verdictOf(E(add(mul(2, z), mul(3, a)), overZ), '=', add(mul(2, E(z, overZ)), mul(3, a)), by.linearity());
    expect(st.verdict).toBe('proved');
    expect(st.evidence.map((e) => e.method)).toContain('rule-witness');
  });
  it('Jensen for exp (convex): exp(E[z]) ≤ E[exp(z)]', async () => {
    const st = await verdictOf(exp(E(z, overZ)), '<=', E(exp(z), overZ), by.jensen('exp'));
    expect(['proved', 'verified']).toContain(st.verdict);
  });
  it('an assumption by its handle, listed among the assumptions the step used', async () => {
    const st = await verdictOf(a, '>=', 0, by.assumption('ha'), { ha: 'a in [0, 1]', hb: 'b in [0, 1]' });
    expect(st.verdict).toBe('proved');
    expect(st.assumptions).toEqual(['ha']);
  });
  it('algebra under one expectation: E[z + z] = E[2 z]', async () => {
    expect((await verdictOf(E(add(z, z), overZ), '=', E(mul(2, z), overZ), by.algebra())).verdict).toBe('proved');
  });
});

describe('the witness alone (no decision)', () => {
  const dom = new Map();
  it('linearity refuses a coefficient that differs by a tiny rational', () => {
    const w = witnessNumeric(by.linearity(), E(mul(2, z), overZ), '=', mul(rat(2000001, 1000000), E(z, overZ)) as Node, dom, new Set());
    expect(w.ok).toBe(false);
  });
  it('Jensen for log must have the log side on the larger side', () => {
    expect(witnessNumeric(by.jensen(), log(E(exp(z), overZ)), '<=', E(z, overZ), dom, new Set()).ok).toBe(false);
    expect(witnessNumeric(by.jensen(), log(E(exp(z), overZ)), '>=', E(z, overZ), dom, new Set()).ok).toBe(true);
  });
});

describe('scope of testbed steps', () => {
  it('names the parameter ranges from the assumptions', async () => {
    const st = await verdictOf(a, '>=', 0, by.assumption('ha'), { ha: 'a in [0, 1]' });
    expect(st.scope.kind).toBe('testbed');
    expect(st.scope.text).toMatch(/a ∈ \[0, 1\]/);
  });
  it('a chain with one step per line keeps one scope per step', async () => {
    const d = derivation({ id: 'probe.chain', title: 'p', source: 't', assumptions: {}, strategy: '', chains: [calc(s).eq(s, by.algebra())] });
    const r = await checkDerivation(d, { seed: 1, backend: 'cpu' });
    expect(r.scope.kind).toBe('testbed');
    expect(r.verdict).toBe('proved');
  });
});
