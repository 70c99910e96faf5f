/**
 * flow.samplers — SD3's timestep samplers: logit-normal, mode (heavy tails) and CosMap.
 *
 * Establishes:
 *   logit-normal (SD3's rf/lognorm(0, 1): m = 0, s = 1): the density
 *     π(t) = 1/(s√(2π)) · 1/(t(1 − t)) · exp(−(logit t − m)²/(2s²))
 *     is the normal density of u = logit t times the Jacobian d logit t/dt = 1/(t(1 − t)) (exact, any m, s);
 *     it integrates to 1, ∫₀¹ π = E_{t~U(0,1)}[π(t)] = 1, and matches the sampler t = sigmoid(u),
 *     u ~ N(m, s²), on a histogram bin: E_{t~LogitNormal}[bin(t)] = E_{t~U(0,1)}[π(t) bin(t)] for the
 *     triangular bin bin(t) = max(0, 1 − 4|t − ½|) (Monte Carlo, importance sampling from U(0, 1));
 *     with m = 0 it has a critical point at t = 1/2 where log π has curvature 8 − 16/s² (exact): a peak iff
 *     s < √2 (SD3's s = 1), a local minimum for s > √2 (bimodal; "always peaks at 1/2" is an expected refutation);
 *     FORMULAS.md mutant 7, the density without the Jacobian 1/(t(1 − t)), integrates to
 *     E[sigmoid(u)(1 − sigmoid(u))] ≈ 0.2066, not 1 (expected refutation, Monte Carlo);
 *   mode: f_mode(u; s) = 1 − u − s (cos²(πu/2) − 1 + u) maps 0 ↦ 1 and 1 ↦ 0 (exact) and has
 *     f′(u) = −1 − s + π s cos(πu/2) sin(πu/2) = −1 − s + (π/2) s p with p = sin(πu) ∈ [0, 1] (exact);
 *     being affine in p, f′ ≤ 0 on [0, 1] iff it is ≤ 0 at p = 0 (−1 − s ≤ 0, i.e. s ≥ −1) and at p = 1
 *     (s(π/2 − 1) ≤ 1, i.e. s ≤ 2/(π − 2)): proved for every s = −1 + r π/(π − 2), r ∈ [0, 1] (that is,
 *     s ∈ [−1, 2/(π − 2)]) and every p ∈ [0, 1]; both ends are tight (f′ = 0 there, exact), and just beyond
 *     them f′ > 0 (expected refutations at s = −1 − 1/100, p = 0 and s = 2/(π − 2) + 1/100, p = 1). So the
 *     map is monotone, a bijection of [0, 1], and its density 1/|f′| integrates to 1 by change of variables,
 *     exactly for −1 ≤ s ≤ 2/(π − 2);
 *   CosMap: t = 1 − 1/(tan(πu/2) + 1) with density p(t) = 2/(π − 2πt + 2πt²): it integrates to 1 and matches
 *     the sampler on the same bin (Monte Carlo).
 * Scope: p stands for sin(πu), which lies in [0, 1] for u ∈ [0, 1]; the step from cos(πu/2) sin(πu/2) to
 * sin(πu)/2 is the double-angle formula (not decided by the algebra, which has no trigonometric identities).
 * Monte Carlo at m = 0, s = 1 only (each point costs about a second of the suite).
 * Source: Esser et al. 2024 (SD3), §3.1, eqs. 19–22; FORMULAS.md, "SD3 samplers and shift", mutant 7.
 */
import {
  abs, add, by, calc, claim, define, derivation, derivative, div, draw, E, exp, log, logit, logitNormal, max, mul, neg, pi, pow, rat,
  sin, sqrt, sub, substitute, sym, tan, cos, uniform, wrong,
  type Scalar, type ScalarLike,
} from '../../src/index.js';

const [t, u, m, sd, s, r, p, sm] = ['t', 'u', 'm', 's_ln', 's', 'r', 'p', 's_mode'].map(sym);

/** the logit-normal density, and mutant 7 (without the Jacobian) */
const gaussianOf = (x: ScalarLike, mean: ScalarLike, sd: ScalarLike): Scalar =>
  div(exp(neg(div(pow(sub(x, mean), 2), mul(2, pow(sd, 2))))), mul(sd, sqrt(mul(2, pi))));
const logitNormalDensity = (x: ScalarLike, mean: ScalarLike, sd: ScalarLike): Scalar =>
  mul(div(1, mul(x, sub(1, x))), gaussianOf(logit(x), mean, sd));
