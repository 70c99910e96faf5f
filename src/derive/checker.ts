// The checker: decides every step of a derivation, in order, and composes
// the verdicts. A step expected to be refuted passes when it is refuted.
// Every step is decided twice over (issue 10 item 7): is the relation true
// (the algebra, the Gaussian closed forms and Monte Carlo for testbed steps;
// the calculus for steps in general), and does the cited rule witness it
// (witness.ts, decide-general.ts)? True but not witnessed is `unjustified`.
// Every step carries its scope (item 6): `general` with the model class and
// range of T the calculus proved it for, or `testbed` with the testbed and
// the parameter ranges it was decided on.
import type { Node, Rel, RelNode } from '../expr/ast.js';
import { toMathjs, toText } from '../expr/print-mathjs.js';
import { toLatex } from '../expr/print-latex.js';
import type { Counterexample, Evidence, Verdict, VerdictName } from '../verdict.js';
import { explainCounterexample, type Explanation } from './explain.js';
import { printExpr } from '../calculus/index.js';
import { freeSymbols } from '../expr/ast.js';
import type { Interval } from '../expr/domain.js';
import { toString as qstr } from '../expr/rational.js';
import { parseParam } from '../expr/params.js';
import type { Step } from './calc.js';
import type { Derivation } from './derivation.js';
import { expand } from './derivation.js';
import { decideRelation, type DecideRelationOptions } from '../expect/decide-relation.js';
import { isGeneralChain, type GeneralChain, type GeneralStep } from './general.js';
import { decideGeneralStep, printGeneralStep } from './decide-general.js';
import { witnessNumeric } from './witness.js';
import { isBadInput } from '../errors.js';
import { relNode } from '../expr/node.js';

/** A step's status: a verdict on the relation, or `unjustified` (it holds, but not by the rule cited). */
export type StepVerdict = VerdictName | 'unjustified';

/** What a verdict was decided for (issue 10 item 6). */
export interface Scope {
  /** general: in the calculus, for every density of the model class and every T in range; testbed: on a numeric testbed. */
  readonly kind: 'general' | 'testbed';
  /** The model class and range of T, or the testbed and its parameter ranges. */
  readonly text: string;
  /** For a testbed: its short name, printed beside each verdict. */
  readonly short?: string;
}

export interface StepResult {
  readonly index: number;
  readonly chain: number;
  readonly relation: Rel;
  /** The sides in mathjs syntax. */
  readonly lhs: string;
  readonly rhs: string;
  /** The step as plain text for terminals (expectations show their bindings). */
  readonly text: string;
  readonly latex: string;
  readonly justification: string;
  readonly justificationId: string;
  readonly verdict: StepVerdict;
  readonly scope: Scope;
  /** The derivation's named assumptions this step's decision used (testbed: parameter domains and definitions it mentions; general: the models). */
  readonly assumptions: readonly string[];
  /** For `unjustified`: what the cited rule would have needed. */
  readonly expected?: string;
  readonly expect?: 'refuted';
  readonly note?: string;
  /** The source's equation number, when the step gave one. */
  readonly eq?: string;
  /** Does this step hold as the derivation says (refuted when expected to be)? */
  readonly ok: boolean;
  readonly evidence: readonly Evidence[];
  readonly counterexample?: Extract<Verdict, { verdict: 'refuted' }>['counterexample'];
  /** For a refuted step: both sides, lhs − rhs and its normal form, the definitions at the point, a replay command. */
  readonly explanation?: Explanation;
  /** Where the step was written: `/abs/file.ts:line:col`. */
  readonly location?: string;
  readonly reason?: string;
  /** Set when deciding the step threw an error that is not bad input: a bug of derivcheck. */
  readonly internalError?: string;
  readonly ms: number;
}

