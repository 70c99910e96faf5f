// Law: in a chain of the calculus, a rule witnesses an equality only when it transforms something
// the step needs transformed. For every rule of the calculus:
//  - an identity probe (x = x, or the same terms reordered) is unjustified — only algebra or a
//    definition may cite an identity;
//  - a probe without the rule's object (no expectation for linearity, marginalization or the tower
//    rule; no KL for the KL definition; no log E[·] for importance sampling; no conditional whose
//    conditions change for Markov) is unjustified;
//  - a step that linearity alone proves, cited with a law that has rewrites of its own, is
//    unjustified;
// and the same rule on the step it is meant for is proved, so each probe can fail.
import { describe, expect, it } from 'vitest';
import { by, calculus as c, derivation, inGeneral, type Justification } from '../../src/index.js';
import { checkDerivation } from '../../src/derive/checker.js';
import type { Rel } from '../../src/expr/ast.js';
import type { GeneralContext } from '../../src/derive/general.js';
import { identityUpToArithmetic } from '../../src/derive/general-witness.js';
import * as v from '../../derivations/general/vdm.js';
import * as a from '../../derivations/general/vae.js';

const { add, E, KL, log, logRatio, scale, sub } = c;
const tFree: GeneralContext = { ...v.context, scope: { T0: 2, free: { v: 't', lo: c.parseIdx(2), hi: c.parseIdx('T') } } };

async function verdict(ctx: GeneralContext, lhs: c.Expr, rel: Rel, rhs: c.Expr, j: Justification) {
  const d = derivation({ id: 'probe.step', title: 'probe', source: 'test', assumptions: {}, strategy: '', chains: [inGeneral(ctx).claim(lhs, rel, rhs, j)] });
  const s = (await checkDerivation(d, { seed: 1, backend: 'cpu' })).steps[0]!;
  return s;
}

const logEvidence = log(a.evidence);
const logLik = log(a.likelihood);
const logEnc = log(a.encoder);

/** Every rule of the calculus other than algebra and definition. */
const LAWS: ReadonlyArray<readonly [string, Justification]> = [
  ['linearity', by.linearity()],
  ['marginalization', by.marginalization()],
  ['tower', by.tower()],
  ['kl-definition', by.klDefinition()],
  ['importance-sampling', by.importanceSampling()],
  ['multiply-by-one', by.multiplyByOne()],
  ['markov', by.markov()],
  ['bayes', by.bayes()],
  ['chain-rule', by.chainRule()],
  ['log-of-product', by.logOfProduct()],
  ['jensen', by.jensen()],
  ['kl-nonnegative', by.klNonnegative()],
];

describe('identity probes are unjustified under every law', () => {
  const probes: ReadonlyArray<readonly [string, GeneralContext, c.Expr, c.Expr]> = [
    ['log p(x) = log p(x) (expectation-free)', a.vae, logEvidence, logEvidence],
    ['ELBO = ELBO', v.context, v.elbo, v.elbo],
    ['a reordered sum: log p(x|z) + log q(z|x) = log q(z|x) + log p(x|z)', a.vae, add(logLik, logEnc), add(logEnc, logLik)],
    ['KL + ELBO = ELBO + KL', a.vae, add(KL(a.encoder, a.posterior), a.elbo), add(a.elbo, KL(a.encoder, a.posterior))],
    ['2·E[·] = E[·] + E[·]', v.context, scale(2, v.reconstruction), add(v.reconstruction, v.reconstruction)],
  ];
  for (const [name, ctx, lhs, rhs] of probes) {
    for (const [rule, j] of LAWS) {
      it(`${name} by ${rule}: unjustified`, async () => {
        const s = await verdict(ctx, lhs, '=', rhs, j);
        expect(s.verdict, s.reason).toBe('unjustified');
        expect(s.expected).toBeTruthy();
      });
    }
    it(`${name} by algebra: proved (an identity is algebra)`, async () => {
      expect((await verdict(ctx, lhs, '=', rhs, by.algebra())).verdict).toBe('proved');
    });
  }
  it('identity up to arithmetic compares coefficients exactly, not just the terms', () => {
    expect(identityUpToArithmetic(add(logLik, logEnc), add(logEnc, logLik))).toBe(true);
    expect(identityUpToArithmetic(add(logLik, logEnc), add(logEnc, scale(2, logLik)))).toBe(false);
    expect(identityUpToArithmetic(sub(logLik, logLik), c.ZERO)).toBe(true);
    // E through a sum is not arithmetic: an expectation is one term.
    expect(identityUpToArithmetic(E(a.encoder, add(logLik, logEnc)), add(E(a.encoder, logLik), E(a.encoder, logEnc)))).toBe(false);
  });
});

