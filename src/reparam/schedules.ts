// Noise schedules x_t = α x_0 + σ ε, each given in one or more exact
// REPRESENTATIONS: α and σ as expressions in a variable v (t itself, or
// λ = log(α²/σ²), or ᾱ for a discrete schedule), with dt/dv where t(v) has a
// derivative in closed form. The analysis picks the first representation in
// which everything it needs is written exactly, so that the algebra decides
// in the variable where it is strongest: in λ the cosine schedule is
// α² = sigmoid(λ), σ² = sigmoid(−λ), with no trigonometry left.
//
// Continuous schedules: t ∈ (0, 1), t = 1 noise.
//   cosine     α = cos(πt/2), σ = sin(πt/2)
//   rf         α = 1 − t, σ = t (rectified flow, SD3)
//   vp-linear  β(t) = 0.1 + 19.9 t, ᾱ = exp(−∫₀ᵗ β) = exp(−t/10 − 199t²/20), α = √ᾱ, σ = √(1 − ᾱ)
//   edm        α = 1, σ = exp(P_mean + P_std Φ⁻¹(t)), P_mean = −1.2, P_std = 1.2:
//              represented in λ = −2 ln σ only, where t ~ U(0,1) makes
//              λ ~ N(−2 P_mean, 4 P_std²) = N(2.4, 2.4²) (no Φ⁻¹ needed;
//              Φ⁻¹(t) enters only to place a given t, in edm-probit.ts).
//   user       --alpha EXPR --sigma EXPR in t.
import { diff } from './scalar.js';
import type { Scalar as Node } from '../expr/ast.js';
import { freeSymbols } from '../expr/ast.js';
import { add, div, exp, log, mul, neg, num, pi, pow, rat, sigmoid, sin, cos, sqrt, sub, sym } from '../expr/build.js';
import { derivative } from '../expr/derivative.js';
import { interval, REAL, type Interval } from '../expr/domain.js';
import { BadInput } from '../errors.js';
import { probitAt } from './edm-probit.js';
import { discreteSchedule, DISCRETE_NAMES, type DiscreteName, type DiscreteSchedule } from './discrete.js';

export interface Rep {
  /** The variable: 't', 'lambda', 'u' (a sampler's uniform) or 'alphaBar'. */
  readonly v: string;
  readonly domain: Interval;
  readonly alpha: Node;
  readonly sigma: Node;
  /** t as an expression in v, where closed form. */
  readonly t?: Node;
  /** dt/dv, where closed form (absent for a discrete schedule). */
  readonly dtdv?: Node;
  /** The sign of dt/dv on the domain (+1: t grows with v). */
  readonly dtdvSign?: 1 | -1;
  /** v at a given t (numeric). */
  vAt(t: number): number;
}

export const T_DOMAIN: Interval = interval(0, 1);
export const EDM = { pMean: -1.2, pStd: 1.2, sigmaData: 0.5 } as const;

export interface ContinuousSchedule {
  readonly kind: 'continuous';
  readonly name: string;
  /** α(t), σ(t) as the user reads them (for EDM in terms of probit(t), as text). */
  readonly alphaText: string;
  readonly sigmaText: string;
  /** Representations, preferred first. */
  readonly reps: readonly Rep[];
}

export interface DiscreteScheduleInfo {
  readonly kind: 'discrete';
  readonly name: DiscreteName;
  readonly arrays: DiscreteSchedule;
  readonly reps: readonly Rep[];
}

export type Schedule = ContinuousSchedule | DiscreteScheduleInfo;

const t = sym('t');
const lam = sym('lambda');

/** The t-representation of α(t), σ(t). */
export function tRep(alpha: Node, sigma: Node): Rep {
  return { v: 't', domain: T_DOMAIN, alpha, sigma, t, dtdv: num(1), dtdvSign: 1, vAt: (x) => x };
}

/** A λ-representation from t(λ) (decreasing in λ). */
function lambdaRep(alpha: Node, sigma: Node, tOfLambda: Node | undefined, dtdl: Node, lambdaAt: (t: number) => number): Rep {
  return { v: 'lambda', domain: REAL, alpha, sigma, ...(tOfLambda ? { t: tOfLambda } : {}), dtdv: dtdl, dtdvSign: -1, vAt: lambdaAt };
}

/** VP in λ: α² = sigmoid(λ), σ² = sigmoid(−λ). */
const vpAlpha = sqrt(sigmoid(lam));
const vpSigma = sqrt(sigmoid(neg(lam)));

function cosine(): ContinuousSchedule {
  const a = cos(mul(pi, t, rat(1, 2)));
  const s = sin(mul(pi, t, rat(1, 2)));
  // tan(πt/2) = e^{−λ/2}: t = (2/π) atan(e^{−λ/2}), dt/dλ = −(1/π) e^{−λ/2}/(1 + e^{−λ}).
  const dtdl = neg(div(exp(mul(rat(-1, 2), lam)), mul(pi, add(1, exp(neg(lam))))));
  return {
    kind: 'continuous', name: 'cosine', alphaText: 'cos(pi*t/2)', sigmaText: 'sin(pi*t/2)',
    reps: [lambdaRep(vpAlpha, vpSigma, undefined, dtdl, (x) => -2 * Math.log(Math.tan((Math.PI * x) / 2))), tRep(a, s)],
  };
}

