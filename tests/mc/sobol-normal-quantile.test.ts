// Φ⁻¹ by AS241 (the normals of randomized quasi-Monte Carlo) and Student t's
// tails (its error bars), against SciPy 1.17's scipy.special.ndtri and
// scipy.stats.t (values printed by SciPy, pasted here).
import { describe, expect, it } from 'vitest';
import { normalQuantile, normalUpperQuantileOfLog } from '../../src/mc/sobol/normal-quantile.js';
import { criticalT, logTwoSidedT, zOfT } from '../../src/mc/student-t.js';

const NDTRI: [number, number][] = [
  [1e-300, -37.0470962993612], [1e-100, -21.273453560965322], [1e-20, -9.262340089798409], [2 ** -33, -6.3379577545537895],
  [1e-10, -6.361340902404056], [1e-5, -4.264890793922825], [0.001, -3.090232306167813], [0.02425, -1.972961051311885],
  [0.05, -1.6448536269514729], [0.075, -1.4395314709384563], [0.0751, -1.4388253927525403], [0.2, -0.8416212335729142],
  [0.3, -0.5244005127080409], [0.4999, -0.0002506628300880075], [0.5, 0], [0.6, 0.2533471031357997],
  [0.9, 1.2815515655446004], [0.975, 1.959963984540054], [0.999, 3.090232306167813],
];

describe('Φ⁻¹ (AS241)', () => {
  it.each(NDTRI)('Φ⁻¹(%s) = %s to 1e-14 relative (SciPy ndtri), across both branches and the far tail', (p, z) => {
    expect(Math.abs(normalQuantile(p) - z)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(z)));
  });

  it('is odd about 1/2 and increasing on a fine grid, with ±∞ at the ends and NaN outside', () => {
    let prev = -Infinity;
    for (let k = 1; k < 4000; k++) {
      const p = k / 4000;
      const z = normalQuantile(p);
      expect(z).toBeGreaterThan(prev);
      expect(Math.abs(z + normalQuantile(1 - p))).toBeLessThan(1e-12);
      prev = z;
    }
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(NaN)).toBeNaN();
  });

  it('the upper quantile from ln q matches Φ⁻¹(1 − q) and stays finite far below float64 (ln q = −2000)', () => {
    expect(normalUpperQuantileOfLog(Math.log(1e-10))).toBeCloseTo(6.361340902404056, 12);
    const far = normalUpperQuantileOfLog(-2000);
    expect(Number.isFinite(far)).toBe(true);
    expect(far).toBeGreaterThan(60);
  });
});

describe("Student t's tails (the RQMC decision threshold)", () => {
  // ln P(|T_ν| ≥ t) from SciPy: ln 2 + t.logsf(t, ν).
  const LOGP: [number, number, number][] = [
    [2.131, 15, -2.994882539195662], [8.3495, 31, -20.04361775920749], [20, 31, -42.71373580085528],
    [1e3, 31, -162.86492598523563], [0.5, 63, -0.4799455428875766], [12.7, 15, -20.03801547536578],
  ];
  it.each(LOGP)('ln P(|T| ≥ %s) at ν = %s is %s (SciPy)', (t, nu, lp) => {
    expect(Math.abs(logTwoSidedT(t, nu) - lp)).toBeLessThan(1e-10 * Math.max(1, Math.abs(lp)));
  });

  // t.isf(norm.sf(6), ν): the t with the tail probability of z = 6.
  it.each([[15, 12.705161009769723], [31, 8.349501540127722], [47, 7.407882134570486], [63, 7.003177366541392], [200, 6.288859385707452]])(
    'the |z| ≥ 6 threshold at ν = %s is |t| ≥ %s (SciPy)', (nu, t) => {
      expect(criticalT(6, nu)).toBeCloseTo(t, 8);
      expect(zOfT(t, nu)).toBeCloseTo(6, 8);
      expect(zOfT(-t, nu)).toBeCloseTo(-6, 8);
    });

  it('maps t to z monotonically, keeps the sign, is the identity for ν = ∞, and never overflows to ∞ for a huge t', () => {
    let prev = 0;
    for (let t = 0.25; t < 400; t *= 1.3) {
      const z = zOfT(t, 31);
      expect(z).toBeGreaterThan(prev);
      expect(z).toBeLessThan(t); // t's tails are heavier: the same t is less evidence
      prev = z;
    }
    expect(zOfT(3.7, Infinity)).toBe(3.7);
    expect(zOfT(0, 31)).toBe(0);
    expect(Number.isFinite(zOfT(1e12, 31))).toBe(true);
    expect(zOfT(1e12, 31)).toBeGreaterThan(30);
    expect(zOfT(NaN, 31)).toBeNaN();
  });
});
