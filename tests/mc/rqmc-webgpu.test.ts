// Randomized quasi-Monte Carlo on webgpu (src/mc/rqmc-wgsl.ts, rqmc-webgpu.ts)
// by known answers:
// - the device's 32-bit coordinates ARE scrambledInt's, for several (seed,
//   stream, r), i across block and dispatch boundaries (and across 2^31), D
//   from 1 to 40 (the unrolled and the looped code), blocks of 1 to 64;
// - the device's normals are AS241's float64 normals of the same points to
//   f32 accuracy (max error measured), and in the outermost cells too, where
//   the sub-cell bits come from Philox;
// - a randomization's device normals keep the net's stratification: 2^12
//   points fall 64 to each of 64 equiprobable bins;
// - device and cpu randomization means agree within f32 rounding, and a run
//   does not depend on how it is split into dispatches;
// - the t statistic of the webgpu path is calibrated over 20 fixed seeds;
// - the f32 rule: a run whose f32 rounding is not small against RQMC's tiny
//   standard error is rerun in float64 (the result says cpu), and a decision
//   never refutes a true claim from an f32 run.
import { afterAll, expect, it } from 'vitest';
import { compileRqmc, rqmcCpuAdapter } from '../../src/mc/rqmc.js';
import { RQMC_GPU_MIN_SAMPLES } from '../../src/mc/backend-choice.js';
import { compileMethod } from '../../src/mc/rqmc-choice.js';
import { scrambledInt, scrambleOf } from '../../src/mc/sobol/sobol.js';
import { coordinateInt } from '../../src/mc/sobol/interlace.js';
import { LOW_CELLS } from '../../src/mc/rqmc-js.js';
import { normalQuantile } from '../../src/mc/sobol/normal-quantile.js';
import { philox4x32, shutdownGpu } from '../../src/mc/index.js';
import { keyOf } from '../../src/mc/layout.js';
import { LOW_TAG } from '../../src/mc/sobol/sobol.js';
import { decideExpectation } from '../../src/expect/decide-expectation.js';
import { add, draw, E, exp, log, logitNormal, mul, normal, num, pow, sigmoid, sub, sum, sym, uniform, vec } from '../../src/expr/build.js';
import { describeWebgpu } from './webgpu-gate.js';
import { shaderWarnings } from '../../src/mc/gpu.js';
import { phi } from '../../scripts/normal-stats.js';

afterAll(() => shutdownGpu());
const x = sym('x');
const w = sym('w');
const v = vec('v');

/** The cpu kernel's float64 normal of coordinate y (dimension d) at point i of randomization r (rqmc-js.ts). */
function refNormal(y: number, i: number, r: number, stream: number, seed: number, d: number): number {
  const c = Math.min(y, 2 ** 32 - 1 - y);
  let f = 0.5;
  if (c < LOW_CELLS) {
    const [k0, k1] = keyOf(seed);
    const w = philox4x32(i, r, stream, (LOW_TAG + d) >>> 0, k0, k1);
    f = (w[0] * 2097152 + (w[1] >>> 11) + 0.5) * 2 ** -53;
  }
  const z = normalQuantile((c + f) * 2 ** -32);
  return y >= 2 ** 31 ? -z : z;
}

/** Composite Simpson's rule on [a, b] with n (even) intervals. */
function simpson(f: (x: number) => number, a: number, b: number, n: number): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let k = 1; k < n; k++) s += (k % 2 ? 4 : 2) * f(a + k * h);
  return (s * h) / 3;
}

