/**
 * The variational diffusion model of Luo 2022 §2.3 in the probability calculus (src/calculus):
 * abstract densities of the forward chain q(x_{1:T} | x_0) = ∏ q(x_t | x_{t−1}) and the reverse
 * chain p(x_{0:T}) = p(x_T) ∏ p(x_{t−1} | x_t), for symbolic T. Nothing is Gaussian here: what the
 * derivations prove with these expressions holds for every positive density of the two chains.
 * The lines of eqs. 34–58 are written once, here, for vdm.elbo-consistency and vdm.elbo-denoising.
 * This module exports expressions only; the derivations live in derivations/vdm.
 */
import { calculus as c } from '../../src/index.js';

type Ix = string | number;
const { add, density, E, KL, log, logE, logRatio, neg, range, sum } = c;

export const x = (i: Ix) => c.at('x', i);
/** The model class: the forward and the reverse Markov chains. */
export const context = { models: [c.vdmForward, c.vdmReverse], scope: { T0: 1 } };

export const q = (v: Ix, ...g: Ix[]) => density('q', [x(v)], g.map(x));
export const p = (v: Ix, ...g: Ix[]) => density('p', [x(v)], g.map(x));
/** q(x_{1:T} | x_0) and p(x_{0:T}). */
export const qJoint = density('q', [range('x', 1, 'T')], [x(0)]);
export const pJoint = density('p', [range('x', 0, 'T')]);
/** q(vs | x_0) for several variables. */
export const qOver = (...vs: Ix[]) => density('q', vs.map(x), [x(0)]);

/** log p(x_0). */
export const logEvidence = log(p(0));
/** log E_{q(x_{1:T}|x_0)}[p(x_{0:T}) / q(x_{1:T}|x_0)] (eq. 36). */
export const logImportance = logE(qJoint, [pJoint], [qJoint]);
/** ELBO = E_{q(x_{1:T}|x_0)}[log p(x_{0:T}) / q(x_{1:T}|x_0)] (eqs. 37 and 47). */
export const elbo = E(qJoint, logRatio([pJoint], [qJoint]));
const Eq = (e: c.Expr) => E(qJoint, e);

/** log p(x_t | x_{t+1}) / q(x_t | x_{t−1}), the consistency summand. */
export const consistencyBody = logRatio([p('t', 't+1')], [q('t', 't-1')]);
/** log p(x_{t−1} | x_t) / q(x_{t−1} | x_t, x_0), the denoising summand. */
export const denoise = logRatio([p('t-1', 't')], [q('t-1', 't', 0)]);
/** E_{q(x_1|x_0)}[log p(x_0 | x_1)], the reconstruction term. */
export const reconstruction = E(qOver(1), log(p(0, 1)));

/** Eq. 44: reconstruction − prior matching (as an expectation) + Σ_{t=1}^{T−1} consistency terms. */
export const eq44 = add(reconstruction, E(qOver('T-1', 'T'), logRatio([p('T')], [q('T', 'T-1')])),
  sum('t', 1, 'T-1', E(qOver('t-1', 't', 't+1'), consistencyBody)));
/** Eq. 44 with the prior term as an iterated expectation E_{q(x_{T−1}|x_0)}[E_{q(x_T|x_{T−1})}[·]] (the tower rule). */
export const eq44Tower = add(reconstruction, E(qOver('T-1'), E(q('T', 'T-1'), logRatio([p('T')], [q('T', 'T-1')]))),
  sum('t', 1, 'T-1', E(qOver('t-1', 't', 't+1'), consistencyBody)));
/** Eq. 44 with the prior term as −E_{q(x_{T−1}|x_0)}[KL(q(x_T|x_{T−1}) ‖ p(x_T))] (the valid half of eq. 45). */
export const eq44PriorKL = add(reconstruction, neg(E(qOver('T-1'), KL(q('T', 'T-1'), p('T')))),
  sum('t', 1, 'T-1', E(qOver('t-1', 't', 't+1'), consistencyBody)));
/** Luo's eq. 45: x_t drawn from q(x_t | x_{t−1}) apart from x_{t+1}, a KL under q(x_{t−1}, x_{t+1} | x_0). */
export const eq45 = add(reconstruction, neg(E(qOver('T-1'), KL(q('T', 'T-1'), p('T')))),
  neg(sum('t', 1, 'T-1', E(qOver('t-1', 't+1'), KL(q('t', 't-1'), p('t', 't+1'))))));
