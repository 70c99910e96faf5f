// The calibration's statistics (scripts/normal-stats.ts) against known values
// and against samples whose law is known.
import { describe, expect, it } from 'vitest';
import { ksTest, phi } from '../../scripts/normal-stats.js';

/** A deterministic sample of N(0, 1): Box–Muller from a fixed LCG (independent of the engine under test). */
function normals(n: number, seed: number): number[] {
  let s = seed >>> 0;
  const u = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 2 ** 32;
  };
  const out: number[] = [];
  while (out.length < n) {
    const r = Math.sqrt(-2 * Math.log(u()));
    const th = 2 * Math.PI * u();
    out.push(r * Math.cos(th), r * Math.sin(th));
  }
  return out.slice(0, n);
}

describe('Φ', () => {
  it.each([[0, 0.5], [1, 0.8413447460685429], [-1.959963984540054, 0.025], [3, 0.9986501019683699], [-6, 9.865876450376946e-10]])(
    'Φ(%d) = %d to 1e-6 relative', (x, want) => {
      expect(Math.abs(phi(x) - want) / want).toBeLessThan(1e-6);
    });
});

describe('Kolmogorov–Smirnov against Φ', () => {
  it('a sample of N(0, 1) is not rejected (p > 0.001 for each of five seeds)', () => {
    for (const seed of [1, 2, 3, 4, 5]) expect(ksTest(normals(2000, seed), phi).p).toBeGreaterThan(0.001);
  });

  it('a sample of N(0.2, 1) or of N(0, 1.2²) is rejected (p < 1e-6)', () => {
    expect(ksTest(normals(2000, 7).map((z) => z + 0.2), phi).p).toBeLessThan(1e-6);
    expect(ksTest(normals(4000, 8).map((z) => 1.2 * z), phi).p).toBeLessThan(1e-6);
  });

  it('D is the largest gap between the empirical CDF and Φ (one point at 0: D = ½)', () => {
    const r = ksTest([0], phi);
    expect(r.d).toBeCloseTo(0.5, 6);
    expect(r.n).toBe(1);
  });

  it('a sample built to have λ = 1.358 (the 5% critical value of the Kolmogorov law) gets p ≈ 0.05', () => {
    // u_i = (i + 1)/n − c puts every point c below the empirical step: D = c.
    const n = 400;
    const c = 1.358 / (Math.sqrt(n) + 0.12 + 0.11 / Math.sqrt(n));
    const quantile = (u: number): number => {
      let lo = -10;
      let hi = 10;
      for (let k = 0; k < 100; k++) {
        const mid = (lo + hi) / 2;
        if (phi(mid) < u) lo = mid;
        else hi = mid;
      }
      return (lo + hi) / 2;
    };
    const sample = Array.from({ length: n }, (_, i) => quantile((i + 1) / n - c));
    const r = ksTest(sample, phi);
    expect(r.d).toBeCloseTo(c, 5);
    expect(r.p).toBeGreaterThan(0.045);
    expect(r.p).toBeLessThan(0.055);
  });
});