const overU = [draw('t', uniform(0, 1))];
/** a triangular histogram bin of half-width 1/4 at 1/2 */
const bin = (x: ScalarLike): Scalar => max(0, sub(1, mul(4, abs(sub(x, rat(1, 2))))));

/** log π for m = 0 and its first two derivatives at t = 1/2 */
const logPi = log(logitNormalDensity(t, 0, sd));
const dLogPi = derivative(logPi, 't') as Scalar;
const d2LogPi = derivative(dLogPi, 't') as Scalar;
const atHalf = (e: Scalar): Scalar => substitute(e, new Map([['t', rat(1, 2)]])) as Scalar;

/** the mode sampler and its derivative */
const fMode = (x: ScalarLike, k: ScalarLike): Scalar =>
  sub(sub(1, x), mul(k, add(sub(pow(cos(div(mul(pi, x), 2)), 2), 1), x)));
/** f′ in terms of p = sin(πu) */
const fPrimeP = (k: ScalarLike, q: ScalarLike): Scalar => add(-1, neg(k), mul(div(pi, 2), k, q));
const sUpper = div(2, sub(pi, 2));

/** CosMap */
const cosmap = (x: ScalarLike): Scalar => sub(1, div(1, add(tan(div(mul(pi, x), 2)), 1)));
const cosmapDensity = (x: ScalarLike): Scalar => div(2, add(sub(pi, mul(2, pi, x)), mul(2, pi, pow(x, 2))));

