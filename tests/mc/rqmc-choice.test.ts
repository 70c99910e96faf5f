// Which method `auto` picks (src/mc/rqmc-choice.ts), and what a decision by
// RQMC says and can do:
// - smooth integrands of ≤ 16 coordinates with ≥ 2^19 samples: RQMC;
//   abs/min/max/tan anywhere, more coordinates, or fewer samples: plain
//   Monte Carlo, with the reason; `mc` and `rqmc` are obeyed;
// - a decision by RQMC refutes a mutant 100× below what plain Monte Carlo
//   at the same samples can see, and verifies the true claim, its evidence
//   naming the method, randomizations and points.
import { afterAll, describe, expect, it } from 'vitest';
import { compileMethod, RQMC_AUTO_MAX_DIMS } from '../../src/mc/rqmc-choice.js';
import { compileRqmc } from '../../src/mc/rqmc.js';
import { shutdownGpu } from '../../src/mc/index.js';
import { decideExpectation } from '../../src/expect/decide-expectation.js';
import { abs, add, draw, E, exp, max, mul, norm2, normal, num, sigmoid, sym, tan, vec } from '../../src/expr/build.js';

afterAll(() => shutdownGpu());
const x = sym('x');
const N01 = [draw('x', normal(0, 1))];
const BIG = 2 ** 20;

async function methodOf(f: Parameters<typeof compileMethod>[0], random = N01, samples = BIG, params: Record<string, number> = {}, method: 'auto' | 'mc' | 'rqmc' = 'auto') {
  const est = await compileMethod(f, random, Object.keys(params), 'cpu', method);
  try {
    return await est.run(params, { samples, seed: 1 });
  } finally {
    est.dispose();
  }
}

describe('auto chooses', () => {
  it('RQMC for smooth integrands (sigmoid, exp, polynomials) with enough samples', async () => {
    for (const f of [sigmoid(x), exp(mul(0.5, x)), add(mul(x, x), x)]) {
      const r = await methodOf(f);
      expect(r.method).toBe('rqmc');
    }
  });

  it('plain Monte Carlo where a function hides a kink, an indicator or a pole: abs, min/max, tan (even deep inside)', async () => {
    for (const [f, fn] of [[abs(x), 'abs'], [max(add(x, -6), 0), 'max'], [exp(mul(0.1, tan(x))), 'tan'], [sigmoid(add(1, abs(x))), 'abs']] as const) {
      const r = await methodOf(f);
      expect(r.method).toBe('mc');
      expect(r.methodReason).toContain(`${fn}(…)`);
    }
  });

  it(`plain Monte Carlo above ${RQMC_AUTO_MAX_DIMS} coordinates, decided at the run's dimension`, async () => {
    const v = vec('v');
    const random = [draw('v', normal(0, 1, sym('d')))];
    expect((await methodOf(norm2(v), random, BIG, { d: RQMC_AUTO_MAX_DIMS })).method).toBe('rqmc');
    const r = await methodOf(norm2(v), random, BIG, { d: RQMC_AUTO_MAX_DIMS + 1 });
    expect(r.method).toBe('mc');
    expect(r.methodReason).toContain(`${RQMC_AUTO_MAX_DIMS + 1} dimensions`);
  });

  it('plain Monte Carlo below 2^19 samples (the t statistic of skewed randomization means leans)', async () => {
    const r = await methodOf(sigmoid(x), N01, 2 ** 18);
    expect(r.method).toBe('mc');
    expect(r.methodReason).toContain('2^19');
  });

  it('obeys an explicit method: mc stays plain on a smooth integrand, rqmc runs on a rough one', async () => {
    expect((await methodOf(sigmoid(x), N01, BIG, {}, 'mc')).method).toBe('mc');
    expect((await methodOf(abs(x), N01, BIG, {}, 'rqmc')).method).toBe('rqmc');
    await expect(compileMethod(x, N01, [], 'cpu', 'qmc' as never)).rejects.toThrow(/unknown method/);
  });

  it('RQMC refuses more coordinates than the shipped direction numbers (bad input), and is reproducible per (seed, stream)', async () => {
    const v = vec('v');
    const est = await compileRqmc(norm2(v), [draw('v', normal(0, 1, 1025))], []);
    await expect(est.run({}, { samples: 2 ** 10, seed: 1 })).rejects.toThrow(/at most 1024 dimensions/);
    est.dispose();
    const e2 = await compileRqmc(sigmoid(x), N01, []);
    const a = await e2.run({}, { samples: 2 ** 12, seed: 3, stream: 5 });
    const b = await e2.run({}, { samples: 2 ** 12, seed: 3, stream: 5 });
    const c = await e2.run({}, { samples: 2 ** 12, seed: 3, stream: 6 });
    expect(b.mean).toBe(a.mean);
    expect(c.mean).not.toBe(a.mean);
    e2.dispose();
  });
});

describe('decisions by RQMC', () => {
  const claim = (c: number) => decideExpectation(E(sigmoid(x), N01), '=', num(c), new Map(), { seed: 1, backend: 'cpu' });

  it('verify E[sigmoid(x)] = 1/2 with the method, randomizations and points in the evidence', async () => {
    const v = await claim(0.5);
    expect(v.verdict).toBe('verified');
    const d = v.evidence[0].data!;
    expect(d.method).toBe('rqmc');
    expect(d.randomizations).toBe(32);
    expect(d.points).toBe(2 ** 15);
    expect(v.evidence[0].detail).toContain('randomized quasi-Monte Carlo');
    // Plain Monte Carlo at 2^20 samples sees about 6·0.2/1024 = 0.0012; RQMC far less.
    expect(d.detectableDifference as number).toBeLessThan(1e-5);
  });

  it('refute a mutant 1e-5 off (100× below plain Monte Carlo’s detectable difference), confirmed on a fresh set of randomizations', async () => {
    const v = await claim(0.5 + 1e-5);
    expect(v.verdict).toBe('refuted');
    const d = v.evidence[0].data as { method: string; runs: { dof: number; t: number }[] };
    expect(d.method).toBe('rqmc');
    expect(d.runs).toHaveLength(2);
    for (const r of d.runs) {
      expect(r.dof).toBe(31);
      expect(Math.abs(r.t)).toBeGreaterThan(8.35);
    }
  });

  it('refute mutants 1e-7 off either way (the interlaced, tail-refined error bar: smallest detectable difference ≈ 1.2e-8), and verify the truth over 5 seeds', async () => {
    for (const c of [0.5 + 1e-7, 0.5 - 1e-7]) expect((await claim(c)).verdict, String(c)).toBe('refuted');
    for (const seed of [2, 3, 4, 5, 6]) {
      const v = await decideExpectation(E(sigmoid(x), N01), '=', num(0.5), new Map(), { seed, backend: 'cpu' });
      expect(v.verdict, `seed ${seed}`).toBe('verified');
      expect(v.evidence[0].data!.detectableDifference as number).toBeLessThan(5e-8);
    }
  });

  it('plain Monte Carlo cannot see the same mutant at the same samples (the power RQMC adds)', async () => {
    const v = await decideExpectation(E(sigmoid(x), N01), '=', num(0.5 + 1e-5), new Map(), { seed: 1, backend: 'cpu', method: 'mc' });
    expect(v.verdict).toBe('verified');
  });
});
