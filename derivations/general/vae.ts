/**
 * The latent-variable models of Luo 2022 §§2.1–2.2 in the probability calculus (src/calculus):
 * the VAE p(x, z) = p(z) p(x|z) with an encoder q(z|x), and the Markov HVAE
 * p(x, z_{1:T}) = p(z_T) p(x|z_1) ∏ p(z_{t−1}|z_t) with q(z_{1:T}|x) = q(z_1|x) ∏ q(z_t|z_{t−1}).
 * The densities are abstract: what is proved with these expressions holds for every positive
 * density with these factorizations, Gaussian or learned. Expressions only; the derivations are in
 * derivations/elbo, derivations/vae and derivations/hvae.
 */
import { calculus as c } from '../../src/index.js';

const { density, E, KL, log, logE, logRatio, named, range } = c;

// ── VAE ──
export const x = named('x');
export const z = named('z');
export const vae = { models: [c.vaeJoint, c.vaeEncoder], scope: { T0: 1 } };
/** q(z|x), p(x, z), p(z|x), p(x), p(z), p(x|z). */
export const encoder = density('q', [z], [x]);
export const joint = density('p', [x, z]);
export const posterior = density('p', [z], [x]);
export const evidence = density('p', [x]);
export const prior = density('p', [z]);
export const likelihood = density('p', [x], [z]);
/** log E_{q(z|x)}[p(x, z)/q(z|x)]. */
export const logImportance = logE(encoder, [joint], [encoder]);
/** ELBO = E_{q(z|x)}[log p(x, z)/q(z|x)]. */
export const elbo = E(encoder, logRatio([joint], [encoder]));
export const reconstruction = E(encoder, log(likelihood));
export { KL, log };

// ── Markov HVAE ──
const zi = (i: string | number) => c.at('z', i);
export const hvae = { models: [c.hvaeJoint, c.hvaeEncoder], scope: { T0: 1 } };
export const hEncoder = density('q', [range('z', 1, 'T')], [x]);
export const hJoint = density('p', [x, range('z', 1, 'T')]);
export const hPosterior = density('p', [range('z', 1, 'T')], [x]);
export const hLogImportance = logE(hEncoder, [hJoint], [hEncoder]);
export const hElbo = E(hEncoder, logRatio([hJoint], [hEncoder]));
export const qz = (v: string | number, ...g: Array<string | number>) => density('q', [zi(v)], [...g.map(zi), x]);
export const pz = (v: string | number, ...g: Array<string | number>) => density('p', [zi(v)], g.map(zi));
export const pair = (a: string | number, b: string | number) => density('q', [zi(a), zi(b)], [x]);
/** The expansion of eq. 25: E[log p(x|z_1)] + E[log p(z_T)] + Σ E[log p(z_{t−1}|z_t)] − E[log q(z_1|x)] − Σ E[log q(z_t|z_{t−1})]. */
export const hExpansion = c.add(
  E(qz(1), log(density('p', [x], [zi(1)]))),
  E(qz('T'), log(pz('T'))),
  c.sum('t', 2, 'T', E(pair('t-1', 't'), log(pz('t-1', 't')))),
  c.neg(E(qz(1), log(qz(1)))),
  c.neg(c.sum('t', 2, 'T', E(pair('t-1', 't'), log(qz('t', 't-1'))))),
);
