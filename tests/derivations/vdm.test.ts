// The variational diffusion model derivations (derivations/vdm/*): what each
// establishes beyond "every step holds" (suite.test.ts). Monte Carlo is
// stochastic, but this suite is NOT: every estimate runs with a fixed seed.
//
// Reference values of the estimator variances were computed independently in
// numpy (float64): each estimator is a quadratic g(ε) = c + bᵀε + εᵀAε in the
// chain's standard noises, whose variance is ‖b‖² + 2 tr(A²).
import { cachedChecker } from './helpers.js';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDerivation, type DerivationResult } from '../../src/derive/checker.js';
import { expand, type Derivation } from '../../src/derive/derivation.js';
import { reparameterize } from '../../src/expect/reparam.js';
import { evalFloat } from '../../src/algebra/index.js';
import { freeSymbols, type Node } from '../../src/expr/ast.js';
import { sub } from '../../src/expr/build.js';
import { estimate, shutdownGpu } from '../../src/mc/index.js';
import { closeNested } from '../../src/prob/expect-closed-form.js';
import { lowerHeads } from '../../src/prob/lower.js';
import elboConsistency, { eq45Defect, luoEq45 } from '../../derivations/vdm/elbo-consistency.js';
import elboDenoising from '../../derivations/vdm/elbo-denoising.js';
import estimatorVariance, { three, two } from '../../derivations/vdm/estimator-variance.js';
import forwardMarginal from '../../derivations/vdm/forward-marginal.js';
import posterior from '../../derivations/vdm/posterior.js';
import { vpChain } from '../../derivations/testbeds/vp-diffusion.js';

afterAll(async () => {
  await shutdownGpu();
});

const check = cachedChecker();

/** An expression with expectations, in closed form (definitions expanded), at a point. */
function closedAt(d: Derivation, node: Node, at: Record<string, number>): number {
  const closed = closeNested(lowerHeads(expand(d, node)));
  if (!closed) throw new Error('no closed form');
  return evalFloat(closed, at);
}

/** The sample variance of g over one forward chain, by Monte Carlo (cpu, float64). */
async function sampleVariance(d: Derivation, g: Node, over: Parameters<typeof reparameterize>[1], at: Record<string, number>) {
  const body = lowerHeads(expand(d, g));
  const dists = over.map((b) => ({ name: b.name, dist: expand(d, b.dist) as typeof b.dist }));
  const reserved = new Set([...freeSymbols(body), ...Object.keys(at), ...over.map((b) => b.name)]);
  const r = reparameterize(body, dists, reserved);
  const bound = new Set(r.random.map((b) => b.name));
  const params = Object.fromEntries(Object.entries(at).filter(([k]) => !bound.has(k)));
  const res = await estimate(r.integrand, r.random, params, { samples: 2 ** 20, seed: 1, backend: 'cpu' });
  return res.variance;
}

// A schedule-like point where the seed's claim holds, and the checker's kind of counterexample.
const holds = { alpha_1: 0.9, alpha_2: 0.5, k_1: 0.5, k_2: 0.5, c_1: 0, c_2: 0, s_1: 0.5, s_2: 0.5, x_0: 1 };
const fails = { alpha_1: 0.5, alpha_2: 0.25, k_1: 1, k_2: 0, c_1: -1, c_2: -1, s_1: 1, s_2: 1, x_0: 0 };

