/**
 * Decisions: equalities by the normal form, inequalities by a named non-negative gap.
 *
 * decideEqual(lhs, rhs): the normal form of lhs − rhs at every instance of the lifting plan.
 *   proved      zero at all of them, hence (lifting lemma) for every T ≥ T0 and t in range;
 *   refuted     non-zero at some instance; the residual terms and any recorded reason (e.g. a
 *               product measure that is not a conditional of the joint) are returned;
 *   ill-formed  some density/measure is undefined at some instance in scope (a variable outside
 *               the model, a context variable left out on which the density depends, …);
 *   undecided   the statement is outside the class the lifting lemma covers.
 * decideLe(lhs, rhs, gaps): rhs − lhs must be λ·gap for one declared gap (≥ 0 by a law, e.g. a
 *   Jensen gap or a KL) and one rational λ at every instance: λ > 0 proves lhs ≤ rhs (with the
 *   gap's equality condition), λ < 0 refutes it (the wrong direction), anything else is undecided
 *   unless rhs − lhs is zero (then it is an equality).
 */
import { cmp, div, isZero, rational, toString as qstr, type Rational } from '../expr/rational.js';
import { UndefinedDensity } from './atoms.js';
import { liftingPlan, NotDecided, type Scope } from './lifting.js';
import { checkTemplate, ModelError, type Model } from './model.js';
import { combine, normalize, printNormalForm, type NormalForm } from './normal-form.js';
import { explainResidual } from './explain.js';
import { ALL_RULES, type Rule } from './rules.js';
import { E, KL, logE, logRatio, sub, type Density, type Expr } from './terms.js';
import { printIdx } from './index-expr.js';

export type InstanceValues = Readonly<Record<string, number>>;

export type Verdict =
  | {
    readonly status: 'proved';
    /** What was proved for (issue 10 item 6): the model class, the range of T and of the free index. */
    readonly scope: string;
    readonly instances: number;
    readonly maxT: number;
    readonly notes: readonly string[];
  }
  | {
    readonly status: 'refuted';
    /** The first instance (smallest T, then t) where the normal form of lhs − rhs is not zero. */
    readonly at: InstanceValues;
    readonly residual: readonly string[];
    /** The residual at the largest instance of the plan, runs of translates folded into Σ_t (explain.ts). */
    readonly generic?: { readonly at: InstanceValues; readonly residual: readonly string[] };
    readonly notes: readonly string[];
  }
  | { readonly status: 'ill-formed'; readonly at: InstanceValues; readonly reason: string }
  | { readonly status: 'undecided'; readonly reason: string };

/**
 * A non-negative quantity named by a law, given as data so that its expression and its
 * non-negativity come from laws.ts, never from the caller: a hand-made "gap" cannot make decideLe
 * prove a false inequality.
 */
export type Gap =
  | { readonly law: 'Jensen (log concave)'; readonly measure: Density; readonly num: readonly Density[]; readonly den: readonly Density[] }
  | { readonly law: 'KL ≥ 0'; readonly p: Density; readonly q: Density };

/** The gap's expression (≥ 0 by its law) and when it is zero. */
export function gapOf(g: Gap): { expr: Expr; equality: string } {
  if (g.law === 'Jensen (log concave)') {
    return {
      expr: sub(logE(g.measure, g.num, g.den), E(g.measure, logRatio(g.num, g.den))),
      equality: 'the ratio is almost surely constant under the measure',
    };
  }
  return { expr: KL(g.p, g.q), equality: 'the two densities agree almost everywhere' };
}

export type InequalityVerdict =
  | { readonly status: 'proved'; readonly law: string; readonly lambda: string; readonly equality: string; readonly scope: string; readonly instances: number }
  | { readonly status: 'equal'; readonly instances: number }
  | { readonly status: 'refuted'; readonly law: string; readonly lambda: string; readonly reason: string }
  | Extract<Verdict, { status: 'ill-formed' | 'undecided' }>;

const asRecord = (env: ReadonlyMap<string, number>): InstanceValues => Object.fromEntries(env);

function modelMap(models: readonly Model[]): Map<string, Model> {
  const out = new Map<string, Model>();
  for (const m of models) {
    if (out.has(m.name)) throw new ModelError(`two models named '${m.name}'`);
    out.set(m.name, m);
  }
  return out;
}

type Forms = { env: ReadonlyMap<string, number>; nfs: NormalForm[]; notes: Set<string> };

