// When the Pareto k̂ tail diagnostic is not needed: a provably bounded
// integrand whose Monte Carlo mean is provably close to normal.
//
// The k̂ diagnostic (expectation-tails.ts) guards the z-test against heavy
// tails, where the sample standard error means nothing. It is a statistic, so
// it also fires on integrands whose tails are not heavy at all: a Gaussian
// density averaged over its mean's prior, N(x; wz + b, s) with z ~ N(0, 1),
// is bounded by 1/√(2πs), yet its k̂ was 1.78 at one seed. For such an
// integrand the quality of the normal approximation can be bounded instead of
// estimated:
//
// 1. Boundedness, proved: an outward-rounded interval enclosure
//    (algebra/interval.ts) of the integrand over the random variables'
//    supports (N: the real line; U(a, b): [a, b]; LogitNormal: (0, 1)) with
//    the parameters at the point being tested. Every value lies in [lo, hi],
//    so with B = hi − lo, |X − μ| ≤ B and ρ = E|X − μ|³ ≤ B·σ².
// 2. σ from below, with probability ≥ 1 − δ: for values in an interval of
//    width B, Maurer & Pontil ("Empirical Bernstein bounds and sample variance
//    penalization", COLT 2009, Theorem 10) give
//      σ ≥ σ̂ − B·√(2 ln(1/δ) / (n − 1))    and   σ̂ ≤ σ + B·√(2 ln(1/δ) / (n − 1)),
//    σ̂ the unbiased sample standard deviation of n i.i.d. values.
// 3. Berry–Esseen for i.i.d. summands, with Shevtsova's constant
//    (I. G. Shevtsova, "On the absolute constants in the Berry–Esseen type
//    inequalities for identically distributed summands", arXiv:1111.6554,
//    2011: C ≤ 0.4748):
//      sup_x |P((X̄ − μ)√n/σ ≤ x) − Φ(x)| ≤ C·ρ/(σ³√n) ≤ C·B/(σ√n) =: Δ.
//
// When Δ ≤ BE_MAX_DELTA and σ̂ is within MAX_SE_ERROR of σ, the z-test's
// error rates are bounded without any tail estimate: a true claim crosses the
// threshold |z| ≥ 6 (measured with σ̂ ≥ (1 − r)σ, r = MAX_SE_ERROR, so at
// most 6(1 − r) in units of σ) on one stream with probability
// ≤ 2Φ(−6(1 − r)) + 2Δ + 2δ ≈ 0.01, and a
// refutation needs two independent streams to do so. This is a worst-case
// bound over every law with that B and σ, far above the real rate for a
// smooth integrand, but it is a bound — the k̂ criterion gives none.
//
// A tiny variance against the width (a narrow bump that rare samples
// dominate) makes Δ large, and the k̂ diagnostic decides as before. So does
// anything the enclosure cannot bound (a Gaussian variable in a polynomial,
// 1/x, exp(50|x|)), a vector integrand, and a float32 result (its sample
// variance carries the device's rounding, which has no bound here).
//
// The argument needs n independent, identically distributed samples: the
// plain Monte Carlo run that McResult describes. A run whose samples are not
// i.i.d. (randomized quasi-Monte Carlo) must not come here.
import { intervalIn } from '../algebra/interval.js';
import { isEmptyIv, iv, ivHull, point, type Iv } from '../algebra/iv.js';
import { nextUp } from '../algebra/round.js';
import { Unsupported } from '../algebra/unsupported.js';
import type { Binding } from '../expr/ast.js';
import type { McResult } from '../mc/index.js';
import type { McTerm } from './plan.js';

/** Shevtsova (2011): the Berry–Esseen constant for i.i.d. summands, C ≤ 0.4748. */
export const BERRY_ESSEEN_C = 0.4748;
/** The largest Berry–Esseen bound Δ (sup-distance of the standardized mean's law from Φ) accepted. */
export const BE_MAX_DELTA = 0.005;
/** Failure probability of the Maurer–Pontil bounds on σ (each side). */
export const SIGMA_DELTA = 1e-9;
/** The largest relative error of σ̂ against σ accepted (it rescales z). */
export const MAX_SE_ERROR = 0.1;

