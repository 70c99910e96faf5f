// Exact decisions of rational claims in one variable: lhs and rhs built from
// x and rational numbers with + − × ÷ and integer powers. Decidable, so the
// answer is `proved` or `refuted` (with an exact rational counterexample),
// never `verified`.
//
// lhs − rhs = N/D can change sign, vanish or be undefined only at real roots
// of S = squarefree(N · D · every divisor of the sides). Its Sturm sequence
// counts the roots of S in any interval; bisecting the domain (half-lines cut
// at Cauchy's root bound) until every piece holds at most one root gives a
// rational point in each open interval between consecutive roots (and
// between the ends and the first and last root). lhs − rhs has one sign on
// each such interval, so evaluating the sides exactly at those points, and at
// the closed ends, decides the claim on the whole domain. The sides are
// compared where both are defined (the convention of decide.ts): a root of a
// divisor is a point where the claim says nothing.
import type { Node, Rel } from '../expr/ast.js';
import { domainOf, isEmpty, type Domain, type Interval } from '../expr/domain.js';
import * as Q from '../expr/rational.js';
import { rational, type Rational } from '../expr/rational.js';
import type { Evidence, Verdict } from '../verdict.js';
import { evalExact } from './eval-exact.js';
import {
  deg, primitive, rootBound, signAt, squarefree, sturm, upAdd, upDivExact, upGcd, upMul, upNeg, upPow, variations, type UPoly,
} from './upoly.js';
import { exactSign, violatedBy } from './violated.js';

/** Degrees beyond these are left to the numeric search (Sturm sequences of huge degree are slow). */
const MAX_DEGREE = 64;
const MAX_CRITICAL_DEGREE = 128;
/** Sturm evaluations allowed while isolating roots. */
const MAX_STEPS = 4000;

class NotRational extends Error {}
const no = (why: string): never => {
  throw new NotRational(why);
};

interface URat {
  readonly num: UPoly;
  readonly den: UPoly;
}

function reduce(a: URat): URat {
  if (a.num.length === 0) return { num: [], den: [1n] };
  if (deg(a.num) > MAX_DEGREE || deg(a.den) > MAX_DEGREE) no('degree too high');
  const g = upGcd(a.num, a.den);
  if (g.length <= 1) return a;
  // Only the roots and signs of num·den matter here, so positive rescaling is harmless.
  return { num: upDivExact(a.num, g), den: upDivExact(a.den, g) };
}

/** lhs as a rational function of x; divisors (numerators of every denominator met) go to `poles`. */
function convert(node: Node, x: string, poles: UPoly[]): URat {
  switch (node.op) {
    case 'num':
      return { num: node.n === 0n ? [] : [node.n], den: [node.d] };
    case 'sym':
      return node.name === x && node.kind === 'scalar' ? { num: [0n, 1n], den: [1n] } : no('another symbol');
    case 'neg': {
      const a = convert(node.args[0], x, poles);
      return { num: upNeg(a.num), den: a.den };
    }
    case 'add':
      return node.args
        .map((a) => convert(a, x, poles))
        .reduce((a, b) => reduce({ num: upAdd(upMul(a.num, b.den), upMul(b.num, a.den)), den: upMul(a.den, b.den) }));
    case 'mul':
      return node.args.map((a) => convert(a, x, poles)).reduce((a, b) => reduce({ num: upMul(a.num, b.num), den: upMul(a.den, b.den) }));
    case 'div': {
      const a = convert(node.args[0], x, poles);
      const b = convert(node.args[1], x, poles);
      if (b.num.length === 0) no('division by zero');
      poles.push(b.num);
      return reduce({ num: upMul(a.num, b.den), den: upMul(a.den, b.num) });
    }
    case 'pow': {
      const [b, e] = node.args;
      if (e.op !== 'num' || e.d !== 1n || e.n > 64n || e.n < -64n) return no('not an integer power');
      const base = convert(b, x, poles);
      const k = Number(e.n);
      if (k >= 0) return reduce({ num: upPow(base.num, k), den: upPow(base.den, k) });
      if (base.num.length === 0) no('division by zero');
      poles.push(base.num);
      return reduce({ num: upPow(base.den, -k), den: upPow(base.num, -k) });
    }
    default:
      return no(`not rational: ${node.op}`);
  }
}

