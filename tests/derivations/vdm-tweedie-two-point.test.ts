// Law: Tweedie's formula E[x_0 | x_t] = (x_t + (1 − ᾱ_t) ∇ log p(x_t))/√ᾱ_t holds for non-Gaussian
// data (two-point x_0 = ±1, where E[x_0 | x_t] = tanh(√ᾱ_t x_t/(1 − ᾱ_t))), with the MARGINAL score;
// the conditional score ∇ log q(x_t | x_0) in its place (Luo eq. 151) gives x_0 itself.
// The float64 quantities here are written independently of the derivation.
import { afterAll, describe, expect, it } from 'vitest';
import { decide, evalFloat } from '../../src/algebra/index.js';
import { add, div, mul, sqrt, sub } from '../../src/expr/build.js';
import { sym } from '../../src/expr/build.js';
import { buildDomain } from '../../src/expr/params.js';
import { shutdownGpu } from '../../src/mc/index.js';
import scoreTweedie, { twoPoint, twoPointScore } from '../../derivations/vdm/score-tweedie.js';
import { cachedChecker } from './helpers.js';

afterAll(async () => {
  await shutdownGpu();
});

/** log p(x_t) of the two-point mixture, in a stable form (log-sum-exp). */
function logMixture(x: number, abar: number): number {
  const a = Math.sqrt(abar);
  const v = 1 - abar;
  const l1 = -((x - a) ** 2) / (2 * v);
  const l2 = -((x + a) ** 2) / (2 * v);
  const m = Math.max(l1, l2);
  return Math.log(0.5) - 0.5 * Math.log(2 * Math.PI * v) + m + Math.log(Math.exp(l1 - m) + Math.exp(l2 - m));
}
/** E[x_0 | x_t] by Bayes, P(+1 | x_t) − P(−1 | x_t), stable. */
function posteriorMeanByBayes(x: number, abar: number): number {
  const a = Math.sqrt(abar);
  const v = 1 - abar;
  const d = (-((x - a) ** 2) + (x + a) ** 2) / (2 * v); // log N(+) − log N(−) = 2 a x / v
  return d >= 0 ? (1 - Math.exp(-d)) / (1 + Math.exp(-d)) : (Math.exp(d) - 1) / (Math.exp(d) + 1);
}

describe('Tweedie on two-point data, pointwise (float64, independent of the derivation)', () => {
  it('Bayes, Tweedie with a finite-difference score, and tanh agree over ᾱ ∈ [0.01, 0.99], x_t ∈ [−3, 3]', () => {
    for (const abar of [0.01, 0.1, 0.5, 0.9, 0.99]) {
      for (let x = -3; x <= 3; x += 0.25) {
        const h = 1e-5;
        const score = (logMixture(x + h, abar) - logMixture(x - h, abar)) / (2 * h);
        const tweedie = (x + (1 - abar) * score) / Math.sqrt(abar);
        const tanh = Math.tanh((Math.sqrt(abar) * x) / (1 - abar));
        expect(posteriorMeanByBayes(x, abar)).toBeCloseTo(tanh, 12);
        expect(tweedie).toBeCloseTo(tanh, 5);
      }
    }
  });

  it('the derivation\'s mixture log-density and its symbolic score match the independent ones', () => {
    for (const [abar, x] of [[0.3, -1.2], [0.7, 0.4], [0.95, 2], [0.05, -0.1]] as const) {
      const at = { abar_t: abar, x_t: x };
      expect(evalFloat(twoPoint.logMarginal, at)).toBeCloseTo(logMixture(x, abar), 12);
      const h = 1e-5;
      const fd = (logMixture(x + h, abar) - logMixture(x - h, abar)) / (2 * h);
      expect(evalFloat(twoPointScore, at)).toBeCloseTo(fd, 6);
      expect(evalFloat(twoPoint.posteriorMean, at)).toBeCloseTo(posteriorMeanByBayes(x, abar), 12);
    }
  });

  it('far in the tails (x_t = ±40, ᾱ = 0.9) the posterior mean saturates at ±1 and Tweedie still holds', () => {
    for (const x of [-40, 40]) {
      expect(posteriorMeanByBayes(x, 0.9)).toBe(Math.sign(x));
      const h = 1e-4;
      const score = (logMixture(x + h, 0.9) - logMixture(x - h, 0.9)) / (2 * h);
      expect((x + 0.1 * score) / Math.sqrt(0.9)).toBeCloseTo(Math.sign(x), 6);
    }
  });
});

