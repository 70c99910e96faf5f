/**
 * flow.rectified — SD3's rectified flow: the velocity target ε − x_0 and its weight t/(1 − t) = SNR^{−1/2}.
 *
 * SD3's convention (t = 0 is data, t = 1 noise): z_t = (1 − t) x_0 + t ε, t ∈ (0, 1), so α = 1 − t,
 * σ = t, λ = log(α²/σ²) = 2 log((1 − t)/t), SNR = e^λ. Establishes, per dimension:
 *   the target is the path's velocity, dz_t/dt = ε − x_0 =: u;
 *   at fixed z_t the velocity implied by a noise prediction, û = (ε̂ − z_t)/(1 − t), has
 *     (û − u)² = (ε̂ − ε)²/(1 − t)²;
 *   dλ/dt = −2/(t(1 − t)), and in Kingma & Gao's form L = −½ E_t[w_t λ′(t) ‖ε̂ − ε‖²] the flow loss
 *     ‖û − u‖² has w_t = 2 (1/(1 − t)²)/(−λ′(t)) = t/(1 − t) = e^{−λ/2} = SNR^{−1/2}
 *     (SD3's w_t^RF, eq. 13 and its table of weightings);
 * and, against the seed:
 *   the seed says SD3's weight is "about 1/SNR": t/(1 − t) = 1/SNR is refuted (1/SNR = t²/(1 − t)²;
 *     the two agree only at t = 1/2);
 *   the seed's time convention ("at t = 0 noise dominates, at t = 1 the image is nearly clean") is the
 *     reverse of SD3's: z_0 = x_0 is data (proved), and z_0 = ε is refuted.
 * Source: Esser et al. 2024 (SD3), §2 and §3.1 (eqs. 3–13); Kingma & Gao 2023, §2; FORMULAS.md,
 * "Prediction targets and loss weights".
 */
import {
  add, by, calc, claim, define, derivation, derivative, div, exp, log, mul, neg, pow, rat, sub, substitute, sym, wrong,
  type Scalar,
} from '../../src/index.js';

const [t, x_0, eps, eps_hat, z_t, lambda, SNR] = ['t', 'x_0', 'eps', 'eps_hat', 'z_t', 'lambda', 'SNR'].map(sym);

/** the path, written out in t (not the defined symbol z_t, so that it can be differentiated and evaluated) */
const path = add(mul(sub(1, t), x_0), mul(t, eps));
const u = sub(eps, x_0);
/** the velocity implied by ε̂ at fixed z_t: x̂_0 = (z_t − t ε̂)/(1 − t), û = ε̂ − x̂_0 */
const uHat = div(sub(eps_hat, z_t), sub(1, t));
const lambdaOf = mul(2, log(div(sub(1, t), t)));
const dLambda = derivative(lambdaOf, 't') as Scalar;
const flowWeight = div(1, pow(sub(1, t), 2));
const w = div(mul(2, flowWeight), neg(dLambda));
const at0 = (e: Scalar): Scalar => substitute(e, new Map([['t', rat(0, 1)]])) as Scalar;

