// The checker: decides every step of a derivation, in order, and composes
// the verdicts. A step expected to be refuted passes when it is refuted.
import type { Node, Rel, RelNode } from '../expr/ast.js';
import { toMathjs, toText } from '../expr/print-mathjs.js';
import { toLatex } from '../expr/print-latex.js';
import type { Counterexample, Evidence, Verdict, VerdictName } from '../verdict.js';
import { explainCounterexample, type Explanation } from './explain.js';
import type { Step } from './calc.js';
import type { Derivation } from './derivation.js';
import { expand } from './derivation.js';
import { decideRelation, type DecideRelationOptions } from './decide-relation.js';
import { isBadInput } from '../errors.js';

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
  readonly verdict: VerdictName;
  readonly expect?: 'refuted';
  readonly note?: string;
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
  /** proved: every step proved; verified: all hold, some only tested; refuted / unknown otherwise. */
  readonly verdict: VerdictName;
  readonly ok: boolean;
  /** What each chain establishes: first REL last. */
  readonly results: readonly { readonly relation: Rel; readonly lhs: string; readonly rhs: string; readonly latex: string }[];
  readonly steps: readonly StepResult[];
  readonly ms: number;
}

const relation = (lhs: Node, rel: Rel, rhs: Node): RelNode => ({ op: 'rel', kind: 'bool', rel, args: [lhs, rhs] });

export interface CheckEvents {
  onStepStart?(d: Derivation, index: number, total: number): void;
  onStepDone?(d: Derivation, result: StepResult, total: number): void;
}

export async function checkStep(step: Step, d: Derivation, opts: DecideRelationOptions): Promise<Verdict> {
  return decideRelation(expand(d, step.lhs), step.rel, expand(d, step.rhs), d.domain, { crossCheck: true, ...opts });
}

/** The explanation of a refutation; never the reason a check fails (it is shown, not decided). */
function explained(step: Step, d: Derivation, c: Counterexample): { explanation?: Explanation } {
  try {
    return { explanation: explainCounterexample(step.lhs, step.rhs, d.domain, d.definitions, c, (n) => expand(d, n)) };
  } catch {
    return {};
  }
}

function stepHolds(step: Step, v: Verdict): boolean {
  if (step.expect === 'refuted') return v.verdict === 'refuted';
  return v.verdict === 'proved' || v.verdict === 'verified';
}

/** The derivation's verdict from its steps' (expected refutations count as holding). */
export function combine(steps: readonly StepResult[]): VerdictName {
  if (steps.some((s) => !s.ok && s.verdict !== 'unknown')) return 'refuted';
  if (steps.some((s) => !s.ok)) return 'unknown';
  const held = steps.filter((s) => s.expect !== 'refuted');
  return held.every((s) => s.verdict === 'proved') ? 'proved' : 'verified';
}

export async function checkDerivation(d: Derivation, opts: DecideRelationOptions, events: CheckEvents = {}): Promise<DerivationResult> {
  const t0 = performance.now();
  const all = d.chains.flatMap((c, chain) => c.steps.map((step) => ({ step, chain })));
  const steps: StepResult[] = [];
  for (const [i, { step, chain }] of all.entries()) {
    events.onStepStart?.(d, i, all.length);
    const s0 = performance.now();
    let v: Verdict;
    let internalError: string | undefined;
    try {
      v = await checkStep(step, d, opts);
    } catch (e) {
      // A step the user wrote badly (vectors of different dimensions, a
      // negative variance) is undecided, with the reason; anything else is a
      // bug of the checker: undecided too, but flagged, so that the CLI
      // exits 4 instead of passing it off as an ordinary unknown.
      const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
      if (!isBadInput(e)) internalError = `${e instanceof Error ? e.name : typeof e}: ${message}`;
      v = { verdict: 'unknown', evidence: [], reason: internalError ? `internal error of the checker (please report): ${internalError}` : `bad input in this step: ${message}` };
    }
    const result: StepResult = {
      index: i + 1,
      chain: chain + 1,
      relation: step.rel,
      lhs: toMathjs(step.lhs),
      rhs: toMathjs(step.rhs),
      text: toText(relation(step.lhs, step.rel, step.rhs)),
      latex: toLatex(relation(step.lhs, step.rel, step.rhs)),
      justification: step.justification.label,
      justificationId: step.justification.id,
      verdict: v.verdict,
      ...(step.expect ? { expect: step.expect } : {}),
      ...(step.note ? { note: step.note } : {}),
      ok: stepHolds(step, v),
      evidence: v.evidence,
      ...(v.verdict === 'refuted' ? { counterexample: v.counterexample, ...explained(step, d, v.counterexample) } : {}),
      ...(step.location ? { location: step.location } : {}),
      ...(v.verdict === 'unknown' ? { reason: v.reason } : {}),
      ...(internalError ? { internalError } : {}),
      ms: Math.round((performance.now() - s0) * 1000) / 1000,
    };
    steps.push(result);
    events.onStepDone?.(d, result, all.length);
  }
  const verdict = combine(steps);
  return {
    id: d.id,
    title: d.title,
    source: d.source,
    verdict,
    ok: verdict === 'proved' || verdict === 'verified',
    results: d.chains
      .filter((c) => c.steps.length > 0 && c.steps[0].expect !== 'refuted')
      .map((c) => ({
        relation: c.relation,
        lhs: toMathjs(c.first),
        rhs: toMathjs(c.last),
        latex: toLatex(relation(c.first, c.relation, c.last)),
      })),
    steps,
    ms: Math.round((performance.now() - t0) * 1000) / 1000,
  };
}