export default derivation({
  id: 'flow.samplers',
  title: "SD3's timestep samplers: the logit-normal, mode and CosMap densities integrate to 1 and match their samplers; mode is monotone exactly for −1 ≤ s ≤ 2/(π − 2)",
  source: 'Esser et al. 2024 (SD3), §3.1, eqs. 19–22',
  seed: [
    {
      id: 'sd3-logit-normal',
      section: 'Stable Diffusion 3',
      quote: '这里的Logit-Normal采样法为首先在正态分布上采样,再通过sigmoid函数变换到(0,1)区间得到t的采样分布',
      says: 'logit-normal sampling draws u from a normal distribution and maps it to (0, 1) by the sigmoid',
      verdict: 'holds',
      correct: 't = sigmoid(u), u ~ N(m, s²), has density π(t) = 1/(s√(2π)) · 1/(t(1 − t)) · exp(−(logit t − m)²/(2s²)): the Jacobian 1/(t(1 − t)) is part of it (without it the density integrates to about 0.2066, FORMULAS.md mutant 7)',
      statements: [
        'the logit-normal density is N(logit t; m, s²) times the Jacobian 1/(t(1 − t))',
        'the logit-normal density (m = 0, s = 1) integrates to 1',
        'the logit-normal density (m = 0, s = 1) matches its sampler on a histogram bin',
      ],
    },
    {
      id: 'sd3-logit-normal-peak',
      section: 'Stable Diffusion 3',
      quote: '这样得到的分布t=0.5附近的采样次数比较多',
      says: 'logit-normal sampling draws t near 0.5 more often',
      verdict: 'imprecise',
      correct: 'for m = 0 the density peaks at t = 1/2 iff s < √2 (SD3\'s default s = 1 does); for s > √2 it is bimodal with a local minimum at 1/2: log π has curvature 8 − 16/s² there',
      statements: [
        'the logit-normal (m = 0) has a critical point at t = 1/2',
        'the logit-normal (m = 0) has curvature 8 − 16/s² at t = 1/2: a peak iff s < √2',
        'the logit-normal (m = 0) always peaks at t = 1/2',
      ],
    },
  ],
  assumptions: {
    ht: 't in (0, 1)',
    hm: 'm real',
    hsd: 's_ln > 0',
    hs: 's real',
    hu: 'u in [0, 1]',
    hr: 'r in [0, 1]',
    hp: 'p in [0, 1]',
    hsm: define(sm, add(-1, div(mul(r, pi), sub(pi, 2)))),
  },
  strategy:
    'Logit-normal and CosMap: a density against its sampler is importance sampling from U(0, 1), and the ' +
    'logit-normal density is a normal density times the Jacobian of logit. Mode: f′ is affine in p = sin(πu), ' +
    'so its sign on [0, 1] is decided at p = 0 and p = 1; write f′ (π − 2)/π as r(p − 1) + (p/2)(r − 1)(π − 2), ' +
    'two terms of known sign.',
  chains: [
    claim(logitNormalDensity(t, m, sd), '=', mul(derivative(logit(t), 't') as Scalar, gaussianOf(logit(t), m, sd)), by.algebra('d logit t/dt = 1/(t(1 − t))'))
      .states('the logit-normal density is N(logit t; m, s²) times the Jacobian 1/(t(1 − t))'),
    calc(E(logitNormalDensity(t, 0, 1), overU)).eq(1, by.importanceSampling()).states('the logit-normal density (m = 0, s = 1) integrates to 1'),
    calc(E(bin(t), [draw('t', logitNormal(0, 1))]))
      .eq(E(mul(logitNormalDensity(t, 0, 1), bin(t)), overU), by.importanceSampling())
      .states('the logit-normal density (m = 0, s = 1) matches its sampler on a histogram bin'),
    // where the logit-normal (m = 0) peaks: log π has slope 0 at t = 1/2 and curvature 8 − 16/s² there
    claim(atHalf(dLogPi), '=', 0, by.algebra('symmetry about t = 1/2')).states('the logit-normal (m = 0) has a critical point at t = 1/2'),
    claim(atHalf(d2LogPi), '=', sub(8, div(16, pow(sd, 2))), by.algebra())
      .states('the logit-normal (m = 0) has curvature 8 − 16/s² at t = 1/2: a peak iff s < √2'),
    wrong(atHalf(d2LogPi), '<=', 0, by.algebra(), 'the logit-normal does not always peak at t = 1/2: for s > √2 it has a local minimum there (bimodal)')
      .states('the logit-normal (m = 0) always peaks at t = 1/2'),
    wrong(
      E(gaussianOf(logit(t), 0, 1), overU),
      '=',
      1,
      by.importanceSampling(),
      'mutant 7: the logit-normal density without the Jacobian 1/(t(1 − t)) integrates to about 0.2066, not 1',
    ).states('mutant 7: the logit-normal density without 1/(t(1 − t)) integrates to 1'),
    // mode
    claim(fMode(0, s), '=', 1, by.algebra('cos 0 = 1')).states('f_mode(0) = 1'),
    claim(fMode(1, s), '=', 0, by.algebra('cos(π/2) = 0')).states('f_mode(1) = 0'),
    claim(
      derivative(fMode(u, s), 'u') as Scalar,
      '=',
      add(-1, neg(s), mul(pi, s, cos(div(mul(pi, u), 2)), sin(div(mul(pi, u), 2)))),
      by.algebra('d/du cos²(πu/2) = −π cos(πu/2) sin(πu/2)'),
    ).states("f_mode′(u) = −1 − s + π s cos(πu/2) sin(πu/2)"),
    calc(mul(fPrimeP(sm, p), div(sub(pi, 2), pi)))
      .eq(add(mul(r, sub(p, 1)), mul(div(p, 2), sub(r, 1), sub(pi, 2))), by.algebra('s = −1 + r π/(π − 2)'))
      .le(mul(div(p, 2), sub(r, 1), sub(pi, 2)), by.algebra('r (p − 1) ≤ 0'))
      .le(0, by.algebra('p (r − 1)(π − 2) ≤ 0'))
      .states('f_mode′ ≤ 0 for −1 ≤ s ≤ 2/(π − 2): the mode sampler is monotone'),
    claim(fPrimeP(-1, 0), '=', 0, by.algebra()).states('at s = −1, f_mode′ = 0 where p = 0 (tight)'),
    claim(fPrimeP(sUpper, 1), '=', 0, by.algebra('(2/(π − 2))(π/2 − 1) = 1')).states('at s = 2/(π − 2), f_mode′ = 0 where p = 1 (tight)'),
    wrong(fPrimeP(rat(-101, 100), 0), '<=', 0, by.algebra(), 'mode with s = −1.01 < −1: f′ = 0.01 > 0 at u = 0, not monotone')
      .states('f_mode′ ≤ 0 at s = −1.01'),
    wrong(fPrimeP(add(sUpper, rat(1, 100)), 1), '<=', 0, by.algebra(), 'mode with s = 2/(π − 2) + 0.01: f′ > 0 at u = 1/2, not monotone')
      .states('f_mode′ ≤ 0 at s = 2/(π − 2) + 0.01'),
    // CosMap
    calc(E(cosmapDensity(t), overU)).eq(1, by.importanceSampling()).states('the CosMap density integrates to 1'),
    calc(E(bin(cosmap(u)), [draw('u', uniform(0, 1))]))
      .eq(E(mul(cosmapDensity(t), bin(t)), overU), by.monteCarlo('change of variables t = 1 − 1/(tan(πu/2) + 1), u ~ U(0, 1)'))
      .states('the CosMap density matches its sampler on a histogram bin'),
  ],
});
