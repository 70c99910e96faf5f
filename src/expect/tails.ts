// The tail diagnostic that runs before EVERY Monte Carlo verdict, verified as
// well as refuted. The z-test trusts the sample standard error; when the
// integrand's tails are heavy (E[exp(50|z|)], E[1/z], E[1/z²]) the mean and
// its standard error are wrong together and systematically, so neither a
// small |z| (a false "verified") nor a second stream (a reproduced false
// "refuted") means anything. The diagnostic is the Pareto k̂ of the
// integrand's tails (src/mc/pareto.ts; Vehtari et al., "Pareto smoothed
// importance sampling"), from TAIL_SAMPLES float64 values on a stream of
// their own: k̂ > 0.7 means the standard error is not reliable, and the
// verdict is unknown. One place: the decision asks here and nowhere else.
//
// Except where it is not needed: a provably bounded integrand whose mean is
// provably close to normal (a Berry–Esseen bound, expectation-bounded.ts)
// skips the estimate of k̂, so that its false alarms on bounded integrands
// cannot make a decision unknown.
import { PARETO_K_THRESHOLD, tailStream, type Estimator, type McResult } from '../mc/index.js';
import { berryEsseenCheck } from './bounded.js';
import type { McTerm } from './plan.js';

export { PARETO_K_THRESHOLD } from '../mc/index.js';

const fmtK = (k: number): string => (Number.isFinite(k) ? k.toFixed(2) : String(k));

/**
 * Why term j's standard error is not reliable at this point, or undefined when
 * its tails are light enough. With `bounded` (the term and the run the z-test
 * uses), a Berry–Esseen bound is tried first: when it holds, k̂ is not
 * estimated (k = −∞) and `note` says why.
 */
export async function tailReason(
  est: Estimator, params: Record<string, number>, run: { seed: number; stream: number },
  bounded?: { readonly term: McTerm; readonly result: McResult },
): Promise<{ k: number; reason?: string; note?: string; delta?: number }> {
  if (bounded) {
    const be = berryEsseenCheck(bounded.term, params, bounded.result);
    if (be.ok) return { k: -Infinity, note: be.detail, delta: be.delta };
  }
  const k = await est.tailIndex(params, { seed: run.seed, stream: run.stream });
  if (Number.isNaN(k)) return { k, reason: 'too few finite values to measure its tails (tail index k̂ undefined), so its standard error cannot be trusted' };
  // `!(k <= …)` so that a NaN could never pass.
  if (!(k <= PARETO_K_THRESHOLD)) {
    return { k, reason: `heavy-tailed integrand: Pareto tail index k̂ = ${fmtK(k)} > ${PARETO_K_THRESHOLD}, so the standard error is not reliable` };
  }
  return { k };
}

export { tailStream };
