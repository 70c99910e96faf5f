// decide(lhs, rel, rhs, domain): one verdict for one step.
//
//   proved    the normal form of lhs − rhs is zero; or, for ≤ / ≥, a sign
//             certificate: the signs of its factors, interval enclosures
//             with bisection, or a Gram matrix (sum of squares); or an exact
//             decision of a rational claim in one variable (Sturm sequences)
//   refuted   a point of the domain where the sides differ, certified: exactly
//             (rational arithmetic, Sturm), by disjoint enclosures in doubles,
//             by an interval enclosure of lhs − rhs over a sub-box that
//             excludes 0, or by a 70-digit enclosure at the point
//   verified  no proof, every test passed, and at the multiprecision points
//             there is no difference at 60 significant digits
//   unknown   out of scope (expectations, KL, vectors) or undefined at every test point
//
// Numeric agreement never becomes `proved`, and a normal form that is not
// zero never becomes `refuted` by itself: only a concrete point does. Where a
// side is undefined the claim says nothing: the sides are compared where both
// are defined. A univariate rational claim is decidable, and is never
// `verified`.
import type { Node, Rel } from '../expr/ast.js';
import { freeSymbols } from '../expr/ast.js';
import { sub } from '../expr/build.js';
import type { Domain } from '../expr/domain.js';
import { atPoint, type Evidence, type Verdict } from '../verdict.js';
import fc from 'fast-check';
import { toNumber } from '../expr/rational.js';
import { multiprecisionSearch, violationByInterval } from './certified-refutation.js';
import { difference, type Difference } from './difference.js';
import { evalFloat } from './eval-float.js';
import { AGREE_DIGITS, agreeDigitsAt, DIGITS, mpEval } from './mp.js';
import { MAX_DIGITS } from './mp-check.js';
import { centreOf, pointArbitrary, type Point } from './points.js';
import { outOfScope } from './scope.js';
import { search, MARGIN } from './search.js';
import { certify } from './sign.js';
import { provedBySquares } from './squares.js';
import { decideUnivariate } from './univariate.js';

export interface DecideOptions {
  /** Seed of the random points (default 1; reported with every counterexample). */
  seed?: number;
  /** Random points for the numeric tests (default 100). */
  points?: number;
}

/** Interval boxes a sign certificate may bisect into. */
const CERTIFY_BUDGET = 2048;
/** Interval boxes the search for a violating sub-box may look at. */
const VIOLATION_BUDGET = 256;
/** The same, before the point search: the domain box alone. */
const QUICK_BUDGET = 1;

