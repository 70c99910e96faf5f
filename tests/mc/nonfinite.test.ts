// Non-finite integrand values are counted and left out of the mean and the
// variance, the same way on both backends.
import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/mc/index.js';
import { div, draw, log, normal, sqrt, sym } from '../../src/expr/build.js';
import { BACKENDS } from './webgpu-gate.js';

const x = sym('x');
const N = 400_000;

describe('non-finite samples are counted, not averaged', () => {
  for (const backend of BACKENDS) {
    it(`${backend}: x ~ N(0, 1): log(x) is NaN for about half the samples, and the finite half has mean E[log|x|] = −(γ + ln 2)/2`, async () => {
      const r = await estimate(log(x), [draw('x', normal(0, 1))], {}, { samples: N, seed: 31, backend });
      expect(r.samples).toBe(N);
      expect(r.nonFinite).toBeGreaterThan(0);
      // Binomial(N, 1/2): within 5 standard deviations of N/2.
      expect(Math.abs(r.nonFinite - N / 2)).toBeLessThan(5 * Math.sqrt(N / 4));
      expect(Number.isFinite(r.mean)).toBe(true);
      const exact = -(0.5772156649015329 + Math.LN2) / 2;
      expect(Math.abs(r.mean - exact)).toBeLessThan(5 * r.stderr);
      // The standard error counts only the finite samples.
      expect(r.stderr).toBeCloseTo(Math.sqrt(r.variance / (N - r.nonFinite)), 12);
    });

    it(`${backend}: sqrt(x) of a negative draw is NaN; 1/x stays finite (no draw is exactly 0)`, async () => {
      const a = await estimate(sqrt(x), [draw('x', normal(0, 1))], {}, { samples: 100_000, seed: 32, backend });
      expect(Math.abs(a.nonFinite - 50_000)).toBeLessThan(5 * Math.sqrt(25_000));
      const b = await estimate(div(1, x), [draw('x', normal(0, 1))], {}, { samples: 100_000, seed: 32, backend });
      expect(b.nonFinite).toBe(0);
    });

    it(`${backend}: an integrand that is never finite gives NaN mean and stderr, all samples non-finite`, async () => {
      const r = await estimate(log(sym('a')), [draw('x', normal(0, 1))], { a: -1 }, { samples: 1000, seed: 1, backend });
      expect(r.nonFinite).toBe(1000);
      expect(r.mean).toBeNaN();
      expect(r.stderr).toBeNaN();
    });
  }
});
