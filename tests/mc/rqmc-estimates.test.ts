// Randomized quasi-Monte Carlo estimates (src/mc/rqmc.ts), by known answers:
// - a scrambled point is uniform: one point's coordinate over 4096
//   randomizations has mean 1/2, variance 1/12, and passes χ² on 32 bins;
// - the kernel's Gray-code recursion and its map to uniforms agree with the
//   reference scrambledInt at every point of a randomization;
// - the estimator is unbiased: 20 fixed seeds × E[x²], E[exp(s·z)], E[t] of a
//   logit-normal and E[exp(3z)] (whose mean lives in the far tail, beyond the
//   2^-32 cells: the sub-cell Philox bits are needed), t-scores against the
//   exact values (the 100-seed run with a KS test is scripts/calibrate-rqmc.ts);
// - the error falls faster than n^-1/2 on a smooth integrand (fitted slope).
import { afterAll, describe, expect, it } from 'vitest';
import { compileRqmc, rqmcShape } from '../../src/mc/rqmc.js';
import { scrambledInt, scrambleOf } from '../../src/mc/sobol/sobol.js';
import { coordinateInt } from '../../src/mc/sobol/interlace.js';
import { LOW_CELLS } from '../../src/mc/rqmc-js.js';
import { shutdownGpu } from '../../src/mc/index.js';
import { draw, exp, logitNormal, mul, normal, pow, sym, uniform } from '../../src/expr/build.js';
import type { Binding, Node } from '../../src/expr/ast.js';

afterAll(() => shutdownGpu());
const x = sym('x');

describe('scrambled points are uniform', () => {
  it('point 5, coordinate 3 over 4096 randomizations: mean 1/2, variance 1/12, χ² on 32 bins', () => {
    const R = 4096;
    const us: number[] = [];
    for (let r = 0; r < R; r++) us.push((scrambledInt(scrambleOf(11, 0, r, 4), 5, 3) + 0.5) / 2 ** 32);
    const mean = us.reduce((s, u) => s + u, 0) / R;
    const v = us.reduce((s, u) => s + (u - mean) ** 2, 0) / (R - 1);
    expect(Math.abs(mean - 0.5) / Math.sqrt(1 / 12 / R)).toBeLessThan(4);
    expect(Math.abs(v - 1 / 12)).toBeLessThan(4 * Math.sqrt(1 / 180 / R)); // Var of (u − 1/2)² is 1/180
    const bins = new Array(32).fill(0);
    for (const u of us) bins[Math.floor(u * 32)]++;
    const chi2 = bins.reduce((s, c) => s + (c - R / 32) ** 2 / (R / 32), 0);
    expect(chi2).toBeLessThan(67); // χ²(31) at p = 1e-4 is 66.6
  });
});

describe('the kernel', () => {
  it('computes the reference points: the mean of u over n points is the mean of (scrambledInt + ½)/2^32', async () => {
    const est = await compileRqmc(x, [draw('x', uniform(0, 1))], []);
    for (const n of [1, 2, 3, 64, 1000, 2 ** 14]) {
      const [got] = est.randomizationMeans({}, { seed: 4, stream: 2, points: n, first: 7, count: 1, tails: false });
      const s = scrambleOf(4, 2, 7, 2);
      let want = 0;
      let outer = 0;
      for (let i = 0; i < n; i++) {
        const y = coordinateInt(s, i, 0, 2); // one coordinate: Sobol dimensions 0 and 1 interlaced
        // The kernel's map: the cell's midpoint, measured from the nearer end,
        // except in the outermost cells (within 2^20 cells of 0 or 1), where
        // the point is uniform in its cell.
        if (Math.min(y, 2 ** 32 - 1 - y) < LOW_CELLS) outer++;
        want += y >= 2 ** 31 ? 1 - (2 ** 32 - 1 - y + 0.5) / 2 ** 32 : (y + 0.5) / 2 ** 32;
      }
      expect(Math.abs(got - want / n)).toBeLessThanOrEqual(outer === 0 ? 1e-15 : (outer / n) * 2 ** -33 + 1e-15);
    }
    est.dispose();
  });

  it('chooses R ≥ 32 randomizations of a power-of-2 number of points, using at least half the budget', () => {
    expect(rqmcShape(2 ** 20)).toEqual({ randomizations: 32, points: 2 ** 15 });
    expect(rqmcShape(1e6)).toEqual({ randomizations: 61, points: 2 ** 14 });
    for (const s of [64, 100, 5000, 2 ** 14, 123457, 1e9]) {
      const { randomizations: R, points: n } = rqmcShape(s);
      expect(R).toBeGreaterThanOrEqual(32);
      expect(Math.log2(n) % 1).toBe(0);
      expect(R * n).toBeLessThanOrEqual(s);
      expect(R * n).toBeGreaterThan(s / 2);
    }
    expect(() => rqmcShape(63)).toThrow(/at least 64 samples/);
  });
});

