// Runs in chunks (src/mc/index.ts): a run of N samples is a sequence of
// chunks merged in float64 by Chan's formula, so it equals one long run to
// rounding; between chunks it answers its time budget, its abort signal and
// reports progress; memory does not grow with the samples asked for.
import { describe, expect, it } from 'vitest';
import {
  CHUNK_QUANTUM, compileExpectation, estimate, MAX_SAMPLES, McBudgetExhausted, McInterrupted, McParamError, withRunLimits, type Progress,
} from '../../src/mc/index.js';
import { MAX_SAMPLES as CLI_MAX_SAMPLES } from '../../src/cli/budget.js';
import { add, draw, exp, mul, normal, sym, uniform } from '../../src/expr/build.js';
import { BACKENDS } from './webgpu-gate.js';

const x = sym('x');
const t = sym('t');
const F = add(exp(mul(0.5, x)), t);
const R = [draw('x', normal(0.3, 2)), draw('t', uniform(0, 1))];

describe('a chunked run equals one long run (same seed, same samples)', () => {
  for (const wasm of [true, false]) {
    it(`cpu (${wasm ? 'wasm' : 'JS'} kernel): chunks of 2^18 and of 2^20 + 4 against one chunk, 3·2^20 + 7 samples: mean to 1e-13, variance to 1e-11`, async () => {
      const samples = 3 * 2 ** 20 + 7;
      const opts = { samples, seed: 21, stream: 2, backend: 'cpu' as const };
      const whole = await estimate(F, R, {}, opts, { cpu: { wasm }, chunkSamples: 2 ** 24 });
      for (const chunkSamples of [2 ** 18, 2 ** 20 + 4]) {
        const parts = await estimate(F, R, {}, opts, { cpu: { wasm }, chunkSamples });
        expect(parts.samples).toBe(samples);
        expect(Math.abs(parts.mean - whole.mean)).toBeLessThanOrEqual(1e-13 * Math.abs(whole.mean));
        expect(Math.abs(parts.variance - whole.variance)).toBeLessThanOrEqual(1e-11 * whole.variance);
      }
      // Teeth: another seed is another estimate.
      const other = await estimate(F, R, {}, { ...opts, seed: 22 }, { cpu: { wasm }, chunkSamples: 2 ** 18 });
      expect(other.mean).not.toBe(whole.mean);
    });
  }

  it.each(BACKENDS)('%s: the default (timed) chunks give the statistics of one chunk, to f32 rounding on webgpu', async (backend) => {
    const opts = { samples: 5 * 2 ** 20 + 2, seed: 5, backend };
    const a = await estimate(F, R, {}, opts);
    const b = await estimate(F, R, {}, opts, { chunkSamples: 2 ** 24 });
    expect(a.samples).toBe(b.samples);
    const tol = backend === 'cpu' ? 1e-13 * Math.abs(b.mean) : b.stderr / 100;
    expect(Math.abs(a.mean - b.mean)).toBeLessThanOrEqual(tol);
  });

  it('chunk sizes must be positive multiples of 4 (the largest group)', async () => {
    await expect(estimate(F, R, {}, { samples: 100, seed: 1, backend: 'cpu' }, { chunkSamples: 6 })).rejects.toThrow(McParamError);
  });
});