/** Normal forms of `exprs` at every instance of the plan, or the reason there are none. */
function formsAt(exprs: readonly Expr[], models: readonly Model[], scope: Scope, rules: ReadonlySet<Rule>):
  | { ok: true; forms: Forms[] }
  | { ok: false; verdict: Extract<Verdict, { status: 'ill-formed' | 'undecided' }> } {
  let plan: Array<Map<string, number>>;
  let mm: Map<string, Model>;
  try {
    mm = modelMap(models);
    models.forEach(checkTemplate);
    plan = liftingPlan(exprs, models, scope);
  } catch (e) {
    if (e instanceof NotDecided || e instanceof ModelError) return { ok: false, verdict: { status: 'undecided', reason: e.message } };
    throw e;
  }
  const forms: Forms[] = [];
  for (const env of plan) {
    const notes = new Set<string>();
    try {
      forms.push({ env, notes, nfs: exprs.map((e) => normalize(e, { models: mm, env, notes, rules })) });
    } catch (e) {
      if (e instanceof ModelError)
        return { ok: false, verdict: { status: 'undecided', reason: `not a DAG model at ${JSON.stringify(asRecord(env))}: ${e.message}` } };
      if (e instanceof UndefinedDensity || e instanceof RangeError)
        return { ok: false, verdict: { status: 'ill-formed', at: asRecord(env), reason: e.message } };
      throw e;
    }
  }
  return { ok: true, forms };
}

/** `rules`: the rewrites the decision may use (rules.ts); all by default. */
export function decideEqual(lhs: Expr, rhs: Expr, models: readonly Model[], scope: Scope, rules: ReadonlySet<Rule> = ALL_RULES): Verdict {
  const r = formsAt([lhs, rhs], models, scope, rules);
  if (!r.ok) return r.verdict;
  const notes = new Set<string>();
  const diffOf = (f: Forms) => combine(f.nfs[0]!, f.nfs[1]!, rational(-1n));
  for (const f of r.forms) {
    const diff = diffOf(f);
    if (diff.size) {
      const last = r.forms[r.forms.length - 1]!;
      const lastDiff = diffOf(last);
      return {
        status: 'refuted', at: asRecord(f.env), residual: printNormalForm(diff), notes: [...f.notes],
        ...(last !== f && lastDiff.size ? { generic: { at: asRecord(last.env), residual: explainResidual(lastDiff, last.env.get('T')!) } } : {}),
      };
    }
    f.notes.forEach((n) => notes.add(n));
  }
  return {
    status: 'proved', scope: describeScope(models, scope), instances: r.forms.length,
    maxT: Math.max(...r.forms.map((f) => f.env.get('T')!)), notes: [...notes],
  };
}

/** The scope of a general verdict, in words: "all positive densities of q, p; every T ≥ 1; 1 ≤ t ≤ T". */
export function describeScope(models: readonly Model[], scope: Scope): string {
  const parts = [`all positive densities factorizing as ${models.map((m) => m.name).join(', ')} (log-densities integrable)`];
  const templated = models.some((m) => m.factors.some((f) => f.over));
  if (templated) parts.push(`every T ≥ ${scope.T0}`);
  if (scope.free) parts.push(`every ${printIdx(scope.free.lo)} ≤ ${scope.free.v} ≤ ${printIdx(scope.free.hi)}`);
  return parts.join('; ');
}

/** The λ with a = λ·b as normal forms, if there is one (b non-zero). */
function ratio(a: NormalForm, b: NormalForm): Rational | undefined {
  if (a.size !== b.size || !b.size) return undefined;
  let lambda: Rational | undefined;
  for (const [k, { coef }] of b) {
    const x = a.get(k);
    if (!x) return undefined;
    const l = div(x.coef, coef);
    if (lambda && cmp(lambda, l) !== 0) return undefined;
    lambda = l;
  }
  return lambda;
}

export function decideLe(lhs: Expr, rhs: Expr, gaps: readonly Gap[], models: readonly Model[], scope: Scope, rules: ReadonlySet<Rule> = ALL_RULES): InequalityVerdict {
  const gapForms = gaps.map(gapOf);
  const r = formsAt([lhs, rhs, ...gapForms.map((g) => g.expr)], models, scope, rules);
  if (!r.ok) return r.verdict;
  const diffs = r.forms.map((f) => combine(f.nfs[1]!, f.nfs[0]!, rational(-1n)));
  if (diffs.every((d) => d.size === 0)) return { status: 'equal', instances: r.forms.length };
  gaps: for (const [gi, gap] of gaps.entries()) {
    let lambda: Rational | undefined;
    for (const [i, f] of r.forms.entries()) {
      const d = diffs[i]!;
      const g = f.nfs[2 + gi]!;
      if (!d.size && !g.size) continue;
      const l = ratio(d, g);
      if (!l || isZero(l) || (lambda && cmp(l, lambda) !== 0)) continue gaps;
      lambda = l;
    }
    if (!lambda) continue;
    const { equality } = gapForms[gi]!;
    if (lambda.n > 0n) return { status: 'proved', law: gap.law, lambda: qstr(lambda), equality, scope: describeScope(models, scope), instances: r.forms.length };
    return {
      status: 'refuted', law: gap.law, lambda: qstr(lambda),
      reason: `rhs − lhs = ${qstr(lambda)} × (${gap.law} gap), which is ≥ 0 and positive unless ${equality}: the inequality runs the other way`,
    };
  }
  return { status: 'undecided', reason: 'rhs − lhs is not a positive multiple of any declared gap (not of the shape of the cited law)' };
}