export interface DerivationResult {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  /**
   * proved: every step proved; verified: all hold, some only tested; refuted / unknown otherwise;
   * unjustified: nothing refuted, but some step holds for another reason than the one cited.
   */
  readonly verdict: StepVerdict;
  /** The scopes of its steps: general, testbed, or both (a general proof with a testbed witness). */
  readonly scope: { readonly kind: 'general' | 'testbed' | 'general+testbed'; readonly general?: string; readonly testbed?: string };
  /** The verdict of its steps in each scope: e.g. proved in general, verified on the testbed. */
  readonly verdictByScope: { readonly general?: StepVerdict; readonly testbed?: StepVerdict };
  readonly ok: boolean;
  /** What each chain establishes: first REL last. */
  readonly results: readonly { readonly relation: Rel; readonly lhs: string; readonly rhs: string; readonly latex: string; readonly scope: 'general' | 'testbed' }[];
  readonly steps: readonly StepResult[];
  /**
   * Statements established both in general and on the testbed (chains named with `states`): do
   * the two witnesses agree? A disagreement means one machinery is wrong: the derivation is then
   * `unknown`, whatever its steps say.
   */
  readonly agreement: readonly { readonly statement: string; readonly general: string; readonly testbed: string; readonly agree: boolean }[];
  readonly ms: number;
}

const relation = (lhs: Node, rel: Rel, rhs: Node): RelNode => relNode(rel, lhs, rhs);

export interface CheckEvents {
  onStepStart?(d: Derivation, index: number, total: number): void;
  onStepDone?(d: Derivation, result: StepResult, total: number): void;
}

type Decided = { verdict: StepVerdict; evidence: readonly Evidence[]; reason?: string; expected?: string; counterexample?: Extract<Verdict, { verdict: 'refuted' }>['counterexample'] };

/** Decides a testbed step, then asks whether its rule witnesses it. */
export async function checkStep(step: Step, d: Derivation, opts: DecideRelationOptions): Promise<Decided> {
  const lhs = expand(d, step.lhs);
  const rhs = expand(d, step.rhs);
  const v = await decideRelation(lhs, step.rel, rhs, d.domain, { crossCheck: true, ...opts });
  if (v.verdict !== 'proved' && v.verdict !== 'verified') return v;
  const w = witnessNumeric(step.justification, lhs, step.rel, rhs, d.domain, new Set(Object.keys(d.assumptions)));
  if (w.ok) return { ...v, evidence: [...v.evidence, { method: 'rule-witness', detail: `${step.justification.id}: ${w.detail}` }] };
  return {
    verdict: 'unjustified', evidence: v.evidence, expected: w.expected,
    reason: `${v.verdict}, but ${step.justification.id} does not witness it: expected ${w.expected}`,
  };
}

/** The names of the derivation's assumptions a testbed step mentions (directly or through a definition). */
function assumptionsUsed(step: Step, d: Derivation): string[] {
  const syms = new Set([...freeSymbols(step.lhs), ...freeSymbols(step.rhs)]);
  const entries = Object.entries(d.assumptions);
  // A definition used brings in the symbols of its value; repeat until nothing new.
  for (let grew = true; grew;) {
    grew = false;
    for (const [, a] of entries) {
      if (typeof a !== 'string' && syms.has(a.symbol)) {
        for (const s of freeSymbols(a.value)) if (!syms.has(s)) { syms.add(s); grew = true; }
      }
    }
  }
  return entries.filter(([, a]) => syms.has(typeof a === 'string' ? parseParam(a).name : a.symbol)).map(([n]) => n);
}

const showInterval = (i: Interval): string =>
  `${i.loOpen ? '(' : '['}${i.lo ? qstr(i.lo) : '−∞'}, ${i.hi ? qstr(i.hi) : '∞'}${i.hiOpen ? ')' : ']'}`;

/** The scope of the derivation's testbed steps: the testbed its module describes, and the parameter ranges of its assumptions. */
export function testbedScope(d: Derivation): string {
  const params = [...d.domain].map(([n, i]) => `${n} ∈ ${showInterval(i)}`).join(', ');
  // Without a declared testbed the steps were decided over the parameter domain alone.
  return [d.testbed?.name, params ? `parameters ${params}` : 'no parameters'].filter(Boolean).join('; ');
}

/** The explanation of a refutation; never the reason a check fails (it is shown, not decided). */
function explained(step: Step, d: Derivation, c: Counterexample): { explanation?: Explanation } {
  try {
    return { explanation: explainCounterexample(step.lhs, step.rhs, d.domain, d.definitions, c, (n) => expand(d, n)) };
  } catch {
    return {};
  }
}

function stepHolds(step: { expect?: 'refuted' }, v: { verdict: StepVerdict }): boolean {
  if (step.expect === 'refuted') return v.verdict === 'refuted';
  return v.verdict === 'proved' || v.verdict === 'verified';
}

