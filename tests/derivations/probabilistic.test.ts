// The probabilistic derivations (ELBO, VAE, reparameterization, Markov HVAE)
// and their testbeds: what each establishes, beyond "every step holds"
// (suite.test.ts), and the claims the testbeds' headers make about their
// domains. Monte Carlo is stochastic, but this suite is NOT: every check runs
// with seed 1.
import { cachedChecker } from './helpers.js';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDomain } from '../../src/expr/params.js';
import { decideRelation } from '../../src/expect/decide-relation.js';
import { checkDerivation, type DerivationResult } from '../../src/derive/checker.js';
import { expand, type Derivation } from '../../src/derive/derivation.js';
import { substitute, type Node } from '../../src/expr/ast.js';
import { add, logpdf, mul, num, sub, sym } from '../../src/expr/build.js';
import { toNumber } from '../../src/expr/rational.js';
import { shutdownGpu } from '../../src/mc/index.js';
import jensen from '../../derivations/elbo/jensen.js';
import klGap from '../../derivations/elbo/kl-gap.js';
import objective from '../../derivations/vae/objective.js';
import reparameterization from '../../derivations/vae/reparameterization.js';
import markovElbo from '../../derivations/hvae/markov-elbo.js';
import * as lg from '../../derivations/testbeds/linear-gaussian.js';
import { markovChain } from '../../derivations/testbeds/markov-chain.js';

afterAll(async () => {
  await shutdownGpu();
});

const check = cachedChecker();
/** The steps decided on the testbed (the derivations also carry chains in general, first: general-suite.test.ts). */
const testbed = (r: DerivationResult) => r.steps.filter((s) => s.scope.kind === 'testbed');
const general = (r: DerivationResult) => r.steps.filter((s) => s.scope.kind === 'general');
const methods = (r: DerivationResult, index: number) => testbed(r)[index - 1].evidence.map((e) => e.method);

describe('elbo.kl-gap', () => {
  it('log p(x) = ELBO + KL(q(z|x) ‖ p(z|x)) is proved at every step', async () => {
    const r = await check(klGap);
    expect(r.steps.map((s) => s.verdict)).toEqual(r.steps.map(() => 'proved'));
    expect(r.verdict).toBe('proved');
  }, 120_000);
});

describe('elbo.jensen', () => {
  it('log p(x) ≥ ELBO, the importance-sampling steps tested by Monte Carlo, the ELBO in closed form', async () => {
    const r = await check(jensen);
    expect(r.ok).toBe(true);
    expect(r.results[0].relation).toBe('>=');
    // in general: importance sampling and Jensen, exactly, for any densities
    expect(general(r).filter((s) => !s.expect).map((s) => s.verdict)).toEqual(['proved', 'proved']);
    // marginalization and importance sampling: E_q[exp(quadratic)] has no closed form here
    expect(testbed(r)[0].verdict).toBe('verified');
    expect(testbed(r)[1].verdict).toBe('verified');
    expect(methods(r, 1)).toContain('monte-carlo');
    // the ELBO's closed form is exact
    expect(testbed(r)[3].verdict).toBe('proved');
  }, 300_000);

  it('the bound read the other way round, log p(x) ≤ ELBO, is refuted', async () => {
    const r = await check(jensen);
    const wrong = r.steps.filter((s) => s.expect === 'refuted');
    expect(wrong.map((s) => `${s.verdict} ${s.scope.kind}`)).toEqual(['refuted general', 'refuted testbed']);
  }, 300_000);
});

describe('vae.objective', () => {
  it('ELBO = E_q[log p(x|z)] − KL(q(z|x) ‖ p(z)) is proved; mutant 9 (+ KL) is refuted', async () => {
    const r = await check(objective);
    const held = r.steps.filter((s) => s.expect !== 'refuted');
    expect(held.map((s) => s.verdict)).toEqual(held.map(() => 'proved'));
    const mutant = testbed(r).find((s) => s.expect === 'refuted')!;
    expect(mutant.verdict).toBe('refuted');
    expect(general(r).find((s) => s.expect === 'refuted')!.verdict).toBe('refuted');
    // the mutant is off by 2 KL(q ‖ p(z)), which vanishes only at m = 0, v = 1
    const p = mutant.counterexample!.params;
    expect(Number(p.m) === 0 && Number(p.v) === 1).toBe(false);
  }, 120_000);
});

