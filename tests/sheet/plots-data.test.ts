// The data behind the plots, checked by laws independent of how it is coded:
// the weightings against the schedules they come from, the timestep densities
// against their samplers (Kolmogorov–Smirnov on fixed Philox draws) and
// against normalization, and the VDM variance curves against the derivation's
// exact values.
import { describe, expect, it } from 'vitest';
import { EDM, WEIGHTINGS } from '../../src/sheet/plot-weightings.js';
import {
  cosMapDensity, cosMapMap, histogram, logitNormalDensity, modeDensity, modeInverse, modeMap, sample, MODE_S, type Sampler,
} from '../../src/sheet/plot-timesteps.js';
import { estimatorVariances, SWEEP } from '../../src/sheet/plot-vdm.js';

const w = (id: string) => WEIGHTINGS.find((x) => x.id === id)!.w;

/** Composite Simpson on [a, b] with n (even) intervals. */
function simpson(f: (x: number) => number, a: number, b: number, n = 4000): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

describe('weightings w(λ)', () => {
  it('cosine ε-MSE weighting is 2|dt/dλ| of the cosine schedule λ(t) = −2 log tan(πt/2) (finite differences)', () => {
    const tOf = (l: number) => (2 / Math.PI) * Math.atan(Math.exp(-l / 2));
    for (const l of [-12, -5, -1, -1e-3, 0, 0.5, 3, 9]) {
      const h = 1e-5;
      const dt = (tOf(l + h) - tOf(l - h)) / (2 * h);
      expect(w('cosine-eps')(l)).toBeCloseTo(2 * Math.abs(dt), 8);
    }
  });

  it('rectified flow: 2|dt/dλ| times the v-loss factor 1/(1 − t)² in ε-space, for x_t = (1 − t)x + tε (λ = 2 log((1 − t)/t))', () => {
    const tOf = (l: number) => 1 / (1 + Math.exp(l / 2));
    for (const l of [-9, -3, -0.2, 0, 1, 4, 8]) {
      const h = 1e-5;
      const dt = (tOf(l + h) - tOf(l - h)) / (2 * h);
      expect(w('rectified-flow')(l)).toBeCloseTo((2 * Math.abs(dt)) / (1 - tOf(l)) ** 2, 7);
    }
  });

  it('cosine v-MSE weighting is (1 + e^{−λ}) times the ε-MSE one (‖v − v̂‖² = (1 + e^{−λ})‖ε − ε̂‖²)', () => {
    for (const l of [-10, -2, 0, 0.3, 4, 10]) expect(w('cosine-v')(l) / w('cosine-eps')(l)).toBeCloseTo(1 + Math.exp(-l), 10);
  });

  it('EDM weighting divided by its loss factor (e^{−λ} + σ_d²)/σ_d² integrates to 2 (twice a density of λ)', () => {
    const f = (l: number) => w('edm')(l) / ((Math.exp(-l) + EDM.sigmaData ** 2) / EDM.sigmaData ** 2);
    expect(simpson(f, EDM.mean - 12 * EDM.sd, EDM.mean + 12 * EDM.sd)).toBeCloseTo(2, 8);
  });

  it('rectified flow and cosine v-MSE have the same shape e^{−λ/2} (ratio π/2 everywhere), and every weighting is positive and finite on [−20, 20]', () => {
    for (let l = -20; l <= 20; l += 0.5) {
      expect(w('rectified-flow')(l) / w('cosine-v')(l)).toBeCloseTo(Math.PI / 2, 12);
      for (const x of WEIGHTINGS) expect(x.w(l) > 0 && Number.isFinite(x.w(l))).toBe(true);
    }
  });
});

/** P(T ≤ t) of each sampler, from its map: the inverse map of the uniform. */
const CDF: Record<Sampler, (t: number) => number> = {
  // t = sigmoid(z) ⇒ P(T ≤ t) = Φ(logit t); Φ by erfc from a series-free identity is not in Math, so by quadrature of the density
  'logit-normal': (t) => simpson(logitNormalDensity, 1e-12, t, 2000),
  // f decreases: P(f(U) ≤ t) = P(U ≥ f⁻¹(t)) = 1 − f⁻¹(t)
  mode: (t) => 1 - modeInverse(t),
  // tan(πu/2) = t/(1 − t)
  cosmap: (t) => (2 / Math.PI) * Math.atan(t / (1 - t)),
};
const DENSITY: Record<Sampler, (t: number) => number> = { 'logit-normal': (t) => logitNormalDensity(t), mode: (t) => modeDensity(t), cosmap: cosMapDensity };

