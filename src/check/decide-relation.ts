// Deciding one relation lhs REL rhs over a domain, by the strongest method
// that applies: exact algebra for expressions without expectations; for
// expectations, closed forms where known, else Monte Carlo (decide-expectation).
import type { Node, Rel } from '../expr/ast.js';
import { hasExpectation } from '../expr/ast.js';
import type { Domain } from '../expr/domain.js';
import { decide } from '../algebra/index.js';
import type { Verdict } from '../verdict.js';

export interface DecideRelationOptions {
  readonly seed: number;
  /** Monte Carlo samples per estimate (default chosen by decide-expectation). */
  readonly samples?: number;
  readonly backend?: 'auto' | 'webgpu' | 'cpu';
  /**
   * Also test a closed-form decision of an expectation against Monte Carlo
   * estimates, so that the evidence does not rest on the closed forms alone.
   * The derivation checker sets it; single claims answer on the closed form.
   */
  readonly crossCheck?: boolean;
}

/** Parameter points of a Monte Carlo cross-check of a closed form. */
const CROSS_CHECK_DRAWS = 4;

/** True when deciding needs the expectation machinery (E, KL or logpdf heads). */
export function needsExpectation(node: Node): boolean {
  if (hasExpectation(node)) return true;
  if (node.op === 'call' && (node.fn === 'KL' || node.fn === 'logpdf')) return true;
  return 'args' in node && node.args.some(needsExpectation);
}

export async function decideRelation(lhs: Node, rel: Rel, rhs: Node, domain: Domain, opts: DecideRelationOptions): Promise<Verdict> {
  if (!needsExpectation(lhs) && !needsExpectation(rhs)) return decide(lhs, rel, rhs, domain, { seed: opts.seed });
  const { decideExpectation } = await import('./decide-expectation.js');
  const v = await decideExpectation(lhs, rel, rhs, domain, opts);
  // Only a decision that sampled nothing needs the cross-check: one reached
  // by Monte Carlo already is that evidence.
  const byClosedFormOnly = v.evidence.some((e) => e.method === 'gaussian-closed-form') && !v.evidence.some((e) => e.method === 'monte-carlo');
  // A refutation by exact closed forms carries an exact counterexample; Monte
  // Carlo at other points could only miss it, so the cross-check tests holds.
  if (!opts.crossCheck || !byClosedFormOnly || (v.verdict !== 'proved' && v.verdict !== 'verified')) return v;
  const mc = await decideExpectation(lhs, rel, rhs, domain, { ...opts, closedForm: false, draws: CROSS_CHECK_DRAWS });
  // The closed form says the relation holds and Monte Carlo refutes it: one
  // of the two machineries is wrong, and neither verdict can stand; say so.
  if (mc.verdict === 'refuted') {
    return {
      verdict: 'unknown',
      evidence: [...v.evidence, ...mc.evidence],
      reason: `the closed form says ${v.verdict} but Monte Carlo refutes it`,
    };
  }
  return { ...v, evidence: [...v.evidence, ...mc.evidence] } as Verdict;
}