describe('vae.reparameterization', () => {
  it('moments, MGF and pathwise gradients are proved; E[sigmoid] is tested by Monte Carlo; mutant 8 is refuted', async () => {
    const r = await check(reparameterization);
    expect(r.ok).toBe(true);
    const sigmoidStep = r.steps.find((s) => s.lhs.includes('sigmoid'))!;
    expect(sigmoidStep.verdict).toBe('verified');
    expect(sigmoidStep.evidence.map((e) => e.method)).toContain('monte-carlo');
    const others = r.steps.filter((s) => s !== sigmoidStep && s.expect !== 'refuted');
    expect(others.map((s) => s.verdict)).toEqual(others.map(() => 'proved'));
    const mutants = r.steps.filter((s) => s.expect === 'refuted');
    expect(mutants).toHaveLength(2);
    expect(mutants.map((s) => s.verdict)).toEqual(['refuted', 'refuted']);
  }, 300_000);
});

describe('hvae.markov-elbo', () => {
  it('the factorizations and the closed forms are proved; log p(x) ≥ ELBO on the T = 3 chain, by Monte Carlo where it must', async () => {
    const r = await check(markovElbo);
    expect(r.ok).toBe(true);
    expect(r.results.some((c) => c.relation === '>=')).toBe(true);
    // E[p(x | z_1)] and E_q[p(x, z)/q] are expectations of exp(quadratic): sampled, not closed form
    const sampled = new Set(['marginalization', 'importance-sampling', 'jensen']);
    for (const s of testbed(r)) {
      expect(s.verdict, `step ${s.index} [${s.justificationId}]`).toBe(sampled.has(s.justificationId) ? 'verified' : 'proved');
    }
    expect(testbed(r).filter((s) => s.justificationId === 'bayes-rule')).toHaveLength(3);
    // in general, for every depth T: every step proved exactly
    expect(general(r).map((s) => s.verdict)).toEqual(general(r).map(() => 'proved'));
  }, 600_000);
});

describe('the testbeds agree with each other', () => {
  it('a one-level Markov chain is the linear-Gaussian testbed (b = 0, w = a_1, s = s_1, m = c_1 x, v = r_1)', async () => {
    const one = markovChain(1);
    const defs = new Map(Object.values(one.definitions).map((d) => [d.symbol, d.value] as const));
    // definitions are in dependency order, so expanding one by one suffices
    let chainElbo: Node = one.elboClosedForm;
    for (const name of [...defs.keys()].reverse()) chainElbo = substitute(chainElbo, new Map([[name, defs.get(name)!]]));
    const asTestbed = substitute(
      lg.elboClosedForm,
      new Map<string, Node>([['b', num(0)], ['w', sym('a_1')], ['s', sym('s_1')], ['m', mul(sym('c_1'), sym('x'))], ['v', sym('r_1')]]),
    );
    const v = await decideRelation(chainElbo, '=', asTestbed, buildDomain(['s_1 > 0', 'r_1 > 0']), { seed: 1 });
    expect(v.verdict).toBe('proved');
  });

  it('the linear-Gaussian testbed is consistent: p(z) p(x|z) = p(x) p(z|x) pointwise', async () => {
    const lhs = add(logpdf(lg.prior, lg.z), logpdf(lg.likelihood, lg.x));
    const rhs = add(logpdf(lg.marginal, lg.x), logpdf(lg.posterior, lg.z));
    const v = await decideRelation(sub(lhs, rhs), '=', num(0), buildDomain(Object.values(lg.hypotheses)), { seed: 1 });
    expect(v.verdict).toBe('proved');
  });
});

