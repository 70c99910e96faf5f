// Changing any single coefficient of a proved formula makes its step refuted.
// For every derivation, the first proved step whose right-hand side has a
// numeric coefficient is mutated at each of its coefficients in turn.
import { afterAll, describe, expect, it } from 'vitest';
import type { Derivation } from '../../src/derive/derivation.js';
import { loadAllDerivations } from './helpers.js';
import { checkStep } from '../../src/derive/checker.js';
import { shutdownGpu } from '../../src/mc/index.js';
import { coefficients, mutateCoefficient } from './mutate.js';
import { toMathjs } from '../../src/expr/print-mathjs.js';
import { needsExpectation } from '../../src/expect/decide-relation.js';
import type { Step } from '../../src/derive/calc.js';
import { isGeneralChain } from '../../src/derive/general.js';
import type { Node } from '../../src/expr/ast.js';

const derivations = await loadAllDerivations();

afterAll(async () => {
  await shutdownGpu();
});

interface Mutant {
  readonly d: Derivation;
  readonly step: Step;
  readonly rhs: Node;
  readonly k: number;
}

// Algebraic steps only: they are proved, so a mutant must be refuted outright.
const mutants: Mutant[] = derivations.flatMap((d) => {
  const step = d.chains
    .flatMap((c) => (isGeneralChain(c) ? [] : c.steps))
    .find((s) => s.expect !== 'refuted' && !needsExpectation(s.lhs) && !needsExpectation(s.rhs) && coefficients(s.rhs).length > 0);
  if (!step) return [];
  const count = Math.min(3, coefficients(step.rhs).length);
  return Array.from({ length: count }, (_, k) => ({ d, step, rhs: mutateCoefficient(step.rhs, k), k }));
});

describe('coefficient mutants of proved steps are refuted', () => {
  it('mutates steps of several derivations', () => {
    expect(mutants.length).toBeGreaterThanOrEqual(6);
    expect(new Set(mutants.map((m) => m.d.id)).size).toBeGreaterThanOrEqual(3);
  });
  for (const { d, step, rhs, k } of mutants) {
    it(`${d.id}: ${toMathjs(step.lhs)} = ${toMathjs(rhs)} (coefficient #${k + 1} + 1) is refuted`, async () => {
      const v = await checkStep({ ...step, rhs }, d, { seed: 3, backend: 'cpu' });
      expect(v.verdict).toBe('refuted');
    });
  }
});
