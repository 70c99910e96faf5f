// Deciding a step of the calculus (a GeneralStep) and whether its rule witnesses it
// (issue 10 items 2, 6, 7; the mapping is the one src/calculus/index.ts describes):
//  - the relation is decided with every rewrite (ALL_RULES) or, for ≤/≥, with every law's gap
//    (Jensen for each log E[·] on a side, KL ≥ 0 for each KL): proved, refuted, or not decided;
//  - then the cited rule decides it again with only what it allows (GENERAL_RULES): an equality
//    rule by the normal form restricted to its rewrites, Jensen and KL ≥ 0 by their own gaps.
//    A relation that holds but that the rule cannot reach is `unjustified`, with the residual the
//    rule left (what it would have needed to account for).
import {
  ALL_RULES, decideEqual, decideLe, describeScope, jensenLog, klNonnegative, printExpr,
  type Density, type Expr, type Gap, type InequalityVerdict, type Rule, type Verdict as CalcVerdict,
} from '../calculus/index.js';
import type { Evidence } from '../verdict.js';
import type { GeneralContext, GeneralStep } from './general.js';
import { mislabelledEquality } from './general-witness.js';
import type { RuleId } from './justification.js';

/** The rewrites an equality rule may use in the calculus; rules absent here do not witness a step of the calculus. */
export const GENERAL_RULES: Partial<Record<RuleId, ReadonlySet<Rule>>> = {
  'algebra': ALL_RULES,
  'definition': new Set(),
  'linearity-of-expectation': new Set(),
  'log-of-product': new Set(),
  'markov-property': new Set(['markov']),
  'marginalization': new Set(['marginalize', 'tower']),
  'tower-property': new Set(['tower', 'marginalize']),
  'bayes-rule': new Set(['factorize', 'markov']),
  'chain-rule-of-probability': new Set(['factorize', 'markov']),
  'kl-definition': new Set(['kl']),
  'importance-sampling': new Set(['importance']),
  'multiply-by-one': new Set(['importance']),
};

export interface GeneralDecision {
  readonly verdict: 'proved' | 'refuted' | 'unknown' | 'unjustified';
  readonly evidence: readonly Evidence[];
  /** Why it is refuted / unknown / unjustified, in words. */
  readonly reason?: string;
  /** For `unjustified`: what the cited rule expected. */
  readonly expected?: string;
  readonly scope: string;
}

const printRules = (s: ReadonlySet<Rule>) => (s.size ? `{${[...s].join(', ')}}` : 'linearity only');

/** Every sub-expression of the given kind (through linear combinations and sums). */
function collect<K extends Expr['kind']>(e: Expr, kind: K, out: Array<Extract<Expr, { kind: K }>> = []): Array<Extract<Expr, { kind: K }>> {
  if (e.kind === kind) out.push(e as Extract<Expr, { kind: K }>);
  if (e.kind === 'lin') e.terms.forEach(([, t]) => collect(t, kind, out));
  if (e.kind === 'sum' || e.kind === 'E') collect(e.body, kind, out);
  return out;
}

/**
 * The Jensen gaps a step can use: one for each log E_μ[∏ num/∏ den] on a side, and one for each
 * E_μ[log ∏ num/∏ den] on a side (a body of log atoms with coefficients ±1), whose upper side
 * log E_μ[·] the normal form may reduce (log E_q[p(x, z)/q(z|x)] = log p(x)).
 */
function jensenGaps(a: Expr, b: Expr): Gap[] {
  const out: Gap[] = [...collect(a, 'logE'), ...collect(b, 'logE')].map((l) => jensenLog(l.measure, [...l.num], [...l.den]));
  for (const e of [...collect(a, 'E'), ...collect(b, 'E')]) {
    const num: Density[] = [];
    const den: Density[] = [];
    const walk = (x: Expr, sign: 1 | -1): boolean => {
      if (x.kind === 'log') return (sign > 0 ? num : den).push(x.d), true;
      if (x.kind !== 'lin') return false;
      return x.terms.every(([c, t]) => c.d === 1n && (c.n === 1n || c.n === -1n) && walk(t, c.n === 1n ? sign : (-sign as 1 | -1)));
    };
    if (walk(e.body, 1) && num.length) out.push(jensenLog(e.measure, num, den));
  }
  return out;
}
const klGaps = (a: Expr, b: Expr): Gap[] => [...collect(a, 'kl'), ...collect(b, 'kl')].map((k) => klNonnegative(k.p, k.q));

function refutedReason(v: Extract<CalcVerdict, { status: 'refuted' }>): string {
  const left = (v.generic?.residual ?? v.residual).join(' + ');
  const at = v.generic ? 'for general T' : `at ${JSON.stringify(v.at)}`;
  // The notes that say why (a measure that is not a marginal, by d-separation) come first; the
  // bookkeeping ones (a variable both measured and given) are left to --json.
  const why = v.notes.filter((n) => /not a conditional|not d-separated|not a marginal/.test(n));
  return (why.length ? `${why.join('; ')}; ` : '') + `the normal form of lhs − rhs is not zero ${at}: ${left}`;
}

function equalityEvidence(v: CalcVerdict, rules: ReadonlySet<Rule>): Evidence[] {
  if (v.status === 'proved') return [{ method: 'calculus-normal-form', detail: `normal form of lhs − rhs is zero with the rewrites ${printRules(rules)}, at ${v.instances} instances of the lifting plan (T ≤ ${v.maxT})`, data: { instances: v.instances, rules: [...rules], notes: v.notes } }];
  if (v.status === 'refuted') return [{ method: 'calculus-normal-form', detail: refutedReason(v), data: { at: v.at, residual: v.residual, generic: v.generic, notes: v.notes } }];
  return [{ method: 'calculus-normal-form', detail: v.reason }];
}

