// param.v and param.jit-table: beyond "every step holds" (suite.test.ts), the
// weights are recomputed here in plain float64 arithmetic from the definitions,
// independently of the checker, and the expected refutations are refuted for
// the stated reason (the counterexample shows the mistake).
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { shutdownGpu } from '../../src/mc/index.js';
import { cachedChecker, coordinate as num } from './helpers.js';
import paramV from '../../derivations/param/v.js';
import jitTable from '../../derivations/param/jit-table.js';

afterAll(async () => {
  await shutdownGpu();
});
const check = cachedChecker();
const close = (a: number, b: number, rel = 1e-9) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));

describe('param.v', () => {
  it('v-loss = (1 + SNR) x-loss = ((1 + SNR)/SNR) ε-loss for VP predictions converted through x_t (float64, random points)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), (a, x0, e, eh) => {
        const s = Math.sqrt(1 - a * a);
        const xt = a * x0 + s * e;
        const v = a * e - s * x0;
        const vHat = (eh - s * xt) / a;
        const xHat = (xt - s * eh) / a;
        const snr = (a * a) / (s * s);
        expect(close((vHat - v) ** 2, (1 + snr) * (xHat - x0) ** 2, 1e-7)).toBe(true);
        expect(close((vHat - v) ** 2, ((1 + snr) / snr) * (eh - e) ** 2, 1e-7)).toBe(true);
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('every held step is proved; mutant 5 (v = αε + σx_0) is refuted where α x_t − σ v = (α² − σ²) x_0 ≠ x_0', async () => {
    const r = await check(paramV);
    for (const s of r.steps) expect(s.verdict, `step ${s.index}`).toBe(s.expect === 'refuted' ? 'refuted' : 'proved');
    const m5 = r.steps.find((s) => s.expect === 'refuted' && s.note?.startsWith('mutant 5:'));
    const c = m5?.counterexample;
    expect(c).toBeDefined();
    const a = num(c!.params.alpha);
    const x0 = num(c!.params.x_0);
    // the mutant's inverse gives (α² − σ²) x_0 = (2α² − 1) x_0
    expect(close(c!.lhs as number, (2 * a * a - 1) * x0, 1e-9)).toBe(true);
    expect(x0).not.toBe(0);
  });
});

describe('param.jit-table', () => {
  // The nine weights w_{p,l}(t), recomputed from the conversions (t = 1 is data).
  const conv = {
    x: (p: number, z: number, t: number) => ({ x: p, eps: (z - t * p) / (1 - t), v: (p - z) / (1 - t) }),
    eps: (p: number, z: number, t: number) => ({ x: (z - (1 - t) * p) / t, eps: p, v: (z - p) / t }),
    v: (p: number, z: number, t: number) => ({ x: (1 - t) * p + z, eps: z - t * p, v: p }),
  };
  const weight = {
    x: { x: () => 1, eps: (t: number) => t ** 2 / (1 - t) ** 2, v: (t: number) => 1 / (1 - t) ** 2 },
    eps: { x: (t: number) => (1 - t) ** 2 / t ** 2, eps: () => 1, v: (t: number) => 1 / t ** 2 },
    v: { x: (t: number) => (1 - t) ** 2, eps: (t: number) => t ** 2, v: () => 1 },
  };
  const spaces = ['x', 'eps', 'v'] as const;

  it('l-loss of a p-prediction = w_{p,l}(t) × p-loss for all nine pairs (float64, random points)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.02, max: 0.98, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), (t, x, e, pred) => {
        const z = t * x + (1 - t) * e;
        const truth = { x, eps: e, v: x - e };
        for (const p of spaces) for (const l of spaces) {
          const lhs = (conv[p](pred, z, t)[l] - truth[l]) ** 2;
          const rhs = weight[p][l](t) * (pred - truth[p]) ** 2;
          expect(close(lhs, rhs, 1e-6), `${p}-pred ${l}-loss at t = ${t}`).toBe(true);
        }
      }),
      { seed: 12, numRuns: 200 },
    );
  });

  it('the nine table entries are proved; the clamp is refuted only past t = 0.95, mutant 6 (1/(1 − t)) where t ≠ 0', async () => {
    const r = await check(jitTable);
    const table = r.steps.filter((s) => jitTable.chains[s.chain - 1].statement?.startsWith('JiT table:'));
    expect(table).toHaveLength(9);
    for (const s of table) expect(s.verdict).toBe('proved');
    const clamp = r.steps.find((s) => s.note?.startsWith("JiT's clamp"));
    expect(clamp?.verdict).toBe('refuted');
    expect(num(clamp!.counterexample!.params.t)).toBeGreaterThan(0.95);
    const m6 = r.steps.find((s) => s.note?.startsWith('mutant 6'));
    expect(m6?.verdict).toBe('refuted');
    // at the counterexample the true weight 1/(1 − t)² and the mutant's 1/(1 − t) differ
    const t = num(m6!.counterexample!.params.t);
    expect(Math.abs(1 / (1 - t) ** 2 - 1 / (1 - t))).toBeGreaterThan(1e-9);
  });
});
