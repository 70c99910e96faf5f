/**
 * The models of Luo 2022 §§ ELBO–VDM as factorizations. Only the graph matters to the calculus;
 * the densities are arbitrary (positive) conditionals, so whatever is proved about these models
 * holds for Gaussian, learned, or any other choice of factors.
 */
import type { Model } from './model.js';
import { at, named } from './vars.js';

const x = (i: string | number) => at('x', i);
const z = (i: string | number) => at('z', i);

/** VDM forward process q(x_{1:T} | x_0) = ∏_{t=1}^{T} q(x_t | x_{t−1}). */
export const vdmForward: Model = {
  name: 'q',
  context: [x(0)],
  factors: [{ child: x('t'), parents: [x('t-1')], over: { v: 't', lo: { base: null, k: 1 }, hi: { base: 'T', k: 0 } } }],
};

/** VDM reverse process p(x_{0:T}) = p(x_T) ∏_{t=1}^{T} p(x_{t−1} | x_t). */
export const vdmReverse: Model = {
  name: 'p',
  context: [],
  factors: [
    { child: x('T'), parents: [] },
    { child: x('t-1'), parents: [x('t')], over: { v: 't', lo: { base: null, k: 1 }, hi: { base: 'T', k: 0 } } },
  ],
};

/** VAE generative model p(x, z) = p(z) p(x | z). */
export const vaeJoint: Model = {
  name: 'p',
  context: [],
  factors: [{ child: named('z'), parents: [] }, { child: named('x'), parents: [named('z')] }],
};

/** VAE encoder q(z | x). */
export const vaeEncoder: Model = {
  name: 'q',
  context: [named('x')],
  factors: [{ child: named('z'), parents: [named('x')] }],
};

/** Markov HVAE generative model p(x, z_{1:T}) = p(z_T) p(x | z_1) ∏_{t=2}^{T} p(z_{t−1} | z_t). */
export const hvaeJoint: Model = {
  name: 'p',
  context: [],
  factors: [
    { child: z('T'), parents: [] },
    { child: named('x'), parents: [z(1)] },
    { child: z('t-1'), parents: [z('t')], over: { v: 't', lo: { base: null, k: 2 }, hi: { base: 'T', k: 0 } } },
  ],
};

/** Markov HVAE encoder q(z_{1:T} | x) = q(z_1 | x) ∏_{t=2}^{T} q(z_t | z_{t−1}). */
export const hvaeEncoder: Model = {
  name: 'q',
  context: [named('x')],
  factors: [
    { child: z(1), parents: [named('x')] },
    { child: z('t'), parents: [z('t-1')], over: { v: 't', lo: { base: null, k: 2 }, hi: { base: 'T', k: 0 } } },
  ],
};
