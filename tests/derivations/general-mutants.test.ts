// Law: a wrong step of the calculus never passes the checker. Each mutant below is a step of the
// six general derivations with one mistake of the kind the literature makes (a dropped term, an
// off-by-one bound, a conditional the graph does not imply, KL arguments swapped, a measure that
// is not a marginal, Jensen the wrong way) or a true step cited with a rule that does not witness
// it. Through checkDerivation, as `derivcheck check` sees them: each must come back refuted
// (the relation is false) or unjustified (true, but not by the rule cited) — never proved.
import { describe, expect, it } from 'vitest';
import { by, calculus as c, derivation, inGeneral, type Justification } from '../../src/index.js';
import { checkDerivation } from '../../src/derive/checker.js';
import type { Rel } from '../../src/expr/ast.js';
import type { GeneralContext } from '../../src/derive/general.js';
import * as v from '../../derivations/general/vdm.js';
import * as a from '../../derivations/general/vae.js';

const { add, E, KL, log, logRatio, neg, sub, sum } = c;
const t3: GeneralContext = { ...v.context, scope: { T0: 3, free: { v: 't', lo: c.parseIdx(3), hi: c.parseIdx('T') } } };
const tFree: GeneralContext = { ...v.context, scope: { T0: 2, free: { v: 't', lo: c.parseIdx(2), hi: c.parseIdx('T') } } };

interface Mutant {
  readonly name: string;
  readonly ctx: GeneralContext;
  readonly lhs: c.Expr;
  readonly rel: Rel;
  readonly rhs: c.Expr;
  readonly by: Justification;
  readonly want: 'refuted' | 'unjustified';
}

const m = (name: string, ctx: GeneralContext, lhs: c.Expr, rel: Rel, rhs: c.Expr, j: Justification, want: Mutant['want']): Mutant =>
  ({ name, ctx, lhs, rel, rhs, by: j, want });

const eq44NoReconstruction = sub(v.eq44, v.reconstruction);
// (A bound past T, Σ_{t=1}^{T}, names x_{T+1}, which no model has: that is ill-formed, not refuted.)
const eq44OffByOne = add(v.reconstruction, E(v.qOver('T-1', 'T'), logRatio([v.p('T')], [v.q('T', 'T-1')])),
  sum('t', 1, 'T-2', E(v.qOver('t-1', 't', 't+1'), v.consistencyBody)));
const eq58From3 = add(v.reconstruction, neg(KL(v.q('T', 0), v.p('T'))),
  neg(sum('t', 3, 'T', E(v.qOver('t'), KL(v.q('t-1', 't', 0), v.p('t-1', 't'))))));
const eq58Swapped = add(v.reconstruction, neg(KL(v.q('T', 0), v.p('T'))),
  neg(sum('t', 2, 'T', E(v.qOver('t'), KL(v.p('t-1', 't'), v.q('t-1', 't', 0))))));
const eq58NoPrior = add(v.reconstruction, neg(sum('t', 2, 'T', E(v.qOver('t'), KL(v.q('t-1', 't', 0), v.p('t-1', 't'))))));

