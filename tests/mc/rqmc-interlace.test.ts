// Order-2 interlacing of a one-coordinate integrand's Sobol points
// (src/mc/sobol/interlace.ts), by its laws:
// - the coordinate's digits are those of two dimensions, alternately;
// - it stays a net: n = 2^m points put one point in each cell of width 2^-m;
// - the tail refinement finds its end points (brute force);
// - for a smooth integrand its variance falls as n^-5 (an order-2 net), not
//   n^-3 (one scrambled dimension): fitted on the logit-normal density.
import { afterAll, describe, expect, it } from 'vitest';
import { coordinateInt, interlace } from '../../src/mc/sobol/interlace.js';
import { scrambleOf } from '../../src/mc/sobol/sobol.js';
import { endPoints } from '../../src/mc/rqmc-tails.js';
import { compileRqmc } from '../../src/mc/rqmc.js';
import { shutdownGpu } from '../../src/mc/index.js';
import { BENCH_CASES } from '../../scripts/mc-bench-cases.js';

afterAll(() => shutdownGpu());

describe('an interlaced coordinate', () => {
  it('takes the first 16 digits of a and b alternately, a first', () => {
    expect(interlace(0xffff0000, 0)).toBe(0xaaaaaaaa);
    expect(interlace(0, 0xffff0000)).toBe(0x55555555);
    expect(interlace(0x80000000, 0)).toBe(0x80000000);
    expect(interlace(0, 0x80000000)).toBe(0x40000000);
    expect(interlace(0x0000ffff, 0x0000ffff)).toBe(0); // digits below the 16th are not used
    expect(interlace(0x00010000, 0x00010000)).toBe(3);
    expect(interlace(0xc0000000, 0x40000000)).toBe(0xb0000000); // a1 b1 a2 b2 = 1 0 1 1
  });

  it('is a net: 2^m points, one in each cell of width 2^-m (m = 1 … 14, 3 randomizations each)', () => {
    for (let m = 1; m <= 14; m++) {
      for (let r = 0; r < 3; r++) {
        const s = scrambleOf(17, r, r, 2);
        const seen = new Uint8Array(2 ** m);
        for (let i = 0; i < 2 ** m; i++) seen[Math.floor(coordinateInt(s, i, 0, 2) / 2 ** (32 - m))]++;
        expect(seen.every((c) => c === 1), `m ${m} r ${r}`).toBe(true);
      }
    }
  });

  // Coordinate 0 only: interlacing is used for one-coordinate integrands, whose
  // Sobol dimensions 0 and 1 form a (0, m, 2)-net; later pairs do not, and their
  // interlaced coordinate is not stratified at every m (endPoints says so by throwing).
  it('has its end points found by the tail refinement (brute force, m = 3 … 13, cells 1, 2, 4 a side)', () => {
    for (const m of [3, 4, 7, 10, 13]) {
      for (let r = 0; r < 5; r++) {
        const s = scrambleOf(40 + r, 1, r, 6);
        for (const d of [0]) {
          for (let b = 0; b <= Math.min(2, m - 2); b++) {
            const T = 2 ** b * 2 ** (32 - m);
            const want: number[] = [];
            for (let i = 0; i < 2 ** m; i++) {
              const y = coordinateInt(s, i, d, 2);
              if (Math.min(y, 2 ** 32 - 1 - y) < T) want.push(i);
            }
            expect(endPoints(s, d, m, b, 2).sort((p, q) => p - q), `m ${m} r ${r} d ${d} b ${b}`).toEqual(want);
          }
        }
      }
    }
  });
});

describe('the interlaced estimator', () => {
  it('on the logit-normal density, its mean squared error falls as n^-4.3 or faster (n = 2^8 … 2^13; one scrambled dimension gives n^-3)', async () => {
    const c = BENCH_CASES.find((x) => x.id === 'logitn')!;
    const est = await compileRqmc(c.f, c.random, Object.keys(c.params));
    const pts: [number, number][] = [];
    for (let m = 8; m <= 13; m++) {
      const means = est.randomizationMeans(c.params, { seed: 3, points: 2 ** m, count: 64 });
      const mse = means.reduce((s, v) => s + (v - c.exact) ** 2, 0) / means.length;
      pts.push([m * Math.LN2, Math.log(mse)]);
    }
    const mx = pts.reduce((s, p) => s + p[0], 0) / pts.length;
    const my = pts.reduce((s, p) => s + p[1], 0) / pts.length;
    const slope = pts.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0) / pts.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
    console.log(`[rqmc-interlace] logit-normal density: ln mse on ln n, slope ${slope.toFixed(2)}`);
    expect(slope).toBeLessThan(-4.3);
    est.dispose();
  });
});
