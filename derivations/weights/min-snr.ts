/**
 * weights.min-snr — Min-SNR-γ: the ε-form and the v-form are one objective; two variants are not.
 *
 * At fixed x_t under a VP schedule, ‖v̂ − v‖² = (1 + 1/SNR) ‖ε̂ − ε‖², so a v-loss
 * weighted by W has ε-weight W (SNR + 1)/SNR. Establishes, for γ = 5 (the weights are written as the scripts write them) and SNR > 0:
 *   min(SNR, γ)/(SNR + 1) on the v-loss = min(SNR, γ)/SNR on the ε-loss   (the same objective);
 *   min(SNR, γ)/SNR + 1 and min(SNR + 1, γ)/(SNR + 1) on the v-loss are not
 *   (expected refutations, found in diffusers' example scripts), with the SNR where they differ;
 *   at zero terminal SNR the ε-form is 0/0 (min(0, γ)/0); its limit as SNR → 0+ is 1.
 * The ε-weights are what `derivcheck reparam` computes (src/reparam/pieces.ts) on the
 * abstract VP schedule α = √ᾱ, σ = √(1 − ᾱ); `derivcheck reparam compare` decides the same
 * on a schedule's steps (tests/reparam/min-snr.test.ts).
 * Source: Hang et al. 2023 (Min-SNR); Salimans & Ho 2022; FORMULAS.md, "Prediction targets and loss weights".
 */
import { by, claim, derivation, div, min, reparam, sym, wrong } from '../../src/index.js';
import type { Scalar } from '../../src/index.js';

/** The ε-weight of a (target, weight) on the discrete VP schedule, as a function of ᾱ. */
const epsWeight = (target: string, weight: string) => reparam.piecesOf(reparam.buildObjective({ schedule: 'linear', T: 10, target, weight })).weightEps as Scalar;

export default derivation({
  id: 'weights.min-snr',
  title: 'Min-SNR-γ: min(SNR,γ)/SNR on ε = min(SNR,γ)/(SNR+1) on v; min(SNR,γ)/SNR + 1 and min(SNR+1,γ)/(SNR+1) on v differ',
  source: 'Hang et al. 2023; Salimans & Ho 2022; FORMULAS.md, "Prediction targets and loss weights"',
  assumptions: { hAbar: 'alphaBar in (0,1)', hSnrSmall: 'snr in (0,5)' },
  strategy: 'Write each weight as its ε-weight in ᾱ (v: times (SNR + 1)/SNR); compare with the ε-form.',
  chains: [
    claim(epsWeight('v', ('min(snr,5)/(snr+1)')), '=', epsWeight('eps', ('min(snr,5)/snr')), by.algebra()),
    wrong(epsWeight('v', ('min(snr,5)/snr + 1')), '=', epsWeight('eps', ('min(snr,5)/snr')), by.algebra(), 'a variant in diffusers\' example scripts: adds 1 to the ε-form instead of dividing by SNR + 1'),
    wrong(epsWeight('v', ('min(snr+1,5)/(snr+1)')), '=', epsWeight('eps', ('min(snr,5)/snr')), by.algebra(), 'a variant in one diffusers example script: clips SNR + 1 instead of SNR'),
    // the ε-form at SNR → 0+ (γ = 5): min(SNR, γ)/SNR = 1 for 0 < SNR < γ, so the limit at zero SNR is 1
    claim(div(min(sym('snr'), 5), sym('snr')), '=', 1, by.algebra('SNR < γ near zero SNR')),
  ],
});
