// Refutations certified beyond double rounding, for differences that doubles
// lose (1e-20, 1e-300, underflow to 0):
//
//   interval-sign   an outward-rounded enclosure of lhs − rhs (or of the
//                   normal form) over a sub-box of the domain lies strictly on
//                   the wrong side of 0, and both sides are defined at a point
//                   of the box (checked exactly, in doubles with disjoint
//                   enclosures, or in 70-digit interval arithmetic)
//   interval-point  a 70-digit enclosure of lhs − rhs (or of the normal form)
//                   at one of a few fixed points excludes 0
//
// The counterexample carries the certificate: the box and its enclosure, or
// the point's enclosures (data.lhs, data.rhs, data.difference).
import type { Node, Rel } from '../expr/ast.js';
import { freeSymbols } from '../expr/ast.js';
import { sub } from '../expr/build.js';
import { domainOf, type Domain } from '../expr/domain.js';
import * as Q from '../expr/rational.js';
import { atPoint, type Counterexample, type Verdict } from '../verdict.js';
import { evalExact } from './eval-exact.js';
import { mpTestPoint, type MpResult } from './mp-check.js';
import { DIGITS, mpEval, showIv, toNumberIv } from './mp.js';
import { centreOf, inInterval, multiprecisionPoints, type Point } from './points.js';
import { testPoint } from './search.js';
import { findViolatingBox } from './violation.js';
import { exactSign, violatedBy } from './violated.js';

const params = (p: Point): Record<string, string> => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, Q.toString(v)]));

/** A refutation from an mp test that failed at p. */
function mpRefutation(method: string, detail: string, p: Point, r: MpResult, seed: number, data: Record<string, unknown>): Verdict {
  const l = r.lhs as NonNullable<MpResult['lhs']>;
  const rr = r.rhs as NonNullable<MpResult['rhs']>;
  const d = r.difference as NonNullable<MpResult['difference']>;
  const counterexample: Counterexample = {
    params: params(p),
    lhs: toNumberIv(l),
    rhs: toNumberIv(rr),
    difference: toNumberIv(d),
    bound: 0,
    seed,
    arithmetic: 'interval',
  };
  return { verdict: 'refuted', counterexample, evidence: [{ method, detail, data: { ...data, lhs: showIv(l), rhs: showIv(rr), difference: showIv(d) } }] };
}

const side = (rel: Rel): string => (rel === '=' ? '≠ 0' : rel === '<=' ? '> 0' : '< 0');

/**
 * A sub-box where an enclosure of lhs − rhs (or of the normal form) is on the
 * wrong side of 0, and a point of it where both sides are defined.
 */