const half = rational(1n, 2n);
const mid = (a: Rational, b: Rational): Rational => Q.mul(Q.add(a, b), half);
const floorQ = (a: Rational): bigint => (a.n >= 0n ? a.n / a.d : -((-a.n + a.d - 1n) / a.d));

/** The simplest rational (smallest denominator, then numerator) strictly between a < b. */
export function simplestBetween(a: Rational, b: Rational): Rational {
  if (Q.cmp(a, rational(0n)) < 0 && Q.cmp(b, rational(0n)) > 0) return rational(0n);
  if (Q.cmp(b, rational(0n)) <= 0) return Q.neg(simplestBetween(Q.neg(b), Q.neg(a)));
  const fl = floorQ(a);
  if (Q.cmp(rational(fl + 1n), b) < 0) return rational(fl + 1n);
  // (a, b) ⊂ [fl, fl + 1]: recurse on the reciprocals of the fractional parts.
  const af = Q.sub(a, rational(fl));
  const bf = Q.sub(b, rational(fl));
  if (af.n === 0n) return Q.add(rational(fl), Q.div(rational(1n), rational(floorQ(Q.div(rational(1n), bf)) + 1n)));
  return Q.add(rational(fl), Q.div(rational(1n), simplestBetween(Q.div(rational(1n), bf), Q.div(rational(1n), af))));
}

interface Samples {
  readonly points: Rational[];
  /** Distinct real roots of S strictly inside the domain. */
  readonly roots: number;
  readonly degree: number;
}

/** A point in every open interval of the domain between consecutive roots of S, or undefined past the budget. */
function samplesOf(s0: UPoly, i: Interval): Samples | undefined {
  let s = primitive(s0);
  // Rational roots at finite ends are divided out: the Sturm counts need ends that are not roots.
  for (const end of [i.lo, i.hi]) {
    if (!end) continue;
    while (s.length > 1 && signAt(s, end) === 0) s = upDivExact(s, [-end.n, end.d]);
  }
  if (s.length <= 1) {
    const [A, B] = workingEnds(i, 1n);
    return { points: [simplestBetween(A, B)], roots: 0, degree: 0 };
  }
  const [A, B] = workingEnds(i, rootBound(s));
  const seq = sturm(s);
  const points: Rational[] = [];
  let steps = 0;
  const explore = (a: Rational, b: Rational, va: number, vb: number): boolean => {
    if (++steps > MAX_STEPS) return false;
    const count = va - vb;
    if (count === 0) {
      points.push(simplestBetween(a, b));
      return true;
    }
    // One root between two split points: both are already samples of the intervals beside it.
    if (count === 1 && a !== A && b !== B) return true;
    let m = mid(a, b);
    for (let k = 3n; signAt(s, m) === 0; k++) m = Q.add(a, Q.mul(Q.sub(b, a), rational(1n, k)));
    points.push(m);
    const vm = variations(seq, m);
    return explore(a, m, va, vm) && explore(m, b, vm, vb);
  };
  const va = variations(seq, A);
  const vb = variations(seq, B);
  if (!explore(A, B, va, vb)) return undefined;
  return { points, roots: va - vb, degree: deg(s) };
}

/** Finite ends for the search: the domain's, or beyond the root bound on unbounded sides. */
function workingEnds(i: Interval, bound: bigint): [Rational, Rational] {
  const B0 = rational(bound);
  let A = i.lo ?? Q.neg(B0);
  let B = i.hi ?? B0;
  if (!i.lo && Q.cmp(A, B) >= 0) A = Q.sub(B, rational(1n));
  if (!i.hi && Q.cmp(A, B) >= 0) B = Q.add(A, rational(1n));
  return [A, B];
}

