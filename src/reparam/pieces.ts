// The symbolic pieces of an objective in one schedule representation
// (variable v): for u = a x_0 + b ε and x_t = α x_0 + σ ε,
//   D = bα − aσ                 (the target carries no information about ε where D = 0)
//   weightEps = W (D/α)²        at fixed x_t, û − u = (b − aσ/α)(ε̂ − ε) = (D/α)(ε̂ − ε)
//   weightX0  = W (D/σ)²        and ε̂ − ε = −(α/σ)(x̂_0 − x_0)
// The pieces are folded trees, evaluated as written; printing simplifies them (simplify.ts).
//   w(λ) = 2 q(v) weightEps / |dλ/dv|     (Kingma & Gao 2023, exact, no normalization)
// where q is the density of v under the sampler: p(t(v)) |dt/dv|, or 1 for a
// map sampler's uniform u. w(λ) does not depend on which v: p_t dt = q dv.
import { subst, foldS, diff } from './scalar.js';
import type { Scalar as Node } from '../expr/ast.js';
import { freeSymbols } from '../expr/ast.js';
import { div, log, mul, neg, num, pow, sub, sym } from '../expr/build.js';
import { derivative } from '../expr/derivative.js';
import { fold } from '../expr/fold.js';
import { evalFloat } from '../algebra/eval-float.js';
import { BadInput } from '../errors.js';
import { inRep } from './names.js';
import { invertMap, type Sampler } from './samplers.js';
import type { Rep } from './schedules.js';
import type { Objective } from './objective.js';

export interface Pieces {
  readonly rep: Rep;
  readonly alpha: Node;
  readonly sigma: Node;
  readonly a: Node;
  readonly b: Node;
  readonly D: Node;
  readonly W: Node;
  readonly weightEps: Node;
  readonly weightX0: Node;
  readonly lambda: Node;
  /** dλ/dv (1 in the λ representation). */
  readonly dldv: Node;
  /** dα/dt and dσ/dt in v (continuous only). */
  readonly dalpha?: Node;
  readonly dsigma?: Node;
  /** The density of v; absent for a discrete schedule. */
  readonly q?: Node;
  /** w(λ) in v, absent for a discrete schedule or where λ is not monotone. */
  readonly weightLambda?: Node;
  /** The sign of dλ/dv on the domain, where fixed. */
  readonly dlSign?: 1 | -1;
  /** Why weightLambda is absent. */
  readonly weightLambdaWhy?: string;
}

/** A map sampler t = g(u) composed with a t-representation: the variable becomes u. */
function composeMap(rep: Rep, sampler: Extract<Sampler, { kind: 'map' }>): Rep {
  const map = new Map([['t', sampler.g]]);
  return {
    v: 'u', domain: rep.domain, alpha: subst(rep.alpha, map), sigma: subst(rep.sigma, map),
    t: sampler.g, dtdv: diff(sampler.g, 'u'), dtdvSign: -1, vAt: (t) => invertMap(sampler.g, t),
  };
}

/** The sign of f on a grid of the representation's domain: +1, −1, or 0 when it changes or vanishes. */
function gridSign(f: Node, rep: Rep): 1 | -1 | 0 {
  const xs = rep.v === 'lambda' ? [-40, -20, -10, -5, -2, -1, 0, 1, 2, 5, 10, 20, 40] : Array.from({ length: 99 }, (_, i) => (i + 1) / 100);
  let s = 0;
  for (const x of xs) {
    const y = evalFloat(f, { [rep.v]: x });
    if (!Number.isFinite(y)) continue;
    const sy = y > 0 ? 1 : y < 0 ? -1 : 0;
    if (sy === 0 || (s !== 0 && sy !== s)) return 0;
    s = sy;
  }
  return s as 1 | -1 | 0;
}

/** The pieces in `rep`, or undefined when the objective needs something the representation lacks (t in closed form). */
export function piecesIn(obj: Objective, base: Rep): Pieces | undefined {
  const continuous = obj.schedule.kind === 'continuous';
  let rep = base;
  if (obj.sampler.kind === 'map') {
    if (base.v !== 't') return undefined;
    rep = composeMap(base, obj.sampler);
  }
  const v = rep.v;
  const alpha = rep.alpha;
  const sigma = rep.sigma;
  const extra = new Map<string, Node>();
  let dalpha: Node | undefined;
  let dsigma: Node | undefined;
  if (continuous && rep.dtdv) {
    const da = foldS(div(diff(alpha, v), rep.dtdv));
    const ds = foldS(div(diff(sigma, v), rep.dtdv));
    extra.set('dalpha', da);
    extra.set('dsigma', ds);
    dalpha = da;
    dsigma = ds;
  }
  const into = (e: Node): Node | undefined => {
    const r = inRep(e, rep);
    return r && subst(r, extra);
  };
  const a0 = into(obj.target.a);
  const b0 = into(obj.target.b);
  const a = a0 && foldS(a0);
  const b = b0 && foldS(b0);
  const W = into(obj.weight.node);
  if (!a || !b || !W) return undefined;
  for (const e of [a, b, W]) if ([...freeSymbols(e)].some((n) => n !== v)) return undefined;
  const D = foldS(sub(mul(b, alpha), mul(a, sigma)));
  // W (b − aσ/α)² and W (bα/σ − a)²: these fold to W where a = 0 or b = 0, so that they stay defined
  // where α or σ vanishes and the target does not divide by it (ε at zero terminal SNR).
  const weightEps = foldS(mul(W, pow(sub(b, div(mul(a, sigma), alpha)), 2)));
  const weightX0 = foldS(mul(W, pow(sub(div(mul(b, alpha), sigma), a), 2)));
  const lambda = v === 'lambda' ? sym('lambda') : log(div(pow(alpha, 2), pow(sigma, 2)));
  const dldv = v === 'lambda' ? num(1) : diff(lambda, v);
  const out = { rep, alpha, sigma, a, b, D, W, weightEps, weightX0, lambda, dldv, ...(dalpha ? { dalpha, dsigma } : {}) };
  if (!continuous || !rep.dtdv || !rep.dtdvSign) return out;
  let q: Node;
  if (obj.sampler.kind === 'map') q = num(1);
  else {
    const p = into(obj.sampler.p);
    if (!p) return undefined;
    q = foldS(mul(p, rep.dtdvSign === 1 ? rep.dtdv : neg(rep.dtdv)));
  }
  const s = v === 'lambda' ? 1 : gridSign(dldv, rep);
  if (s === 0) return { ...out, q, weightLambdaWhy: 'λ(t) is not monotone on (0, 1), so the weight is not a function of λ' };
  const absDl = s === 1 ? dldv : neg(dldv);
  const weightLambda = foldS(div(mul(2, q, weightEps), absDl));
  return { ...out, q, weightLambda, dlSign: s };
}

/** The first representation of the schedule in which the objective is written exactly. */
export function piecesOf(obj: Objective): Pieces {
  for (const rep of obj.schedule.reps) {
    const p = piecesIn(obj, rep);
    if (p) return p;
  }
  throw new BadInput(`the objective needs t in closed form, which the ${obj.schedule.name} schedule does not have here (write the weight and the sampler in snr, alpha, sigma or lambda, or sample uniformly)`);
}

