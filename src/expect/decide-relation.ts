// Deciding one relation lhs REL rhs over a domain, by the strongest method
// that applies: exact algebra for expressions without expectations; for
// expectations, closed forms where known, else Monte Carlo (decide-expectation).
import type { Node, Rel } from '../expr/ast.js';
import { hasExpectation } from '../expr/ast.js';
import type { Domain } from '../expr/domain.js';
import { decide } from '../algebra/index.js';
import type { Verdict } from '../verdict.js';
import type { BackendChoice, Progress } from '../mc/index.js';
import type { Method } from '../mc/rqmc-choice.js';

export interface DecideRelationOptions {
  readonly seed: number;
  /** Monte Carlo samples per estimate (default chosen by decide-expectation). */
  readonly samples?: number;
  readonly backend?: BackendChoice;
  /** Monte Carlo method (src/mc/rqmc-choice.ts): auto (RQMC where it pays), rqmc or mc; the closed-form cross-check uses mc unless this says otherwise. */
  readonly method?: Method;
  /**
   * Also test a closed-form decision of an expectation against Monte Carlo
   * estimates, so that the evidence does not rest on the closed forms alone.
   * The derivation checker sets it; single claims answer on the closed form.
   */
  readonly crossCheck?: boolean;
  /**
   * Wall-clock budget of the Monte Carlo estimates, in seconds: when it runs
   * out the verdict is `unknown` ("budget exhausted", with the samples done).
   */
  readonly maxSeconds?: number;
  /** Stops the Monte Carlo estimates within a chunk (~0.25 s): McInterrupted is thrown. */
  readonly signal?: AbortSignal;
  /** Progress of each Monte Carlo estimate, after every chunk. */
  readonly onProgress?: (p: Progress) => void;
}

/**
 * Parameter points of a Monte Carlo cross-check of a closed form. Two, not
 * more: a wrong closed form is a wrong analytic expression, off at almost
 * every point, so its first point finds it as well as a tenth would; each
 * point keeps the full samples, so the size of error seen at a point is
 * unchanged. It was 4, which made the cross-checks half of `check`'s time
 * (tests/soundness/closed-form-cross-check.test.ts: a constant, a 10 %
 * coefficient and a dropped ½·log 2π are all caught with 2).
 */
const CROSS_CHECK_DRAWS = 2;

/**
 * Samples per estimate of the cross-check, unless the caller asks for more
 * (--samples): 2^19, half the decisions' default. The cross-check looks for an
 * error the size of a term in a closed form, and at 2^19 its smallest
 * detectable difference on derivations/ is 0.012 at the median (0.008 at
 * 2^20); the cross-checks were 44 % of `check`'s time at 2^20.
 */
const CROSS_CHECK_SAMPLES = 2 ** 19;

/** True when deciding needs the expectation machinery (E, KL or logpdf heads). */
export function needsExpectation(node: Node): boolean {
  if (hasExpectation(node)) return true;
  if (node.op === 'call' && (node.fn === 'KL' || node.fn === 'logpdf')) return true;
  return 'args' in node && node.args.some(needsExpectation);
}

export async function decideRelation(lhs: Node, rel: Rel, rhs: Node, domain: Domain, opts: DecideRelationOptions): Promise<Verdict> {
  if (!needsExpectation(lhs) && !needsExpectation(rhs)) return decide(lhs, rel, rhs, domain, { seed: opts.seed });
  if (opts.maxSeconds === undefined && !opts.signal && !opts.onProgress) return decideWithExpectations(lhs, rel, rhs, domain, opts);
  // Every estimate of the decision shares one deadline; one cut short fails the decision.
  const { withRunLimits } = await import('../mc/index.js');
  try {
    return await withRunLimits({ maxSeconds: opts.maxSeconds, signal: opts.signal, onProgress: opts.onProgress }, () => decideWithExpectations(lhs, rel, rhs, domain, opts));
  } catch (e) {
    const err = e as Error & { done?: number; requested?: number };
    if (err?.name !== 'McBudgetExhausted') throw e;
    return {
      verdict: 'unknown',
      reason: `budget exhausted: ${opts.maxSeconds} s ran out after ${err.done} of ${err.requested} samples of an estimate`,
      evidence: [{ method: 'monte-carlo', detail: `stopped by the budget of ${opts.maxSeconds} s`, data: { samples: err.done, requested: err.requested, maxSeconds: opts.maxSeconds } }],
    };
  }
}

async function decideWithExpectations(lhs: Node, rel: Rel, rhs: Node, domain: Domain, opts: DecideRelationOptions): Promise<Verdict> {
  const { decideExpectation } = await import('./decide-expectation.js');
  const v = await decideExpectation(lhs, rel, rhs, domain, opts);
  // Only a decision that sampled nothing needs the cross-check: one reached
  // by Monte Carlo already is that evidence.
  const byClosedFormOnly = v.evidence.some((e) => e.method === 'gaussian-closed-form') && !v.evidence.some((e) => e.method === 'monte-carlo');
  // A refutation by exact closed forms carries an exact counterexample; Monte
  // Carlo at other points could only miss it, so the cross-check tests holds.
  if (!opts.crossCheck || !byClosedFormOnly || (v.verdict !== 'proved' && v.verdict !== 'verified')) return v;
  // Plain Monte Carlo unless asked otherwise: the cross-check guards against a wrong closed form,
  // whose error is the size of a term, not a subtle one, and a plain sample on the wasm SIMD
  // kernel costs about a third of an RQMC point on its wasm kernel (≈ 5 against 15 ns).
  const mc = await decideExpectation(lhs, rel, rhs, domain, {
    ...opts, closedForm: false, draws: CROSS_CHECK_DRAWS, samples: opts.samples ?? CROSS_CHECK_SAMPLES, method: opts.method ?? 'mc',
  });
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