/** Eq. 57: each denoising term as an iterated expectation, inner measure q(x_{t−1} | x_t, x_0). */
export const eq57 = add(reconstruction, E(qOver('T'), logRatio([p('T')], [q('T', 0)])),
  sum('t', 2, 'T', E(qOver('t'), E(q('t-1', 't', 0), denoise))));
/** Eq. 58, the denoising form. */
export const eq58 = add(reconstruction, neg(KL(q('T', 0), p('T'))),
  neg(sum('t', 2, 'T', E(qOver('t'), KL(q('t-1', 't', 0), p('t-1', 't'))))));

/** Luo eqs. 38 → 43 (after eq. 37, the ELBO), each the right-hand side of one line. */
export const consistencyLines = {
  eq38: Eq(add(log(p('T')), sum('t', 1, 'T', log(p('t-1', 't'))), neg(sum('t', 1, 'T', log(q('t', 't-1')))))),
  eq39: Eq(add(logRatio([p('T'), p(0, 1)], [q('T', 'T-1')]), sum('t', 2, 'T', log(p('t-1', 't'))), neg(sum('t', 1, 'T-1', log(q('t', 't-1')))))),
  eq40: Eq(add(logRatio([p('T'), p(0, 1)], [q('T', 'T-1')]), sum('t', 1, 'T-1', log(p('t', 't+1'))), neg(sum('t', 1, 'T-1', log(q('t', 't-1')))))),
  eq41: add(Eq(logRatio([p('T'), p(0, 1)], [q('T', 'T-1')])), Eq(sum('t', 1, 'T-1', consistencyBody))),
  eq42: add(Eq(log(p(0, 1))), Eq(logRatio([p('T')], [q('T', 'T-1')])), Eq(sum('t', 1, 'T-1', consistencyBody))),
  eq43: add(Eq(log(p(0, 1))), Eq(logRatio([p('T')], [q('T', 'T-1')])), sum('t', 1, 'T-1', Eq(consistencyBody))),
};

const step = (t: string) => logRatio([p(`${t}-1`, t)], [q(t, `${t}-1`)]);
/** Luo eqs. 48 → 56 (after eq. 47, the ELBO). */
export const denoisingLines = {
  eq48: Eq(add(log(p('T')), sum('t', 1, 'T', step('t')))),
  eq49: Eq(add(logRatio([p('T'), p(0, 1)], [q(1, 0)]), sum('t', 2, 'T', step('t')))),
  eq50: Eq(add(logRatio([p('T'), p(0, 1)], [q(1, 0)]), sum('t', 2, 'T', logRatio([p('t-1', 't')], [q('t', 't-1', 0)])))),
  eq51: Eq(add(logRatio([p('T'), p(0, 1)], [q(1, 0)]), sum('t', 2, 'T', logRatio([p('t-1', 't'), q('t-1', 0)], [q('t-1', 't', 0), q('t', 0)])))),
  eq52: Eq(add(logRatio([p('T'), p(0, 1)], [q(1, 0)]), sum('t', 2, 'T', denoise), sum('t', 2, 'T', logRatio([q('t-1', 0)], [q('t', 0)])))),
  eq53: Eq(add(logRatio([p('T'), p(0, 1)], [q(1, 0)]), sum('t', 2, 'T', denoise), logRatio([q(1, 0)], [q('T', 0)]))),
  eq54: Eq(add(logRatio([p('T'), p(0, 1)], [q('T', 0)]), sum('t', 2, 'T', denoise))),
  eq55: add(Eq(log(p(0, 1))), Eq(logRatio([p('T')], [q('T', 0)])), sum('t', 2, 'T', Eq(denoise))),
  eq56: add(E(qOver(1), log(p(0, 1))), E(qOver('T'), logRatio([p('T')], [q('T', 0)])), sum('t', 2, 'T', E(qOver('t', 't-1'), denoise))),
};

/** Eq. 43 (for the mutant tests): the expectation pushed through the consistency sum. */
export const eq43 = () => consistencyLines.eq43;
