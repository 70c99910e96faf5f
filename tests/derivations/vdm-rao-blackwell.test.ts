// Law: Rao–Blackwell for the VDM ELBO's θ-gradient. The denoising term D_t is, up to a θ-free
// remainder, the conditional expectation given (x_t, x_0) of the eq.-44 consistency term C_{t−1};
// so ∇_θ D_t = E[∇_θ C_{t−1} | x_t, x_0] and Var ∇_θ D_t ≤ Var ∇_θ C_{t−1} for every θ (law of
// total variance). The value variances, by contrast, have no fixed order (the seed's claim).
import { afterAll, describe, expect, it } from 'vitest';
import { add, decideEqual, E, KL, log, logRatio, logE, neg, scale, sum, ZERO, density, at, sub } from '../../src/calculus/index.js';
import { decideDifferenceFreeOf } from '../../src/calculus/parameter-free.js';
import { decideRelation } from '../../src/expect/decide-relation.js';
import { shutdownGpu } from '../../src/mc/index.js';
import { cachedChecker } from './helpers.js';
import estimatorVariance, { points, raoBlackwell as rb, three, two } from '../../derivations/vdm/estimator-variance.js';
import { freeSymbols, substitute, type Node } from '../../src/expr/ast.js';
import { evalFloat } from '../../src/algebra/index.js';
import { buildDomain } from '../../src/expr/params.js';
import { toNumber } from '../../src/expr/rational.js';
import { vpChain } from '../../derivations/testbeds/vp-diffusion.js';

afterAll(async () => {
  await shutdownGpu();
});

const x = (i: string | number) => at('x', i);
const q = (v: string | number, ...g: Array<string | number>) => density('q', [x(v)], g.map(x));
const p = (v: string | number, ...g: Array<string | number>) => density('p', [x(v)], g.map(x));
const qOver = (...vs: Array<string | number>) => density('q', vs.map(x), [x(0)]);

describe('Rao–Blackwell in the calculus: E[C_{t−1} | x_t, x_0] − D_t mentions no density of p, every T, every t', () => {
  it('the difference is free of p (so its θ-gradient is 0), for 2 ≤ t ≤ T and every T ≥ 2', () => {
    const v = decideDifferenceFreeOf(rb.conditioned, rb.denoising, 'p', rb.models, rb.scope);
    expect(v.status, JSON.stringify(v)).toBe('proved');
  });
  it('with the remainder named: E[C_{t−1} | x_t, x_0] = D_t + E[log q(x_{t−1}|x_t,x_0) | …] − E[log q(x_{t−1}|x_{t−2}) | …]', () => {
    expect(decideEqual(rb.conditioned, sub(rb.denoising, neg(rb.remainder)), rb.models, rb.scope).status).toBe('proved');
    expect(decideDifferenceFreeOf(rb.remainder, ZERO, 'p', rb.models, rb.scope).status).toBe('proved');
  });
  it('conditioning on x_{t−2} instead of x_t (the wrong σ-algebra) leaves p in the difference: refuted', () => {
    const wrong = E(density('q', [x('t-1'), x('t')], [x('t-2'), x(0)]), logRatio([p('t-1', 't')], [q('t-1', 't-2')]));
    const v = decideDifferenceFreeOf(wrong, rb.denoising, 'p', rb.models, rb.scope);
    expect(v.status).toBe('refuted');
    if (v.status === 'refuted') expect(v.terms.join('\n')).toMatch(/log p\(x_1 \| x_2\)/);
  });
  it('pairing D_t with C_t (off by one: log p(x_t | x_{t+1})) is refuted', () => {
    const scope = { T0: 3, free: { v: 't', lo: rb.scope.free.lo, hi: { base: 'T', k: -1 } } } as const;
    const offByOne = E(density('q', [x('t-1'), x('t')], [x('t+1'), x(0)]), logRatio([p('t', 't+1')], [q('t', 't-1')]));
    expect(decideDifferenceFreeOf(offByOne, rb.denoising, 'p', rb.models, scope).status).toBe('refuted');
  });
  it('the KL with its arguments swapped is not the denoising term up to a p-free remainder', () => {
    const swapped = neg(KL(p('t-1', 't'), q('t-1', 't', 0)));
    expect(decideDifferenceFreeOf(rb.conditioned, swapped, 'p', rb.models, rb.scope).status).not.toBe('proved');
  });
  it('an opaque term (log E[ratio] the calculus keeps whole) is never counted as free', () => {
    const opaque = logE(q(1, 0), [p(0, 1)], [q(1, 0)]); // log ∫ p(x_0 | x_1) dx_1: no identity simplifies it
    const v = decideDifferenceFreeOf(opaque, ZERO, 'q', rb.models, { T0: 1 });
    expect(v.status).toBe('refuted');
  });
  it('a q-integrand under a measure of p still depends on p (the measure carries θ)', () => {
    const underP = E(p(1, 2), log(q(1, 0)));
    const v = decideDifferenceFreeOf(underP, ZERO, 'p', rb.models, { T0: 2 });
    expect(v.status).toBe('refuted');
    // … while the same integrand under q's measure is free of p
    expect(decideDifferenceFreeOf(E(q(1, 0), log(q(1, 0))), ZERO, 'p', rb.models, { T0: 2 }).status).toBe('proved');
  });
  it('a p-term hidden in one summand of a symbolic sum is found (at the first T where the range reaches it)', () => {
    const onlyQ = sum('t', 1, 'T', E(qOver('t'), log(q('t', 't-1'))));
    const lastHasP = sum('t', 1, 'T', E(qOver('t-1', 't'), sub(log(q('t', 't-1')), scale(0, log(p('t-1', 't'))))));
    expect(decideDifferenceFreeOf(onlyQ, ZERO, 'p', rb.models, { T0: 1 }).status).toBe('proved');
    expect(decideDifferenceFreeOf(lastHasP, ZERO, 'p', rb.models, { T0: 1 }).status).toBe('proved'); // 0 · log p is no dependence
    const withTop = add(onlyQ, E(qOver('T'), log(p('T'))));
    const v = decideDifferenceFreeOf(withTop, onlyQ, 'p', rb.models, { T0: 1 });
    expect(v.status).toBe('refuted');
    if (v.status === 'refuted') expect(v.at.T).toBe(1);
  });
  it('a model that does not exist is undecided, not free', () => {
    expect(decideDifferenceFreeOf(log(q(1, 0)), ZERO, 'r', rb.models, { T0: 1 }).status).toBe('undecided');
  });
});

