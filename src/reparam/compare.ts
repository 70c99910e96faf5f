// Two objectives are the same objective when their Kingma & Gao weightings
// w(λ) agree up to a positive constant (Kingma & Gao 2023: the weighted loss
// depends on the schedule only through w(λ)).
//
// Decided by the algebra where both are written in one variable: in λ when
// both schedules have a λ-representation, w_A(λ) w_B(μ) = w_A(μ) w_B(λ) for
// all λ, μ (proved: the ratio is constant; refuted: the counterexample gives
// two λ with different ratios). A discrete schedule is a measure on its
// steps' λ: two objectives on the same steps compare by their step masses
// (p_t weightEps, p_t = 1/T), as functions of ᾱ, then on the grid itself.
import { subst } from './scalar.js';
import type { Scalar as Node } from '../expr/ast.js';
import { equal } from '../expr/ast.js';
import { div, mul, sym } from '../expr/build.js';
import { decide } from '../algebra/decide.js';
import { evalFloat } from '../algebra/eval-float.js';
import { BadInput } from '../errors.js';
import { buildObjective, type Objective, type ObjectiveSpec } from './objective.js';
import { piecesIn, piecesOf, type Pieces } from './pieces.js';

export interface Comparison {
  readonly same: boolean;
  readonly verdict: 'proved' | 'verified' | 'refuted' | 'unknown';
  /** w_A/w_B where constant (else null). */
  readonly constant: number | null;
  /** Two λ where the ratio w_A/w_B differs, with the ratio at each (null when the same). */
  readonly differAt: readonly { readonly lambda: number; readonly ratio: number }[] | null;
  readonly reason: string;
}

/** Relative tolerance of a numeric comparison of ratios (grid or points). */
const REL = 1e-9;

function ratioPoints(points: readonly { lambda: number; ratio: number }[], how: string): Comparison {
  const finite = points.filter((p) => Number.isFinite(p.ratio) && Number.isFinite(p.lambda) && p.ratio !== 0);
  if (finite.length < 2) return { same: false, verdict: 'unknown', constant: null, differAt: null, reason: `too few points where both weights are finite and nonzero (${how})` };
  const ref = finite[0];
  let worst = ref;
  for (const p of finite) if (Math.abs(p.ratio / ref.ratio - 1) > Math.abs(worst.ratio / ref.ratio - 1)) worst = p;
  if (Math.abs(worst.ratio / ref.ratio - 1) > REL || Math.sign(ref.ratio) !== Math.sign(worst.ratio)) {
    return { same: false, verdict: 'refuted', constant: null, differAt: [ref, worst], reason: `w_A/w_B is ${ref.ratio} at lambda = ${ref.lambda} and ${worst.ratio} at lambda = ${worst.lambda} (${how})` };
  }
  if (ref.ratio < 0) return { same: false, verdict: 'refuted', constant: ref.ratio, differAt: null, reason: 'the ratio is constant but negative' };
  return { same: true, verdict: 'verified', constant: ref.ratio, differAt: null, reason: `w_A/w_B is constant to ${REL} relative at ${finite.length} points (${how}); not proved` };
}

/** Decides w_A(x) w_B(y) = w_A(y) w_B(x) in the variable v. */
function symbolic(wA: Node, wB: Node, pa: Pieces, lambdaOf: (x: number) => number): Comparison | undefined {
  const v = pa.rep.v;
  const y = `${v}_ref`;
  const at = (w: Node) => subst(w, new Map([[v, sym(y)]]));
  const dom = new Map([[v, pa.rep.domain], [y, pa.rep.domain]]);
  const verdict = decide(mul(wA, at(wB)), '=', mul(at(wA), wB), dom, { points: 60 });
  const ratio = div(wA, wB);
  if (verdict.verdict === 'proved') {
    const probe = v === 'lambda' ? [0, 1, -1, 3, -3] : [0.5, 0.3, 0.7, 0.1, 0.9];
    const c = probe.map((x) => evalFloat(ratio, { [v]: x })).find((r) => Number.isFinite(r) && r !== 0);
    if (c === undefined) return undefined;
    if (c < 0) return { same: false, verdict: 'refuted', constant: c, differAt: null, reason: 'w_A/w_B is constant but negative (proved)' };
    return { same: true, verdict: 'proved', constant: c, differAt: null, reason: `w_A(${v}) w_B(${y}) = w_A(${y}) w_B(${v}) for all ${v}, ${y} (proved): w_A/w_B is constant` };
  }
  if (verdict.verdict === 'refuted') {
    const p = verdict.counterexample.params;
    const num = (x: number | string) => (typeof x === 'number' ? x : Number(x.split('/')[0]) / Number(x.split('/')[1] ?? 1));
    const xs = [num(p[v]), num(p[y])];
    const pts = xs.map((x) => ({ lambda: lambdaOf(x), ratio: evalFloat(ratio, { [v]: x }) }));
    if (pts.every((q) => Number.isFinite(q.ratio)) && Math.abs(pts[0].ratio / pts[1].ratio - 1) > REL) {
      return { same: false, verdict: 'refuted', constant: null, differAt: pts, reason: `w_A/w_B is ${pts[0].ratio} at lambda = ${pts[0].lambda} and ${pts[1].ratio} at lambda = ${pts[1].lambda}` };
    }
  }
  return undefined;
}

