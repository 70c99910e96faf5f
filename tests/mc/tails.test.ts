// Laws of `mc`'s error bars:
// - every estimate carries the Pareto tail index k̂ of its integrand (float64
//   draws on a stream of its own); k̂ > 0.7 makes `mc` warn on stderr and exit 3
//   (unknown: the standard error is not reliable);
// - the interval reported on webgpu covers the truth where f32 rounding is not
//   small against the standard error (a large mean against the spread).
import { afterAll, describe, expect, it } from 'vitest';
import { abs, div, draw, exp, mul, normal, sub, sym } from '../../src/expr/build.js';
import { compileExpectation, estimate, shutdownGpu, tailStream } from '../../src/mc/index.js';
import { cli, json } from '../e2e/run-cli.js';
import { describeWebgpu } from './webgpu-gate.js';

afterAll(async () => {
  await shutdownGpu();
});

const x = sym('x');
const X = [draw('x', normal(0, 1))];

describe('the tail index of an estimate', () => {
  it('light: E[x] has k̂ < 0.3; heavy: E[1/x] has k̂ ≈ 1 and E[exp(50|x|)] k̂ > 3 (cpu)', async () => {
    const light = await estimate(x, X, {}, { samples: 2 ** 14, seed: 1, backend: 'cpu' });
    expect(light.tailIndex).toBeLessThan(0.3);
    const inv = await estimate(div(1, x), X, {}, { samples: 2 ** 14, seed: 1, backend: 'cpu' });
    expect(Math.abs(inv.tailIndex! - 1)).toBeLessThan(0.25);
    const big = await estimate(exp(mul(50, abs(x))), X, {}, { samples: 2 ** 14, seed: 1, backend: 'cpu' });
    expect(big.tailIndex).toBeGreaterThan(3);
  });

  it('the tail stream is never the run\'s own stream, and is deterministic', async () => {
    for (const s of [0, 1, 7, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1]) {
      expect(tailStream(s)).not.toBe(s);
      expect(tailStream(s)).toBeGreaterThanOrEqual(0);
      expect(tailStream(s)).toBeLessThan(2 ** 32);
    }
    const est = await compileExpectation(div(1, x), X, [], 'cpu');
    try {
      const a = await est.tailIndex({}, { seed: 3, stream: 5 });
      expect(await est.tailIndex({}, { seed: 3, stream: 5 })).toBe(a);
      expect(await est.tailIndex({}, { seed: 3, stream: 6 })).not.toBe(a);
    } finally {
      est.dispose();
    }
  });
});

describe('mc on the command line', () => {
  it('mc "1/x" warns about the tail index on stderr and exits 3 (unknown)', () => {
    const r = cli('mc', '1/x', '--random', 'x ~ N(0,1)', '--backend', 'cpu', '--samples', '100000');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/warning: heavy tails: Pareto tail index k̂ = [\d.]+ > 0.7/);
  });

  it('mc --json reports tailIndex; a light-tailed estimate exits 0 without a warning', () => {
    const r = cli('mc', 'x^2', '--random', 'x ~ N(0,1)', '--backend', 'cpu', '--samples', '100000', '--json');
    expect(r.code).toBe(0);
    expect(json(r).tailIndex).toBeLessThan(0.3);
    expect(r.stderr).not.toMatch(/warning/);
  });

  it('mc --samples 1 has no standard error: a warning and exit 3', () => {
    const r = cli('mc', 'x', '--random', 'x ~ N(0,1)', '--backend', 'cpu', '--samples', '1');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/no estimate: 1 finite samples give mean .* and standard error NaN/);
  });

  it('claim --samples 1 on a Monte Carlo claim is bad input (exit 2, one line); on a closed form it still decides', () => {
    const r = cli('claim', 'E[abs(x)] = sqrt(2/pi)', '--random', 'x ~ N(0,1)', '--samples', '1', '--backend', 'cpu');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/below the minimum of 16384/);
    expect(cli('claim', 'E[x^4] = 3', '--random', 'x ~ N(0,1)', '--samples', '1').code).toBe(0);
  });
});

describeWebgpu('f32 rounding and the reported interval', () => {
  it.each([1, 2, 3])('E[x] for x ~ N(30000.1, 0.01) on webgpu: the reported interval covers 30000.1 (|z| < 6) (seed %i)', async (seed) => {
    const r = await estimate(x, [draw('x', normal(30000.1, 0.01))], {}, { samples: 2 ** 22, seed, backend: 'webgpu' });
    expect(Math.abs((r.mean - 30000.1) / r.stderr)).toBeLessThan(6);
  });

  it.each(['webgpu', 'auto'] as const)('cancellation: E[x − 30000] and E[|exp(y) − 1 − y|], y ~ N(0, 1e-8), cover their truth, from a float64 rerun (%s)', async (backend) => {
    const a = await estimate(sub(x, 30000), [draw('x', normal(30000.1, 0.01))], {}, { samples: 2 ** 22, seed: 1, backend });
    expect(Math.abs((a.mean - 0.1) / a.stderr)).toBeLessThan(6);
    expect(a.adapter).toMatch(/rerun in float64/);
    const b = await estimate(abs(sub(sub(exp(x), 1), x)), [draw('x', normal(0, 1e-8))], {}, { samples: 2 ** 20, seed: 1, backend });
    expect(Math.abs((b.mean - Math.expm1(0.5e-8)) / b.stderr)).toBeLessThan(6);
  });

  it('an integrand with a spread far above f32 rounding stays on webgpu (E[x], x ~ N(0.5, 2))', async () => {
    const r = await estimate(x, [draw('x', normal(0.5, 2))], {}, { samples: 2 ** 22, seed: 1, backend: 'webgpu' });
    expect(r.backend).toBe('webgpu');
    expect(Math.abs((r.mean - 0.5) / r.stderr)).toBeLessThan(6);
  });
});
