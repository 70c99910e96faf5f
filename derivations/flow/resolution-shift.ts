/**
 * flow.resolution-shift — SD3's resolution-dependent timestep shift t ↦ a t/(1 + (a − 1) t).
 *
 * In SD3's rectified flow (z_t = (1 − t) x_0 + t ε, λ(t) = 2 log((1 − t)/t)), a schedule tuned at
 * resolution n is moved to resolution m by t_m = a t_n/(1 + (a − 1) t_n), a = √(m/n) (SD3 §5.3.2, eq. 23).
 * Establishes, for a, c > 0 and t ∈ (0, 1):
 *   the shift maps (0, 1) into (0, 1): 1 − t_m = (1 − t)/(1 + (a − 1) t) with a positive denominator;
 *   λ(t_m) = λ(t) − 2 log a exactly (the shift moves every log-SNR by the same amount);
 *   shifts compose, shift_c ∘ shift_a = shift_{ac}, and shift_{1/a} is the inverse of shift_a;
 *   a = √(m/n) moves λ by −log(m/n).
 * Source: Esser et al. 2024 (SD3), §5.3.2, eq. 23; FORMULAS.md, "SD3 samplers and shift".
 */
import { add, by, calc, claim, derivation, div, log, mul, pow, sqrt, sub, sym, type Scalar, type ScalarLike } from '../../src/index.js';

const [t, a, c, m, n] = ['t', 'a', 'c', 'm', 'n'].map(sym);

const shift = (k: ScalarLike, s: ScalarLike): Scalar => div(mul(k, s), add(1, mul(sub(k, 1), s)));
const lambdaOf = (s: ScalarLike): Scalar => mul(2, log(div(sub(1, s), s)));

export default derivation({
  id: 'flow.resolution-shift',
  title: "SD3's shift t_m = a t/(1 + (a − 1) t) moves λ by exactly −2 log a; shifts compose (a then c = ac) and invert",
  source: 'Esser et al. 2024 (SD3), §5.3.2, eq. 23',
  assumptions: {
    ht: 't in (0, 1)',
    ha: 'a > 0',
    hc: 'c > 0',
    hm: 'm > 0',
    hn: 'n > 0',
  },
  strategy:
    'Write the odds of the shifted time: t_m/(1 − t_m) = a t/(1 − t), so λ = 2 log((1 − t)/t) loses 2 log a. ' +
    'Odds multiply under composition, so shift_c ∘ shift_a multiplies the odds by ac.',
  chains: [
    claim(sub(1, shift(a, t)), '=', div(sub(1, t), add(1, mul(sub(a, 1), t))), by.algebra()),
    // 1 + (a − 1) t = (1 − t) + a t > 0 on the domain, so 0 < t_m < 1
    claim(add(1, mul(sub(a, 1), t)), '>=', mul(a, t), by.algebra('1 + (a − 1) t − a t = 1 − t > 0')),
    calc(div(shift(a, t), sub(1, shift(a, t))))
      .eq(mul(a, div(t, sub(1, t))), by.algebra('the odds are multiplied by a'))
      .states('shift_a multiplies the odds t/(1 − t) by a'),
    calc(lambdaOf(shift(a, t)))
      .eq(sub(lambdaOf(t), mul(2, log(a))), by.algebra('log of the odds, a > 0'))
      .states('λ(shift_a(t)) = λ(t) − 2 log a'),
    claim(shift(c, shift(a, t)), '=', shift(mul(a, c), t), by.algebra()).states('shift_c ∘ shift_a = shift_{ac}'),
    claim(shift(div(1, a), shift(a, t)), '=', t, by.algebra()).states('shift_{1/a} inverts shift_a'),
    calc(lambdaOf(shift(sqrt(div(m, n)), t)))
      .eq(sub(lambdaOf(t), log(div(m, n))), by.algebra('2 log √(m/n) = log(m/n)'))
      .states('a = √(m/n) moves λ by −log(m/n)'),
    claim(pow(sqrt(div(m, n)), 2), '=', div(m, n), by.algebra()),
  ],
});