function lambdaRepPieces(obj: Objective): Pieces | undefined {
  for (const rep of obj.schedule.reps) if (rep.v === 'lambda') return piecesIn(obj, rep);
  return undefined;
}

/** v with λ(v) = target on (0, 1) by bisection, λ decreasing in v when `dec`. */
function invertLambda(p: Pieces, target: number): number | undefined {
  let lo = 1e-12;
  let hi = 1 - 1e-12;
  const f = (x: number) => evalFloat(p.lambda, { [p.rep.v]: x });
  const flo = f(lo);
  const fhi = f(hi);
  if (!(Math.min(flo, fhi) <= target && target <= Math.max(flo, fhi))) return undefined;
  const dec = flo > fhi;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if ((f(mid) > target) === dec) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function compareContinuous(A: Objective, B: Objective): Comparison {
  const la = lambdaRepPieces(A);
  const lb = lambdaRepPieces(B);
  if (la?.weightLambda && lb?.weightLambda) {
    const s = symbolic(la.weightLambda, lb.weightLambda, la, (x) => x);
    if (s) return s;
  }
  const pa = piecesOf(A);
  const pb = piecesOf(B);
  if (!pa.weightLambda || !pb.weightLambda) return { same: false, verdict: 'unknown', constant: null, differAt: null, reason: pa.weightLambdaWhy ?? pb.weightLambdaWhy ?? 'no w(lambda)' };
  if (pa.rep.v === pb.rep.v && equal(pa.alpha, pb.alpha) && equal(pa.sigma, pb.sigma)) {
    const s = symbolic(pa.weightLambda, pb.weightLambda, pa, (x) => evalFloat(pa.lambda, { [pa.rep.v]: x }));
    if (s) return s;
  }
  // Numerically, at the same λ: each variable found by bisection.
  const at = (p: Pieces, l: number) => {
    if (p.rep.v === 'lambda') return evalFloat(p.weightLambda!, { lambda: l });
    const x = invertLambda(p, l);
    return x === undefined ? NaN : evalFloat(p.weightLambda!, { [p.rep.v]: x });
  };
  const grid = Array.from({ length: 41 }, (_, i) => -10 + i / 2);
  return ratioPoints(grid.map((l) => ({ lambda: l, ratio: at(pa, l) / at(pb, l) })), 'lambda from -10 to 10 in steps of 1/2');
}

function compareDiscrete(A: Objective, B: Objective): Comparison {
  if (A.schedule.kind !== 'discrete' || B.schedule.kind !== 'discrete') throw new Error('compareDiscrete: not discrete');
  const sa = A.schedule.arrays;
  const sb = B.schedule.arrays;
  const pa = piecesOf(A);
  const pb = piecesOf(B);
  const sameSteps = sa.T === sb.T && sa.logSnr.every((l, i) => l === sb.logSnr[i]);
  if (!sameSteps) {
    return { same: false, verdict: 'refuted', constant: null, differAt: null, reason: 'the two discrete schedules put their steps at different lambda: their weightings are measures on different points' };
  }
  // Step masses (1/T) weightEps(ᾱ_t): the 1/T cancels in the ratio.
  const s = symbolic(pa.weightEps, pb.weightEps, pa, (x) => Math.log(x) - Math.log1p(-x));
  if (s?.verdict === 'proved') return { ...s, reason: `${s.reason} (the step masses, as functions of alphaBar)` };
  const pts = Array.from(sa.alphaBar, (ab, i) => ({ lambda: sa.logSnr[i], ratio: evalFloat(pa.weightEps, { alphaBar: ab }) / evalFloat(pb.weightEps, { alphaBar: ab }) }));
  return ratioPoints(pts, `the ${sa.T} steps of the schedule`);
}

export function compare(a: ObjectiveSpec, b: ObjectiveSpec): Comparison {
  const A = buildObjective(a);
  const B = buildObjective(b);
  if (A.schedule.kind !== B.schedule.kind) throw new BadInput('compare: one objective has a discrete schedule and the other a continuous one; their weightings are not on the same footing');
  return A.schedule.kind === 'discrete' ? compareDiscrete(A, B) : compareContinuous(A, B);
}
