/**
 * weights.min-snr — Min-SNR-γ: the ε-form and the v-form are one objective; two variants are not.
 *
 * At fixed x_t under a VP schedule, ‖v̂ − v‖² = (1 + 1/SNR) ‖ε̂ − ε‖², so a v-loss
 * weighted by W has ε-weight W (SNR + 1)/SNR. Establishes that conversion (per coordinate,
 * from v = α ε − σ x_0 and x̂_0 = (x_t − σ ε̂)/α with α² + σ² = 1), and then, for every
 * γ > 0 and SNR > 0:
 *   min(SNR, γ)/(SNR + 1) on the v-loss = min(SNR, γ)/SNR on the ε-loss   (the same objective);
 *   min(SNR, γ)/SNR + 1 and min(SNR + 1, γ)/(SNR + 1) on the v-loss are not
 *   (expected refutations, found in diffusers' example scripts), with the SNR where they differ;
 *   at zero terminal SNR the ε-form is 0/0 (min(0, γ)/0); its limit as SNR → 0+ is 1.
 * Again for γ = 5 (the weights written as the scripts write them), with the ε-weights
 * computed by the tool itself. The ε-weights are what `derivcheck reparam` computes (src/reparam/pieces.ts) on the
 * abstract VP schedule α = √ᾱ, σ = √(1 − ᾱ); `derivcheck reparam compare` decides the same
 * on a schedule's steps (tests/reparam/min-snr.test.ts).
 * Source: Hang et al. 2023 (Min-SNR); Salimans & Ho 2022; FORMULAS.md, "Prediction targets and loss weights".
 */
import { by, calc, claim, derivation, div, min, notation, reparam, sym, wrong } from '../../src/index.js';
import type { Scalar } from '../../src/index.js';

// Paper notation; sigma is √(1 − α²) where the VP constraint is needed.
const m = notation({ symbols: ['alpha', 'eps', 'eps_hat', 'x_0', 'snr', 'gamma'] });
/** The ε-weight of a v-loss weighted by W: W (SNR + 1)/SNR. */
const epsWeightOfV = (w: Scalar) => m`${w}*(snr + 1)/snr`;
const sigma = m`sqrt(1 - alpha^2)`;

/** The ε-weight of a (target, weight) on the discrete VP schedule, as a function of ᾱ. */
const epsWeight = (target: string, weight: string) => reparam.piecesOf(reparam.buildObjective({ schedule: 'linear', T: 10, target, weight })).weightEps as Scalar;

export default derivation({
  id: 'weights.min-snr',
  title: 'Min-SNR-γ: min(SNR,γ)/SNR on ε = min(SNR,γ)/(SNR+1) on v; min(SNR,γ)/SNR + 1 and min(SNR+1,γ)/(SNR+1) on v differ',
  source: 'Hang et al. 2023; Salimans & Ho 2022; FORMULAS.md, "Prediction targets and loss weights"',
  assumptions: { hAbar: 'alphaBar in (0,1)', hSnr: 'snr > 0', hSnrSmall: 'snr_small in (0,5)', hAlpha: 'alpha in (0,1)', hGamma: 'gamma > 0' },
  strategy:
    'Convert the v-error to the ε-error at fixed x_t (the x_0 estimate is the one ε̂ implies); then write each weight ' +
    'as its ε-weight (v: times (SNR + 1)/SNR) and compare with the ε-form, for a symbolic γ and again for γ = 5 as computed by the tool.',
  chains: [
    // (v̂ − v)² with v̂ = α ε̂ − σ x̂_0, x̂_0 = (x_t − σ ε̂)/α the x_0 that ε̂ implies, x_t = α x_0 + σ ε, σ = √(1 − α²)
    calc(m`(alpha*eps_hat - ${sigma}*(alpha*x_0 + ${sigma}*eps - ${sigma}*eps_hat)/alpha - (alpha*eps - ${sigma}*x_0))^2`)
      .eq(m`(eps_hat - eps)^2/alpha^2`, by.algebra('α² + σ² = 1'))
      .eq(m`(1 + (1 - alpha^2)/alpha^2)*(eps_hat - eps)^2`, by.algebra('1/α² = (α² + σ²)/α²'))
      .states('a v-error is (1 + 1/SNR) times the ε-error'),
    // for every γ > 0: the v-form is the ε-form; the two variants are not
    claim(epsWeightOfV(m`min(snr, gamma)/(snr + 1)`), '=', m`min(snr, gamma)/snr`, by.algebra()).states('Min-SNR-γ on v is Min-SNR-γ on ε, for every γ'),
    wrong(epsWeightOfV(m`min(snr, gamma)/snr + 1`), '=', m`min(snr, gamma)/snr`, by.algebra(), 'for a symbolic γ: adding 1 to the ε-form is another objective'),
    wrong(epsWeightOfV(m`min(snr + 1, gamma)/(snr + 1)`), '=', m`min(snr, gamma)/snr`, by.algebra(), 'for a symbolic γ: clipping SNR + 1 is another objective'),

    claim(epsWeight('v', ('min(snr,5)/(snr+1)')), '=', epsWeight('eps', ('min(snr,5)/snr')), by.algebra()),
    wrong(epsWeight('v', ('min(snr,5)/snr + 1')), '=', epsWeight('eps', ('min(snr,5)/snr')), by.algebra(), 'a variant in diffusers\' example scripts: adds 1 to the ε-form instead of dividing by SNR + 1'),
    wrong(epsWeight('v', ('min(snr+1,5)/(snr+1)')), '=', epsWeight('eps', ('min(snr,5)/snr')), by.algebra(), 'a variant in one diffusers example script: clips SNR + 1 instead of SNR'),
    // the ε-form at SNR → 0+ (γ = 5): min(SNR, γ)/SNR = 1 for 0 < SNR < γ, so the limit at zero SNR is 1
    claim(div(min(sym('snr_small'), 5), sym('snr_small')), '=', 1, by.algebra('SNR < γ near zero SNR')),
  ],
});