export function violationByInterval(lhs: Node, rel: Rel, rhs: Node, normalForm: Node | undefined, domain: Domain, seed: number, budget: number): Verdict | undefined {
  const candidates: [string, Node][] = [['lhs − rhs', sub(lhs as never, rhs as never)]];
  if (normalForm) candidates.push(['the normal form of lhs − rhs', normalForm]);
  for (const [what, node] of candidates) {
    const box = findViolatingBox(node, rel, domain, budget);
    if (!box) continue;
    // The normal form may have lost symbols (x·y + 1e-30 − x·y is 1e-30): the others sit at the centre.
    const centre = centreOf([...freeSymbols(lhs, freeSymbols(rhs))], domain);
    for (const q of box.points) {
      const p: Point = { ...centre, ...q };
      // A difference visible in doubles (exactly, or with disjoint enclosures at the point, as in the
      // search) needs no multiprecision: the cheap check first.
      const cheap = testPoint(lhs, rel, rhs, p, domain, true);
      if (cheap.status === 'fail') {
        const at = atPoint(params(p));
        const how = cheap.arithmetic === 'exact' ? 'exactly' : 'in doubles, with disjoint enclosures of the sides at the point';
        return {
          verdict: 'refuted',
          counterexample: {
            params: cheap.arithmetic === 'exact' ? params(p) : Object.fromEntries(Object.entries(p).map(([k, v]) => [k, Q.toNumber(v)])),
            lhs: cheap.lhs, rhs: cheap.rhs, difference: cheap.difference, bound: cheap.bound, seed, arithmetic: cheap.arithmetic,
          },
          evidence: [{
            method: 'interval-sign',
            detail: `counterexample ${at}: an interval enclosure of ${what} over ${describeBox(box.box) || 'the domain'} is (${box.enclosure.lo}, ${box.enclosure.hi}), so lhs − rhs ${side(rel)} wherever the sides are defined there; at this point lhs = ${cheap.lhs}, rhs = ${cheap.rhs} (${how})`,
            data: { box: describeBox(box.box), enclosure: [box.enclosure.lo, box.enclosure.hi] },
          }],
        };
      }
      const test = mpTestPoint(lhs, rel, rhs, normalForm, p);
      const l = test.lhs;
      const r = test.rhs;
      if (!l || !r) continue;
      // The normal form's enclosure speaks for points where the normal form itself is defined.
      if (node === normalForm && !mpEval(normalForm, p)) continue;
      const enclosure = `(${box.enclosure.lo}, ${box.enclosure.hi})`;
      const whole = [...box.box.values()].length > 0 ? describeBox(box.box) : 'the domain';
      const detail = `counterexample ${atPoint(params(p))}: an interval enclosure of ${what} over ${whole} is ${enclosure}, so lhs − rhs ${side(rel)} wherever the sides are defined there, and both are defined at this point (lhs ∈ ${showIv(l)}, rhs ∈ ${showIv(r)})`;
      // Where both sides are rational at the point, the counterexample is checked exactly too.
      const el = evalExact(lhs, p);
      const er = el && evalExact(rhs, p);
      if (el && er) {
        const ed = Q.sub(el, er);
        const bad = violatedBy(rel, exactSign(ed));
        if (!bad) continue; // cannot happen when the enclosure is right; never report it
        return {
          verdict: 'refuted',
          counterexample: { params: params(p), lhs: Q.toNumber(el), rhs: Q.toNumber(er), difference: Q.toNumber(ed), bound: 0, seed, arithmetic: 'exact' },
          evidence: [{ method: 'interval-sign', detail: `${detail}; exactly, lhs − rhs = ${Q.toString(ed)}`, data: { box: describeBox(box.box), enclosure: [box.enclosure.lo, box.enclosure.hi] } }],
        };
      }
      const d = test.difference ?? { lo: l.lo.sub(r.hi), hi: l.hi.sub(r.lo) };
      return mpRefutation('interval-sign', detail, p, { ...test, lhs: l, rhs: r, difference: d }, seed, { box: describeBox(box.box), enclosure: [box.enclosure.lo, box.enclosure.hi] });
    }
  }
  return undefined;
}

function describeBox(b: ReadonlyMap<string, { lo: number; hi: number }>): string {
  return [...b.entries()].map(([k, x]) => `${k} ∈ [${x.lo}, ${x.hi}]`).join(', ');
}

/**
 * The multiprecision points: a refutation, or how many passed ("no difference at 60 digits"),
 * were skipped, or were unresolved (sides adding numbers too many orders of magnitude apart),
 * and the most digits a pass needed.
 */
export function multiprecisionSearch(
  lhs: Node, rel: Rel, rhs: Node, normalForm: Node | undefined, names: readonly string[], domain: Domain, seed: number,
): { refuted?: Verdict; passed: number; skipped: number; unresolved: number; span: number; digits: number } {
  let passed = 0;
  let skipped = 0;
  let unresolved = 0;
  let span = 0;
  let digits = DIGITS;
  for (const p of multiprecisionPoints(names, domain)) {
    // Only points of the domain (an empty domain has none; its "centre" is no point of it).
    if (!Object.entries(p).every(([k, v]) => inInterval(domainOf(domain, k), v))) continue;
    const r = mpTestPoint(lhs, rel, rhs, normalForm, p);
    if (r.status === 'fail') {
      const d = r.difference as NonNullable<MpResult['difference']>;
      const at = r.digits ?? DIGITS;
      const why = at > DIGITS ? ` (the sides add numbers ${at - DIGITS} orders of magnitude apart, so the point was re-checked at ${at} digits)` : '';
      const detail = `counterexample ${atPoint(params(p))}: a rigorous ${at}-digit enclosure of ${r.via === 'normal-form' ? 'the normal form of lhs − rhs' : 'lhs − rhs'} at the point is ${showIv(d)}, which excludes 0${why}`;
      return { refuted: mpRefutation('interval-point', detail, p, r, seed, { digits: at }), passed, skipped, unresolved, span, digits };
    }
    if (r.status === 'pass') {
      passed++;
      digits = Math.max(digits, r.digits ?? DIGITS);
    } else if (r.status === 'unresolved') {
      unresolved++;
      span = Math.max(span, r.span ?? 0);
    } else skipped++;
  }
  return { passed, skipped, unresolved, span, digits };
}

