// The mutant steps of the calculus's mutant suite, shared by mutants.test.ts (each is refuted by the
// normal form) and gaussian-witness.test.ts (each has a numeric counterexample).
import {
  add, density, E, KL, log, logRatio, named, neg, scale, sum,
  vaeEncoder, vaeJoint, type Expr, type Model, at as atVar,
} from '../../src/calculus/index.js';
import {
  consistencyBody, denoise, elbo, eq44, p, q, qJoint, qOver, reconstruction,
} from './vdm-helpers.js';

const at = (i: string | number) => atVar('x', i);
const priorKL = KL(q('T', 0), p('T'));
const denoisingKL = (t: string) => E(qOver(t), KL(q(`${t}-1`, t, 0), p(`${t}-1`, t)));
const prefix51 = logRatio([p('T'), p(0, 1)], [q(1, 0)]);

export interface Mutant { readonly name: string; readonly lhs: Expr; readonly rhs: Expr; readonly models?: readonly Model[]; readonly note?: RegExp; readonly T0?: number }

export const mutants: Mutant[] = [
  { name: 'dropped first term of the denoising sum (Σ_{t=3}^{T})', lhs: elbo,
    rhs: add(reconstruction, neg(priorKL), neg(sum('t', 3, 'T', denoisingKL('t')))) },
  { name: 'off-by-one upper bound of the denoising sum (Σ_{t=2}^{T−1})', lhs: elbo,
    rhs: add(reconstruction, neg(priorKL), neg(sum('t', 2, 'T-1', denoisingKL('t')))) },
  { name: 'off-by-one upper bound of the consistency sum (Σ_{t=1}^{T−2})', lhs: elbo,
    rhs: add(reconstruction, neg(E(qOver('T-1'), KL(q('T', 'T-1'), p('T')))), sum('t', 1, 'T-2', E(qOver('t-1', 't', 't+1'), consistencyBody))) },
  { name: 'dropped first consistency term (Σ_{t=2}^{T−1})', lhs: elbo,
    rhs: add(reconstruction, neg(E(qOver('T-1'), KL(q('T', 'T-1'), p('T')))), sum('t', 2, 'T-1', E(qOver('t-1', 't', 't+1'), consistencyBody))) },
  { name: 'prior-matching KL arguments swapped', lhs: elbo,
    rhs: add(reconstruction, neg(KL(p('T'), q('T', 0))), neg(sum('t', 2, 'T', denoisingKL('t')))) },
  { name: 'denoising KL arguments swapped', lhs: elbo,
    rhs: add(reconstruction, neg(priorKL), neg(sum('t', 2, 'T', E(qOver('t'), KL(p('t-1', 't'), q('t-1', 't', 0)))))) },
  { name: 'a conditional not implied by the graph: q(x_t | x_{t−1}, x_{t+1}) for q(x_t | x_{t−1})',
    lhs: E(qJoint, sum('t', 2, 'T-1', logRatio([p('t-1', 't')], [q('t', 't-1')]))),
    rhs: E(qJoint, sum('t', 2, 'T-1', logRatio([p('t-1', 't')], [density('q', [at('t')], [at('t-1'), at('t+1'), at(0)])]))) },
  { name: 'a measure that is not a marginal: E_{q(x_t|x_0)} E_{q(x_{t−1}|x_0)} for E_{q(x_{t−1}, x_t|x_0)}', lhs: elbo,
    rhs: add(reconstruction, E(qOver('T'), logRatio([p('T')], [q('T', 0)])), sum('t', 2, 'T', E(qOver('t'), E(qOver('t-1'), denoise('t'))))),
    note: /not a conditional of q's joint/ },
  { name: 'Luo eq. 45 (x_t drawn independently of x_{t+1})', lhs: eq44,
    rhs: add(reconstruction, neg(E(qOver('T-1'), KL(q('T', 'T-1'), p('T')))),
      neg(sum('t', 1, 'T-1', E(qOver('t-1', 't+1'), KL(q('t', 't-1'), p('t', 't+1')))))),
    note: /not d-separated/ },
  { name: 'sign flip on the prior-matching term', lhs: elbo,
    rhs: add(reconstruction, priorKL, neg(sum('t', 2, 'T', denoisingKL('t')))) },
  { name: 'wrong telescoping: log q(x_2|x_0)/q(x_T|x_0)',
    lhs: E(qJoint, add(prefix51, sum('t', 2, 'T', denoise('t')), sum('t', 2, 'T', logRatio([q('t-1', 0)], [q('t', 0)])))),
    rhs: E(qJoint, add(prefix51, sum('t', 2, 'T', denoise('t')), logRatio([q(2, 0)], [q('T', 0)]))), T0: 2 },
  { name: 'wrong telescoping: log q(x_1|x_0)/q(x_{T−1}|x_0)',
    lhs: E(qJoint, add(prefix51, sum('t', 2, 'T', denoise('t')), sum('t', 2, 'T', logRatio([q('t-1', 0)], [q('t', 0)])))),
    rhs: E(qJoint, add(prefix51, sum('t', 2, 'T', denoise('t')), logRatio([q(1, 0)], [q('T-1', 0)]))), T0: 2 },
  { name: 'missing prior-matching term', lhs: elbo, rhs: add(reconstruction, neg(sum('t', 2, 'T', denoisingKL('t')))) },
  { name: 'missing reconstruction term', lhs: elbo, rhs: add(neg(priorKL), neg(sum('t', 2, 'T', denoisingKL('t')))) },
  { name: 'Bayes ratio inverted: q(x_{t−1}|x_0)/q(x_t|x_0) written upside down',
    lhs: E(qJoint, add(prefix51, sum('t', 2, 'T', logRatio([p('t-1', 't')], [q('t', 't-1', 0)])))),
    rhs: E(qJoint, add(prefix51, sum('t', 2, 'T', logRatio([p('t-1', 't'), q('t', 0)], [q('t-1', 't', 0), q('t-1', 0)])))) },
  { name: 'summand shifted without shifting the bounds: Σ_{t=1}^{T−1} log p(x_{t−1}|x_t)',
    lhs: E(qJoint, sum('t', 2, 'T', log(p('t-1', 't')))), rhs: E(qJoint, sum('t', 1, 'T-1', log(p('t-1', 't')))) },
  { name: 'a KL counted twice (coefficient 2)', lhs: elbo,
    rhs: add(reconstruction, scale(-2, priorKL), neg(sum('t', 2, 'T', denoisingKL('t')))) },
  { name: 'integrand depends on a variable the measure does not bind: E_{q(x_T|x_0)}[log q(x_T|x_{T−1})]', lhs: eq44,
    rhs: add(reconstruction, E(qOver('T'), logRatio([p('T')], [q('T', 'T-1')])), sum('t', 1, 'T-1', E(qOver('t-1', 't', 't+1'), consistencyBody))) },
  { name: 'reverse factorization with the wrong prior: p(x_0) for p(x_T)', lhs: elbo,
    rhs: E(qJoint, add(logRatio([p(0)], [qJoint]), sum('t', 1, 'T', log(p('t-1', 't'))))) },
  { name: 'VAE: KL(p(z|x) ‖ q(z|x)) in the gap', models: [vaeJoint, vaeEncoder],
    lhs: log(density('p', [named('x')])),
    rhs: add(E(density('q', [named('z')], [named('x')]), logRatio([density('p', [named('x'), named('z')])], [density('q', [named('z')], [named('x')])])),
      KL(density('p', [named('z')], [named('x')]), density('q', [named('z')], [named('x')]))) },
];


