// Law: a derivation is proved only when each of its steps is, with the rule it cites, and its
// conclusion composes the relations: log p(x_0) ≥ ELBO = … = eq. 44 concludes log p(x_0) ≥ eq. 44;
// appending Luo's eq. 45 breaks the chain at that step and there is no conclusion.
import { describe, expect, it } from 'vitest';
import { decideChain, jensenLog, log, type ChainStep, type Rule } from '../../src/calculus/index.js';
import { consistencyChain, eq45, models, p, pJoint, qJoint, scope } from './vdm-helpers.js';

const jensen = jensenLog(qJoint, [pJoint], [qJoint]);
const steps: ChainStep[] = [
  { label: 'eq. 37 (Jensen)', rel: '≥', expr: consistencyChain[0]![1], gaps: [jensen] },
  ...consistencyChain.slice(1, 8).map(([n, e]) => ({ label: `eq. ${n}`, expr: e })),
];

describe('derivation chains', () => {
  it('log p(x_0) ≥ ELBO = … = eq. 44: every step proved, conclusion ≥', () => {
    const r = decideChain(log(p(0)), steps, models, scope);
    expect(r.steps.map((s) => s.verdict.status)).toEqual(['proved', ...Array(7).fill('proved')]);
    expect(r.conclusion).toBe('≥');
  });
  it('appending eq. 45 refutes that step and withholds the conclusion', () => {
    const r = decideChain(log(p(0)), [...steps, { label: 'eq. 45', expr: eq45 }], models, scope);
    expect(r.steps[r.steps.length - 1]!.verdict.status).toBe('refuted');
    expect(r.conclusion).toBeUndefined();
  });
  it('a step that holds but whose cited rules do not witness it fails the chain', () => {
    const only = new Set<Rule>(['kl']);
    const r = decideChain(log(p(0)), [steps[0]!, { ...steps[1]!, rules: only }, ...steps.slice(2)], models, scope);
    expect(r.steps[1]!.verdict.status).toBe('refuted');
    expect(r.conclusion).toBeUndefined();
  });
  it('the Jensen step cited the wrong way round is refuted', () => {
    const r = decideChain(log(p(0)), [{ ...steps[0]!, rel: '≤' }], models, scope);
    expect(r.steps[0]!.verdict.status).toBe('refuted');
  });
});
