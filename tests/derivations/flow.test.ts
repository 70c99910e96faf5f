// flow.rectified, flow.resolution-shift, flow.samplers: the laws recomputed in
// float64 (quadrature, property tests) independently of the checker, and the
// expected refutations refuted for the stated reason.
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { shutdownGpu } from '../../src/mc/index.js';
import { cachedChecker, coordinate as num } from './helpers.js';
import rectified from '../../derivations/flow/rectified.js';
import shift from '../../derivations/flow/resolution-shift.js';
import samplers from '../../derivations/flow/samplers.js';

afterAll(async () => {
  await shutdownGpu();
});
const check = cachedChecker();
/** ∫₀¹ f by the midpoint rule on n cells (the integrands here are smooth and vanish or stay bounded at the ends). */
const integrate = (f: (t: number) => number, n = 200_000) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += f((i + 0.5) / n);
  return s / n;
};
const logit = (t: number) => Math.log(t / (1 - t));
const phi = (u: number) => Math.exp(-(u * u) / 2) / Math.sqrt(2 * Math.PI);

describe('flow.rectified', () => {
  it("SD3's weight t/(1 − t) equals e^{−λ/2} = SNR^{−1/2}, and 1/SNR only at t = 1/2 (float64)", () => {
    for (const t of [1e-6, 0.01, 0.3, 0.5, 0.7, 0.99, 1 - 1e-6]) {
      const lambda = 2 * Math.log((1 - t) / t);
      const w = t / (1 - t);
      expect(Math.abs(w - Math.exp(-lambda / 2)) / w).toBeLessThan(1e-9);
      const inv = 1 / Math.exp(lambda);
      if (t !== 0.5) expect(Math.abs(w - inv) / w).toBeGreaterThan(1e-3);
      else expect(w).toBeCloseTo(inv, 12);
    }
  });

  it('the 1/SNR reading is refuted at a t ≠ 1/2, the t = 0 noise reading at x_0 ≠ ε; every held step proved', async () => {
    const r = await check(rectified);
    for (const s of r.steps) expect(s.verdict, `step ${s.index}`).toBe(s.expect === 'refuted' ? 'refuted' : 'proved');
    const inv = r.steps.find((s) => s.note?.includes('1/SNR'));
    expect(num(inv!.counterexample!.params.t)).not.toBe(0.5);
    const conv = r.steps.find((s) => s.note?.includes('time convention'));
    const p = conv!.counterexample!.params;
    expect(num(p.x_0)).not.toBe(num(p.eps));
  });
});

describe('flow.resolution-shift', () => {
  const sh = (a: number, t: number) => (a * t) / (1 + (a - 1) * t);
  const lam = (t: number) => 2 * Math.log((1 - t) / t);
  it('λ(shift_a(t)) = λ(t) − 2 log a, shift_c ∘ shift_a = shift_ac, shift_{1/a} inverts (float64, random points)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1 - 1e-3, noNaN: true }), fc.double({ min: 0.05, max: 20, noNaN: true }), fc.double({ min: 0.05, max: 20, noNaN: true }), (t, a, c) => {
        expect(lam(sh(a, t))).toBeCloseTo(lam(t) - 2 * Math.log(a), 8);
        expect(sh(c, sh(a, t))).toBeCloseTo(sh(a * c, t), 10);
        expect(sh(1 / a, sh(a, t))).toBeCloseTo(t, 10);
        expect(sh(a, t)).toBeGreaterThan(0);
        expect(sh(a, t)).toBeLessThan(1);
      }),
      { seed: 13, numRuns: 300 },
    );
  });
  it('every step is proved', async () => {
    const r = await check(shift);
    expect(r.steps.map((s) => s.verdict)).toEqual(r.steps.map(() => 'proved'));
  });
});

describe('flow.samplers', () => {
  const pi = Math.PI;
  it('by quadrature: the logit-normal (m = 0, s = 1) and CosMap densities integrate to 1, mutant 7 to E[σ(u)(1 − σ(u))] ≈ 0.2066', () => {
    expect(integrate((t) => phi(logit(t)) / (t * (1 - t)))).toBeCloseTo(1, 5);
    expect(integrate((t) => 2 / (pi - 2 * pi * t + 2 * pi * t * t))).toBeCloseTo(1, 8);
    const m7 = integrate((t) => phi(logit(t)));
    expect(m7).toBeCloseTo(0.2066, 3);
  });

  it('the logit-normal (m = 0) peaks at t = 1/2 for s < √2 and has a local minimum there for s > √2 (float64)', () => {
    const dens = (t: number, s: number) => Math.exp(-(logit(t) ** 2) / (2 * s * s)) / (s * Math.sqrt(2 * pi) * t * (1 - t));
    for (const s of [0.5, 1, 1.4]) expect(dens(0.5, s)).toBeGreaterThan(Math.max(dens(0.49, s), dens(0.51, s)));
    for (const s of [1.5, 2, 3]) expect(dens(0.5, s)).toBeLessThan(Math.min(dens(0.49, s), dens(0.51, s)));
  });

  it('mode: f′(u) = −1 − s + (π/2) s sin(πu) ≤ 0 on [0, 1] exactly for −1 ≤ s ≤ 2/(π − 2) (scan in float64)', () => {
    const maxSlope = (s: number) => {
      let m = -Infinity;
      for (let i = 0; i <= 2000; i++) m = Math.max(m, -1 - s + (pi / 2) * s * Math.sin((pi * i) / 2000));
      return m;
    };
    const upper = 2 / (pi - 2);
    for (const s of [-1, -0.5, 0, 1, 1.5, upper]) expect(maxSlope(s)).toBeLessThanOrEqual(1e-12);
    for (const s of [-1 - 1e-6, -2, upper + 1e-6, 3]) expect(maxSlope(s)).toBeGreaterThan(0);
    // and f maps [0, 1] onto [0, 1] decreasingly: f(0) = 1, f(1) = 0
    const f = (u: number, s: number) => 1 - u - s * (Math.cos((pi * u) / 2) ** 2 - 1 + u);
    for (const s of [-1, 0.8, upper]) {
      expect(f(0, s)).toBeCloseTo(1, 14);
      expect(f(1, s)).toBeCloseTo(0, 14);
    }
  });

  it('the checker: the densities integrate to 1 and match their samplers (Monte Carlo), mutant 7 and the mode ends beyond [−1, 2/(π − 2)] refuted', async () => {
    const r = await check(samplers);
    for (const s of r.steps) expect(s.ok, `step ${s.index}: ${s.verdict}`).toBe(true);
    const mc = r.steps.filter((s) => s.evidence.some((e) => e.method === 'monte-carlo'));
    expect(mc.length).toBeGreaterThanOrEqual(4);
    const m7 = r.steps.find((s) => s.note?.startsWith('mutant 7'));
    expect(m7?.verdict).toBe('refuted');
    expect(r.steps.filter((s) => s.expect === 'refuted').map((s) => s.verdict)).toEqual(['refuted', 'refuted', 'refuted', 'refuted']);
    // "always peaks at 1/2" is refuted where the curvature 8 − 16/s² is positive: s > √2
    const peak = r.steps.find((s) => s.note?.includes('local minimum'));
    expect(num(peak!.counterexample!.params.s_ln)).toBeGreaterThan(Math.SQRT2);
  });
});
