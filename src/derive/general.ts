// Chains in general (issue 10 items 2 and 6): steps between expressions of the probability
// calculus (src/calculus), over abstract densities of a model class, for symbolic T. They are
// written like the testbed chains of calc.ts, in a context that names the models and the range of
// T, and the checker decides them in the calculus (decide-general.ts) with the scope it returns:
//
//   const g = inGeneral({ models: [vdmForward, vdmReverse], scope: { T0: 1 } });
//   g.calc(logE(qJoint, [pJoint], [qJoint])).ge(elbo, by.jensen()).eq(eq44, by.marginalization())
import type { Rel } from '../expr/ast.js';
import type { Expr, Model, Scope } from '../calculus/index.js';
import { compose, type StepOptions } from './calc.js';
import type { Justification } from './justification.js';

export interface GeneralContext {
  /** The model class: every density of the steps is a conditional of one of these joints. */
  readonly models: readonly Model[];
  /** T ≥ T0 (and a free index's range, if the statement has one). */
  readonly scope: Scope;
}

export interface GeneralStep extends StepOptions {
  readonly lhs: Expr;
  readonly rel: Rel;
  readonly rhs: Expr;
  readonly justification: Justification;
}

export class GeneralChain {
  readonly type = 'general' as const;
  constructor(
    readonly context: GeneralContext,
    readonly first: Expr,
    readonly steps: readonly GeneralStep[] = [],
    /** The statement this chain establishes (or refutes); see Chain.states. */
    readonly statement?: string,
  ) {}

  states(statement: string): GeneralChain {
    return new GeneralChain(this.context, this.first, this.steps, statement);
  }

  get last(): Expr {
    return this.steps.length ? this.steps[this.steps.length - 1].rhs : this.first;
  }

  get relation(): Rel {
    return this.steps.reduce<Rel>((r, s) => compose(r, s.rel), '=');
  }

  private extend(rel: Rel, rhs: Expr, justification: Justification, opts: StepOptions): GeneralChain {
    if (opts.expect === 'refuted' && this.steps.length > 0) throw new Error('a step expected to be refuted must stand alone: use wrong(...)');
    const chain = new GeneralChain(this.context, this.first, [...this.steps, { lhs: this.last, rel, rhs, justification, ...opts }], this.statement);
    void chain.relation;
    return chain;
  }

  eq(next: Expr, j: Justification, opts: StepOptions = {}): GeneralChain {
    return this.extend('=', next, j, opts);
  }
  le(next: Expr, j: Justification, opts: StepOptions = {}): GeneralChain {
    return this.extend('<=', next, j, opts);
  }
  ge(next: Expr, j: Justification, opts: StepOptions = {}): GeneralChain {
    return this.extend('>=', next, j, opts);
  }
}

/** By shape, not instanceof: a user's file may load its own copy of this module. */
export const isGeneralChain = (c: unknown): c is GeneralChain =>
  typeof c === 'object' && c !== null && (c as { type?: unknown }).type === 'general';

const EXPR_KINDS = new Set(['log', 'lin', 'E', 'sum', 'kl', 'logE']);

/** Why a chain marked general cannot be checked (no models, a side that is not a calculus expression), or undefined. */
export function malformedGeneralChain(c: GeneralChain): string | undefined {
  const ctx = c.context as Partial<GeneralContext> | undefined;
  if (!ctx || !Array.isArray(ctx.models) || !ctx.models.length) return 'it has no models: make it with inGeneral({ models, scope })';
  if (!ctx.scope || typeof ctx.scope.T0 !== 'number') return 'its scope has no T0';
  for (const [j, s] of c.steps.entries()) {
    if (!s || (s.rel !== '=' && s.rel !== '<=' && s.rel !== '>=')) return `step ${j + 1} has no relation =, <= or >=`;
    for (const side of [s.lhs, s.rhs]) {
      if (!side || typeof side !== 'object' || !EXPR_KINDS.has((side as { kind?: string }).kind ?? '')) return `step ${j + 1}: a side is not an expression of the calculus (build it with E, log, KL, sum, …)`;
    }
    if (!s.justification || typeof s.justification.id !== 'string') return `step ${j + 1} has no justification (by.…)`;
  }
  return undefined;
}

/** calc / claim / wrong for chains in the calculus, in one model context. */
export function inGeneral(context: GeneralContext) {
  const one = (lhs: Expr, rel: Rel, rhs: Expr, j: Justification, opts: StepOptions = {}) => {
    const c = new GeneralChain(context, lhs);
    return rel === '=' ? c.eq(rhs, j, opts) : rel === '<=' ? c.le(rhs, j, opts) : c.ge(rhs, j, opts);
  };
  return {
    calc: (first: Expr) => new GeneralChain(context, first),
    claim: (lhs: Expr, rel: Rel, rhs: Expr, j: Justification) => one(lhs, rel, rhs, j),
    /** A documented wrong step, expected to be refuted in general (`note` says whose mistake). */
    wrong: (lhs: Expr, rel: Rel, rhs: Expr, j: Justification, note: string) => one(lhs, rel, rhs, j, { expect: 'refuted', note }),
  };
}
