/**
 * "lhs − rhs does not depend on θ", where θ is the parameter of one model (the reverse model p_θ):
 * decided on the normal form, for every T ≥ T0 and every t of the scope's free index.
 *
 * Why this is the right test. In the model class of the calculus a model's densities are opaque
 * functions; the parameters of model `m` enter an expression only through the log-density atoms
 * of `m` and through measures of `m`. The normal form (normal-form.ts) is a linear combination of
 * terms E_{μ_1}[… E_{μ_k}[log a] …]; if no atom and no measure of the normal form of lhs − rhs
 * belongs to `m`, then lhs − rhs is, as a function of the remaining variables, the same for every
 * choice of m's densities, so its gradient in m's parameters is 0 (where lhs and rhs are
 * differentiable). That is how the Rao–Blackwell step of vdm.estimator-variance uses it:
 * E[C_{t−1} | x_t, x_0] − D_t is free of p, hence ∇_θ E[C_{t−1} | x_t, x_0] = ∇_θ D_t.
 *
 * A term the calculus keeps opaque (an unsimplified log E[ratio]) may hide any model: it is
 * counted as dependent, never as free. Sums are unrolled at the lifting plan's sizes, so a
 * dependent term anywhere in a range is found at the first size where the range is non-empty.
 */
import { rational } from '../expr/rational.js';
import { UndefinedDensity } from './atoms.js';
import { describeScope, type InstanceValues } from './decide.js';
import type { Atom, Term } from './expectation.js';
import { liftingPlan, NotDecided, type Scope } from './lifting.js';
import { checkTemplate, ModelError, type Model } from './model.js';
import { combine, normalize, printNormalForm } from './normal-form.js';
import { ALL_RULES, type Rule } from './rules.js';
import type { Expr } from './terms.js';

export type FreeOfVerdict =
  | { readonly status: 'proved'; readonly scope: string; readonly instances: number }
  /** `terms`: the terms of lhs − rhs that mention the model, at the first instance where one does. */
  | { readonly status: 'refuted'; readonly at: InstanceValues; readonly terms: readonly string[] }
  | { readonly status: 'ill-formed' | 'undecided'; readonly reason: string };

/** The models a term's atom may depend on; undefined for an opaque atom (it may hide any). */
function atomModels(a: Atom): readonly string[] | undefined {
  switch (a.kind) {
    case 'logd':
    case 'raw':
      return [a.model];
    case 'kl':
      return [a.p.model, a.q.model];
    case 'opaque':
      return undefined;
  }
}

/** True when the term may depend on model `m`'s densities (its atom or one of its measures). */
export function termMentions(t: Term, m: string): boolean {
  const ms = atomModels(t.atom);
  return ms === undefined || ms.includes(m) || t.measures.some((mu) => mu.model === m);
}

export function decideDifferenceFreeOf(
  lhs: Expr, rhs: Expr, model: string, models: readonly Model[], scope: Scope, rules: ReadonlySet<Rule> = ALL_RULES,
): FreeOfVerdict {
  if (!models.some((m) => m.name === model)) return { status: 'undecided', reason: `no model named '${model}'` };
  let plan: Array<Map<string, number>>;
  const mm = new Map<string, Model>();
  try {
    for (const m of models) {
      if (mm.has(m.name)) throw new ModelError(`two models named '${m.name}'`);
      checkTemplate(m);
      mm.set(m.name, m);
    }
    plan = liftingPlan([lhs, rhs], models, scope);
  } catch (e) {
    if (e instanceof NotDecided || e instanceof ModelError) return { status: 'undecided', reason: e.message };
    throw e;
  }
  for (const env of plan) {
    const notes = new Set<string>();
    let diff;
    try {
      const inst = { models: mm, env, notes, rules };
      diff = combine(normalize(lhs, inst), normalize(rhs, inst), rational(-1n));
    } catch (e) {
      if (e instanceof ModelError) return { status: 'undecided', reason: e.message };
      if (e instanceof UndefinedDensity || e instanceof RangeError) return { status: 'ill-formed', reason: `${e.message} (at ${JSON.stringify(Object.fromEntries(env))})` };
      throw e;
    }
    const dependent = [...diff.values()].filter((en) => termMentions(en.term, model));
    if (dependent.length) {
      return {
        status: 'refuted',
        at: Object.fromEntries(env),
        terms: printNormalForm(new Map(dependent.map((en) => [JSON.stringify(en.term, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)), en]))),
      };
    }
  }
  return { status: 'proved', scope: `${describeScope(models, scope)}; lhs − rhs mentions no density of ${model}`, instances: plan.length };
}

