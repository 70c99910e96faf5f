// The tail refinement of RQMC (src/mc/rqmc-tails.ts), by its laws:
// - the end points found by inverting the scramble are exactly the points
//   whose coordinate lies in the end cells (brute force over the net);
// - the refine function's plain value at a point is the kernel's;
// - a refined point's coordinates are jointly uniform in their cells (two
//   coordinates refined at once; the strata of one would make them correlated);
// - the estimator stays unbiased (t-scores against exact values, one of them
//   living in the far tail) and its variance falls on the integrands whose
//   variance sits in the end cells;
// - the refinement keeps within its budget of evaluations.
import { afterAll, describe, expect, it } from 'vitest';
import { compileRqmc } from '../../src/mc/rqmc.js';
import { endPoints, TAIL_BUDGET, tailCorrection, tailPlan } from '../../src/mc/rqmc-tails.js';
import { coordinateInt } from '../../src/mc/sobol/interlace.js';
import { compileRqmcKernel, compileRqmcRefine, rqmcKernelSource, rqmcRefineSource, type RqmcRefine } from '../../src/mc/rqmc-js.js';
import { scrambledInt, scrambleOf } from '../../src/mc/sobol/sobol.js';
import { analyze } from '../../src/mc/plan.js';
import { deviceSlots, dimsOf, specialize } from '../../src/mc/specialize.js';
import { compileHost } from '../../src/mc/js.js';
import { keyOf } from '../../src/mc/layout.js';
import { shutdownGpu } from '../../src/mc/index.js';
import { add, draw, exp, mul, normal, pow, sym, uniform } from '../../src/expr/build.js';
import type { Binding, Node } from '../../src/expr/ast.js';

afterAll(() => shutdownGpu());
const [x, z, u, w] = ['x', 'z', 'u', 'w'].map(sym);

function compiled(f: Node, random: Binding[]) {
  const a = analyze(f, random, []);
  const host = compileHost(a)([]);
  const spec = specialize(a, dimsOf(a, host));
  return { spec, V: deviceSlots(a, host) };
}

describe('the end points', () => {
  it('are the points whose coordinate lies in the 2^b cells at either end (brute force, m = 3 … 14, 6 dimensions, b = 0 … 2)', () => {
    let cases = 0;
    for (const m of [3, 5, 8, 11, 14]) {
      for (let r = 0; r < 6; r++) {
        const s = scrambleOf(100 + r, r % 3, r, 6);
        for (let d = 0; d < 6; d++) {
          for (let b = 0; b <= Math.min(2, m - 2); b++) {
            const T = 2 ** b * 2 ** (32 - m);
            const want: number[] = [];
            for (let i = 0; i < 2 ** m; i++) {
              const y = scrambledInt(s, i, d);
              if (Math.min(y, 2 ** 32 - 1 - y) < T) want.push(i);
            }
            expect(want.length).toBe(2 * 2 ** b);
            expect(endPoints(s, d, m, b).sort((p, q) => p - q)).toEqual(want);
            cases++;
          }
        }
      }
    }
    expect(cases).toBeGreaterThan(400);
  });
});

describe('the end points at large n', () => {
  it('m = 20, 27, 32: 2·2^b distinct points, each in an end cell of its coordinate (plain and interlaced)', () => {
    for (const m of [20, 27, 32]) {
      for (const [q, d] of [[1, 0], [1, 3], [2, 0]] as const) {
        const s = scrambleOf(77 + m, 5, m, 6);
        for (let b = 0; b <= 2; b++) {
          const got = endPoints(s, d, m, b, q);
          expect(new Set(got).size).toBe(2 * 2 ** b);
          const T = 2 ** b * 2 ** (32 - m);
          for (const i of got) {
            expect(i).toBeLessThan(2 ** m);
            const y = coordinateInt(s, i, d, q);
            expect(Math.min(y, 2 ** 32 - 1 - y), `m ${m} q ${q} d ${d} b ${b} i ${i}`).toBeLessThan(T);
          }
        }
      }
    }
  });
});

