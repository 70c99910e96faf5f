// edm.preconditioning and weights.min-variance: the optimality statements
// recomputed in float64 (a grid search for the minimizer, the Gaussian
// conditional variance by simulation-free formulas) independently of the
// checker, and the expected refutations refuted for the stated reason.
import { afterAll, describe, expect, it } from 'vitest';
import { shutdownGpu } from '../../src/mc/index.js';
import { cachedChecker, coordinate as num } from './helpers.js';
import edm from '../../derivations/edm/preconditioning.js';
import minVariance from '../../derivations/weights/min-variance.js';

afterAll(async () => {
  await shutdownGpu();
});
const check = cachedChecker();

describe('edm.preconditioning', () => {
  const sd = 0.5;
  it('c_skip = σ_d²/(σ² + σ_d²) minimizes (1 − c)² σ_d² + c² σ² with minimum c_out² = σ²σ_d²/(σ² + σ_d²) (grid search)', () => {
    for (const sigma of [0.002, 0.1, 0.5, 1, 10, 80]) {
      const q = (c: number) => (1 - c) ** 2 * sd ** 2 + c ** 2 * sigma ** 2;
      let best = 0;
      for (let i = 0; i <= 100_000; i++) if (q(i / 100_000) < q(best)) best = i / 100_000;
      const cSkip = sd ** 2 / (sigma ** 2 + sd ** 2);
      expect(Math.abs(best - cSkip)).toBeLessThanOrEqual(1e-5);
      expect(q(cSkip)).toBeCloseTo((sigma ** 2 * sd ** 2) / (sigma ** 2 + sd ** 2), 14);
      // λ(σ) c_out² = 1
      const cOut2 = q(cSkip);
      expect(((sigma ** 2 + sd ** 2) / (sigma * sd) ** 2) * cOut2).toBeCloseTo(1, 12);
    }
  });

  it('the checker: unit variances proved (closed forms, Monte Carlo evidence), the swapped c_skip refuted', async () => {
    const r = await check(edm);
    for (const s of r.steps) expect(s.verdict, `step ${s.index}`).toBe(s.expect === 'refuted' ? 'refuted' : 'proved');
    const expectations = r.steps.filter((s) => s.text.includes('E_'));
    expect(expectations.length).toBeGreaterThanOrEqual(3);
    for (const s of expectations.filter((x) => !x.expect)) expect(s.evidence.map((e) => e.method)).toContain('monte-carlo');
  });
});

describe('weights.min-variance', () => {
  // Gaussian data x_0 ~ N(0, v), z_t = (1 − t) x_0 + t ε: Var(ε | z_t) = 1 − t²/((1 − t)² v + t²).
  const floorEps = (t: number, v: number) => 1 - t ** 2 / ((1 - t) ** 2 * v + t ** 2);
  const snr = (t: number) => (1 - t) ** 2 / t ** 2;
  it('(1 + v SNR)/(v SNR) × floor = 1 at every t; 1/SNR × floor and t/(1 − t) × floor vary with t (float64)', () => {
    for (const v of [0.25, 1, 4]) {
      const eq = [0.01, 0.2, 0.5, 0.8, 0.99].map((t) => ((1 + v * snr(t)) / (v * snr(t))) * floorEps(t, v));
      for (const x of eq) expect(x).toBeCloseTo(1, 10);
      // several t, not a pair: SD3's weighted floor √v · √(v SNR)/(1 + v SNR) takes equal values at pairs
      // with (v SNR)(v SNR′) = 1, so two points can agree by accident
      const spread = (w: (t: number) => number) => {
        const ys = [0.1, 0.2, 0.5, 0.7].map((t) => w(t) * floorEps(t, v));
        return Math.max(...ys) - Math.min(...ys);
      };
      expect(spread((t) => 1 / snr(t))).toBeGreaterThan(0.05);
      expect(spread((t) => t / (1 - t))).toBeGreaterThan(0.05);
    }
  });

  it('the checker: the floor (closed form, Monte Carlo evidence) and the equalizing weight proved, 1/SNR and t/(1 − t) refuted', async () => {
    const r = await check(minVariance);
    for (const s of r.steps) expect(s.verdict, `step ${s.index}`).toBe(s.expect === 'refuted' ? 'refuted' : 'proved');
    expect(r.steps[0].evidence.map((e) => e.method)).toContain('monte-carlo');
    const refuted = r.steps.filter((s) => s.expect === 'refuted');
    expect(refuted).toHaveLength(2);
    // at each counterexample the weighted floor's t-derivative is not 0: check it in float64
    for (const s of refuted) {
      const t = num(s.counterexample!.params.t);
      const v = num(s.counterexample!.params.v);
      const w = s.note!.includes('1/SNR') ? (x: number) => 1 / snr(x) : (x: number) => x / (1 - x);
      const h = 1e-6;
      const d = (w(t + h) * floorEps(t + h, v) - w(t - h) * floorEps(t - h, v)) / (2 * h);
      expect(Math.abs(d)).toBeGreaterThan(1e-6);
    }
  });
});
