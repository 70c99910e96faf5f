// Every derivation is a test: each step must hold as the derivation says
// (documented wrong claims must be refuted), every algebraic step must be
// proved, and every step about expectations must carry Monte Carlo evidence.
import { afterAll, describe, expect, it } from 'vitest';
import type { Derivation } from '../../src/derive/derivation.js';
import { loadAllDerivations } from './helpers.js';
import { isGeneralChain } from '../../src/derive/general.js';
import type { Step } from '../../src/derive/calc.js';
import { checkDerivation } from '../../src/derive/checker.js';
import { hasExpectation } from '../../src/expr/ast.js';
import { lowerHeads } from '../../src/prob/lower.js';
import { shutdownGpu } from '../../src/mc/index.js';

const derivations = await loadAllDerivations();

afterAll(async () => {
  await shutdownGpu();
});

describe('the derivation suite', () => {
  it('has derivations with unique ids', () => {
    const ids = derivations.map((d) => d.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const d of derivations) {
    it(`${d.id}: ${d.title} holds step by step`, async () => {
      const r = await checkDerivation(d, { seed: 1, backend: 'auto' });
      const failures = r.steps.filter((s) => !s.ok).map((s) => `step ${s.index} ${s.lhs} ${s.relation} ${s.rhs}: ${s.verdict} ${s.reason ?? ''} ${JSON.stringify(s.counterexample ?? '')}`);
      expect(failures).toEqual([]);
      const steps = d.chains.flatMap((c): Array<Step | undefined> => (isGeneralChain(c) ? c.steps.map(() => undefined) : [...c.steps]));
      steps.forEach((step, i) => {
        const s = r.steps[i];
        // Steps in general are decided by the calculus, exactly (general-suite.test.ts).
        if (!step) {
          expect(s.scope.kind).toBe('general');
          return;
        }
        expect(s.scope.kind).toBe('testbed');
        if (step.expect === 'refuted') return;
        // An expectation (KL unfolds to one) needs Monte Carlo evidence; a
        // pointwise identity of log-densities is algebra and must be proved.
        if (hasExpectation(lowerHeads(step.lhs)) || hasExpectation(lowerHeads(step.rhs))) {
          expect(s.evidence.map((e) => e.method), `step ${s.index} needs Monte Carlo evidence`).toContain('monte-carlo');
        } else {
          expect(s.verdict, `algebraic step ${s.index} (${s.lhs} ${s.relation} ${s.rhs}) must be proved`).toBe('proved');
        }
      });
    });
  }
});