// The headers claim that the importance weights have finite variance on the
// declared domains: 2 Λ_post − Λ_q ≻ 0, with Λ the precision matrices over the
// latents. Checked here in float64 at the corners and at random points of the box.
describe('the testbeds keep importance weights square-integrable', () => {
  const box = (hyps: Readonly<Record<string, string>>) => {
    const d = buildDomain(Object.values(hyps));
    return (name: string, u: number) => {
      const i = d.get(name)!;
      const lo = toNumber(i.lo!);
      return lo + u * (toNumber(i.hi!) - lo);
    };
  };
  /** mulberry32: a seeded uniform stream in [0, 1), so the points are reproducible. */
  const stream = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  /** Every corner of the box first (bit j of k picks the end of parameter j), then random points. */
  const points = (dims: number, random: number) => {
    const next = stream(1);
    const corners = Array.from({ length: 2 ** dims }, (_, k) => Array.from({ length: dims }, (_, j) => (k >> j) & 1));
    const inside = Array.from({ length: random }, () => Array.from({ length: dims }, next));
    return [...corners, ...inside];
  };

  it('linear-Gaussian: 2/σ²_post − 1/v > 0 (the posterior variance s/(w² + s) is at most 1 ≤ v)', () => {
    const at = box(lg.hypotheses);
    for (const u of points(3, 4096).map((pt) => (j: number) => pt[j])) {
      const w = at('w', u(0));
      const s = at('s', u(1));
      const v = at('v', u(2));
      const posteriorPrecision = (w * w + s) / s;
      expect(2 * posteriorPrecision - 1 / v).toBeGreaterThan(0);
    }
  });

  it('Markov chain, T = 3: 2 Λ_post − Λ_q is positive definite over the box', () => {
    const T = 3;
    const at = box(markovChain(T).hypotheses);
    const minors = (M: number[][]) => [
      M[0][0],
      M[0][0] * M[1][1] - M[0][1] * M[1][0],
      M[0][0] * (M[1][1] * M[2][2] - M[1][2] * M[2][1]) - M[0][1] * (M[1][0] * M[2][2] - M[1][2] * M[2][0]) + M[0][2] * (M[1][0] * M[2][1] - M[1][1] * M[2][0]),
    ];
    for (const u of points(12, 4096).map((pt) => (j: number) => pt[j])) {
      const p = (name: string, t: number, j: number) => at(`${name}_${t}`, u(j));
      const a = [0, p('a', 1, 0), p('a', 2, 1), p('a', 3, 2)];
      const s = [0, p('s', 1, 3), p('s', 2, 4), p('s', 3, 5)];
      const c = [0, p('c', 1, 6), p('c', 2, 7), p('c', 3, 8)];
      const r = [0, p('r', 1, 9), p('r', 2, 10), p('r', 3, 11)];
      // precision over (z_1, z_2, z_3): each link N(z_i; k z_j, var) adds (z_i − k z_j)²/var
      const post = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
      const q = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
      const link = (M: number[][], i: number, j: number | undefined, coef: number, variance: number) => {
        M[i][i] += 1 / variance;
        if (j === undefined) return;
        M[j][j] += (coef * coef) / variance;
        M[i][j] -= coef / variance;
        M[j][i] -= coef / variance;
      };
      link(post, 2, undefined, 0, 1); // p(z_3)
      link(post, 1, 2, a[3], s[3]); // p(z_2 | z_3)
      link(post, 0, 1, a[2], s[2]); // p(z_1 | z_2)
      post[0][0] += (a[1] * a[1]) / s[1]; // p(x | z_1) as a function of z_1
      link(q, 0, undefined, 0, r[1]); // q(z_1 | x)
      link(q, 1, 0, c[2], r[2]); // q(z_2 | z_1)
      link(q, 2, 1, c[3], r[3]); // q(z_3 | z_2)
      const M = post.map((row, i) => row.map((x, j) => 2 * x - q[i][j]));
      for (const minor of minors(M)) expect(minor).toBeGreaterThan(0);
    }
  });
});

// expand is re-exported for derivations that define symbols; make sure the
// Markov testbed's definitions expand to parameters only.
describe('the Markov testbed’s definitions', () => {
  it('V_0, μ_T and R_T expand to expressions in the chain parameters', () => {
    const free = (n: Node, out = new Set<string>()): Set<string> => {
      if (n.op === 'sym') out.add(n.name);
      if ('args' in n) for (const c of n.args) free(c, out);
      return out;
    };
    const names = [...free(expand(markovElbo, add(markovChain(3).evidenceVariance, markovChain(3).topMean, markovChain(3).topVariance)))];
    expect(names.every((n) => /^(x|[ascr]_[123])$/.test(n))).toBe(true);
  });
});
