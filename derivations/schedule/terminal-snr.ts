/**
 * schedule.terminal-snr — x_T is not standard Gaussian; the zero-terminal-SNR rescale.
 *
 * Establishes, for T = 1000 (ᾱ_T as diffusers' definitions give it in float64,
 * src/reparam/discrete.ts, read as exact rationals):
 *   linear         ᾱ_T ∈ (4.0358e-5, 4.0359e-5)
 *   scaled-linear  √ᾱ_T ∈ (0.068264, 0.068265) (0.068265 rounded), SNR_T ∈ (0.00468, 0.00469)
 *   cosine (clip)  ᾱ_T ∈ (2.428e-9, 2.429e-9)
 * and KL(q(x_T | x_0) ‖ N(0, 1)) = ½(ᾱ_T x_0² − ᾱ_T − log(1 − ᾱ_T)) per dimension,
 * which is not 0: the seed's "x_T is standard Gaussian" is an expected refutation; at x_0 = 1 it is
 * 2.018e-5 (linear), 2.335e-3 (scaled-linear) and 1.214e-9 (cosine) nats per dimension.
 * Lin et al.'s rescale √ᾱ ← (√ᾱ − √ᾱ_T) √ᾱ_1/(√ᾱ_1 − √ᾱ_T) keeps ᾱ_1 and makes ᾱ_T = 0.
 * Source: Lin et al. 2023, section 3.1 and Algorithm 1; FORMULAS.md, "Noise schedules".
 */
import { add, by, calc, claim, define, derivation, div, KL, log, mul, normal, num, pow, rat, reparam, sqrt, sub, sym, wrong } from '../../src/index.js';
import { fromNumber } from '../../src/expr/rational.js';

const T = 1000;
const last = (name: 'linear' | 'scaled-linear' | 'cosine') => num(fromNumber(reparam.discreteSchedule(name, T).alphaBar[T - 1]));
const [abarT, x0, s1, sT] = ['abar_T', 'x_0', 's_1', 's_T'].map(sym);
const [abarLin, abarSl, abarCos] = [last('linear'), last('scaled-linear'), last('cosine')];
/** KL(q(x_T | x_0) ‖ N(0, 1)) per dimension at x_0 = 1. */
const kl1 = (a: typeof abarLin) => mul(rat(1, 2), sub(sub(a, a), log(sub(1, a))));
const rescaled = (x: typeof s1) => div(mul(sub(x, sT), s1), sub(s1, sT));

export default derivation({
  id: 'schedule.terminal-snr',
  title: 'Terminal SNR is not zero (linear, scaled-linear, cosine); the rescale keeps ᾱ_1 and gives ᾱ_T = 0',
  source: 'Lin et al. 2023, section 3.1, Algorithm 1; FORMULAS.md, "Noise schedules"',
  assumptions: {
    hAbarT: 'abar_T in (0,1)',
    hX0: 'x_0 real',
    hST: 's_T in (0,1/2)',
    hOrder: define(s1, add(sT, sym('gap'))),
    hGap: 'gap in (0,1/2)',
  },
  seed: [
    {
      id: 'terminal-standard-gaussian',
      section: 'VDM',
      quote: '潜在编码器的高斯参数随时间变化,确保最终时间步 T 的潜在分布为标准高斯分布',
      says: 'the schedule makes the last latent x_T exactly standard Gaussian',
      verdict: 'wrong',
      correct: 'the terminal SNR is not zero: linear ᾱ_T = 4.036e-5, scaled linear SNR_T = 0.00468, cosine (clipped) ᾱ_T = 2.43e-9; KL(q(x_T | x_0) ‖ N(0, 1)) = ½(ᾱ_T x_0² − ᾱ_T − log(1 − ᾱ_T)) per dimension; the zero-terminal-SNR rescale (Lin et al. 2023) makes ᾱ_T = 0',
      statements: ['x_T is standard Gaussian (linear schedule)'],
    },
  ],
  strategy: 'Bound the float64 ᾱ_T of each schedule exactly; the Gaussian KL closed form at ᾱ_T; then the rescale is an affine map of √ᾱ fixing √ᾱ_1 and sending √ᾱ_T to 0.',
  chains: [
    claim(abarLin, '>=', rat(40358, 1e9), by.algebra()),
    claim(abarLin, '<=', rat(40359, 1e9), by.algebra()),
    claim(sqrt(abarSl), '>=', rat(68264, 1e6), by.algebra()),
    claim(sqrt(abarSl), '<=', rat(68265, 1e6), by.algebra()),
    claim(div(abarSl, sub(1, abarSl)), '>=', rat(468, 1e5), by.algebra()),
    claim(div(abarSl, sub(1, abarSl)), '<=', rat(469, 1e5), by.algebra()),
    claim(abarCos, '>=', rat(2428, 1e12), by.algebra()),
    claim(abarCos, '<=', rat(2429, 1e12), by.algebra()),
    // q(x_T | x_0) = N(√ᾱ_T x_0, 1 − ᾱ_T) against N(0, 1)
    calc(KL(normal(mul(sqrt(abarT), x0), sub(1, abarT)), normal(0, 1)))
      .eq(mul(rat(1, 2), sub(sub(mul(abarT, pow(x0, 2)), abarT), log(sub(1, abarT)))), by.gaussianKl()),
    wrong(
      mul(rat(1, 2), sub(sub(mul(abarLin, pow(x0, 2)), abarLin), log(sub(1, abarLin)))),
      '=',
      0,
      by.algebra(),
      'the seed says x_T is standard Gaussian; with the linear schedule ᾱ_T = 4.04e-5 and the KL is not 0',
    ).states('x_T is standard Gaussian (linear schedule)'),
    // its size at x_0 = 1 (a data point at unit scale): −½ log(1 − ᾱ_T) per dimension
    claim(kl1(abarLin), '>=', rat(201795, 1e10), by.algebra()),
    claim(kl1(abarLin), '<=', rat(201796, 1e10), by.algebra()),
    claim(kl1(abarSl), '>=', rat(233549, 1e8), by.algebra()),
    claim(kl1(abarSl), '<=', rat(233550, 1e8), by.algebra()),
    claim(kl1(abarCos), '>=', rat(121438, 1e14), by.algebra()),
    claim(kl1(abarCos), '<=', rat(121439, 1e14), by.algebra()),
    // the rescale: √ᾱ_1 ↦ √ᾱ_1, √ᾱ_T ↦ 0
    claim(rescaled(s1), '=', s1, by.algebra()),
    claim(rescaled(sT), '=', 0, by.algebra()),
    claim(pow(rescaled(sT), 2), '=', 0, by.algebra('ᾱ_T = 0 after the rescale')),
  ],
});