describe('the correction', () => {
  it('keeps the books where values are not finite: a refined NaN or ∞ moves the point to the non-finite count, a non-finite plain value leaves it', () => {
    const s = scrambleOf(3, 0, 0, 1);
    const plan = tailPlan(2 ** 12, 1)!;
    const points = 2 * 2 ** plan.cellBits;
    const fake = (plain: number, refined: number): RqmcRefine => (_V, _C, _E, _N, _k0, _k1, _st, _r, _i, _T, _W, _K, out) => {
      out[0] = plain;
      out[1] = refined;
    };
    const run = (plain: number, refined: number) => tailCorrection(fake(plain, refined), plan, new Float64Array(0), s, 1, 1, 0, 0, 0, 0);
    expect(run(2, 3)).toEqual({ count: 0, sum: points, nonFinite: 0 });
    expect(run(2, NaN)).toEqual({ count: -points, sum: -2 * points, nonFinite: points });
    expect(run(2, Infinity)).toEqual({ count: -points, sum: -2 * points, nonFinite: points });
    expect(run(-Infinity, 3)).toEqual({ count: points, sum: 3 * points, nonFinite: -points });
    expect(run(NaN, NaN)).toEqual({ count: 0, sum: 0, nonFinite: 0 });
  });

  it('a run whose refined values overflow counts them: E[exp(151z)] at 2^15 points, every randomization', async () => {
    // exp(151z) overflows float64 beyond z ≈ 4.70. At 2^15 points the top stratum of the
    // top cell lies beyond z = Φ⁻¹(1 − 2^-20) ≈ 4.76, so every randomization's refinement
    // meets an ∞; the plain end-cell point does so in about 4 % of them.
    const est = await compileRqmc(exp(mul(151, z)), [draw('z', normal(0, 1))], []);
    const r = await est.run({}, { samples: 2 ** 20, seed: 1 });
    expect(r.tails).toBeDefined();
    expect(r.nonFinite).toBeGreaterThanOrEqual(r.randomizations);
    est.dispose();
  });
});

describe('the refine function', () => {
  it("gives the kernel's own value at a point (every 97th point of 2^12, and the end points)", () => {
    const { spec, V } = compiled(add(pow(x, 2), exp(mul(0.5, z))), [draw('x', normal(0.5, 2)), draw('z', normal(0, 1))]);
    const kernel = compileRqmcKernel(rqmcKernelSource(spec));
    const refine = compileRqmcRefine(rqmcRefineSource(spec));
    const [k0, k1] = keyOf(9);
    const s = scrambleOf(9, 1, 3, 2);
    const C = new Int32Array(s.dirs.buffer);
    const E = new Int32Array(s.shift.buffer);
    const N = new Int32Array(s.nest.buffer);
    const o = new Float64Array(3);
    const ro = new Float64Array(2);
    const points = [...Array.from({ length: 43 }, (_, j) => 97 * j), ...endPoints(s, 0, 12, 1), ...endPoints(s, 1, 12, 1)];
    for (const i of points) {
      kernel(V, C, E, N, k0 | 0, k1 | 0, 1, 3, i, i + 1, o);
      refine(V, C, E, N, k0 | 0, k1 | 0, 1, 3, i, 2 ** 21, 2 ** 20, 16, ro);
      expect(ro[0]).toBe(o[1]);
      expect(Number.isFinite(ro[1])).toBe(true);
    }
  });

  it('draws two refined coordinates of one point jointly uniform in their cells: E[u·w] = E[u]·E[w] given the cells', () => {
    // Every coordinate refined (T = 2^31: the two halves are the end cells), 4 strata:
    // with the same stratum for both coordinates u and w would covary by Var(q)/(4K²) = 5/256 ≈ 0.02.
    const { spec, V } = compiled(mul(u, w), [draw('u', uniform(0, 1)), draw('w', uniform(0, 1))]);
    const refine = compileRqmcRefine(rqmcRefineSource(spec));
    const K = 4;
    const o = new Float64Array(2);
    let sum = 0;
    let sq = 0;
    const R = 4000;
    for (let r = 0; r < R; r++) {
      const s = scrambleOf(5, 0, r, 2);
      const [k0, k1] = keyOf(5);
      refine(V, new Int32Array(s.dirs.buffer), new Int32Array(s.shift.buffer), new Int32Array(s.nest.buffer), k0 | 0, k1 | 0, 0, r, 7, 2 ** 31, 2 ** 31, K, o);
      // The cells of point 7: the halves its coordinates are in.
      const cu = scrambledInt(s, 7, 0) >= 2 ** 31 ? 0.75 : 0.25;
      const cw = scrambledInt(s, 7, 1) >= 2 ** 31 ? 0.75 : 0.25;
      // Signed so that a dependence between u and w (their offsets mirrored in an upper cell) shows in every case alike.
      const e = (o[1] - cu * cw) * Math.sign((cu - 0.5) * (cw - 0.5));
      sum += e;
      sq += e * e;
    }
    const mean = sum / R;
    const se = Math.sqrt((sq / R - mean * mean) / R);
    expect(Math.abs(mean) / se).toBeLessThan(4.5);
    expect(Math.abs(mean)).toBeLessThan(0.004);
  });
});