describe('timestep densities and their samplers', () => {
  for (const s of ['logit-normal', 'mode', 'cosmap'] as const) {
    it(`${s}: the density integrates to 1 over (0, 1)`, () => {
      expect(simpson(DENSITY[s], 1e-9, 1 - 1e-9, 20_000)).toBeCloseTo(1, 5);
    });

    it(`${s}: 20 000 Philox draws pass Kolmogorov–Smirnov against the CDF (D < 1.63/√n, the 1% level)`, () => {
      const n = 20_000;
      const xs = Array.from(sample(s, n, 7)).sort((a, b) => a - b);
      let d = 0;
      for (let i = 0; i < n; i += 50) {
        const F = CDF[s](xs[i]);
        d = Math.max(d, Math.abs(F - i / n), Math.abs(F - (i + 1) / n));
      }
      expect(d).toBeLessThan(1.63 / Math.sqrt(n));
      for (const x of xs) expect(x > 0 && x < 1).toBe(true);
    });
  }

  it('the density is the derivative of the CDF (finite differences at interior and near-end points)', () => {
    for (const s of ['mode', 'cosmap'] as const) {
      for (const t of [1e-3, 0.1, 0.37, 0.5, 0.9, 0.999]) {
        const h = 1e-6;
        expect(DENSITY[s](t)).toBeCloseTo((CDF[s](t + h) - CDF[s](t - h)) / (2 * h), 4);
      }
    }
  });

  it('mode: f(0) = 1, f(1) = 0, f⁻¹ inverts f; s outside [−1, 2/(π − 2)] is refused (f not monotone)', () => {
    expect(modeMap(0)).toBe(1);
    expect(modeMap(1)).toBeCloseTo(0, 15);
    for (const u of [1e-9, 0.2, 0.5, 0.77, 1 - 1e-9]) expect(modeInverse(modeMap(u))).toBeCloseTo(u, 12);
    expect(() => modeDensity(0.5, 1.76)).toThrow(RangeError);
    expect(() => modeDensity(0.5, -1.01)).toThrow(RangeError);
    expect(modeDensity(0.5, MODE_S)).toBeGreaterThan(3); // the mode is at t = 1/2
  });

  it('cosmap maps u = 1/2 to t = 1/2 and is increasing', () => {
    expect(cosMapMap(0.5)).toBeCloseTo(0.5, 15);
    for (let u = 0.01; u < 1; u += 0.01) expect(cosMapMap(u + 0.005)).toBeGreaterThan(cosMapMap(u));
  });

  it('a fixed seed gives the same draws; another seed other draws', () => {
    expect(Array.from(sample('logit-normal', 100, 3))).toEqual(Array.from(sample('logit-normal', 100, 3)));
    expect(Array.from(sample('logit-normal', 100, 3))).not.toEqual(Array.from(sample('logit-normal', 100, 4)));
  });

  it('histogram densities integrate to 1 and put values 0 and 1 into the end bins', () => {
    const h = histogram(new Float64Array([0, 0.5, 1, 0.999999, 0.25]), 4);
    expect(h.map((b) => b.density)).toEqual([0.8, 0.8, 0.8, 1.6]);
    expect(h.reduce((a, b) => a + b.density * (b.hi - b.lo), 0)).toBeCloseTo(1, 15);
  });
});

describe('VDM estimator variances (closed form, T = 2)', () => {
  const curves = estimatorVariances(41);
  const at = (id: string, x: number) => curves.find((c) => c.id === id)!.points.find((p) => Math.abs(p.x - x) < 1e-12)!.variance;

  it("at the derivation's counterexample (k_1 = 1): Var g_C' = 1/128 and Var g_D = 55/98, as the derivation proves", () => {
    expect(SWEEP.name).toBe('k_1');
    expect(at('eq44', 1)).toBeCloseTo(1 / 128, 12);
    expect(at('eq58', 1)).toBeCloseTo(55 / 98, 12);
  });

  it('every variance is finite and ≥ 0 along the sweep, and the order of eq. 44 and eq. 58 changes along it (it depends on θ)', () => {
    for (const c of curves) for (const p of c.points) expect(Number.isFinite(p.variance) && p.variance >= -1e-12).toBe(true);
    const diff = curves[1].points.map((p, i) => p.variance - curves[2].points[i].variance);
    expect(diff.some((d) => d < 0)).toBe(true);
    expect(diff.some((d) => d > 0)).toBe(true);
    expect(curves[0].points[0].x).toBe(SWEEP.lo);
    expect(curves[0].points.at(-1)!.x).toBe(SWEEP.hi);
  });
});