const mutants: Mutant[] = [
  // ── false relations: refuted ──
  m('dropped term: eq. 44 without the reconstruction term', v.context, v.elbo, '=', eq44NoReconstruction, by.algebra(), 'refuted'),
  m('dropped term: eq. 58 without the prior-matching KL', v.context, v.elbo, '=', eq58NoPrior, by.algebra(), 'refuted'),
  m('off-by-one upper bound: the consistency sum to T − 2 instead of T − 1', v.context, v.eq43(), '=', eq44OffByOne, by.marginalization(), 'refuted'),
  m('off-by-one lower bound: the denoising sum from t = 3', v.context, v.eq57, '=', eq58From3, by.klDefinition(), 'refuted'),
  m('conditional not implied by the graph: the posterior q(x_{t−1} | x_t, x_0) as the kernel q(x_{t−1} | x_{t−2})', t3, log(v.q('t-1', 't', 0)), '=', log(v.q('t-1', 't-2')), by.markov(), 'refuted'),
  m('conditional not implied by the graph: q(x_t | x_{t−1}) = q(x_t | x_{t−2})', t3, log(v.q('t', 't-1')), '=', log(v.q('t', 't-2')), by.markov(), 'refuted'),
  m('conditional not implied by the graph: p(x_{t−1} | x_t) = p(x_{t−1} | x_t, x_{t−2}) (a child is not irrelevant)', t3, log(v.p('t-1', 't')), '=', log(v.p('t-1', 't', 't-2')), by.markov(), 'refuted'),
  m('KL arguments swapped in the denoising terms', v.context, v.eq57, '=', eq58Swapped, by.klDefinition(), 'refuted'),
  m('KL arguments swapped in log p(x) = ELBO + KL', a.vae, log(a.evidence), '=', add(a.elbo, KL(a.posterior, a.encoder)), by.klDefinition(), 'refuted'),
  m('a measure that is not a marginal: Luo eq. 44 → 45', v.context, v.eq44, '=', v.eq45, by.klDefinition(), 'refuted'),
  m('Jensen the wrong way: ELBO ≥ log p(x_0)', v.context, v.elbo, '>=', v.logEvidence, by.jensen(), 'refuted'),
  m('Jensen the wrong way for the VAE: log p(x) ≤ ELBO', a.vae, log(a.evidence), '<=', a.elbo, by.jensen(), 'refuted'),
  m('Bayes with the marginals swapped (eq. 46)', tFree, log(v.q('t', 't-1')), '=',
    sub(add(log(v.q('t-1', 't', 0)), log(v.q('t-1', 0))), log(v.q('t', 0))), by.bayes(), 'refuted'),
  m('the VAE objective with the prior KL added', a.vae, a.elbo, '=', add(a.reconstruction, KL(a.encoder, a.prior)), by.klDefinition(), 'refuted'),
  m('HVAE expansion without the prior term p(z_T)', a.hvae, a.hElbo, '=', sub(a.hExpansion, E(a.qz('T'), log(a.pz('T')))), by.marginalization(), 'refuted'),
  m('KL ≥ 0 read backwards: KL(q(x_T|x_0) ‖ p(x_T)) ≤ 0', v.context, KL(v.q('T', 0), v.p('T')), '<=', c.ZERO, by.klNonnegative(), 'refuted'),
  // ── true relations, wrong rule: unjustified ──
  m('Jensen cited for an identity (ELBO = ELBO)', v.context, v.elbo, '=', v.elbo, by.jensen(), 'unjustified'),
  m('linearity cited for marginalization (eq. 43 → 44)', v.context, v.eq43(), '=', v.eq44, by.linearity(), 'unjustified'),
  m('Markov cited for Bayes (eq. 50 → 51)', v.context, v.denoisingLines.eq50, '=', v.denoisingLines.eq51, by.markov(), 'unjustified'),
  m('linearity cited for the KL definition (eq. 57 → 58)', v.context, v.eq57, '=', v.eq58, by.linearity(), 'unjustified'),
  m('the chain rule cited for Jensen (log p(x) ≥ ELBO)', a.vae, log(a.evidence), '>=', a.elbo, by.chainRule(), 'unjustified'),
  m('a testbed rule (Gaussian moments) cited in general', v.context, v.elbo, '=', v.consistencyLines.eq38, by.gaussianMoments(), 'unjustified'),
];

describe('calculus mutants through the checker', () => {
  it('there are at least 15 wrong steps, of both kinds', () => {
    expect(mutants.filter((x) => x.want === 'refuted').length).toBeGreaterThanOrEqual(15);
    expect(mutants.filter((x) => x.want === 'unjustified').length).toBeGreaterThanOrEqual(5);
  });
  for (const x of mutants) {
    it(`${x.name}: ${x.want}`, async () => {
      const g = inGeneral(x.ctx);
      const d = derivation({ id: 'mutant.step', title: x.name, source: 'test', assumptions: {}, strategy: '', chains: [g.claim(x.lhs, x.rel, x.rhs, x.by)] });
      const r = await checkDerivation(d, { seed: 1, backend: 'cpu' });
      const s = r.steps[0]!;
      expect(s.verdict, s.reason).toBe(x.want);
      expect(s.ok).toBe(false);
      expect(r.ok).toBe(false);
      expect(s.scope.kind).toBe('general');
      if (x.want === 'unjustified') expect(s.expected).toBeTruthy();
    });
  }
});