describe('the refined estimator', () => {
  const cases: { name: string; f: Node; random: Binding[]; exact: number }[] = [
    { name: 'E[x²], x ~ N(0.5, 2)', f: pow(x, 2), random: [draw('x', normal(0.5, 2))], exact: 2.25 },
    { name: 'E[exp(0.7z)]', f: exp(mul(0.7, z)), random: [draw('z', normal(0, 1))], exact: Math.exp(0.245) },
    // The mean of e^{3z} lives near z = 3, its variance beyond z = 6: the refined end cells carry it.
    { name: 'E[exp(3z)]', f: exp(mul(3, z)), random: [draw('z', normal(0, 1))], exact: Math.exp(4.5) },
    { name: 'E[x² + exp(0.5z)], two coordinates', f: add(pow(x, 2), exp(mul(0.5, z))), random: [draw('x', normal(0.5, 2)), draw('z', normal(0, 1))], exact: 2.25 + Math.exp(0.125) },
  ];
  for (const c of cases) {
    it(`is unbiased: ${c.name}, 256 randomizations of 2^12 points, |t| < 4.5`, async () => {
      const est = await compileRqmc(c.f, c.random, []);
      const m = est.randomizationMeans({}, { seed: 31, points: 2 ** 12, count: 256 });
      const mean = m.reduce((s, v) => s + v, 0) / m.length;
      const se = Math.sqrt(m.reduce((s, v) => s + (v - mean) ** 2, 0) / (m.length - 1) / m.length);
      expect(tailPlan(2 ** 12, c.random.length)).toBeDefined();
      expect(Math.abs(mean - c.exact) / se).toBeLessThan(4.5);
      est.dispose();
    });
  }

  it('has a variance at least 8× smaller where the end cells hold it (E[x²], E[exp(0.7z)] at 2^12 points; 37× and 31× measured)', async () => {
    for (const c of cases.slice(0, 2)) {
      const est = await compileRqmc(c.f, c.random, []);
      const mse = (tails: boolean): number => {
        const m = est.randomizationMeans({}, { seed: 8, points: 2 ** 12, count: 128, tails });
        return m.reduce((s, v) => s + (v - c.exact) ** 2, 0) / m.length;
      };
      expect(mse(false) / mse(true), c.name).toBeGreaterThan(8);
      est.dispose();
    }
  });

  it('stays within its budget: refined evaluations ≤ n/TAIL_BUDGET, and none below 2^8 points', () => {
    for (let m = 1; m <= 32; m++) {
      for (const D of [1, 2, 3, 8, 32, 100]) {
        const p = tailPlan(2 ** m, D);
        if (!p) continue;
        expect(2 * 2 ** p.cellBits * D * (p.strata + 1)).toBeLessThanOrEqual(2 ** m / TAIL_BUDGET);
        expect(p.cellBits).toBeLessThanOrEqual(m - 4);
      }
    }
    expect(tailPlan(2 ** 8, 1)).toBeUndefined();
    expect(tailPlan(3000, 1)).toBeUndefined(); // not a net of 2^m points
  });
});
