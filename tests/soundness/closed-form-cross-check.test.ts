// The checker's cross-check of decisions reached by closed forms alone
// (src/expect/decide-relation.ts): with a closed form made wrong on purpose —
// a constant the size of a term, or a coefficient off by 10 % — the relation
// the wrong form "proves" is caught by Monte Carlo at the checker's settings
// (CROSS_CHECK_DRAWS parameter points × CROSS_CHECK_SAMPLES) and comes out
// `unknown`, with the reason, never proved; with the true closed form the
// same relation is refuted exactly and the true one proved.
import { describe, expect, it, vi } from 'vitest';
import type { Node, Scalar } from '../../src/expr/ast.js';

const injected = vi.hoisted(() => ({ error: undefined as undefined | ((form: Scalar) => Node) }));
vi.mock('../../src/prob/expect-closed-form.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/prob/expect-closed-form.js')>();
  const { hasExpectation } = await import('../../src/expr/ast.js');
  // Both ways in: the decision closes a whole side (closeNested), the evidence and plan one expectation (expectClosedForm).
  return {
    ...real,
    expectClosedForm: (node: Parameters<typeof real.expectClosedForm>[0]) => {
      const form = real.expectClosedForm(node);
      return form && injected.error ? injected.error(form as Scalar) : form;
    },
    closeNested: (node: Node) => {
      const form = real.closeNested(node);
      return form && injected.error && hasExpectation(node) ? injected.error(form as Scalar) : form;
    },
  };
});

const { decideRelation } = await import('../../src/expect/decide-relation.js');
const { add, draw, E, log, mul, normal, pi, pow, sub, sym } = await import('../../src/expr/build.js');
const { buildDomain } = await import('../../src/expr/params.js');

const [m, s, x] = [sym('m'), sym('s'), sym('x')];
const domain = buildDomain(['s > 0.1', 's < 4', 'm > -3', 'm < 3']);
const opts = { seed: 1, crossCheck: true, backend: 'cpu' as const };

const cases: { name: string; lhs: Node; wrong: (form: Scalar) => Node; claimed: Node; truth: Node }[] = [
  {
    name: 'E[x²] = m² + s, with 0.1 added to the closed form',
    lhs: E(pow(x, 2), [draw('x', normal(m, s))]),
    wrong: (f) => add(f, 0.1),
    claimed: add(pow(m, 2), s, 0.1),
    truth: add(pow(m, 2), s),
  },
  {
    name: 'E[(x − m)² / s] = 1, the closed form 10 % too large',
    lhs: E(mul(pow(sub(x, m), 2), pow(s, -1)), [draw('x', normal(m, s))]),
    wrong: (f) => mul(f, 1.1),
    claimed: mul(1, 1.1),
    truth: mul(1, 1),
  },
  {
    name: 'E[log N(x; m, s)] = −½·log(2πs) − ½, the −½·log(2π) term dropped from the closed form',
    lhs: E(sub(mul(-0.5, log(mul(2, pi, s))), mul(0.5, pow(sub(x, m), 2), pow(s, -1))), [draw('x', normal(m, s))]),
    wrong: (f) => add(f, mul(0.5, log(mul(2, pi)))),
    claimed: sub(mul(-0.5, log(s)), 0.5),
    truth: sub(mul(-0.5, log(mul(2, pi, s))), 0.5),
  },
];

describe('a wrong closed form does not pass the checker', () => {
  for (const c of cases) {
    it(`${c.name}: unknown (the closed form says proved, Monte Carlo refutes), not proved`, async () => {
      injected.error = c.wrong;
      try {
        const v = await decideRelation(c.lhs, '=', c.claimed, domain, opts);
        expect(v.verdict).toBe('unknown');
        if (v.verdict === 'unknown') expect(v.reason).toMatch(/the closed form says proved but Monte Carlo refutes it/);
      } finally {
        injected.error = undefined;
      }
    });

    it(`${c.name}: with the true closed form the claimed value is refuted and the true one proved, Monte Carlo agreeing`, async () => {
      expect((await decideRelation(c.lhs, '=', c.claimed, domain, opts)).verdict).toBe('refuted');
      const v = await decideRelation(c.lhs, '=', c.truth, domain, opts);
      expect(v.verdict).toBe('proved');
      expect(v.evidence.map((e) => e.method)).toContain('monte-carlo');
    });
  }
});
