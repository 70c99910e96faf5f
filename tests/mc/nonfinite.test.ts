// Non-finite integrand values are counted and left out of the mean and the
// variance, the same way on both backends.
import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/mc/index.js';
import { div, draw, exp, log, normal, sqrt, sym } from '../../src/expr/build.js';
import { BACKENDS, describeWebgpu } from './webgpu-gate.js';

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

describeWebgpu('auto reruns in float64 what only f32 could not represent', () => {
  // exp(x), x ~ N(89, 1): e^x overflows f32 (above e^88.72) for about 36% of
  // the draws and never float64; the exact mean is e^89.5.
  const f = exp(x);
  const random = [draw('x', normal(89, 1))];

  it('webgpu itself reports the overflowed samples as non-finite', async () => {
    const r = await estimate(f, random, {}, { samples: 100_000, seed: 7, backend: 'webgpu' });
    expect(r.backend).toBe('webgpu');
    expect(r.nonFinite).toBeGreaterThan(30_000);
  });

  it('auto answers from the same samples in float64, says so, and the answer is right', async () => {
    const r = await estimate(f, random, {}, { samples: 100_000, seed: 7, backend: 'auto' });
    expect(r.backend).toBe('cpu');
    expect(r.nonFinite).toBe(0);
    expect(r.adapter).toMatch(/rerun in float64, \d+ of 100000 samples were not finite in f32/);
    expect(Math.abs(r.mean - Math.exp(89.5)) / r.stderr).toBeLessThan(5);
    // The same samples: identical to the cpu backend run directly.
    const c = await estimate(f, random, {}, { samples: 100_000, seed: 7, backend: 'cpu' });
    expect(r.mean).toBe(c.mean);
  });

  it('auto keeps the webgpu result when float64 finds the same non-finite values (log of a negative draw)', async () => {
    const r = await estimate(log(x), [draw('x', normal(0, 1))], {}, { samples: 100_000, seed: 9, backend: 'auto' });
    expect(r.backend).toBe('webgpu');
    expect(r.nonFinite).toBeGreaterThan(40_000);
  });
});