function rf(): ContinuousSchedule {
  // λ = 2 log((1 − t)/t): t = sigmoid(−λ/2), α = sigmoid(λ/2), σ = sigmoid(−λ/2).
  const tl = sigmoid(mul(rat(-1, 2), lam));
  return {
    kind: 'continuous', name: 'rf', alphaText: '1 - t', sigmaText: 't',
    reps: [lambdaRep(sigmoid(mul(rat(1, 2), lam)), tl, tl, diff(tl, 'lambda'), (x) => 2 * (Math.log1p(-x) - Math.log(x))), tRep(sub(1, t), t)],
  };
}

function vpLinear(): ContinuousSchedule {
  // ∫₀ᵗ β = t/10 + 199 t²/20 (β from 0.1 to 20).
  const B = add(mul(rat(1, 10), t), mul(rat(199, 20), pow(t, 2)));
  const abar = exp(neg(B));
  // λ = −log(e^B − 1) ⇔ B = log(1 + e^{−λ}): t = (−1/10 + √(1/100 + (199/5) B)) / (199/10).
  const BL = log(add(1, exp(neg(lam))));
  const tl = div(add(rat(-1, 10), sqrt(add(rat(1, 100), mul(rat(199, 5), BL)))), rat(199, 10));
  const lambdaAt = (x: number) => -Math.log(Math.expm1(x / 10 + (199 * x * x) / 20));
  return {
    kind: 'continuous', name: 'vp-linear', alphaText: 'exp(-(t/20 + 199*t^2/40))', sigmaText: 'sqrt(1 - exp(-(t/10 + 199*t^2/20)))',
    reps: [lambdaRep(vpAlpha, vpSigma, tl, diff(tl, 'lambda'), lambdaAt), tRep(sqrt(abar), sqrt(sub(1, abar)))],
  };
}

function edm(): ContinuousSchedule {
  // λ = −2 ln σ ~ N(m, v), m = −2 P_mean = 12/5, v = 4 P_std² = 144/25; dt/dλ = −N(λ; m, v).
  const m = rat(12, 5);
  const v = rat(144, 25);
  const density = div(exp(neg(div(pow(sub(lam, m), 2), mul(2, v)))), sqrt(mul(2, pi, v)));
  return {
    kind: 'continuous', name: 'edm', alphaText: '1', sigmaText: `exp(${EDM.pMean} + ${EDM.pStd}*probit(t))`,
    reps: [lambdaRep(num(1), exp(mul(rat(-1, 2), lam)), undefined, neg(density), (x) => -2 * (EDM.pMean + EDM.pStd * probitAt(x)))],
  };
}

export const CONTINUOUS_NAMES = ['cosine', 'rf', 'vp-linear', 'edm'] as const;
/** `cosine` is both: continuous without --T, improved DDPM's discrete schedule with --T. */
export const SCHEDULE_NAMES: readonly string[] = [...new Set<string>([...CONTINUOUS_NAMES, ...DISCRETE_NAMES])];

export function continuousSchedule(name: string): ContinuousSchedule {
  switch (name) {
    case 'cosine':
      return cosine();
    case 'rf':
      return rf();
    case 'vp-linear':
      return vpLinear();
    case 'edm':
      return edm();
  }
  throw new BadInput(`unknown schedule '${name}' (schedules: ${SCHEDULE_NAMES.join(', ')}; or --alpha EXPR --sigma EXPR)`);
}

/** A user schedule: α and σ expressions in t only. */
export function userSchedule(alpha: Node, sigma: Node, alphaText: string, sigmaText: string): ContinuousSchedule {
  for (const [what, e] of [['--alpha', alpha], ['--sigma', sigma]] as const) {
    const other = [...freeSymbols(e)].filter((n) => n !== 't');
    if (other.length) throw new BadInput(`${what} must be an expression in t only; it mentions ${other.join(', ')}`);
    if (e.kind !== 'scalar') throw new BadInput(`${what} must be a scalar expression`);
  }
  return { kind: 'continuous', name: 'user', alphaText, sigmaText, reps: [tRep(alpha, sigma)] };
}

/** A discrete schedule for --T: analysed in ᾱ ∈ (0, 1), α = √ᾱ, σ = √(1 − ᾱ); evaluated on its arrays. */
export function discrete(name: string, T: number, zeroSnr: boolean): DiscreteScheduleInfo {
  if (!(DISCRETE_NAMES as readonly string[]).includes(name)) {
    throw new BadInput(`'${name}' is not a discrete schedule (with --T: ${DISCRETE_NAMES.join(', ')})`);
  }
  const arrays = discreteSchedule(name as DiscreteName, T, zeroSnr);
  const ab = sym('alphaBar');
  const rep: Rep = {
    v: 'alphaBar', domain: interval(0, 1), alpha: sqrt(ab), sigma: sqrt(sub(1, ab)),
    vAt: (step) => arrays.alphaBar[step - 1],
  };
  return { kind: 'discrete', name: name as DiscreteName, arrays, reps: [rep] };
}