interface Case { law: string; f: Node; random: Binding[]; exact: number }
const CASES: Case[] = [
  { law: 'E[x²] = 2.25 for x ~ N(0.5, 2)', f: pow(x, 2), random: [draw('x', normal(0.5, 2))], exact: 2.25 },
  { law: 'E[exp(0.7z)] = exp(0.245)', f: exp(mul(0.7, x)), random: [draw('x', normal(0, 1))], exact: Math.exp(0.245) },
  { law: 'E[exp(2z)] = exp(2) (lognormal, k̂ ≈ 0.54: skewed randomization means)', f: exp(mul(2, x)), random: [draw('x', normal(0, 1))], exact: Math.exp(2) },
  { law: 'E[x³] = 0.3³ + 3·0.3·1.5 for x ~ N(0.3, 1.5)', f: pow(x, 3), random: [draw('x', normal(0.3, 1.5))], exact: 0.027 + 1.35 },
  { law: 'E[u²] = 13/3 for u ~ U(1, 3)', f: pow(x, 2), random: [draw('x', uniform(1, 3))], exact: 13 / 3 },
  { law: 'E[t] = 1/2 for t ~ LogitNormal(0, 1.7)', f: x, random: [draw('x', logitNormal(0, 1.7))], exact: 0.5 },
];

describe('unbiased: 20 fixed seeds at 2^18 samples against exact values', () => {
  it.each(CASES)('$law', async ({ f, random, exact }) => {
    const est = await compileRqmc(f, random, []);
    const ts: number[] = [];
    const means: number[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      const r = await est.run({}, { samples: 2 ** 18, seed });
      expect(r.dof).toBe(31);
      ts.push((r.mean - exact) / r.stderr);
      means.push(r.mean);
    }
    est.dispose();
    // No seed reaches the decision threshold (|t| ≥ 8.35 ⇔ |z| ≥ 6).
    for (const t of ts) expect(Math.abs(t)).toBeLessThan(8.35);
    // The mean of the 20 estimates is within 5 of its standard errors (from
    // the 20 estimates' own spread, robust to the skew of a single t) of the exact value.
    const m = means.reduce((s, v) => s + v, 0) / 20;
    const se = Math.sqrt(means.reduce((s, v) => s + (v - m) ** 2, 0) / 19 / 20);
    expect(Math.abs(m - exact)).toBeLessThan(5 * se + 1e-15 * Math.abs(exact));
  });
});

describe('error rate', () => {
  it('the standard error of E[exp(0.5z)] falls faster than n^-1/2: fitted slope of ln se on ln n below −0.8 (n = 2^6 … 2^14)', async () => {
    const est = await compileRqmc(exp(mul(0.5, x)), [draw('x', normal(0, 1))], []);
    const pts: [number, number][] = [];
    for (let m = 6; m <= 14; m += 2) {
      // Average se² over 4 seeds so the fit sees the rate, not one seed's noise.
      let v = 0;
      for (let seed = 1; seed <= 4; seed++) v += (await est.run({}, { samples: 32 * 2 ** m, seed })).stderr ** 2;
      pts.push([Math.log(2 ** m), 0.5 * Math.log(v / 4)]);
    }
    est.dispose();
    const mx = pts.reduce((s, p) => s + p[0], 0) / pts.length;
    const my = pts.reduce((s, p) => s + p[1], 0) / pts.length;
    const slope = pts.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0) / pts.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
    expect(slope).toBeLessThan(-0.8);
  });
});
