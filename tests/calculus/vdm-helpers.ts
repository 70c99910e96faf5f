// The densities and models of Luo 2022 eqs. 31–58, written once for the calculus tests.
import { at, density, range, vdmForward, vdmReverse, type Density, type Idx } from '../../src/calculus/index.js';

type Ix = string | number | Idx;

export const x = (i: Ix) => at('x', i);
export const models = [vdmForward, vdmReverse];
/** T ≥ 1: every statement below is checked for all T ≥ 1 (sums with lo > hi are empty). */
export const scope = { T0: 1 };

export const q = (v: Ix, ...g: Ix[]): Density => density('q', [x(v)], g.map(x));
export const p = (v: Ix, ...g: Ix[]): Density => density('p', [x(v)], g.map(x));
export const qJoint = density('q', [range('x', 1, 'T')], [x(0)]);
export const pJoint = density('p', [range('x', 0, 'T')]);
/** q(vs | x_0) for several variables. */
export const qOver = (...vs: Ix[]): Density => density('q', vs.map(x), [x(0)]);

import { add, E, KL, log, logRatio, neg, sum, type Expr } from '../../src/calculus/index.js';


/** ELBO = E_{q(x_{1:T}|x_0)}[log p(x_{0:T}) / q(x_{1:T} | x_0)] (eqs. 35 and 47). */
export const elbo = E(qJoint, logRatio([pJoint], [qJoint]));
/** log p(x_t | x_{t+1}) / q(x_t | x_{t−1}), the consistency summand. */
export const consistencyBody = logRatio([p('t', 't+1')], [q('t', 't-1')]);
/** log p(x_{t−1} | x_t) / q(x_{t−1} | x_t, x_0), the denoising summand. */
export const denoise = (t: string) => logRatio([p(`${t}-1`, t)], [q(`${t}-1`, t, 0)]);
export const reconstruction = E(qOver(1), log(p(0, 1)));

/**
 * Eq. 44 (FORMULAS.md): reconstruction + E_{q(x_{T−1}, x_T|x_0)}[log p(x_T)/q(x_T|x_{T−1})]
 * + Σ_{t=1}^{T−1} consistency terms under q(x_{t−1}, x_t, x_{t+1} | x_0).
 */
export const eq44 = add(reconstruction, E(qOver('T-1', 'T'), logRatio([p('T')], [q('T', 'T-1')])),
  sum('t', 1, 'T-1', E(qOver('t-1', 't', 't+1'), consistencyBody)));
/** Eq. 44 with only the prior term rewritten as −E_{q(x_{T−1}|x_0)}[KL(q(x_T|x_{T−1}) ‖ p(x_T))] (the valid half of eq. 45). */
export const eq44PriorKL = add(reconstruction, neg(E(qOver('T-1'), KL(q('T', 'T-1'), p('T')))),
  sum('t', 1, 'T-1', E(qOver('t-1', 't', 't+1'), consistencyBody)));
/** Luo's eq. 45: x_t drawn from q(x_t | x_{t−1}) independently of x_{t+1}. */
export const eq45 = add(reconstruction, neg(E(qOver('T-1'), KL(q('T', 'T-1'), p('T')))),
  neg(sum('t', 1, 'T-1', E(qOver('t-1', 't+1'), KL(q('t', 't-1'), p('t', 't+1'))))));
/** Eq. 58, the denoising form. */
export const eq58 = add(reconstruction, neg(KL(q('T', 0), p('T'))),
  neg(sum('t', 2, 'T', E(qOver('t'), KL(q('t-1', 't', 0), p('t-1', 't'))))));
export type { Expr };

/**
 * Luo eqs. 37 → 44, each entry the right-hand side of one line (eq. 37's is the ELBO; 34–36 rewrite
 * log p(x_0) as log E_q[p/q], and 36 → 37 is the Jensen step, checked separately). Numbering as in
 * Luo 2022 §2.3 as the reference (FORMULAS.md) cites it; the last entry goes one line further.
 */
const Eq = (e: Expr) => E(qJoint, e);

export const consistencyChain: Array<[string, Expr]> = [
  ['37', Eq(logRatio([pJoint], [qJoint]))],
  ['38', Eq(add(log(p('T')), sum('t', 1, 'T', log(p('t-1', 't'))), neg(sum('t', 1, 'T', log(q('t', 't-1'))))))],
  ['39', Eq(add(logRatio([p('T'), p(0, 1)], [q('T', 'T-1')]),
    sum('t', 2, 'T', log(p('t-1', 't'))), neg(sum('t', 1, 'T-1', log(q('t', 't-1'))))))],
  ['40', Eq(add(logRatio([p('T'), p(0, 1)], [q('T', 'T-1')]),
    sum('t', 1, 'T-1', log(p('t', 't+1'))), neg(sum('t', 1, 'T-1', log(q('t', 't-1'))))))],
  ['41', add(Eq(logRatio([p('T'), p(0, 1)], [q('T', 'T-1')])), Eq(sum('t', 1, 'T-1', consistencyBody)))],
  ['42', add(Eq(log(p(0, 1))), Eq(logRatio([p('T')], [q('T', 'T-1')])), Eq(sum('t', 1, 'T-1', consistencyBody)))],
  ['43', add(Eq(log(p(0, 1))), Eq(logRatio([p('T')], [q('T', 'T-1')])), sum('t', 1, 'T-1', Eq(consistencyBody)))],
  ['44', eq44],
  ['45 (prior term only)', eq44PriorKL],
];

/** Luo eqs. 47 → 58 (57 and 58 are the same line, the second with its terms named). */

export const denoisingChain: Array<[string, Expr]> = [
  ['47', Eq(logRatio([pJoint], [qJoint]))],
  ['48', Eq(add(log(p('T')), sum('t', 1, 'T', logRatio([p('t-1', 't')], [q('t', 't-1')]))))],
  ['49', Eq(add(logRatio([p('T'), p(0, 1)], [q(1, 0)]), sum('t', 2, 'T', logRatio([p('t-1', 't')], [q('t', 't-1')]))))],
  ['50', Eq(add(logRatio([p('T'), p(0, 1)], [q(1, 0)]), sum('t', 2, 'T', logRatio([p('t-1', 't')], [q('t', 't-1', 0)]))))],
  ['51', Eq(add(logRatio([p('T'), p(0, 1)], [q(1, 0)]),
    sum('t', 2, 'T', logRatio([p('t-1', 't'), q('t-1', 0)], [q('t-1', 't', 0), q('t', 0)]))))],
  ['52', Eq(add(logRatio([p('T'), p(0, 1)], [q(1, 0)]), sum('t', 2, 'T', denoise('t')),
    sum('t', 2, 'T', logRatio([q('t-1', 0)], [q('t', 0)]))))],
  ['53', Eq(add(logRatio([p('T'), p(0, 1)], [q(1, 0)]), sum('t', 2, 'T', denoise('t')), logRatio([q(1, 0)], [q('T', 0)])))],
  ['54', Eq(add(logRatio([p('T'), p(0, 1)], [q('T', 0)]), sum('t', 2, 'T', denoise('t'))))],
  ['55', add(Eq(log(p(0, 1))), Eq(logRatio([p('T')], [q('T', 0)])), sum('t', 2, 'T', Eq(denoise('t'))))],
  ['56', add(E(qOver(1), log(p(0, 1))), E(qOver('T'), logRatio([p('T')], [q('T', 0)])),
    sum('t', 2, 'T', E(qOver('t', 't-1'), denoise('t'))))],
  ['57–58', eq58],
];