export function decide(lhs: Node, rel: Rel, rhs: Node, domain: Domain, opts: DecideOptions = {}): Verdict {
  const seed = opts.seed ?? 1;
  const points = opts.points ?? 100;
  const why = outOfScope(lhs) ?? outOfScope(rhs);
  if (why) return { verdict: 'unknown', reason: why, evidence: [{ method: 'scope', detail: `the algebra decides scalar expressions; this one ${why}` }] };

  const diff = difference(lhs, rhs, domain);
  const exact: Evidence[] = [];
  if ('error' in diff) {
    exact.push({ method: 'normal-form', detail: `no exact normal form: ${diff.error}` });
  } else if (diff.zero) {
    if (!definedSomewhere(lhs, rhs, domain, seed)) return vacuous();
    return { verdict: 'proved', evidence: [proofOfZero(diff, rel)] };
  } else {
    exact.push({
      method: 'normal-form',
      detail: diff.rational ? 'lhs − rhs is a nonzero rational function' : 'the normal form of lhs − rhs is not zero (the atoms may be related in ways it does not know)',
      data: { atoms: diff.atoms },
    });
    if (rel !== '=') {
      const s = diff.ring.signOf(diff.form);
      if ((rel === '<=' && s === -1) || (rel === '>=' && s === 1)) {
        return { verdict: 'proved', evidence: [{ method: 'factored-sign', detail: `every factor of lhs − rhs has a known sign on the domain (declared, or by interval enclosures with bisection), so lhs − rhs ${rel === '<=' ? '<= 0' : '>= 0'}`, data: { rules: [...diff.ring.notes] } }] };
      }
    }
  }

  const names = [...freeSymbols(lhs, freeSymbols(rhs))].sort();
  if (names.length === 1) {
    const u = decideUnivariate(lhs, rel, rhs, names[0], domain, seed);
    if (u) return u.verdict === 'refuted' ? u : { ...u, evidence: [...u.evidence, ...exact] };
  }

  const normalForm = 'error' in diff ? undefined : diff.ring.node(diff.form);
  if (rel !== '=') {
    const want = rel === '<=' ? 'nonpos' : 'nonneg';
    const candidates: Node[] = [sub(lhs as never, rhs as never)];
    if (normalForm) candidates.push(normalForm);
    for (const c of candidates) {
      try {
        if (certify(c, domain, want, CERTIFY_BUDGET)) {
          return { verdict: 'proved', evidence: [{ method: 'interval-bound', detail: `interval enclosures with bisection show lhs − rhs ${rel === '<=' ? '<= 0' : '>= 0'} on the whole domain` }] };
        }
      } catch {
        // An enclosure that cannot be formed is no certificate.
      }
    }
    const sos = provedBySquares(lhs, rel, rhs);
    if (sos) return { verdict: 'proved', evidence: [sos, ...exact] };
  }

  // A certificate on the whole domain box costs microseconds (sech(x) = 0
  // beyond 800): before the point search.
  const early = violationByInterval(lhs, rel, rhs, normalForm, domain, seed, QUICK_BUDGET);
  if (early) return { ...early, evidence: [...early.evidence, ...exact] };

  const rational = !('error' in diff) && diff.rational;
  const found = search(lhs, rel, rhs, names, domain, { seed, points, exact: rational });
  const tests = found.exact + found.float;
  if (found.counterexample) {
    const c = found.counterexample;
    const how = c.arithmetic === 'exact' ? 'exact rational arithmetic' : `doubles: |difference| > ${MARGIN}× the error bound, and the sides' interval enclosures at the point are disjoint`;
    const method = c.arithmetic === 'exact' ? 'exact-random-points' : 'float-property';
    const at = atPoint(c.params);
    return {
      verdict: 'refuted',
      counterexample: c,
      evidence: [{ method, detail: `counterexample ${at}: lhs = ${c.lhs}, rhs = ${c.rhs} (${how}; seed ${seed})`, tests }, ...exact],
    };
  }

  // Differences below double rounding: a 70-digit enclosure at one of a few
  // points that excludes 0 (cheap, and it sees 1e-20 at x = 45) …
  const mp = multiprecisionSearch(lhs, rel, rhs, normalForm, names, domain, seed);
  if (mp.refuted) return { ...mp.refuted, evidence: [...mp.refuted.evidence, ...exact] };
  // … or an enclosure of lhs − rhs (or of its normal form) over a sub-box of
  // the domain that excludes 0 (it sees e^-10000, which no fixed precision does).
  const boxed = violationByInterval(lhs, rel, rhs, normalForm, domain, seed, VIOLATION_BUDGET);
  if (boxed) return { ...boxed, evidence: [...boxed.evidence, ...exact] };

  // Agreement in doubles says nothing when the sides add numbers too far apart for any precision
  // tried (10^2000 + 1 against 10^2000): no multiprecision point resolved them.
  if (mp.passed === 0 && mp.unresolved > 0) {
    return {
      verdict: 'unknown',
      reason: `the sides add numbers up to 10^${mp.span} apart at every multiprecision point: a difference hidden in the smaller one is beyond the ${MAX_DIGITS} digits tried, so the agreement in doubles is no evidence`,
      evidence: exact,
    };
  }
  if (tests === 0 && mp.passed === 0) {
    return {
      verdict: 'unknown',
      reason: `both sides could not be evaluated at any of ${found.skipped} test points (undefined, or the error bound too loose)`,
      evidence: exact,
    };
  }
  const evidence: Evidence[] = [];
  const data = { random: found.random, deterministic: tests + found.skipped - found.random };
  if (found.exact > 0) evidence.push({ method: 'exact-random-points', detail: `the sides agree exactly at ${found.exact} points (the domain's ends approached to 1e-15, far out on half-lines, simple values, random rationals)`, tests: found.exact, data });
  if (found.float > 0) evidence.push({ method: 'float-property', detail: `the sides agree within ${MARGIN}× the error bound at ${found.float} points in doubles (the domain's ends approached to 1e-15, far out on half-lines, simple values, random points of seed ${seed})`, tests: found.float, data });
  evidence.sort((a, b) => (b.tests ?? 0) - (a.tests ?? 0));
  const multi: Evidence = {
    method: 'multiprecision-points',
    detail:
      mp.passed > 0
        ? mp.digits > DIGITS
          ? `no difference at ${agreeDigitsAt(mp.digits)} significant digits at ${mp.passed} point(s) (rigorous interval enclosures in up to ${mp.digits}-digit decimal arithmetic: the sides add numbers that far apart in orders of magnitude; ${mp.skipped + mp.unresolved} point(s) undefined or too loose to tell)`
          : `no difference at ${AGREE_DIGITS} significant digits at ${mp.passed} point(s) (rigorous interval enclosures in ${DIGITS}-digit decimal arithmetic; ${mp.skipped + mp.unresolved} point(s) undefined or too loose to tell)`
        : `no point could be checked at ${AGREE_DIGITS} digits (${mp.skipped} undefined or too loose); the agreement is in doubles only`,
    tests: mp.passed,
  };
  return { verdict: 'verified', evidence: [multi, ...evidence, ...exact, ...(found.skipped > 0 ? [{ method: 'skipped-points', detail: `${found.skipped} points skipped (a side undefined there, or its error bound too loose to tell)`, tests: found.skipped }] : [])] };
}

