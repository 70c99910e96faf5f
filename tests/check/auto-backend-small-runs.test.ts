// Law: under `auto`, a decision whose estimates are smaller than
// AUTO_GPU_MIN_SAMPLES runs on the cpu (float64), where they finish before the
// GPU would have started; larger ones go to webgpu where there is an adapter;
// an explicit backend is never overridden. The verdicts do not depend on the
// choice: the same claims, true and subtly false, decide alike on both.
import { describe, expect, it } from 'vitest';
import { abs, E, draw, div, mul, normal, num, pi, sqrt, sym } from '../../src/expr/build.js';
import { AUTO_GPU_MIN_SAMPLES, backendForRun } from '../../src/mc/backend-choice.js';
import { decideExpectation, DEFAULT_SAMPLES } from '../../src/expect/decide-expectation.js';
import { describeWebgpu } from '../mc/webgpu-gate.js';

const z = sym('z');
const N01 = [draw('z', normal(0, 1))];
/** E[|z|] = √(2/π): abs keeps it on plain Monte Carlo (RQMC would run on the cpu anyway). */
const meanAbs = E(abs(z), N01);
const exact = sqrt(div(2, pi));

describe('backendForRun', () => {
  it('auto below the threshold is the cpu; at and above it stays auto', () => {
    expect(DEFAULT_SAMPLES).toBeLessThan(AUTO_GPU_MIN_SAMPLES);
    expect(backendForRun('auto', DEFAULT_SAMPLES)).toBe('cpu');
    expect(backendForRun('auto', 2 ** 14)).toBe('cpu');
    expect(backendForRun('auto', AUTO_GPU_MIN_SAMPLES - 1)).toBe('cpu');
    expect(backendForRun('auto', AUTO_GPU_MIN_SAMPLES)).toBe('auto');
    expect(backendForRun('auto', 2 ** 40)).toBe('auto');
  });

  it('an explicit backend is kept whatever the size', () => {
    expect(backendForRun('webgpu', 2 ** 14)).toBe('webgpu');
    expect(backendForRun('webgpu', DEFAULT_SAMPLES)).toBe('webgpu');
    expect(backendForRun('cpu', 2 ** 40)).toBe('cpu');
  });
});

describe('a default-size decision under auto runs on the cpu', () => {
  it('E[|z|] = √(2/π): verified, every estimate on the cpu in float64', async () => {
    const v = await decideExpectation(meanAbs, '=', exact, new Map(), { seed: 3, backend: 'auto' });
    expect(v.verdict).toBe('verified');
    expect(v.evidence[0].data!.backend).toBe('cpu');
    expect(v.evidence[0].data!.f32Disagreements).toEqual([]);
  });

  it('a 1 % mutant, E[|z|] = 1.01 √(2/π), is still refuted there, confirmed on a second cpu stream', async () => {
    const v = await decideExpectation(meanAbs, '=', mul(num(1.01), exact), new Map(), { seed: 3, backend: 'auto' });
    expect(v.verdict).toBe('refuted');
    const runs = v.evidence[0].data!.runs as { backend: string; z: number }[];
    expect(runs.map((r) => r.backend)).toEqual(['cpu', 'cpu']);
    expect(Math.sign(runs[0].z)).toBe(Math.sign(runs[1].z));
  });
});

/** The run was webgpu's: its f32 result, or the float64 rerun of it that the engine makes when f32 rounding was not small (it says so). */
const ranOnWebgpu = (d: Record<string, unknown>): boolean => d.backend === 'webgpu' || /rerun in float64/.test(String(d.adapter));

describeWebgpu('a large decision under auto runs on webgpu', () => {
  it(`E[|z|] = √(2/π) with ${AUTO_GPU_MIN_SAMPLES} samples: verified, the first runs on webgpu`, async () => {
    const v = await decideExpectation(meanAbs, '=', exact, new Map(), { seed: 3, backend: 'auto', samples: AUTO_GPU_MIN_SAMPLES, draws: 1 });
    expect(v.verdict).toBe('verified');
    expect(ranOnWebgpu(v.evidence[0].data!)).toBe(true);
  }, 60_000);

  it('explicit webgpu with a small run stays on webgpu', async () => {
    const v = await decideExpectation(meanAbs, '=', exact, new Map(), { seed: 3, backend: 'webgpu', draws: 1 });
    expect(v.verdict).toBe('verified');
    expect(ranOnWebgpu(v.evidence[0].data!)).toBe(true);
  }, 60_000);
});
