// Law: the six ELBO/VAE/HVAE/VDM-ELBO derivations hold in general — every step of their chains in
// the calculus is proved for symbolic T and abstract densities (the expected refutations, Luo's
// eq. 44 → 45 and the wrong-way Jensen, refuted) — and a statement named in both scopes must
// come out the same on the testbed, or the derivation is not trusted (verdict unknown).
import { describe, expect, it } from 'vitest';
import { by, calc, calculus as c, derivation, inGeneral, sym } from '../../src/index.js';
import { checkDerivation } from '../../src/derive/checker.js';
import { isGeneralChain } from '../../src/derive/general.js';
import jensen from '../../derivations/elbo/jensen.js';
import klGap from '../../derivations/elbo/kl-gap.js';
import objective from '../../derivations/vae/objective.js';
import markovElbo from '../../derivations/hvae/markov-elbo.js';
import consistency from '../../derivations/vdm/elbo-consistency.js';
import denoising from '../../derivations/vdm/elbo-denoising.js';

const six = [jensen, klGap, objective, markovElbo, consistency, denoising];

describe('the six derivations in general', () => {
  for (const d of six) {
    it(`${d.id}: every step in general is proved (general), for every T`, async () => {
      const only = derivation({ ...d, chains: d.chains.filter(isGeneralChain) });
      expect(only.chains.length).toBeGreaterThan(0);
      const r = await checkDerivation(only, { seed: 1, backend: 'cpu' });
      expect(r.steps.filter((s) => !s.ok).map((s) => `${s.index}: ${s.verdict} ${s.reason ?? ''}`)).toEqual([]);
      expect(r.verdict).toBe('proved');
      expect(r.scope.kind).toBe('general');
      for (const s of r.steps) expect(s.scope.text).toMatch(/^all positive densities factorizing as/);
      // every named statement in general has its testbed witness
      const statements = d.chains.filter(isGeneralChain).map((ch) => ch.statement).filter(Boolean);
      const onTestbed = new Set(d.chains.filter((ch) => !isGeneralChain(ch)).map((ch) => ch.statement));
      expect(statements.some((st) => onTestbed.has(st))).toBe(true);
    }, 120_000);
  }
  it('vdm.elbo-consistency: eq. 44 → 45 is refuted in general for the non-marginal measure, by d-separation', async () => {
    const only = derivation({ ...consistency, chains: consistency.chains.filter(isGeneralChain) });
    const r = await checkDerivation(only, { seed: 1, backend: 'cpu' });
    const s = r.steps.find((x) => x.expect === 'refuted')!;
    expect(s.verdict).toBe('refuted');
    expect(s.reason).toMatch(/not a conditional of q's joint/);
    expect(s.reason).toMatch(/not d-separated/);
  }, 120_000);
  it('symbolic T: the scope says every T ≥ 1', async () => {
    const only = derivation({ ...consistency, chains: consistency.chains.filter(isGeneralChain) });
    const r = await checkDerivation(only, { seed: 1, backend: 'cpu' });
    expect(r.scope.general).toMatch(/every T ≥ 1/);
  }, 120_000);
});

describe('agreement of the two witnesses of a statement', () => {
  const x = c.named('x');
  const z = c.named('z');
  const q = c.density('q', [z], [x]);
  const G = inGeneral({ models: [c.vaeJoint, c.vaeEncoder], scope: { T0: 1 } });
  const generalHolds = G.claim(c.log(c.density('p', [x])), '>=', c.E(q, c.logRatio([c.density('p', [x, z])], [q])), by.jensen()).states('S');
  it('the same statement holding in both scopes agrees', async () => {
    const d = derivation({ id: 'agree.yes', title: 't', source: 's', assumptions: {}, strategy: '', chains: [generalHolds, calc(sym('a')).ge(sym('a'), by.algebra()).states('S')] });
    const r = await checkDerivation(d, { seed: 1, backend: 'cpu' });
    expect(r.agreement).toEqual([{ statement: 'S', general: 'holds >=', testbed: 'holds >=', agree: true }]);
    expect(r.verdict).toBe('proved');
  });
  it('a statement that holds with another relation on the testbed disagrees: the derivation is unknown', async () => {
    const d = derivation({ id: 'agree.no', title: 't', source: 's', assumptions: {}, strategy: '', chains: [generalHolds, calc(sym('a')).eq(sym('a'), by.algebra()).states('S')] });
    const r = await checkDerivation(d, { seed: 1, backend: 'cpu' });
    expect(r.agreement[0]!.agree).toBe(false);
    expect(r.verdict).toBe('unknown');
    expect(r.ok).toBe(false);
  });
});

describe('a malformed chain in general is bad input when loading', () => {
  it('no models, a side that is not an expression of the calculus, a missing relation', async () => {
    const { malformedGeneralChain, GeneralChain } = await import('../../src/derive/general.js');
    const G = inGeneral({ models: [c.vaeJoint, c.vaeEncoder], scope: { T0: 1 } });
    const ok = G.claim(c.log(c.density('p', [c.named('x')])), '=', c.log(c.density('p', [c.named('x')])), by.algebra());
    expect(malformedGeneralChain(ok)).toBeUndefined();
    expect(malformedGeneralChain(new GeneralChain({ models: [], scope: { T0: 1 } }, ok.first, ok.steps))).toMatch(/no models/);
    const badSide = new GeneralChain(ok.context, ok.first, [{ ...ok.steps[0]!, rhs: sym('x') as never }]);
    expect(malformedGeneralChain(badSide)).toMatch(/not an expression of the calculus/);
    const badRel = new GeneralChain(ok.context, ok.first, [{ ...ok.steps[0]!, rel: '≈' as never }]);
    expect(malformedGeneralChain(badRel)).toMatch(/no relation/);
  });
});