/** Seeded standard normals (mulberry32 + Box–Muller): the suite is deterministic. */
function normals(seed: number): () => number {
  let a = seed >>> 0;
  const u = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

/**
 * Sample variances of ∂_k and ∂_c of C_{t−1} and D_t at one step t ≥ 2, written independently of the
 * derivation (float64): x_{t−1} ~ N(√ᾱ_{t−1} x_0, 1 − ᾱ_{t−1}), x_t | x_{t−1} ~ N(√α x_{t−1}, 1 − α).
 */
function sampleGradVariances(th: { a: number; ap: number; k: number; c: number; s: number; x0: number }, n: number, seed: number) {
  const z = normals(seed);
  const ab = th.a * th.ap;
  const sig2 = ((1 - th.a) * (1 - th.ap)) / (1 - ab);
  const mom = () => ({ s1: 0, s2: 0 });
  const acc = { kC: mom(), kD: mom(), cC: mom(), cD: mom(), sC: mom(), sD: mom(), d2: mom() };
  for (let i = 0; i < n; i++) {
    const xp = Math.sqrt(th.ap) * th.x0 + Math.sqrt(1 - th.ap) * z();
    const xt = Math.sqrt(th.a) * xp + Math.sqrt(1 - th.a) * z();
    const muQ = (Math.sqrt(th.a) * (1 - th.ap) * xt + Math.sqrt(th.ap) * (1 - th.a) * th.x0) / (1 - ab);
    const m = th.k * xt + th.c;
    const vals = {
      kC: ((xp - m) * xt) / th.s, kD: ((muQ - m) * xt) / th.s, cC: (xp - m) / th.s, cD: (muQ - m) / th.s,
      sC: -1 / (2 * th.s) + (xp - m) ** 2 / (2 * th.s ** 2), sD: -1 / (2 * th.s) + ((muQ - m) ** 2 + sig2) / (2 * th.s ** 2),
      d2: (muQ - m) ** 2,
    };
    for (const key of Object.keys(acc) as Array<keyof typeof acc>) {
      acc[key].s1 += vals[key];
      acc[key].s2 += vals[key] ** 2;
    }
  }
  const v = (m: { s1: number; s2: number }) => m.s2 / n - (m.s1 / n) ** 2;
  return { kC: v(acc.kC), kD: v(acc.kD), cC: v(acc.cC), cD: v(acc.cD), sC: v(acc.sC), sD: v(acc.sD), meanD2: acc.d2.s1 / n, sig2, ab };
}

describe('Rao–Blackwell on the testbed: Var ∂_θ D_t ≤ Var ∂_θ C_{t−1} at random θ, by Monte Carlo', () => {
  it('at 12 random θ far outside the box (k ~ N(0, 2.5²), c ~ N(0, 2²), log s ~ N(0, 1.5²), α and ᾱ_{t−1} with mass near 0 and 1) the order holds for k_t, c_t, s_t and the gap is σ_q² E[x_t²]/s², σ_q²/s², (2σ_q⁴ + 4σ_q² E[(μ_q − m)²])/(4s⁴)', () => {
    const u = normals(99);
    const n = 40_000;
    for (let i = 0; i < 12; i++) {
      const r = () => 1 / (1 + Math.exp(-2 * u())); // in (0, 1), mass near both ends
      const th = { a: r(), ap: r(), k: 2.5 * u(), c: 2 * u(), s: Math.exp(1.5 * u()), x0: 1.5 * u() };
      const v = sampleGradVariances(th, n, 1000 + i);
      // the c-gradient: Var ∂_c C − Var ∂_c D = σ_q²/s² exactly; sample error ≲ a few % of Var ∂_c C
      expect(v.cD).toBeLessThanOrEqual(v.cC * 1.02);
      expect(v.cC - v.cD).toBeCloseTo(v.sig2 / th.s ** 2, 0);
      expect(Math.abs(v.cC - v.cD - v.sig2 / th.s ** 2)).toBeLessThan(0.06 * v.cC + 1e-3);
      const ex2 = v.ab * th.x0 ** 2 + 1 - v.ab;
      expect(v.kD).toBeLessThanOrEqual(v.kC * 1.03);
      expect(Math.abs(v.kC - v.kD - (v.sig2 * ex2) / th.s ** 2)).toBeLessThan(0.1 * v.kC + 1e-3);
      // the s-gradient: Var ∂_s C − Var ∂_s D = (2σ_q⁴ + 4σ_q² E[(μ_q − m)²])/(4 s⁴)
      expect(v.sD).toBeLessThanOrEqual(v.sC * 1.03);
      const exS = (2 * v.sig2 ** 2 + 4 * v.sig2 * v.meanD2) / (4 * th.s ** 4);
      expect(Math.abs(v.sC - v.sD - exS)).toBeLessThan(0.15 * v.sC + 1e-3);
    }
  });
});

describe('vdm.estimator-variance: the value-variance order depends on θ (exact counterexamples)', () => {
  for (const [name, l, r, pt] of [
    ['Var g_C ≥ Var g_D (eq. 45)', two.variance(two.gC), two.variance(two.gD), points.c45],
    ['Var g_C\' ≥ Var g_D (eq. 44)', two.variance(two.gC44), two.variance(two.gD), points.c44],
    ['the consistency KLs vary more (T = 3)', three.variance(three.consistencyTerms(three.linear)), three.variance(three.denoisingTerms(three.linear)), points.kl3],
  ] as const) {
    it(`${name} is refuted at its exact point, and the refutation is exact (no free symbol left)`, async () => {
      const L = substitute(l as Node, pt);
      const R = substitute(r as Node, pt);
      // every parameter of the chain is a number at the point (the expectations bind only x_1 … x_T)
      expect([...freeSymbols(L, freeSymbols(R))]).toEqual([]);
      const v = await decideRelation(L, '>=', R, new Map(), { seed: 1 });
      expect(v.verdict).toBe('refuted');
    }, 60_000);
  }

  it('each counterexample point lies in the testbed box the claim is about, with ᾱ_t = ∏ α_s (a point outside would refute nothing)', () => {
    for (const [T, pt] of [[2, points.c45], [2, points.c44], [3, points.kl3]] as const) {
      const box = buildDomain(Object.values(vpChain(T).hypotheses));
      expect(box.size).toBe(4 * T + 1); // α_t, k_t, c_t, s_t for each t, and x_0
      const value = (name: string) => evalFloat(pt.get(name)!, {});
      for (const [name, iv] of box) {
        const v = value(name);
        if (iv.lo) expect(v, name).toBeGreaterThanOrEqual(toNumber(iv.lo));
        if (iv.hi) expect(v, name).toBeLessThanOrEqual(toNumber(iv.hi));
      }
      let abar = 1;
      for (let t = 1; t <= T; t++) expect(value(`abar_${t}`)).toBeCloseTo((abar *= value(`alpha_${t}`)), 15);
    }
  });

  it('the checked derivation: no step compares a variance with 0 (the vacuous step is gone), and every step holds', async () => {
    const r = await cachedChecker()(estimatorVariance);
    expect(r.steps.every((s) => (s.expect === 'refuted' ? s.verdict === 'refuted' : s.verdict === 'proved'))).toBe(true);
    const againstZero = r.steps.filter((s) => (s.lhs === '0' && s.relation === '<=') || (s.rhs === '0' && s.relation === '>='));
    expect(againstZero).toEqual([]);
  }, 120_000);
});
