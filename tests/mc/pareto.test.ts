// Known answers for the Pareto k̂ estimator (src/mc/pareto.ts): samples whose
// tail shape ξ is known, drawn from a seeded generator of their own (not the
// kernels' normals, which another change may redraw), at the size the
// decisions use (2^16). The standard error of k̂ from M = 768 tail values is
// about (1 + ξ)/√M ≈ 0.04–0.07, so the tolerances are ±0.15 (2–3 se).
import { describe, expect, it } from 'vitest';
import { uniforms } from './uniforms.js';
import { gpdShape, paretoK, PARETO_K_THRESHOLD, tailCount, TAIL_SAMPLES } from '../../src/mc/pareto.js';


const SEEDS = [1, 2, 3, 4, 5];
const n = TAIL_SAMPLES;

function sample(seed: number, f: (u: () => number, normal: () => number) => number): Float64Array {
  const u = uniforms(seed);
  const normal = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  return Float64Array.from({ length: n }, () => f(u, normal));
}

/** Inverse CDF of the GPD with shape ξ and scale 1. */
const gpd = (xi: number) => (u: () => number) => ((1 - u()) ** -xi - 1) / xi;

describe('Pareto k̂ recovers the shape of exact generalized Pareto samples', () => {
  for (const xi of [0.2, 0.5, 0.9]) {
    it.each(SEEDS)(`ξ = ${xi}: k̂ within ±0.15 (seed %i)`, (seed) => {
      expect(Math.abs(paretoK(sample(seed, gpd(xi))) - xi)).toBeLessThan(0.15);
    });
  }

  it.each(SEEDS)('a heavy LOWER tail counts as much as an upper one: −GPD(0.9) has k̂ > 0.7 (seed %i)', (seed) => {
    expect(paretoK(sample(seed, (u) => -gpd(0.9)(u)))).toBeGreaterThan(PARETO_K_THRESHOLD);
  });

  it('gpdShape on exceedances alone: ξ = 0.5 from 768 of them', () => {
    const x = sample(9, gpd(0.5)).slice(0, 768).sort();
    expect(Math.abs(gpdShape(x) - 0.5)).toBeLessThan(0.2);
  });
});

describe('Pareto k̂ of light tails stays far below 0.7', () => {
  it.each(SEEDS)('normal draws: k̂ < 0.3 (seed %i)', (seed) => {
    expect(paretoK(sample(seed, (_, z) => z()))).toBeLessThan(0.3);
  });

  it.each(SEEDS)('z⁴ (E = 3) and exp(z/2) (E = e^⅛): k̂ < 0.5 (seed %i)', (seed) => {
    expect(paretoK(sample(seed, (_, z) => z() ** 4))).toBeLessThan(0.5);
    expect(paretoK(sample(seed, (_, z) => Math.exp(0.5 * z())))).toBeLessThan(0.5);
  });

  it.each(SEEDS)('bounded integrands have negative k̂: uniform, and a 0/1 indicator (a point mass: −∞) (seed %i)', (seed) => {
    expect(paretoK(sample(seed, (u) => u()))).toBeLessThan(0);
    expect(paretoK(sample(seed, (_, z) => (z() > 0 ? 1 : 0)))).toBe(-Infinity);
  });
});

describe('Pareto k̂ of heavy tails exceeds 0.7', () => {
  it.each(SEEDS)('Cauchy (x/y of normals): k̂ ≈ 1 (seed %i)', (seed) => {
    expect(Math.abs(paretoK(sample(seed, (_, z) => z() / z())) - 1)).toBeLessThan(0.2);
  });

  it.each(SEEDS)('1/z (no mean): k̂ ≈ 1 (seed %i)', (seed) => {
    expect(Math.abs(paretoK(sample(seed, (_, z) => 1 / z())) - 1)).toBeLessThan(0.2);
  });

  it.each(SEEDS)('1/z² (infinite mean, tail t^-1/2): k̂ ≈ 2 (seed %i)', (seed) => {
    expect(paretoK(sample(seed, (_, z) => z() ** -2))).toBeGreaterThan(1.5);
  });

  it.each(SEEDS)('exp(50|z|) (a lognormal of σ = 50): k̂ far above 1 (seed %i)', (seed) => {
    expect(paretoK(sample(seed, (_, z) => Math.exp(50 * Math.abs(z()))))).toBeGreaterThan(3);
  });

  it.each(SEEDS)('exp(0.48 z²) (finite mean 5, tail shape 0.96): k̂ > 0.7 (seed %i)', (seed) => {
    expect(paretoK(sample(seed, (_, z) => Math.exp(0.48 * z() ** 2)))).toBeGreaterThan(PARETO_K_THRESHOLD);
  });

  it.each(SEEDS)('|z|^−0.9 (finite mean, infinite variance, tail shape 0.9): k̂ > 0.7 (seed %i)', (seed) => {
    expect(paretoK(sample(seed, (_, z) => Math.abs(z()) ** -0.9))).toBeGreaterThan(PARETO_K_THRESHOLD);
  });
});

describe('edge cases of the estimator', () => {
  it('M = ⌈min(n/5, 3√n)⌉: 768 of 2^16 draws, n/5 for small n', () => {
    expect(tailCount(2 ** 16)).toBe(768);
    expect(tailCount(100)).toBe(20);
  });

  it('non-finite values are left out; fewer than 100 finite values give NaN (never a pass)', () => {
    const x = sample(1, (_, z) => z());
    x[0] = NaN;
    x[1] = Infinity;
    expect(paretoK(x)).toBeLessThan(0.3);
    expect(paretoK(new Float64Array(99).fill(1))).toBeNaN();
  });

  it('a constant sample has no tail: k̂ = −∞', () => {
    expect(paretoK(new Float64Array(1000).fill(3))).toBe(-Infinity);
  });

  it('a sample constant up to rounding (a few ulps of noise) has no tail: k̂ = −∞, not NaN', () => {
    const u = uniforms(4);
    const x = Float64Array.from({ length: n }, () => 0.1 + 0.2 - 0.3 + (u() < 0.5 ? 2 ** -54 : 0) * Math.floor(4 * u()));
    expect(paretoK(x)).toBe(-Infinity);
  });

  it('a lattice tail (an integer-valued integrand with a few values) is no continuous tail: k̂ = −∞', () => {
    const u = uniforms(5);
    expect(paretoK(Float64Array.from({ length: n }, () => Math.floor(6 * u())))).toBe(-Infinity);
  });
});
