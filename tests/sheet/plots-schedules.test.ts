// The plots' schedule module against numpy (diffusers' DDPMScheduler formulas,
// written out below) and against the laws the schedules must satisfy. When
// src/reparam replaces src/sheet/plot-schedules.ts, this test checks the swap.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { alphaBar, betas, logSnr, zeroTerminalSnr, LINEAR } from '../../src/sheet/plot-schedules.js';

const T = 1000;
const STEPS = [1, 2, 3, 10, 100, 500, 900, 999, 1000];

const NUMPY = `
import json, math, sys
import numpy as np
T = ${T}
def cosine(T, s=0.008, max_beta=0.999):
    f = lambda t: math.cos((t + s) / (1 + s) * math.pi / 2) ** 2
    return np.array([min(1 - f((i + 1) / T) / f(i / T), max_beta) for i in range(T)], dtype=np.float64)
def rescale(betas):
    abar = np.cumprod(1.0 - betas)
    sq = np.sqrt(abar)
    s0, sT = sq[0].copy(), sq[-1].copy()
    sq -= sT
    sq *= s0 / (s0 - sT)
    return sq ** 2
sch = {
    'linear': np.linspace(1e-4, 0.02, T, dtype=np.float64),
    'scaled-linear': np.linspace(0.00085 ** 0.5, 0.012 ** 0.5, T, dtype=np.float64) ** 2,
    'cosine': cosine(T),
}
steps = ${JSON.stringify(STEPS)}
out = {}
for k, b in sch.items():
    out[k] = [float(np.cumprod(1.0 - b)[t - 1]) for t in steps]
    out[k + '+zsnr'] = [float(rescale(b)[t - 1]) for t in steps]
json.dump(out, sys.stdout)
`;

function numpyValues(): Record<string, number[]> | string {
  const r = spawnSync('python3', ['-c', NUMPY], { encoding: 'utf8', timeout: 60_000 });
  if (r.error || r.status !== 0) return `python3 with numpy unavailable (${r.error?.message ?? r.stderr.trim().split('\n').pop()})`;
  return JSON.parse(r.stdout) as Record<string, number[]>;
}

describe('discrete schedules (plot data)', () => {
  it('ᾱ_t of linear, scaled-linear and cosine, with and without the zero-SNR rescale, equal numpy (diffusers) to 1e-12 relative', (ctx) => {
    const ref = numpyValues();
    if (typeof ref === 'string') {
      console.log(`skipped: ${ref}`);
      ctx.skip();
      return;
    }
    for (const id of ['linear', 'scaled-linear', 'cosine'] as const) {
      const abar = alphaBar(betas(id, T));
      const z = zeroTerminalSnr(abar);
      STEPS.forEach((t, i) => {
        expect(abar[t - 1]).toBeCloseTo(ref[id][i], 12);
        expect(Math.abs(abar[t - 1] - ref[id][i])).toBeLessThanOrEqual(1e-12 * ref[id][i]);
        // ᾱ_T = 0 after the rescale; numpy leaves a rounding residue there, so absolute 1e-15.
        expect(Math.abs(z[t - 1] - ref[`${id}+zsnr`][i])).toBeLessThanOrEqual(1e-12 * ref[`${id}+zsnr`][i] + 1e-15);
      });
    }
  });

  it("the seed's linear schedule is off by one step: its β at t = 1 is β_1 + (β_T − β_1)/T, and equals the correct one's β at t = T", () => {
    const good = betas('linear', T);
    const seed = betas('seed-linear', T);
    expect(good[0]).toBe(LINEAR.beta1);
    expect(seed[0]).toBeCloseTo(LINEAR.beta1 + (LINEAR.betaT - LINEAR.beta1) / T, 15);
    expect(seed[T - 1]).toBeCloseTo(LINEAR.betaT, 15);
    // visible in log-SNR at t = 1: log(1 − β)/β differs by about log(1.199) ≈ 0.18
    const d = logSnr(alphaBar(good)[0]) - logSnr(alphaBar(seed)[0]);
    expect(d).toBeGreaterThan(0.17);
    expect(d).toBeLessThan(0.19);
  });

  it('the zero-terminal-SNR rescale keeps ᾱ_1, sends ᾱ_T to exactly 0, and keeps ᾱ_t decreasing', () => {
    for (const id of ['linear', 'scaled-linear', 'cosine', 'seed-linear'] as const) {
      const abar = alphaBar(betas(id, T));
      const z = zeroTerminalSnr(abar);
      expect(z[0]).toBeCloseTo(abar[0], 14);
      expect(z[T - 1]).toBe(0);
      expect(logSnr(z[T - 1])).toBe(-Infinity);
      for (let i = 1; i < T; i++) expect(z[i]).toBeLessThan(z[i - 1]);
    }
  });

  it('cosine β_t is clipped at 0.999 (only the last step reaches it at T = 1000) and every β_t is in (0, 1)', () => {
    const b = betas('cosine', T);
    expect(b[T - 1]).toBe(0.999);
    expect(b.filter((x) => x === 0.999).length).toBe(1);
    for (const id of ['linear', 'scaled-linear', 'cosine', 'seed-linear'] as const) for (const x of betas(id, T)) expect(x > 0 && x < 1).toBe(true);
  });

  it('log-SNR keeps precision near ᾱ = 1 and ᾱ = 0 (no cancellation in 1 − ᾱ)', () => {
    expect(logSnr(1 - 1e-12)).toBeCloseTo(Math.log(1e12), 3);
    expect(logSnr(1e-300)).toBeCloseTo(-300 * Math.LN10, 9);
    expect(logSnr(0.5)).toBe(0);
  });

  it('rejects T < 2 and non-integer T', () => {
    expect(() => betas('linear', 1)).toThrow(RangeError);
    expect(() => betas('cosine', 10.5)).toThrow(RangeError);
  });
});