/** Seeded standard normals and signs (mulberry32). */
function rng(seed: number) {
  let s = seed >>> 0;
  const u = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { u, z: () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u()) };
}

describe('Tweedie on two-point data, by Monte Carlo under the joint law (seeded)', () => {
  it('E[(x_0 − tanh(√ᾱ x_t/(1 − ᾱ))) h(x_t)] ≈ 0 for h = 1, x_t, x_t³, sin(3 x_t); the residual of the conditional-score estimate is exactly 0 only because it is x_0', () => {
    const { u, z } = rng(5);
    const n = 200_000;
    for (const abar of [0.2, 0.6, 0.9]) {
      const a = Math.sqrt(abar);
      const v = 1 - abar;
      const hs = [(_: number) => 1, (x: number) => x, (x: number) => x ** 3, (x: number) => Math.sin(3 * x)];
      const sums = hs.map(() => ({ s: 0, s2: 0 }));
      let mseTanh = 0;
      let worstCond = 0;
      for (let i = 0; i < n; i++) {
        const x0 = u() < 0.5 ? -1 : 1;
        const xt = a * x0 + Math.sqrt(v) * z();
        const r = x0 - Math.tanh((a * xt) / v);
        hs.forEach((h, j) => {
          const y = r * h(xt);
          sums[j]!.s += y;
          sums[j]!.s2 += y * y;
        });
        mseTanh += r * r;
        // the conditional score's "estimate" (x_t + v ∇ log q(x_t | x_0))/√ᾱ is x_0 itself
        const condScore = -(xt - a * x0) / v;
        worstCond = Math.max(worstCond, Math.abs((xt + v * condScore) / a - x0));
      }
      expect(worstCond).toBeLessThan(1e-9);
      for (const { s, s2 } of sums) {
        const mean = s / n;
        const se = Math.sqrt((s2 / n - mean * mean) / n);
        // 6 standard errors; the floor covers the rare-event regime where the residual is almost always ~0
        expect(Math.abs(mean)).toBeLessThan(6 * se + 1e-7);
      }
      // …and the Bayes estimate is not x_0: its mean squared error is positive (x_0 is not a function of x_t)
      expect(mseTanh / n).toBeGreaterThan(0.001);
    }
  });
});

describe('vdm.score-tweedie: the two-point steps and the eq.-151 refutations', () => {
  it('Tweedie with σ where σ² belongs ((x_t + √(1 − ᾱ) ∇ log p)/√ᾱ) is refuted by the algebra', () => {
    const abar = sym('abar_t');
    const x = sym('x_t');
    const wrongScale = div(add(x, mul(sqrt(sub(1, abar)), twoPointScore)), sqrt(abar));
    const domain = buildDomain(['abar_t in (0,1)', 'x_t in [-2, 2]']);
    expect(decide(wrongScale, '=', twoPoint.posteriorMean, domain).verdict).toBe('refuted');
    expect(decide(div(add(x, mul(sub(1, abar), twoPointScore)), sqrt(abar)), '=', twoPoint.posteriorMean, domain).verdict).toBe('proved');
  });

  it('the checked derivation: the algebra proved, Monte Carlo verified, eq. 151 and its Tweedie refuted', async () => {
    const r = await cachedChecker()(scoreTweedie);
    const tail = r.steps.slice(-8).map((s) => `${s.verdict}${s.expect ? '*' : ''}`);
    expect(tail).toEqual(['proved', 'proved', 'proved', 'verified', 'proved', 'verified', 'refuted*', 'refuted*']);
    expect(r.steps.slice(-2).map((s) => s.note)).toEqual([expect.stringMatching(/eq\. 151/), expect.stringMatching(/eq\. 151/)]);
  }, 120_000);
});
