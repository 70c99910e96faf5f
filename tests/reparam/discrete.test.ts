// ᾱ_t of diffusers' discrete schedules, index for index, against an
// independent float64 oracle written here from diffusers' definitions
// (scheduling_ddpm.py) and against numpy's numbers (diffusers-reference.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { discreteSchedule, linearBetaExact, cosineF } from '../../src/reparam/discrete.js';
import { isBadInput } from '../../src/errors.js';
import { toNumber } from '../../src/expr/rational.js';

const T = 1000;
const STEPS = [1, 2, 500, 999, 1000];
const reference: Record<string, Record<string, number>> = JSON.parse(readFileSync('tests/reparam/diffusers-reference.json', 'utf8'));

/** The oracle: β from diffusers' formulas, by plain loops (no shared code with src/reparam). */
function oracleAlphaBar(name: string, zero: boolean): number[] {
  let betas: number[] = [];
  if (name === 'linear') for (let i = 0; i < T; i++) betas.push(1e-4 + (i * (0.02 - 1e-4)) / (T - 1));
  if (name === 'scaled-linear') for (let i = 0; i < T; i++) betas.push((Math.sqrt(0.00085) + (i * (Math.sqrt(0.012) - Math.sqrt(0.00085))) / (T - 1)) ** 2);
  if (name === 'cosine') {
    const f = (u: number) => Math.cos(((u + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
    for (let i = 0; i < T; i++) betas.push(Math.min(1 - f((i + 1) / T) / f(i / T), 0.999));
  }
  const cum = (b: number[]) => b.reduce<number[]>((acc, x) => [...acc, (acc.length ? acc[acc.length - 1] : 1) * (1 - x)], []);
  if (zero) {
    const sq = cum(betas).map(Math.sqrt);
    const [s0, sT] = [sq[0], sq[T - 1]];
    const ab = sq.map((s) => ((s - sT) * s0 / (s0 - sT)) ** 2);
    betas = ab.map((a, i) => 1 - (i === 0 ? a : a / ab[i - 1]));
  }
  return cum(betas);
}

const rel = (a: number, b: number) => (b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b));

describe("diffusers' discrete schedules, T = 1000", () => {
  for (const name of ['linear', 'scaled-linear', 'cosine'] as const) {
    for (const zero of [false, true]) {
      const label = `${name}${zero ? ' with the zero-terminal-SNR rescale' : ''}`;
      it(`ᾱ_t of ${label} at t = 1, 2, 500, 999, 1000 agrees with diffusers' definitions to 1e-12 relative`, () => {
        const s = discreteSchedule(name, T, zero);
        const oracle = oracleAlphaBar(name, zero);
        const ref = reference[name + (zero ? ':zero-snr' : '')];
        for (const t of STEPS) {
          const got = s.alphaBar[t - 1];
          expect(rel(got, oracle[t - 1]), `${label} t=${t} vs oracle`).toBeLessThan(1e-12);
          expect(rel(got, ref[String(t)]), `${label} t=${t} vs numpy`).toBeLessThan(1e-12);
        }
        if (zero) expect(s.alphaBar[T - 1]).toBe(0);
      });
    }
  }

  it('linear: β_1 = 1e-4 exactly and β_T = 0.02 (the seed\'s t/T form gives 1.199e-4 at t = 1)', () => {
    expect(linearBetaExact(1, T)).toEqual({ n: 1n, d: 10000n });
    expect(linearBetaExact(T, T)).toEqual({ n: 1n, d: 50n });
    const seedAt1 = 1e-4 + (1 / T) * (0.02 - 1e-4);
    expect(seedAt1).toBeCloseTo(1.199e-4, 10);
    const s = discreteSchedule('linear', T);
    for (const t of [1, 2, 37, 500, 999, 1000]) expect(rel(s.beta[t - 1], toNumber(linearBetaExact(t, T)))).toBeLessThan(1e-15);
  });

  it('terminal SNR is not zero without the rescale (Lin et al. 2023): the reference values', () => {
    expect(discreteSchedule('linear', T).alphaBar[T - 1]).toBeCloseTo(4.036e-5, 8);
    const sl = discreteSchedule('scaled-linear', T);
    expect(Math.sqrt(sl.alphaBar[T - 1])).toBeCloseTo(0.068265, 6);
    expect(sl.snr[T - 1]).toBeCloseTo(0.00468, 5);
    const c = discreteSchedule('cosine', T);
    expect(c.alphaBar[T - 1]).toBeCloseTo(2.43e-9, 11);
    expect(c.logSnr[T - 1]).toBeCloseTo(-19.8, 1);
  });

  it('the rescale keeps ᾱ_1 and makes ᾱ_T, SNR_T zero and log-SNR −∞; every β stays in [0, 1]', () => {
    for (const name of ['linear', 'scaled-linear', 'cosine'] as const) {
      const a = discreteSchedule(name, T);
      const z = discreteSchedule(name, T, true);
      expect(rel(z.alphaBar[0], a.alphaBar[0])).toBeLessThan(1e-14);
      expect(z.snr[T - 1]).toBe(0);
      expect(z.logSnr[T - 1]).toBe(-Infinity);
      expect(z.beta[T - 1]).toBe(1);
      for (const b of z.beta) expect(b >= 0 && b <= 1).toBe(true);
    }
  });

  it('cosine: without the clip the last β is exactly 1 (f(1) = 0), with it 0.999', () => {
    expect(cosineF(1)).toBeLessThan(1e-30);
    expect(1 - cosineF(1) / cosineF(999 / 1000)).toBe(1);
    expect(discreteSchedule('cosine', T).beta[T - 1]).toBe(0.999);
  });

  it('small T: T = 1 is [β_start]; T = 2 the two ends; the rescale needs T ≥ 2; T = 0 and 1.5 are bad input', () => {
    expect([...discreteSchedule('linear', 1).beta]).toEqual([1e-4]);
    expect([...discreteSchedule('linear', 2).beta]).toEqual([1e-4, 0.02]);
    const z2 = discreteSchedule('linear', 2, true);
    expect(z2.alphaBar[1]).toBe(0);
    for (const bad of [() => discreteSchedule('linear', 1, true), () => discreteSchedule('linear', 0), () => discreteSchedule('linear', 1.5)]) {
      let err: unknown;
      try {
        bad();
      } catch (e) {
        err = e;
      }
      expect(isBadInput(err)).toBe(true);
    }
  });
});