describe('a rule must find what it transforms', () => {
  // log p(x) = log p(x, z) − log p(z | x): true (the chain rule), without E, KL or log E[·].
  const noE = [logEvidence, sub(log(a.joint), log(a.posterior))] as const;
  for (const [rule, j] of [['linearity', by.linearity()], ['marginalization', by.marginalization()], ['tower', by.tower()], ['kl-definition', by.klDefinition()], ['importance-sampling', by.importanceSampling()], ['multiply-by-one', by.multiplyByOne()]] as const) {
    it(`an expectation-free chain-rule step by ${rule}: unjustified`, async () => {
      const s = await verdict(a.vae, noE[0], '=', noE[1], j);
      expect(s.verdict, s.reason).toBe('unjustified');
      expect(s.expected).toMatch(/neither side has one|linearity alone/);
    });
  }
  it('the same step by the chain rule: proved', async () => {
    expect((await verdict(a.vae, noE[0], '=', noE[1], by.chainRule())).verdict).toBe('proved');
  });
  it('Markov with no condition changed (E through a sum) is unjustified; eq. 46 by Markov is proved', async () => {
    const body = add(log(v.p('t-1', 't')), log(v.q('t', 't-1')));
    const s = await verdict(tFree, E(v.qJoint, body), '=', add(E(v.qJoint, log(v.p('t-1', 't'))), E(v.qJoint, log(v.q('t', 't-1')))), by.markov());
    expect(s.verdict, s.reason).toBe('unjustified');
    expect(s.expected).toMatch(/conditions differ/);
    expect((await verdict(tFree, log(v.q('t', 't-1')), '=', log(v.q('t', 't-1', 0)), by.markov())).verdict).toBe('proved');
  });
});

describe('a law with rewrites of its own must need them', () => {
  // E_q[log p(x|z) + log q(z|x)] = E_q[log p(x|z)] + E_q[log q(z|x)]: linearity and nothing else.
  const lhs = E(a.encoder, add(logLik, logEnc));
  const rhs = add(E(a.encoder, logLik), E(a.encoder, logEnc));
  for (const [rule, j] of [['marginalization', by.marginalization()], ['tower', by.tower()], ['bayes', by.bayes()], ['chain-rule', by.chainRule()]] as const) {
    it(`a linearity step by ${rule}: unjustified, "cite by.linearity()"`, async () => {
      const s = await verdict(a.vae, lhs, '=', rhs, j);
      expect(s.verdict, s.reason).toBe('unjustified');
      expect(s.expected).toMatch(/linearity alone accounts for it/);
    });
  }
  it('the same step by linearity: proved', async () => {
    expect((await verdict(a.vae, lhs, '=', rhs, by.linearity())).verdict).toBe('proved');
  });
  it('the KL definition where a KL is only carried along (ELBO + KL = KL + E[log p(x,z)] − E[log q]) is unjustified', async () => {
    const kl = KL(a.encoder, a.posterior);
    const s = await verdict(a.vae, add(a.elbo, kl), '=', add(kl, E(a.encoder, log(a.joint)), scale(-1, E(a.encoder, logEnc))), by.klDefinition());
    expect(s.verdict, s.reason).toBe('unjustified');
  });
  it('the KL definition where it unfolds a KL (log p(x) = ELBO + KL(q ‖ p(z|x)) from E[log p(x,z)/p(z|x)]) is proved', async () => {
    const s = await verdict(a.vae, E(a.encoder, logRatio([a.joint], [a.posterior])), '=', add(a.elbo, KL(a.encoder, a.posterior)), by.klDefinition());
    expect(s.verdict, s.reason).toBe('proved');
  });
});
