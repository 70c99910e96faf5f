// The weightings w(λ) of common training objectives as functions of the
// log-SNR λ, in the form of Kingma & Gao 2023 (Understanding diffusion
// objectives as the ELBO with simple data augmentation): every objective is
//   L_w = ½ E_{t~U(0,1), ε}[ w(λ_t) · (−dλ/dt) · ‖ε̂ − ε‖² ],
// so an ε-MSE with t uniform has w(λ) = 2 |dt/dλ| times its own loss factor in
// ε-space (the sampling density of λ folded in).
//
//   cosine schedule, ε-MSE:   sech(λ/2)/π          (= 2 |dt/dλ| of λ(t) = −2 log tan(πt/2))
//   cosine schedule, v-MSE:   (2/π) e^{−λ/2}       (‖v − v̂‖² = (1 + e^{−λ}) ‖ε − ε̂‖²)
//   rectified flow:           e^{−λ/2}
//   EDM (Karras et al. 2022): 2 N(λ; 2.4, 2.4²) (e^{−λ} + σ_d²)/σ_d², σ_d = 0.5
//                             (ln σ ~ N(−1.2, 1.2²) and λ = −2 ln σ)

export const EDM = { mean: 2.4, sd: 2.4, sigmaData: 0.5 } as const;

const normalPdf = (x: number, m: number, s: number) => Math.exp(-0.5 * ((x - m) / s) ** 2) / (s * Math.sqrt(2 * Math.PI));

export interface Weighting {
  readonly id: string;
  readonly label: string;
  readonly w: (lambda: number) => number;
}

export const WEIGHTINGS: readonly Weighting[] = [
  { id: 'cosine-eps', label: 'cosine ε-MSE: sech(λ/2)/π', w: (l) => 1 / (Math.cosh(l / 2) * Math.PI) },
  { id: 'cosine-v', label: 'cosine v-MSE: (2/π) e^(−λ/2)', w: (l) => (2 / Math.PI) * Math.exp(-l / 2) },
  { id: 'rectified-flow', label: 'rectified flow: e^(−λ/2)', w: (l) => Math.exp(-l / 2) },
  {
    id: 'edm',
    label: 'EDM: 2N(λ; 2.4, 2.4²)(e^(−λ) + σ_d²)/σ_d²',
    w: (l) => (2 * normalPdf(l, EDM.mean, EDM.sd) * (Math.exp(-l) + EDM.sigmaData ** 2)) / EDM.sigmaData ** 2,
  },
];