const height = (r: Rational): number => (r.n < 0n ? -r.n : r.n).toString(2).length + r.d.toString(2).length;

/**
 * The exact verdict on a univariate rational claim, or undefined when the
 * claim is not one (another symbol, a function, a non-integer power), its
 * degree is too high, or the sides are defined at no point of the domain.
 */
export function decideUnivariate(lhs: Node, rel: Rel, rhs: Node, x: string, domain: Domain, seed = 1): Verdict | undefined {
  const i = domainOf(domain, x);
  if (isEmpty(i)) return undefined;
  const poles: UPoly[] = [];
  let f: URat;
  try {
    const l = convert(lhs, x, poles);
    const r = convert(rhs, x, poles);
    f = reduce({ num: upAdd(upMul(l.num, r.den), upNeg(upMul(r.num, l.den))), den: upMul(l.den, r.den) });
  } catch (e) {
    if (e instanceof NotRational) return undefined;
    throw e;
  }
  let critical: UPoly = f.num.length > 0 ? f.num : [1n];
  for (const p of [f.den, ...poles]) critical = upMul(critical, squarefree(p));
  if (deg(critical) > MAX_CRITICAL_DEGREE) return undefined;
  critical = squarefree(critical);

  let samples: Samples | undefined;
  if (i.lo && i.hi && Q.cmp(i.lo, i.hi) === 0) samples = { points: [], roots: 0, degree: deg(critical) };
  else samples = samplesOf(critical, i);
  if (!samples) return undefined;
  const ends = [i.lo && !i.loOpen ? i.lo : undefined, i.hi && !i.hiOpen ? i.hi : undefined].filter((e): e is Rational => e !== undefined);
  const all = [...ends, ...samples.points];

  let defined = 0;
  let worst: { t: Rational; l: Rational; r: Rational } | undefined;
  for (const t of all) {
    const l = evalExact(lhs, { [x]: t });
    const r = evalExact(rhs, { [x]: t });
    if (!l || !r) {
      // Off the closed ends, S has no root here, so both sides are defined: a value too large to compute.
      if (ends.includes(t)) continue;
      return undefined;
    }
    defined++;
    const d = Q.sub(l, r);
    const bad = violatedBy(rel, exactSign(d));
    if (bad && (!worst || height(t) < height(worst.t))) worst = { t, l, r };
  }
  if (defined === 0) return undefined;

  const how =
    `lhs − rhs is a rational function of ${x}; the Sturm sequence of the squarefree part of its numerator, ` +
    `denominator and divisors (degree ${samples.degree}) isolates their ${samples.roots} real root(s) in the domain, ` +
    `and the sides were compared exactly at ${samples.points.length} point(s) that meet every interval between them` +
    `${ends.length > 0 ? `, and at the closed end(s)` : ''} (lhs − rhs has one sign on each); ` +
    `the sides are compared where both are defined`;
  const evidence: Evidence = { method: 'sturm-exact', detail: how, tests: defined, data: { degree: samples.degree, roots: samples.roots } };
  if (worst) {
    const d = Q.sub(worst.l, worst.r);
    return {
      verdict: 'refuted',
      counterexample: {
        params: { [x]: Q.toString(worst.t) },
        lhs: Q.toNumber(worst.l),
        rhs: Q.toNumber(worst.r),
        difference: Q.toNumber(d),
        bound: 0,
        seed,
        arithmetic: 'exact',
      },
      evidence: [{ ...evidence, detail: `counterexample at ${x} = ${Q.toString(worst.t)} (exact rational arithmetic: lhs − rhs = ${Q.toString(d)}); ${how}` }],
    };
  }
  return { verdict: 'proved', evidence: [evidence] };
}
