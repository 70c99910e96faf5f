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
}

/** True when deciding needs the expectation machinery (E, KL or logpdf heads). */
export function needsExpectation(node: Node): boolean {
  if (hasExpectation(node)) return true;
  if (node.op === 'call' && (node.fn === 'KL' || node.fn === 'logpdf')) return true;
  return 'args' in node && node.args.some(needsExpectation);
}

export async function decideRelation(lhs: Node, rel: Rel, rhs: Node, domain: Domain, opts: DecideRelationOptions): Promise<Verdict> {
  if (!needsExpectation(lhs) && !needsExpectation(rhs)) return decide(lhs, rel, rhs, domain, { seed: opts.seed });
  const { decideExpectation } = await import('./decide-expectation.js');
  return decideExpectation(lhs, rel, rhs, domain, opts);
}
