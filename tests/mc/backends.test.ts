// The webgpu (f32) and cpu (float64) backends estimate from identical
// samples, so their means differ by rounding only: far below a standard
// error. `auto` picks webgpu when there is an adapter and says which.
import { describe, expect, it } from 'vitest';
import { BENCH_CASES } from '../../scripts/mc-bench-cases.js';
import { compileExpectation, estimate } from '../../src/mc/index.js';
import { draw, exp, mul, norm2, normal, sym, vec } from '../../src/expr/build.js';
import { BACKENDS, describeWebgpu, REQUIRE_WEBGPU, webgpuAdapter, webgpuReason } from './webgpu-gate.js';

const x = sym('x');
const z = sym('z');
const s = sym('s');

/** The four benchmark integrands, with their exact values. */
const BENCH = BENCH_CASES;

describe('backend selection', () => {
  it('auto uses webgpu when an adapter exists, else cpu, and says which', async () => {
    const est = await compileExpectation(x, [draw('x', normal(0, 1))], [], 'auto');
    if (webgpuAdapter) {
      expect(est.backend).toBe('webgpu');
      expect(est.adapter).toBe(webgpuAdapter);
      console.info(`[derivcheck] webgpu adapter: ${est.adapter}`);
    } else {
      expect(est.backend).toBe('cpu');
      expect(est.adapter).toContain(webgpuReason);
    }
    const r = await est.run({}, { samples: 1000, seed: 1 });
    expect(r.backend).toBe(est.backend);
    expect(r.adapter).toBe(est.adapter);
    est.dispose();
  });

  it('with DERIVCHECK_REQUIRE_WEBGPU=1 an adapter must exist; without it, webgpu tests run exactly when one does', () => {
    if (REQUIRE_WEBGPU) expect(webgpuAdapter, webgpuReason).toBeDefined();
    expect(BACKENDS.includes('webgpu')).toBe(REQUIRE_WEBGPU || webgpuAdapter !== undefined);
  });

  it('cpu reports its kernel (wasm SIMD or JS), float64, and its thread count', async () => {
    const r = await estimate(x, [draw('x', normal(0, 1))], {}, { samples: 100, seed: 1, backend: 'cpu' });
    expect(r.backend).toBe('cpu');
    expect(r.adapter).toMatch(/^(wasm SIMD|JS) float64, \d+ threads?$/);
  });
});

describeWebgpu('webgpu (f32) and cpu (float64) agree on identical samples', () => {
  for (const c of BENCH) {
    it(`${c.name}: |mean_webgpu − mean_cpu| < stderr/100, both within 5 SE of ${c.exact.toPrecision(6)}`, async () => {
      const opts = { samples: 1_000_000, seed: 2718 };
      const g = await estimate(c.f, c.random, c.params, { ...opts, backend: 'webgpu' });
      const h = await estimate(c.f, c.random, c.params, { ...opts, backend: 'cpu' });
      expect(g.backend).toBe('webgpu');
      expect(h.backend).toBe('cpu');
      expect(g.nonFinite).toBe(h.nonFinite);
      expect(Math.abs(g.mean - h.mean)).toBeLessThan(h.stderr / 100);
      expect(Math.abs(g.variance - h.variance) / h.variance).toBeLessThan(1e-3);
      expect(Math.abs(h.mean - c.exact)).toBeLessThan(5 * h.stderr);
      // Teeth: a different seed moves the mean by about a standard error, far more than the backends differ.
      const other = await estimate(c.f, c.random, c.params, { samples: 1_000_000, seed: 2719, backend: 'cpu' });
      expect(Math.abs(other.mean - h.mean)).toBeGreaterThan(Math.abs(g.mean - h.mean));
    });
  }

  it('one compiled pipeline serves many parameter points (E[exp(s·z)] = exp(s²/2))', async () => {
    const est = await compileExpectation(exp(mul(s, z)), [draw('z', normal(0, 1))], ['s'], 'webgpu');
    for (const sv of [0.1, 0.5, 1, 1.5]) {
      const r = await est.run({ s: sv }, { samples: 500_000, seed: 11 });
      expect(Math.abs(r.mean - Math.exp(sv * sv / 2))).toBeLessThan(5 * r.stderr);
    }
    est.dispose();
  });

  it('a new vector dimension specializes a new kernel (E‖v‖² = d·variance)', async () => {
    const v = vec('v');
    const est = await compileExpectation(norm2(v), [draw('v', normal(0, sym('q'), sym('d')))], ['q', 'd'], 'webgpu');
    for (const [q, d] of [[2, 1], [0.5, 3], [1, 8]]) {
      const r = await est.run({ q, d }, { samples: 200_000, seed: 3 });
      expect(Math.abs(r.mean - q * d)).toBeLessThan(5 * r.stderr);
    }
    est.dispose();
  });

  it('vectors beyond WGSL\'s 8 KiB of per-thread memory: webgpu refuses with a reason, auto runs them on the cpu and says so', async () => {
    const v = vec('v');
    const random = [draw('v', normal(0, 1, sym('d')))];
    const gpu = await compileExpectation(norm2(v), random, ['d'], 'webgpu');
    await expect(gpu.run({ d: 600 }, { samples: 1000, seed: 1 })).rejects.toThrow(/more than WGSL's 8192; use the cpu backend/);
    const auto = await compileExpectation(norm2(v), random, ['d'], 'auto');
    const big = await auto.run({ d: 600 }, { samples: 20_000, seed: 1 });
    expect(big.backend).toBe('cpu');
    expect(big.adapter).toMatch(/600 components/);
    expect(Math.abs(big.mean - 600)).toBeLessThan(5 * big.stderr);
    const small = await auto.run({ d: 3 }, { samples: 20_000, seed: 1 });
    expect(small.backend).toBe('webgpu');
    gpu.dispose();
    auto.dispose();
  });

  it('a result reports samples per second and wall time', async () => {
    const r = await estimate(x, [draw('x', normal(0, 1))], {}, { samples: 2_000_000, seed: 1, backend: 'webgpu' });
    expect(r.ms).toBeGreaterThan(0);
    expect(r.samplesPerSecond).toBeCloseTo(r.samples / (r.ms / 1000), 6);
  });
});