/** The derivation's verdict from its steps' (expected refutations count as holding). */
export function combine(steps: readonly StepResult[]): StepVerdict {
  // A refuted step, or an expected refutation that holds (justified or not), fails the derivation.
  if (steps.some((s) => !s.ok && (s.expect === 'refuted' ? s.verdict !== 'unknown' : s.verdict === 'refuted'))) return 'refuted';
  if (steps.some((s) => !s.ok && s.verdict === 'unjustified')) return 'unjustified';
  if (steps.some((s) => !s.ok)) return 'unknown';
  const held = steps.filter((s) => s.expect !== 'refuted');
  return held.every((s) => s.verdict === 'proved') ? 'proved' : 'verified';
}

/** One step of a derivation, in order over its chains. */
export type StepItem = { readonly step: Step | GeneralStep; readonly chain: number; readonly general?: GeneralChain };

/** The steps of a derivation in order, each with its chain. */
export function stepItems(d: Derivation): StepItem[] {
  return d.chains.flatMap((c, chain): StepItem[] =>
    isGeneralChain(c) ? c.steps.map((step) => ({ step, chain, general: c })) : c.steps.map((step) => ({ step, chain })));
}

/**
 * Decides step i (0-based, over all chains) of a derivation. A step's decision
 * depends on the derivation, the step and the options only (seeded), never on
 * the steps decided before it: so steps may be decided in any order, or in
 * other threads (parallel.ts), with the same results.
 */
export async function checkStepAt(d: Derivation, i: number, opts: DecideRelationOptions, items: readonly StepItem[] = stepItems(d)): Promise<StepResult> {
  const { step, chain, general } = items[i];
  const tbScope: Scope = testbedScopeOf(d);
  const s0 = performance.now();
  let v: Decided;
  let scope: Scope = tbScope;
  let internalError: string | undefined;
  try {
    if (general) {
      const g = decideGeneralStep(step as GeneralStep, general.context);
      v = g;
      scope = { kind: 'general', text: g.scope };
    } else {
      v = await checkStep(step as Step, d, opts);
    }
  } catch (e) {
    // A step the user wrote badly (vectors of different dimensions, a
    // negative variance) is undecided, with the reason; anything else is a
    // bug of the checker: undecided too, but flagged, so that the CLI
    // exits 4 instead of passing it off as an ordinary unknown.
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    if (!isBadInput(e)) internalError = `${e instanceof Error ? e.name : typeof e}: ${message}`;
    v = { verdict: 'unknown', evidence: [], reason: internalError ? `internal error of the checker (please report): ${internalError}` : `bad input in this step: ${message}` };
  }
  const gs = general ? (step as GeneralStep) : undefined;
  const ns = general ? undefined : (step as Step);
  return {
    index: i + 1,
    chain: chain + 1,
    relation: step.rel,
    lhs: gs ? printExpr(gs.lhs) : toMathjs(ns!.lhs),
    rhs: gs ? printExpr(gs.rhs) : toMathjs(ns!.rhs),
    text: gs ? printGeneralStep(gs) : toText(relation(ns!.lhs, ns!.rel, ns!.rhs)),
    latex: gs ? printGeneralStep(gs) : toLatex(relation(ns!.lhs, ns!.rel, ns!.rhs)),
    justification: step.justification.label,
    justificationId: step.justification.id,
    verdict: v.verdict,
    scope,
    assumptions: general ? general.context.models.map((m: { name: string }) => `model ${m.name}`) : assumptionsUsed(ns!, d),
    ...(v.expected ? { expected: v.expected } : {}),
    ...(step.expect ? { expect: step.expect } : {}),
    ...(step.note ? { note: step.note } : {}),
    ...(step.eq ? { eq: step.eq } : {}),
    ok: stepHolds(step, v),
    evidence: v.evidence,
    ...(v.verdict === 'refuted' && v.counterexample ? { counterexample: v.counterexample, ...(ns ? explained(ns, d, v.counterexample) : {}) } : {}),
    ...('location' in step && step.location ? { location: step.location } : {}),
    ...(v.verdict !== 'proved' && v.verdict !== 'verified' && v.reason ? { reason: v.reason } : {}),
    ...(internalError ? { internalError } : {}),
    ms: Math.round((performance.now() - s0) * 1000) / 1000,
  };
}

