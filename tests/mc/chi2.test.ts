// χ² goodness-of-fit of the raw draws: Gaussians (both Box–Muller outputs)
// against N(0, 1), uniforms against U(0, 1), with equiprobable bins. Fixed
// seeds; the critical value is the 0.999 quantile, so a correct generator
// fails one seed in a thousand and these seeds pass — a biased one (a wrong
// radius, a lost factor 2 in the angle, a clamped tail) fails by far.
import { describe, expect, it } from 'vitest';
import { sampleValues } from '../../src/mc/index.js';
import { draw, normal, sym, uniform } from '../../src/expr/build.js';
import { BACKENDS } from './webgpu-gate.js';
import { phi } from '../../scripts/normal-stats.js';

/** Upper 0.999 quantile of χ²(k) by Wilson–Hilferty (accurate to ~0.5% for k ≥ 10). */
function chi2Critical(k: number): number {
  const z = 3.090232; // Φ⁻¹(0.999)
  const a = 2 / (9 * k);
  return k * (1 - a + z * Math.sqrt(a)) ** 3;
}

function chi2(values: Iterable<number>, cdf: (x: number) => number, bins: number): { stat: number; n: number } {
  const counts = new Array<number>(bins).fill(0);
  let n = 0;
  for (const v of values) {
    const b = Math.min(bins - 1, Math.floor(cdf(v) * bins));
    counts[b]++;
    n++;
  }
  const e = n / bins;
  return { stat: counts.reduce((s, c) => s + (c - e) ** 2 / e, 0), n };
}

const BINS = 50;
const N = 200_000;

describe('χ² histogram tests of the draws (50 equiprobable bins, 200 000 draws)', () => {
  it('the statistic rejects a biased generator (a Gaussian with variance 1.02)', () => {
    let s = 1;
    const lcg = (): number => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32;
    const biased = Array.from({ length: N }, () => Math.sqrt(1.02) * Math.sqrt(-2 * Math.log(lcg())) * Math.cos(2 * Math.PI * lcg()));
    expect(chi2(biased, phi, BINS).stat).toBeGreaterThan(chi2Critical(BINS - 1));
  });

  for (const backend of BACKENDS) {
    it(`${backend}: x ~ N(0, 1), even samples (cosines) and odd samples (sines) separately`, async () => {
      const x = await sampleValues(sym('x'), [draw('x', normal(0, 1))], {}, { first: 0, count: 2 * N, seed: 2024, backend });
      const even = x.filter((_, i) => i % 2 === 0);
      const odd = x.filter((_, i) => i % 2 === 1);
      for (const half of [even, odd]) {
        const { stat, n } = chi2(half, phi, BINS);
        expect(n).toBe(N);
        expect(stat).toBeLessThan(chi2Critical(BINS - 1));
      }
      // The two outputs of a Box–Muller pair are independent: E[z_a z_b] = 0 within 5 SE.
      let sum = 0;
      for (let i = 0; i < N; i++) sum += even[i] * odd[i];
      expect(Math.abs(sum / N)).toBeLessThan(5 / Math.sqrt(N));
    });

    it(`${backend}: t ~ U(0, 1)`, async () => {
      const t = await sampleValues(sym('t'), [draw('t', uniform(0, 1))], {}, { first: 0, count: N, seed: 99, backend });
      expect(chi2(t, (u) => u, BINS).stat).toBeLessThan(chi2Critical(BINS - 1));
    });

    it(`${backend}: the Gaussian tails are populated (|x| > 4 about 2·3.17e-5 of the time)`, async () => {
      const x = await sampleValues(sym('x'), [draw('x', normal(0, 1))], {}, { first: 0, count: 1_000_000, seed: 5, backend });
      let tail = 0;
      for (const v of x) if (Math.abs(v) > 4) tail++;
      // Expected 63.3, sd ≈ 8: within 5 sd.
      expect(Math.abs(tail - 63.3)).toBeLessThan(40);
    });
  }
});
