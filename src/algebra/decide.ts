// decide(lhs, rel, rhs, domain): one verdict for one step.
//
//   proved    the normal form of lhs − rhs is zero; or, for ≤ / ≥, a sign
//             certificate: the signs of its factors, or interval enclosures
//             with bisection
//   refuted   a point of the domain where the sides differ (exactly, or in
//             doubles beyond 8× the error bound), shrunk and re-checked
//   verified  no proof, every test passed (how many, which arithmetic)
//   unknown   out of scope (expectations, KL, vectors) or undefined at every test point
//
// Numeric agreement never becomes `proved`, and a normal form that is not
// zero never becomes `refuted` by itself: only a concrete point does.
import type { Node, Rel } from '../expr/ast.js';
import { freeSymbols } from '../expr/ast.js';
import { sub } from '../expr/build.js';
import type { Domain } from '../expr/domain.js';
import type { Evidence, Verdict } from '../verdict.js';
import fc from 'fast-check';
import { toNumber } from '../expr/rational.js';
import { difference, type Difference } from './difference.js';
import { evalFloat } from './eval-float.js';
import { centreOf, pointArbitrary, type Point } from './points.js';
import { outOfScope } from './scope.js';
import { search, MARGIN } from './search.js';
import { certify } from './sign.js';

export interface DecideOptions {
  /** Seed of the random points (default 1; reported with every counterexample). */
  seed?: number;
  /** Random points for the numeric tests (default 100). */
  points?: number;
}

/** Interval boxes a sign certificate may bisect into. */
const CERTIFY_BUDGET = 2048;

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

  if (rel !== '=') {
    const want = rel === '<=' ? 'nonpos' : 'nonneg';
    const candidates: Node[] = [sub(lhs as never, rhs as never)];
    if (!('error' in diff)) candidates.push(diff.ring.node(diff.form));
    for (const c of candidates) {
      try {
        if (certify(c, domain, want, CERTIFY_BUDGET)) {
          return { verdict: 'proved', evidence: [{ method: 'interval-bound', detail: `interval enclosures with bisection show lhs − rhs ${rel === '<=' ? '<= 0' : '>= 0'} on the whole domain` }] };
        }
      } catch {
        // An enclosure that cannot be formed is no certificate.
      }
    }
  }

  const names = [...freeSymbols(lhs, freeSymbols(rhs))].sort();
  const rational = !('error' in diff) && diff.rational;
  const found = search(lhs, rel, rhs, names, domain, { seed, points, exact: rational });
  const tests = found.exact + found.float;
  if (found.counterexample) {
    const c = found.counterexample;
    const how = c.arithmetic === 'exact' ? 'exact rational arithmetic' : `doubles: |difference| > ${MARGIN}× the error bound, and the sides' interval enclosures at the point are disjoint`;
    const method = c.arithmetic === 'exact' ? 'exact-random-points' : 'float-property';
    const at = Object.keys(c.params).length > 0 ? `at ${formatParams(c.params)}` : 'with no parameters';
    return {
      verdict: 'refuted',
      counterexample: c,
      evidence: [{ method, detail: `counterexample ${at}: lhs = ${c.lhs}, rhs = ${c.rhs} (${how}; seed ${seed})`, tests }, ...exact],
    };
  }
  if (tests === 0) {
    return {
      verdict: 'unknown',
      reason: `both sides could not be evaluated at any of ${found.skipped} test points (undefined, or the error bound too loose)`,
      evidence: exact,
    };
  }
  const evidence: Evidence[] = [];
  if (found.exact > 0) evidence.push({ method: 'exact-random-points', detail: `the sides agree exactly at ${found.exact} random rational points`, tests: found.exact });
  if (found.float > 0) evidence.push({ method: 'float-property', detail: `the sides agree within ${MARGIN}× the error bound at ${found.float} random points (seed ${seed})`, tests: found.float });
  evidence.sort((a, b) => (b.tests ?? 0) - (a.tests ?? 0));
  return { verdict: 'verified', evidence: [...evidence, ...exact, ...(found.skipped > 0 ? [{ method: 'skipped-points', detail: `${found.skipped} points skipped (a side undefined there, or its error bound too loose to tell)`, tests: found.skipped }] : [])] };
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
    return Number.isFinite(evalFloat(lhs, env)) && Number.isFinite(evalFloat(rhs, env));
  };
  return defined(centreOf(names, domain)) || fc.sample(pointArbitrary(names, domain), { seed, numRuns: 20 }).some(defined);
}

function vacuous(): Verdict {
  const reason = 'the sides are undefined at every test point (the normal form of lhs − rhs is zero, but vacuously)';
  return { verdict: 'unknown', reason, evidence: [{ method: 'normal-form', detail: reason }] };
}

function formatParams(p: Record<string, number | string>): string {
  return Object.entries(p)
    .map(([k, v]) => `${k} = ${v}`)
    .join(', ');
}