const testbedScopeOf = (d: Derivation): Scope => ({ kind: 'testbed', text: testbedScope(d), ...(d.testbed?.short ? { short: d.testbed.short } : {}) });

export async function checkDerivation(d: Derivation, opts: DecideRelationOptions, events: CheckEvents = {}): Promise<DerivationResult> {
  const t0 = performance.now();
  const all = stepItems(d);
  const steps: StepResult[] = [];
  for (let i = 0; i < all.length; i++) {
    events.onStepStart?.(d, i, all.length);
    const result = await checkStepAt(d, i, opts, all);
    steps.push(result);
    events.onStepDone?.(d, result, all.length);
  }
  return derivationResult(d, steps, performance.now() - t0);
}

/** A derivation's result from its steps' (in order), and the milliseconds it took. */
export function derivationResult(d: Derivation, steps: readonly StepResult[], ms: number): DerivationResult {
  const tbScope = testbedScopeOf(d);
  const agreement = agreementOf(d, steps);
  const stepsVerdict = combine(steps);
  const verdict: StepVerdict = agreement.some((a) => !a.agree) && (stepsVerdict === 'proved' || stepsVerdict === 'verified') ? 'unknown' : stepsVerdict;
  const hasGeneral = steps.find((s) => s.scope.kind === 'general');
  const hasTestbed = steps.some((s) => s.scope.kind === 'testbed');
  return {
    id: d.id,
    title: d.title,
    source: d.source,
    verdict,
    ok: verdict === 'proved' || verdict === 'verified',
    scope: {
      kind: hasGeneral && hasTestbed ? 'general+testbed' : hasGeneral ? 'general' : 'testbed',
      ...(hasGeneral ? { general: [...new Set(steps.filter((s) => s.scope.kind === 'general').map((s) => s.scope.text))].join(' | ') } : {}),
      ...(hasTestbed ? { testbed: tbScope.text } : {}),
    },
    verdictByScope: {
      ...(hasGeneral ? { general: combine(steps.filter((s) => s.scope.kind === 'general')) } : {}),
      ...(hasTestbed ? { testbed: combine(steps.filter((s) => s.scope.kind === 'testbed')) } : {}),
    },
    results: d.chains
      .filter((c) => c.steps.length > 0 && c.steps[0].expect !== 'refuted')
      .map((c) => isGeneralChain(c)
        ? { relation: c.relation, lhs: printExpr(c.first), rhs: printExpr(c.last), latex: printGeneralStep({ lhs: c.first, rel: c.relation, rhs: c.last } as GeneralStep), scope: 'general' as const }
        : {
          relation: c.relation,
          lhs: toMathjs(c.first),
          rhs: toMathjs(c.last),
          latex: toLatex(relation(c.first, c.relation, c.last)),
          scope: 'testbed' as const,
        }),
    steps: [...steps],
    agreement,
    ms: Math.round(ms * 1000) / 1000,
  };
}

/** What each named statement came to in each scope: 'holds =', 'holds ≥', 'refuted', or 'fails'. */
function agreementOf(d: Derivation, steps: readonly StepResult[]): DerivationResult['agreement'] {
  const outcomes = new Map<string, { general: Set<string>; testbed: Set<string> }>();
  let i = 0;
  for (const c of d.chains) {
    const mine = steps.slice(i, i + c.steps.length);
    i += c.steps.length;
    if (!c.statement) continue;
    const expectRefuted = c.steps.some((s) => s.expect === 'refuted');
    const outcome = !mine.every((s) => s.ok) ? 'fails' : expectRefuted ? 'refuted' : `holds ${c.relation}`;
    const o = outcomes.get(c.statement) ?? { general: new Set<string>(), testbed: new Set<string>() };
    o[isGeneralChain(c) ? 'general' : 'testbed'].add(outcome);
    outcomes.set(c.statement, o);
  }
  return [...outcomes].filter(([, o]) => o.general.size && o.testbed.size).map(([statement, o]) => {
    const g = [...o.general].join(' / ');
    const t = [...o.testbed].join(' / ');
    return { statement, general: g, testbed: t, agree: g === t && !g.includes('fails') };
  });
}