function ineqEvidence(v: InequalityVerdict): Evidence[] {
  if (v.status === 'proved') return [{ method: 'calculus-gap', detail: `rhs − lhs = ${v.lambda} × (${v.law} gap), ≥ 0; equality iff ${v.equality}`, data: { law: v.law, lambda: v.lambda, instances: v.instances } }];
  if (v.status === 'refuted') return [{ method: 'calculus-gap', detail: v.reason, data: { law: v.law, lambda: v.lambda } }];
  if (v.status === 'equal') return [{ method: 'calculus-normal-form', detail: `the two sides are equal (normal form) at ${v.instances} instances` }];
  return [{ method: 'calculus-gap', detail: v.reason }];
}

export function decideGeneralStep(step: GeneralStep, ctx: GeneralContext): GeneralDecision {
  const { models, scope } = ctx;
  const scopeText = describeScope(models, scope);
  const id = step.justification.id as RuleId;
  const allowed = GENERAL_RULES[id];
  if (step.rel === '=') {
    const v = decideEqual(step.lhs, step.rhs, models, scope, ALL_RULES);
    if (v.status === 'refuted') return { verdict: 'refuted', evidence: equalityEvidence(v, ALL_RULES), reason: refutedReason(v), scope: scopeText };
    if (v.status !== 'proved') return { verdict: 'unknown', evidence: equalityEvidence(v, ALL_RULES), reason: v.status === 'ill-formed' ? `ill-formed at ${JSON.stringify(v.at)}: ${v.reason}` : v.reason, scope: scopeText };
    if (!allowed) {
      const expected = id === 'jensen' || id === 'kl-nonnegative'
        ? `an inequality (${id} is a law of ≤/≥); this step is an equality`
        : `a rule of the calculus (${Object.keys(GENERAL_RULES).join(', ')}); ${id} is a testbed rule`;
      return { verdict: 'unjustified', evidence: equalityEvidence(v, ALL_RULES), expected, reason: `holds, but ${id} does not witness it: expected ${expected}`, scope: scopeText };
    }
    const mislabel = mislabelledEquality(step.lhs, step.rhs, id, allowed, ctx);
    if (mislabel) {
      return { verdict: 'unjustified', evidence: equalityEvidence(v, ALL_RULES), expected: mislabel, reason: `holds, but ${id} does not witness it: expected ${mislabel}`, scope: scopeText };
    }
    if (allowed === ALL_RULES) return { verdict: 'proved', evidence: equalityEvidence(v, ALL_RULES), scope: scopeText };
    const r = decideEqual(step.lhs, step.rhs, models, scope, allowed);
    if (r.status === 'proved') return { verdict: 'proved', evidence: equalityEvidence(r, allowed), scope: scopeText };
    const left = r.status === 'refuted' ? (r.generic?.residual ?? r.residual).join(' + ') : r.reason;
    const expected = `a step that the rewrites ${printRules(allowed)} account for; left over with them: ${left}`;
    return { verdict: 'unjustified', evidence: [...equalityEvidence(v, ALL_RULES), ...equalityEvidence(r, allowed)], expected, reason: `holds, but ${id} does not witness it: expected ${expected}`, scope: scopeText };
  }
  // lhs ≤ rhs, or lhs ≥ rhs read as rhs ≤ lhs.
  const [lo, hi] = step.rel === '<=' ? [step.lhs, step.rhs] : [step.rhs, step.lhs];
  const all = decideLe(lo, hi, [...jensenGaps(lo, hi), ...klGaps(lo, hi)], models, scope);
  if (all.status === 'refuted') return { verdict: 'refuted', evidence: ineqEvidence(all), reason: all.reason, scope: scopeText };
  if (all.status === 'ill-formed' || all.status === 'undecided') return { verdict: 'unknown', evidence: ineqEvidence(all), reason: all.status === 'ill-formed' ? `ill-formed at ${JSON.stringify(all.at)}: ${all.reason}` : all.reason, scope: scopeText };
  if (all.status === 'equal') {
    const expected = `a strict gap of the law ${id} names; the two sides are equal (cite an equality rule)`;
    return { verdict: 'unjustified', evidence: ineqEvidence(all), expected, reason: `holds, but ${id} does not witness it: expected ${expected}`, scope: scopeText };
  }
  const own = id === 'jensen' ? jensenGaps(lo, hi) : id === 'kl-nonnegative' ? klGaps(lo, hi) : undefined;
  const mine = own && decideLe(lo, hi, own, models, scope);
  if (mine?.status === 'proved') return { verdict: 'proved', evidence: ineqEvidence(mine), scope: scopeText };
  const expected = own
    ? `rhs − lhs a positive multiple of the ${id === 'jensen' ? 'Jensen gap of a log E[·] on a side' : 'KL on a side'}; it is a multiple of the ${all.law} gap`
    : `an equality rule (${id}); this step is an inequality (cite jensen or kl-nonnegative)`;
  return { verdict: 'unjustified', evidence: ineqEvidence(all), expected, reason: `holds, but ${id} does not witness it: expected ${expected}`, scope: scopeText };
}

/** The step as text, for the table and --json. */
export const printGeneralStep = (s: GeneralStep): string => `${printExpr(s.lhs)} ${s.rel === '<=' ? '≤' : s.rel === '>=' ? '≥' : '='} ${printExpr(s.rhs)}`;