describeWebgpu('RQMC on webgpu', () => {
  it('device coordinates equal scrambledInt: D = 1, 3, 17, 40; blocks 1, 4, 64; i across blocks, dispatches and 2^31', async () => {
    for (const D of [1, 3, 17, 40]) {
      for (const block of [1, 4, 64]) {
        const est = await compileRqmc(sum(v), [draw('v', normal(0, 1, D))], [], 'webgpu', { block });
        const run = (await est.gpuRunner({}))!;
        for (const [seed, stream, r, n, iStart, count] of [
          [1, 0, 0, 1024, 0, 256], [7, 3, 5, 2 ** 20, 64 * 37, 200], [2 ** 40 + 3, 2 ** 31 + 1, 62, 2 ** 32, 2 ** 31 - 128, 256], [99, 1, 17, 2, 0, 2],
        ] as const) {
          if (block === 1 && n === 2 ** 32) continue; // 2^32 invocations: more than a u32 counts
          const got = await run.coords(seed, stream, r, n, iStart, count);
          // The Sobol dimensions: two for a one-coordinate integrand (interlaced, sobol/interlace.ts).
          const Ds = got.length / count;
          expect(Ds).toBe(D === 1 ? 2 : D);
          const s = scrambleOf(seed, stream, r, Ds);
          let bad = 0;
          for (let j = 0; j < count; j++) for (let d = 0; d < Ds; d++) if (got[j * Ds + d] !== scrambledInt(s, iStart + j, d)) bad++;
          expect(bad, `D ${D} block ${block} seed ${seed} r ${r} from ${iStart}`).toBe(0);
        }
        est.dispose();
      }
    }
    // dawn.node prints a shader's warnings to stdout: the generated WGSL has none.
    expect(shaderWarnings()).toEqual([]);
  }, 120_000);

  it('device normals are the float64 AS241 normals of the same points to f32 accuracy (PPND7: max |Δz| ≤ 2e-6, relative ≤ 5e-7), outermost cells included', async () => {
    const est = await compileRqmc(x, [draw('x', normal(0, 1))], [], 'webgpu');
    const run = (await est.gpuRunner({}))!;
    let maxAbs = 0;
    let maxRel = 0;
    let outer = 0;
    const n = 2 ** 32;
    for (const [seed, stream, r, iStart] of [[3, 0, 0, 0], [3, 0, 9, 2 ** 20], [11, 4, 1, 2 ** 28]] as const) {
      const count = 2 ** 14;
      const got = await run.values(new Float64Array([0, 1]), seed, stream, r, n, iStart, count);
      const s = scrambleOf(seed, stream, r, 2);
      for (let j = 0; j < count; j++) {
        const y = coordinateInt(s, iStart + j, 0, 2); // one coordinate: Sobol dimensions 0 and 1 interlaced
        if (Math.min(y, 2 ** 32 - 1 - y) < LOW_CELLS) outer++;
        const want = refNormal(y, iStart + j, r, stream, seed, 0);
        const e = Math.abs(got[j] - want);
        maxAbs = Math.max(maxAbs, e);
        maxRel = Math.max(maxRel, e / Math.max(Math.abs(want), 1e-3));
      }
    }
    console.log(`[rqmc-webgpu] f32 PPND7 normals against float64 AS241 over 49152 points (${outer} in the outermost cells): max |Δz| ${maxAbs.toExponential(2)}, max relative ${maxRel.toExponential(2)}`);
    expect(outer).toBeGreaterThan(0);
    expect(maxAbs).toBeLessThan(2e-6);
    expect(maxRel).toBeLessThan(5e-7);
    est.dispose();
  }, 60_000);

  it('a randomization of 2^12 device normals keeps the net’s stratification: 64 points in each of 64 equiprobable bins (±1 for f32 rounding at a bin edge)', async () => {
    const est = await compileRqmc(x, [draw('x', normal(0, 1))], [], 'webgpu');
    const run = (await est.gpuRunner({}))!;
    for (const r of [0, 1, 2, 3]) {
      const z = await run.values(new Float64Array([0, 1]), 5, 0, r, 2 ** 12, 0, 2 ** 12);
      const bins = new Array(64).fill(0);
      for (const t of z) bins[Math.min(63, Math.floor(phi(t) * 64))]++;
      for (const c of bins) expect(Math.abs(c - 64)).toBeLessThanOrEqual(1);
    }
    est.dispose();
  });

  it('device and cpu randomization means agree within f32 rounding, and so do the runs (E[x²], E[exp(0.7z)], logit-normal density, E[u³], vectors of 6 and 40 dimensions)', async () => {
    const t = sym('t');
    const cases = [
      { f: mul(x, x), random: [draw('x', normal(0.5, 2))], rms: 3.6 },
      { f: exp(mul(0.7, x)), random: [draw('x', normal(0, 1))], rms: 1.6 },
      { f: t, random: [draw('t', logitNormal(0, 1))], rms: 0.55 },
      { f: pow(x, 3), random: [draw('x', uniform(-1, 2))], rms: 2.4 },
      { f: exp(mul(0.3, sum(v))), random: [draw('v', normal(0, 1, 6))], rms: 1.7 },
      // 40 coordinates: the looped (not unrolled) kernel, direction numbers read from the table per point.
      { f: exp(mul(0.1, sum(v))), random: [draw('v', normal(0, 1, 40))], rms: 1.5 },
    ];
    for (const c of cases) {
      const g = await compileRqmc(c.f, c.random, [], 'webgpu');
      const cpu = await compileRqmc(c.f, c.random, [], 'cpu');
      // Per randomization, the f32 device against the float64 cpu: f32 rounds each value
      // by 2^-24 relative, sums of 64 values in f32, PPND7 ≈ 1e-7: 1e-6 of the RMS is far above that.
      const opts = { seed: 21, stream: 3, points: 2 ** 13, first: 5, count: 8 };
      const dev = (await g.gpuRandomizationMeans({}, opts))!;
      const ref = cpu.randomizationMeans({}, opts);
      for (let r = 0; r < opts.count; r++) expect(Math.abs(dev[r] - ref[r]), `randomization ${r}`).toBeLessThan(1e-6 * c.rms);
      const run = { samples: 2 ** 18, seed: 21, stream: 3 };
      const a = await g.run({}, run);
      const b = await cpu.run({}, run);
      expect([a.randomizations, a.points]).toEqual([b.randomizations, b.points]);
      expect(Math.abs(a.mean - b.mean)).toBeLessThan(1e-6 * c.rms);
      g.dispose();
      cpu.dispose();
    }
  }, 60_000);

  it('a run does not depend on its dispatches: 2^8 points per dispatch gives the same randomization sums as one dispatch', async () => {
    const f = exp(mul(0.7, x));
    const random = [draw('x', normal(0, 1))];
    const one = await compileRqmc(f, random, [], 'webgpu', { block: 16 });
    const many = await compileRqmc(f, random, [], 'webgpu', { block: 16, maxPointsPerDispatch: 256 });
    const a = await one.run({}, { samples: 2 ** 14, seed: 4 });
    const b = await many.run({}, { samples: 2 ** 14, seed: 4 });
    expect(b.mean).toBe(a.mean);
    expect(b.stderr).toBe(a.stderr);
    one.dispose();
    many.dispose();
  });

  it('t = (mean − exact)/se of the webgpu path over 20 seeds: |t| < 5, mean t within ±1 (E[x²], E[exp(0.7z)])', async () => {
    for (const [f, random, exact] of [[mul(x, x), [draw('x', normal(0.5, 2))], 2.25], [exp(mul(0.7, x)), [draw('x', normal(0, 1))], Math.exp(0.245)]] as const) {
      const g = await compileRqmc(f, random, [], 'webgpu');
      const ts: number[] = [];
      for (let seed = 1; seed <= 20; seed++) {
        const r = await g.run({}, { samples: 2 ** 19, seed });
        expect(r.backend).toBe('webgpu');
        ts.push((r.mean - exact) / r.stderr);
      }
      g.dispose();
      for (const t of ts) expect(Math.abs(t)).toBeLessThan(5);
      expect(Math.abs(ts.reduce((s, t) => s + t, 0) / ts.length)).toBeLessThan(1);
    }
  }, 60_000);

  it('f32 rule, estimator: E[x], x ~ N(30000.1, 0.01) — f32 rounds the mean to 30000.0996, 1000s of RQMC standard errors off — is rerun in float64 and says so', async () => {
    const g = await compileRqmc(x, [draw('x', normal(30000.1, 0.01))], [], 'webgpu');
    const r = await g.run({}, { samples: 2 ** 16, seed: 1 });
    expect(r.backend).toBe('cpu');
    expect(r.adapter).toMatch(/rerun in float64/);
    expect(Math.abs(r.mean - 30000.1)).toBeLessThan(8.35 * r.stderr + 1e-9);
    g.dispose();
  });

  it('f32 rule, estimator: E[log(y(1 − y))], y ~ LogitNormal(0, 5) — y rounds to 0 or 1 in f32 for |z| ≳ 3.5, where log gives −∞ — is redone in float64, finite', async () => {
    const y = sym('y');
    const g = await compileRqmc(log(mul(y, sub(1, y))), [draw('y', logitNormal(0, 5))], [], 'webgpu');
    const raw = (await g.gpuRandomizationMeans({}, { seed: 1, points: 2 ** 11, count: 32 }))!;
    expect(raw.some((m) => Number.isNaN(m))).toBe(true); // the device's own values are not all finite
    const r = await g.run({}, { samples: 2 ** 16, seed: 1 });
    expect(r.backend).toBe('cpu');
    expect(r.nonFinite).toBe(0);
    expect(r.adapter).toMatch(/not finite in f32/);
    g.dispose();
  });

  it('f32 rule, decisions by RQMC on webgpu: a true claim with an f32 trap is never refuted (seeds 1–3); a mutant 1e-5 off is refuted, confirmed by cpu RQMC on fresh randomizations', async () => {
    // E[sigmoid(x − 30000)], x ~ N(30000.1, 0.01), is E[sigmoid(0.1 + 0.1z)]: in f32 x has ulp 0.002,
    // so x − 30000 is off by up to 0.001 per sample and by −0.0004 on average (the rounded mean).
    const want = simpson((z) => Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI) / (1 + Math.exp(-(0.1 + 0.1 * z))), -12, 12, 4000);
    for (const seed of [1, 2, 3]) {
      const t = await decideExpectation(E(sigmoid(sub(x, 30000)), [draw('x', normal(30000.1, 0.01))]), '=', num(want), new Map(), { seed, backend: 'webgpu', method: 'rqmc' });
      expect(t.verdict, `seed ${seed}`).toBe('verified');
    }
    // Two coordinates: a one-coordinate integrand is interlaced, and its error bar is then too small for f32 to carry.
    const m = await decideExpectation(E(add(sigmoid(x), sigmoid(w)), [draw('x', normal(0, 1)), draw('w', normal(0, 1))]), '=', num(1 + 1e-5), new Map(), { seed: 1, backend: 'webgpu', method: 'rqmc' });
    expect(m.verdict).toBe('refuted');
    const runs = m.evidence[0].data!.runs as { backend: string; t: number; dof: number }[];
    expect(runs).toHaveLength(2);
    expect(runs[0].backend).toBe('webgpu');
    expect(runs[1].backend).toBe('cpu');
    expect(runs[1].dof).toBe(31);
    expect(Math.sign(runs[0].t)).toBe(Math.sign(runs[1].t));
  }, 60_000);

  it('auto: a run under RQMC_GPU_MIN_SAMPLES stays on the cpu, one at it goes to webgpu, and parameters whose f32 run was redone in float64 stay on the cpu, as does a one-coordinate integrand', async () => {
    // Two coordinates, so that f32 carries the error bar (a one-coordinate integrand is interlaced, its error bar far smaller).
    const a = await compileRqmc(add(add(x, w), 1), [draw('x', normal(0, 1)), draw('w', normal(0, 1))], [], 'auto');
    const small = await a.run({}, { samples: RQMC_GPU_MIN_SAMPLES / 2, seed: 1 });
    expect(small.backend).toBe('cpu');
    expect(a.backend).toBe('cpu');
    const big = await a.run({}, { samples: RQMC_GPU_MIN_SAMPLES, seed: 1 });
    expect(big.backend).toBe('webgpu');
    expect(a.backend).toBe('webgpu');
    a.dispose();
    // A one-coordinate integrand (interlaced) stays on the cpu under auto even at RQMC_GPU_MIN_SAMPLES: f32 cannot carry its error bar.
    const one = await compileRqmc(mul(x, x), [draw('x', normal(0.5, 2))], [], 'auto');
    const oneBig = await one.run({}, { samples: RQMC_GPU_MIN_SAMPLES, seed: 1 });
    expect([oneBig.backend, oneBig.adapter]).toEqual(['cpu', rqmcCpuAdapter()]);
    one.dispose();
    // The same through compileMethod (what decisions use): auto method, auto backend.
    const m = await compileMethod(sigmoid(x), [draw('x', normal(0, 1))], [], 'auto', 'auto');
    const r = await m.run({}, { samples: 2 ** 20, seed: 1 });
    expect([r.method, r.backend]).toEqual(['rqmc', 'cpu']);
    m.dispose();
    // f32 cannot carry E[x + w], x ~ N(30000.1, 0.01): the first big run is redone in float64, the next never tries the GPU.
    const t = await compileRqmc(add(x, w), [draw('x', normal(30000.1, 0.01)), draw('w', normal(0, 1))], [], 'auto');
    const first = await t.run({}, { samples: RQMC_GPU_MIN_SAMPLES, seed: 2 });
    expect(first.backend).toBe('cpu');
    expect(first.adapter).toMatch(/rerun in float64/);
    const second = await t.run({}, { samples: RQMC_GPU_MIN_SAMPLES, seed: 3 });
    expect(second.adapter).toBe(rqmcCpuAdapter());
    t.dispose();
  }, 60_000);
});