describe('vdm.estimator-variance: the single-sample variances, measured', () => {
  const d = estimatorVariance;
  const variance = (g: Node, at: Record<string, number>) => closedAt(d, two.variance(g as never), at);

  it('at α = (0.9, 0.5), k = 0.5, c = 0, s = 0.5, x_0 = 1: Var g_C = 0.25688 ≥ Var g_D = 0.18911 (the seed\'s order)', () => {
    expect(variance(two.gC, holds)).toBeCloseTo(0.2568836768364396, 10);
    expect(variance(two.gD, holds)).toBeCloseTo(0.18911019229008444, 10);
    expect(variance(two.gC44, holds)).toBeCloseTo(0.6284626044457893, 10);
  });

  it('at α = (0.5, 0.25), k = (1, 0), c = −1, s = 1, x_0 = 0: Var g_C\' = 1/128 < Var g_D = 55/98 (the seed\'s order fails)', () => {
    expect(variance(two.gC44, fails)).toBeCloseTo(1 / 128, 12);
    expect(variance(two.gD, fails)).toBeCloseTo(55 / 98, 12);
    expect(variance(two.gC, fails)).toBeCloseTo(89 / 128, 12);
  });

  it('T = 3, α = 1/2, k = c = 0, s = 1, x_0 = 0: the consistency KLs vary less (1/32) than the denoising KLs (0.088506)', () => {
    const at = { alpha_1: 0.5, alpha_2: 0.5, alpha_3: 0.5, k_2: 0, k_3: 0, c_2: 0, c_3: 0, s_2: 1, s_3: 1, x_0: 0 };
    expect(closedAt(d, three.variance(three.consistencyTerms(three.linear)), at)).toBeCloseTo(1 / 32, 12);
    expect(closedAt(d, three.variance(three.denoisingTerms(three.linear)), at)).toBeCloseTo(0.08850623582766447, 10);
  });

  it('Monte Carlo sample variances (2^20 chains, seed 1) agree with the closed forms', async () => {
    for (const [g, at, want] of [
      [two.gC, holds, 0.2568836768364396],
      [two.gD, holds, 0.18911019229008444],
      [two.gC44, fails, 1 / 128],
      [two.gD, fails, 55 / 98],
    ] as const) {
      const v = await sampleVariance(d, g, two.over, at);
      // the sample variance of a quadratic in Gaussians has relative standard error ≲ 2/√n·(kurtosis factor); 3% is > 10σ here
      expect(Math.abs(v - want) / want).toBeLessThan(0.03);
    }
  }, 120_000);

  it('the general claims are refuted and the gradient-variance order (Rao–Blackwell) is proved', async () => {
    const r = await check(d);
    const refuted = r.steps.filter((s) => s.expect === 'refuted');
    expect(refuted.map((s) => s.verdict)).toEqual(refuted.map(() => 'refuted'));
    const last = r.steps[r.steps.length - 1];
    expect(last.relation).toBe('>=');
    expect(last.verdict).toBe('proved');
  }, 300_000);
});

describe('vdm.elbo-consistency', () => {
  it('on T = 2, ELBO − (Luo eq. 45) = k_2 √α_2 (1 − α_1)/s_2: eq. 45 holds only when k_2 = 0', () => {
    const ch = vpChain(2);
    const at = { alpha_1: 0.3, alpha_2: 0.6, k_1: 0.2, k_2: -0.7, c_1: 0.1, c_2: 0.4, s_1: 0.8, s_2: 1.5, x_0: 0.9 };
    const elbo = closedAt(elboConsistency, ch.elbo, at);
    expect(closedAt(elboConsistency, ch.consistencyForm, at)).toBeCloseTo(elbo, 12);
    expect(elbo - closedAt(elboConsistency, luoEq45(ch), at)).toBeCloseTo((-0.7 * Math.sqrt(0.6) * (1 - 0.3)) / 1.5, 12);
    expect(closedAt(elboConsistency, eq45Defect(ch), at)).toBeCloseTo((-0.7 * Math.sqrt(0.6) * (1 - 0.3)) / 1.5, 12);
    const at0 = { ...at, k_2: 0 };
    expect(closedAt(elboConsistency, ch.elbo, at0) - closedAt(elboConsistency, luoEq45(ch), at0)).toBeCloseTo(0, 12);
  });

  it('the eq. 44 chain is proved and eq. 45 is refuted', async () => {
    const r = await check(elboConsistency);
    const verdicts = r.steps.filter((s) => s.scope.kind === 'testbed').map((s) => `${s.verdict}${s.expect ? '*' : ''}`);
    expect(verdicts).toEqual(['proved', 'proved', 'proved', 'proved', 'proved', 'refuted*']);
  }, 120_000);
});

describe('vdm.elbo-denoising', () => {
  it('the denoising form (eq. 58) equals the ELBO at a point, in closed form', () => {
    const ch = vpChain(3);
    const at = { alpha_1: 0.8, alpha_2: 0.5, alpha_3: 0.2, k_1: 0.3, k_2: 0.6, k_3: -0.4, c_1: 0, c_2: 0.5, c_3: -0.5, s_1: 1, s_2: 0.7, s_3: 1.8, x_0: -0.6 };
    expect(closedAt(elboDenoising, sub(ch.denoisingForm, ch.elbo), at)).toBeCloseTo(0, 12);
  });
});

describe('vdm.forward-marginal and vdm.posterior', () => {
  it('every held step is proved, and mutants 1, 2 and 4 are refuted', async () => {
    for (const d of [forwardMarginal, posterior]) {
      const r = await check(d);
      for (const s of r.steps) expect(s.verdict, `${d.id} step ${s.index}`).toBe(s.expect === 'refuted' ? 'refuted' : 'proved');
    }
  }, 120_000);
});