function proofOfZero(d: Difference, rel: Rel): Evidence {
  const rules = [...d.ring.notes];
  const what = d.rational
    ? 'lhs − rhs is the zero rational function'
    : `lhs − rhs reduces to zero${d.atoms.length > 0 ? ` over the atoms ${d.atoms.join(', ')}` : ''}${rules.length > 0 ? `; rules: ${rules.join('; ')}` : ''}`;
  return {
    method: d.rational ? 'rational-normal-form' : 'algebraic-normal-form',
    detail: rel === '=' ? what : `${what}, so the inequality holds with equality`,
    data: { atoms: d.atoms, rules },
  };
}

/**
 * A proof says the sides agree wherever both are defined. Where they are
 * defined nowhere (sqrt(−1 − x²) = sqrt(−1 − x²)) that is vacuous, and the
 * answer is unknown instead. The centre of the box, then a few random points.
 */
function definedSomewhere(lhs: Node, rhs: Node, domain: Domain, seed: number): boolean {
  const names = [...freeSymbols(lhs, freeSymbols(rhs))];
  const defined = (p: Point): boolean => {
    const env = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, toNumber(v)]));
    if (Number.isFinite(evalFloat(lhs, env)) && Number.isFinite(evalFloat(rhs, env))) return true;
    // Beyond doubles (exp(800) overflows) is not undefined: a multiprecision enclosure says whether it is.
    return mpEval(lhs, p) !== undefined && mpEval(rhs, p) !== undefined;
  };
  return defined(centreOf(names, domain)) || fc.sample(pointArbitrary(names, domain), { seed, numRuns: 20 }).some(defined);
}

function vacuous(): Verdict {
  const reason = 'the sides are undefined at every test point (the normal form of lhs − rhs is zero, but vacuously)';
  return { verdict: 'unknown', reason, evidence: [{ method: 'normal-form', detail: reason }] };
}