export type BoundedCheck =
  | { readonly ok: true; readonly detail: string; readonly delta: number; readonly width: number; readonly sigmaLower: number }
  | { readonly ok: false; readonly why: string };

/** The support of one random variable at the given parameters (the real line when unknown: always sound). */
function support(b: Binding, box: ReadonlyMap<string, Iv>): Iv {
  const d = b.dist;
  if (d.family === 'U' && d.args.length === 2) {
    // U(a, b) lies in [a, b]; the enclosures of a and b bound that from outside.
    const a = intervalIn(d.args[0], box);
    const c = intervalIn(d.args[1], box);
    if (isEmptyIv(a) || isEmptyIv(c)) return iv(-Infinity, Infinity);
    return ivHull(a, c);
  }
  if (d.family === 'LogitNormal') return iv(0, 1);
  return iv(-Infinity, Infinity);
}

/** An enclosure [lo, hi] of the integrand over the supports, at the parameter point; undefined when unbounded or not enclosable. */
export function integrandEnclosure(term: McTerm, params: Record<string, number>): Iv | undefined {
  const box = new Map<string, Iv>();
  for (const [name, v] of Object.entries(params)) box.set(name, point(v));
  try {
    for (const b of term.random) {
      if (b.dist.args.length > 2) return undefined; // a vector variable: the enclosure reads scalars only
      box.set(b.name, support(b, box));
    }
    const e = intervalIn(term.integrand, box);
    if (isEmptyIv(e) || !Number.isFinite(e.lo) || !Number.isFinite(e.hi)) return undefined;
    return e;
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}

const fmt = (x: number): string => Number(x.toPrecision(3)).toString();

/**
 * Does the Berry–Esseen bound make the tail diagnostic unnecessary for this
 * term at this point? `result` is the run whose mean and standard error the
 * z-test uses.
 */
export function berryEsseenCheck(term: McTerm, params: Record<string, number>, result: McResult): BoundedCheck {
  // Randomized QMC points are not independent: Berry–Esseen for i.i.d. summands says nothing of them.
  if ((result as { method?: string }).method === 'rqmc') return { ok: false, why: 'a randomized quasi-Monte Carlo run: its points are not i.i.d.' };
  if (result.backend !== 'cpu') return { ok: false, why: 'a float32 run: its sample variance has no rounding bound' };
  const n = result.samples - result.nonFinite;
  if (result.nonFinite > 0 || !(n >= 2)) return { ok: false, why: 'non-finite or too few samples' };
  const e = integrandEnclosure(term, params);
  if (!e) return { ok: false, why: 'no finite enclosure of the integrand' };
  const width = nextUp(e.hi - e.lo);
  const sigmaHat = Math.sqrt(result.variance);
  const margin = nextUp(width * Math.sqrt((2 * Math.log(1 / SIGMA_DELTA)) / (n - 1)));
  const sigmaLower = sigmaHat - margin;
  if (!(sigmaLower > 0)) return { ok: false, why: `σ̂ = ${fmt(sigmaHat)} is not provably positive (margin ${fmt(margin)})` };
  const seError = margin / sigmaLower;
  const delta = (BERRY_ESSEEN_C * width) / (sigmaLower * Math.sqrt(n));
  // `!(… <= …)`: a NaN never passes.
  if (!(seError <= MAX_SE_ERROR)) return { ok: false, why: `σ̂ may be off by ${fmt(100 * seError)} % (> ${100 * MAX_SE_ERROR} %)` };
  if (!(delta <= BE_MAX_DELTA)) return { ok: false, why: `Berry–Esseen bound ${fmt(delta)} > ${BE_MAX_DELTA}` };
  return {
    ok: true,
    delta,
    width,
    sigmaLower,
    detail:
      `integrand enclosed in [${fmt(e.lo)}, ${fmt(e.hi)}], σ ≥ ${fmt(sigmaLower)} (Maurer–Pontil, δ = ${SIGMA_DELTA}): ` +
      `Berry–Esseen bound ${BERRY_ESSEEN_C}·B/(σ√n) = ${fmt(delta)} ≤ ${BE_MAX_DELTA}`,
  };
}
