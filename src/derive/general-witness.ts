// What a rule of the calculus must find before it can witness an equality step (issue 10 item 7).
//
// Deciding a step with only its rule's rewrites (decide-general.ts) shows that the rule is
// ENOUGH; it does not show that the rule did anything. With no rewrite needed, every rule is
// enough: `x = x` "by marginalization" was proved. A justification names a transformation, so:
//  1. an identity step — the two sides equal as linear combinations of the same terms, before
//     any law of probability is applied — is witnessed only by algebra or a definition;
//  2. a rule that transforms something must find it on a side: linearity and marginalization an
//     expectation, the KL definition a KL, importance sampling a log E[·], Markov a conditional,
//     Bayes and the chain rule a log-density, log-of-product a log-density;
//  3. a rule with rewrites of its own (marginalization, the tower rule, Bayes, the chain rule,
//     the KL definition, importance sampling) must need them: a step that linearity alone proves
//     is a linearity step, and citing a probability law for it is a mislabel. Not Markov: a
//     density's implicit context (q(x_t | x_{t−1}) read as q(x_t | x_{t−1}, x_0)) is notation,
//     so Luo's eq. 46, q(x_t | x_{t−1}) = q(x_t | x_{t−1}, x_0), needs no rewrite and is still
//     the Markov property; for Markov, (1) and (2) are what is asked.
import { decideEqual, exprKey, printDensity, printVar, type Density, type Expr, type Rule } from '../calculus/index.js';
import { add as qadd, isZero, mul as qmul, rational, toString as qstr, type Rational } from '../expr/rational.js';
import type { GeneralContext } from './general.js';
import type { RuleId } from './justification.js';

/** The sides as linear combinations of opaque terms (E, KL, Σ, log, log E kept whole): nested combinations multiplied out. */
function combination(e: Expr, c: Rational, out: Map<string, Rational>): Map<string, Rational> {
  if (e.kind === 'lin') {
    for (const [k, t] of e.terms) combination(t, qmul(c, k), out);
    return out;
  }
  const key = exprKey(e);
  const sum = qadd(out.get(key) ?? rational(0n), c);
  if (isZero(sum)) out.delete(key);
  else out.set(key, sum);
  return out;
}

/** lhs and rhs are the same linear combination of the same terms: nothing but arithmetic separates them. */
export function identityUpToArithmetic(lhs: Expr, rhs: Expr): boolean {
  const a = combination(lhs, rational(1n), new Map());
  const b = combination(rhs, rational(1n), new Map());
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const w = b.get(k);
    if (!w || qstr(w) !== qstr(v)) return false;
  }
  return true;
}

/** Every sub-expression, through combinations, sums and expectation bodies. */
function* walk(e: Expr): Generator<Expr> {
  yield e;
  if (e.kind === 'lin') for (const [, t] of e.terms) yield* walk(t);
  if (e.kind === 'sum' || e.kind === 'E') yield* walk(e.body);
}

/** Every density a sub-expression names (atoms, measures, KL arguments, log E[·] factors). */
function densities(e: Expr): Density[] {
  switch (e.kind) {
    case 'log': return [e.d];
    case 'E': return [e.measure];
    case 'kl': return [e.p, e.q];
    case 'logE': return [e.measure, ...e.num, ...e.den];
    default: return [];
  }
}

/** The densities named anywhere in a side, by their printed form. */
function densityKeys(e: Expr): Map<string, Density> {
  const out = new Map<string, Density>();
  for (const x of walk(e)) for (const d of densities(x)) out.set(printDensity(d), d);
  return out;
}

/** Some density of one side appears on the other only with other conditions (same model and variables). */
function conditionsChange(lhs: Expr, rhs: Expr): boolean {
  const a = densityKeys(lhs);
  const b = densityKeys(rhs);
  const head = (d: Density) => `${d.model}(${d.vars.map(printVar).join(', ')})`;
  const changed = (x: Map<string, Density>, y: Map<string, Density>) =>
    [...x].some(([k, d]) => !y.has(k) && [...y.values()].some((e) => head(e) === head(d)));
  return changed(a, b) || changed(b, a);
}

const has = (sides: readonly Expr[], test: (e: Expr) => boolean): boolean => sides.some((s) => [...walk(s)].some(test));

/** What each rule of the calculus transforms, and how to find one. */
const OBJECT: Partial<Record<RuleId, { readonly what: string; readonly found: (e: Expr) => boolean }>> = {
  'linearity-of-expectation': { what: 'an expectation E_μ[·] to push through sums and constants', found: (e) => e.kind === 'E' },
  'marginalization': { what: 'an expectation whose measure to marginalize', found: (e) => e.kind === 'E' },
  'tower-property': { what: 'an expectation whose measure to merge or split', found: (e) => e.kind === 'E' },
  'kl-definition': { what: 'a KL(· ‖ ·) to unfold or fold', found: (e) => e.kind === 'kl' },
  'importance-sampling': { what: 'a log E_μ[·] whose ratio to reduce', found: (e) => e.kind === 'logE' },
  'multiply-by-one': { what: 'a log E_μ[·] with the factor q/q', found: (e) => e.kind === 'logE' },
  'markov-property': { what: 'a conditional density or measure whose conditions the graph may drop', found: (e) => densities(e).some((d) => d.given.length > 0) },
  'bayes-rule': { what: 'a log-density to rewrite by Bayes\' rule', found: (e) => e.kind === 'log' || e.kind === 'kl' || e.kind === 'logE' },
  'chain-rule-of-probability': { what: 'a log-density to factorize', found: (e) => e.kind === 'log' || e.kind === 'kl' || e.kind === 'logE' },
  'log-of-product': { what: 'a log-density (a log of a product, split into atoms)', found: (e) => e.kind === 'log' },
};

/** Rules that may witness an identity step: nothing is transformed by them. */
const IDENTITY_RULES: ReadonlySet<RuleId> = new Set<RuleId>(['algebra', 'definition']);

const NONE: ReadonlySet<Rule> = new Set();

/**
 * Why the cited rule cannot witness this equality, which holds (decided with every rewrite), or
 * undefined when it may: then the caller decides the step with the rule's own rewrites.
 */
export function mislabelledEquality(lhs: Expr, rhs: Expr, id: RuleId, allowed: ReadonlySet<Rule>, ctx: GeneralContext): string | undefined {
  if (IDENTITY_RULES.has(id)) return undefined;
  if (identityUpToArithmetic(lhs, rhs)) {
    return `a step that transforms something; the two sides are the same combination of the same terms (an identity: cite by.algebra(), or drop the step), and ${id} transforms nothing here`;
  }
  const object = OBJECT[id];
  if (object && !has([lhs, rhs], object.found)) return `${object.what}; neither side has one`;
  if (id === 'markov-property' && !conditionsChange(lhs, rhs)) {
    return 'a density or measure whose conditions differ between the sides (the Markov property drops or adds conditions); every density appears on both sides as it is';
  }
  if (allowed.size > 0 && id !== 'markov-property' && decideEqual(lhs, rhs, ctx.models, ctx.scope, NONE).status === 'proved') {
    return `a step that needs ${id}'s rewrites; linearity alone accounts for it (cite by.linearity())`;
  }
  return undefined;
}