describe('budgets, interruption and progress', () => {
  it.each(BACKENDS)('%s: maxSeconds stops the run, which says how many of the requested samples it drew', async (backend) => {
    const t0 = performance.now();
    const r = await estimate(F, R, {}, { samples: 1e15, seed: 3, backend, maxSeconds: 0.5 });
    const s = (performance.now() - t0) / 1000;
    expect(r.stopped).toBe('max-seconds');
    expect(r.requested).toBe(1e15);
    expect(r.samples).toBeGreaterThanOrEqual(CHUNK_QUANTUM);
    expect(r.samples).toBeLessThan(1e15);
    expect(Number.isFinite(r.mean) && Number.isFinite(r.stderr)).toBe(true);
    // Compile time, plus at most one chunk past the deadline.
    expect(s).toBeLessThan(3);
  });

  it('a run that finishes inside its budget has no `stopped`', async () => {
    const r = await estimate(F, R, {}, { samples: 1000, seed: 3, backend: 'cpu', maxSeconds: 60 });
    expect(r.stopped).toBeUndefined();
    expect(r.requested).toBeUndefined();
    expect(r.samples).toBe(1000);
  });

  it('maxSeconds must be a positive finite number', async () => {
    for (const maxSeconds of [0, -1, NaN, Infinity]) {
      await expect(estimate(F, R, {}, { samples: 10, seed: 1, backend: 'cpu', maxSeconds })).rejects.toThrow(McParamError);
    }
  });

  it('memory stays flat: 1e15 samples under a 1 s budget grow the heap by less than 50 MB', async () => {
    const before = process.memoryUsage();
    await estimate(F, R, {}, { samples: 1e15, seed: 4, backend: 'cpu', maxSeconds: 1 });
    const after = process.memoryUsage();
    expect(after.heapUsed + after.external - before.heapUsed - before.external).toBeLessThan(50e6);
  });

  it('samples up to 2^53 − 1 are accepted (the CLI states the same maximum), 2^53 is not', async () => {
    expect(CLI_MAX_SAMPLES).toBe(MAX_SAMPLES);
    const r = await estimate(F, R, {}, { samples: MAX_SAMPLES, seed: 1, backend: 'cpu', maxSeconds: 0.2 });
    expect(r.requested).toBe(MAX_SAMPLES);
    await expect(estimate(F, R, {}, { samples: 2 ** 53, seed: 1, backend: 'cpu' })).rejects.toThrow(McParamError);
  });

  it('an aborted signal stops the run at the next chunk boundary with McInterrupted (samples done in it)', async () => {
    const ac = new AbortController();
    const est = await compileExpectation(F, R, [], 'cpu');
    try {
      const t0 = performance.now();
      setTimeout(() => ac.abort(), 300);
      const err = await est.run({}, { samples: 1e15, seed: 1, signal: ac.signal }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(McInterrupted);
      expect((err as McInterrupted).done).toBeGreaterThan(0);
      expect(performance.now() - t0).toBeLessThan(300 + 1000);
    } finally {
      est.dispose();
    }
  });

  it('progress comes after every chunk: samples done increase to the total, with a running estimate', async () => {
    const seen: Progress[] = [];
    const r = await estimate(F, R, {}, { samples: 4 * 2 ** 20, seed: 2, backend: 'cpu', onProgress: (p) => seen.push(p) }, { chunkSamples: 2 ** 20 });
    expect(seen.map((p) => p.done)).toEqual([1, 2, 3, 4].map((k) => k * 2 ** 20));
    expect(seen[3].mean).toBe(r.mean);
    expect(seen.every((p) => p.samples === 4 * 2 ** 20 && p.samplesPerSecond > 0 && Number.isFinite(p.stderr))).toBe(true);
  });

  it('inside withRunLimits a cut estimate throws McBudgetExhausted (a decision must not use it), with the samples done', async () => {
    const est = await compileExpectation(F, R, [], 'cpu');
    try {
      const err = await withRunLimits({ maxSeconds: 0.3 }, () => est.run({}, { samples: 1e15, seed: 1 })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(McBudgetExhausted);
      expect((err as McBudgetExhausted).done).toBeGreaterThan(0);
      expect((err as McBudgetExhausted).message).toMatch(/budget exhausted/);
      // Estimates that fit in the budget are untouched.
      const ok = await withRunLimits({ maxSeconds: 30 }, () => est.run({}, { samples: 5000, seed: 1 }));
      expect(ok.samples).toBe(5000);
    } finally {
      est.dispose();
    }
  });
});