export default derivation({
  id: 'flow.rectified',
  title: "SD3's rectified flow: target ε − x_0, (û − u)² = (ε̂ − ε)²/(1 − t)², weight t/(1 − t) = SNR^{−1/2} (not 1/SNR)",
  source: 'Esser et al. 2024 (SD3), §2–3.1, eqs. 3–13; Kingma & Gao 2023, §2',
  seed: [
    {
      id: 'sd3-straight-path',
      section: 'Stable Diffusion 3',
      quote: '强行认为它俩之间是一条直线 … 训练模型去预测方向',
      says: 'rectified flow joins a noise sample and an image by a straight line and trains the model to predict its direction (the formulas are lost in the seed)',
      verdict: 'holds',
      correct: 'z_t = (1 − t) x_0 + t ε, target u = dz_t/dt = ε − x_0; at fixed z_t, ‖û − u‖² = ‖ε̂ − ε‖²/(1 − t)²',
      statements: [
        'dz_t/dt = ε − x_0',
        '(û − u)² = (ε̂ − ε)²/(1 − t)²',
      ],
    },
    {
      id: 'sd3-time-convention',
      section: 'Stable Diffusion 3',
      quote: '因为当t=0时,噪声占据主导,此时模型只需要预测一个大概方向,而t=1时图像已经基本接近真实图像',
      says: 'in SD3, at t = 0 noise dominates and at t = 1 the image is nearly clean',
      verdict: 'wrong',
      correct: "SD3's path z_t = (1 − t) x_0 + t ε has z_0 = x_0 (data) and z_1 = ε (noise); the seed's t is SD3's 1 − t (JiT's convention)",
      statements: [
        'in SD3, z_0 is the data',
        'in SD3, z_0 is noise',
      ],
    },
    {
      id: 'sd3-weight-inverse-snr',
      section: 'Stable Diffusion 3',
      quote: '当权重约为(信噪比倒数)时',
      says: "SD3's extra loss weight for straight-path flow matching is about 1/SNR",
      verdict: 'wrong',
      correct: "SD3's rectified-flow weight is w_t = t/(1 − t) = SNR^{−1/2} = e^{−λ/2} (Kingma & Gao's form of the flow loss); 1/SNR = t²/(1 − t)² agrees with it only at t = 1/2",
      statements: [
        "SD3's rectified-flow weight is w_t = t/(1 − t) = SNR^{−1/2}",
        "SD3's rectified-flow weight is 1/SNR",
      ],
    },
  ],
  assumptions: {
    ht: 't in (0, 1)',
    hz: define(z_t, path),
    hLambda: define(lambda, lambdaOf),
    hSnr: define(SNR, exp(lambda)),
  },
  strategy:
    'Differentiate the straight path; at fixed z_t eliminate x_0 = (z_t − t ε)/(1 − t), so the velocity is ' +
    '(ε − z_t)/(1 − t), affine in ε. Differentiate λ(t) = 2 log((1 − t)/t) and solve Kingma & Gao\'s ' +
    '−½ w λ′ = 1/(1 − t)² for w.',
  chains: [
    claim(derivative(path, 't') as Scalar, '=', u, by.algebra('d/dt [(1 − t) x_0 + t ε]')).states('dz_t/dt = ε − x_0'),
    calc(pow(sub(uHat, u), 2))
      .eq(div(pow(sub(eps_hat, eps), 2), pow(sub(1, t), 2)), by.algebra('x_0 = (z_t − t ε)/(1 − t)'))
      .states('(û − u)² = (ε̂ − ε)²/(1 − t)²'),
    claim(lambda, '=', log(div(pow(sub(1, t), 2), pow(t, 2))), by.definition('λ = log(α²/σ²), α = 1 − t, σ = t')),
    claim(dLambda, '=', neg(div(2, mul(t, sub(1, t)))), by.algebra('d/dt 2 log((1 − t)/t)')),
    calc(w)
      .eq(div(t, sub(1, t)), by.algebra())
      .eq(exp(mul(rat(-1, 2), lambda)), by.algebra('e^{−λ/2} = t/(1 − t)'))
      .eq(pow(SNR, rat(-1, 2)), by.algebra('SNR = e^λ'))
      .states("SD3's rectified-flow weight is w_t = t/(1 − t) = SNR^{−1/2}"),
    wrong(
      div(t, sub(1, t)),
      '=',
      div(1, SNR),
      by.algebra(),
      'the seed: SD3\'s weight is "about 1/SNR"; it is t/(1 − t) = SNR^{−1/2}, and 1/SNR = t²/(1 − t)²',
    ).states("SD3's rectified-flow weight is 1/SNR"),
    claim(at0(path), '=', x_0, by.algebra('t = 0')).states('in SD3, z_0 is the data'),
    wrong(
      at0(path),
      '=',
      eps,
      by.algebra(),
      'the seed\'s time convention ("t = 0 noise dominates, t = 1 nearly the image") is the reverse of SD3\'s: z_0 = x_0',
    ).states('in SD3, z_0 is noise'),
  ],
});
