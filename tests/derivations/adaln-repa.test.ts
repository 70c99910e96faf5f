// adaln.zero-init and repa.alignment-bounds are decided on a d = 3 testbed;
// here the same laws are tested in float64 for other dimensions (d = 1 … 12),
// so the testbed's dimension is not what makes them hold, and the expected
// refutations are refuted for the stated reason.
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { shutdownGpu } from '../../src/mc/index.js';
import { cachedChecker } from './helpers.js';
import adaln from '../../derivations/adaln/zero-init.js';
import repa from '../../derivations/repa/alignment-bounds.js';

afterAll(async () => {
  await shutdownGpu();
});
const check = cachedChecker();
const vecArb = (d: number) => fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: d, maxLength: d });
const layerNorm = (x: number[], eps = 1e-6) => {
  const mu = x.reduce((a, b) => a + b, 0) / x.length;
  const s2 = x.reduce((a, b) => a + (b - mu) ** 2, 0) / x.length;
  return { y: x.map((xi) => (xi - mu) / Math.sqrt(s2 + eps)), s2 };
};

describe('adaln.zero-init', () => {
  it('LN has mean 0 and mean square s²/(s² + ε) in every dimension d = 1 … 12 (float64)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }).chain((d) => vecArb(d)), (x) => {
        const { y, s2 } = layerNorm(x);
        expect(Math.abs(y.reduce((a, b) => a + b, 0) / y.length)).toBeLessThan(1e-9);
        expect(y.reduce((a, b) => a + b * b, 0) / y.length).toBeCloseTo(s2 / (s2 + 1e-6), 9);
      }),
      { seed: 14, numRuns: 300 },
    );
  });

  it('the checker: the block is the identity at initialization, the seed variant is LayerNorm and refuted as the identity where LN(x)_1 ≠ x_1', async () => {
    const r = await check(adaln);
    for (const s of r.steps) expect(s.verdict, `step ${s.index}`).toBe(s.expect === 'refuted' ? 'refuted' : 'proved');
    const wrong = r.steps.find((s) => s.expect === 'refuted');
    const p = wrong!.counterexample!.params;
    const x = [p.x_1, p.x_2, p.x_3].map((v) => {
      if (typeof v === 'number') return v;
      const [a, b] = (v ?? '0').split('/');
      return b === undefined ? Number(a) : Number(a) / Number(b);
    });
    expect(Math.abs(layerNorm(x).y[0] - x[0])).toBeGreaterThan(1e-9);
  });
});

describe('repa.alignment-bounds', () => {
  const cos = (a: number[], b: number[]) => {
    const dot = a.reduce((s, ai, i) => s + ai * b[i], 0);
    return dot / (Math.hypot(...a) * Math.hypot(...b));
  };
  it('−1 ≤ cos ≤ 1 and the loss −mean(cos) ∈ [−1, 1], −1 for positive multiples, in dimensions 1 … 12 (float64)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((d) => fc.tuple(vecArb(d), vecArb(d), fc.double({ min: 1e-3, max: 1e3, noNaN: true }))),
        ([a, b, k]) => {
          fc.pre(Math.hypot(...a) > 1e-6 && Math.hypot(...b) > 1e-6);
          const c = cos(a, b);
          expect(c).toBeLessThanOrEqual(1 + 1e-12);
          expect(c).toBeGreaterThanOrEqual(-1 - 1e-12);
          expect(cos(a, a.map((x) => k * x))).toBeCloseTo(1, 12);
          const loss = -(c + cos(b, a)) / 2;
          expect(Math.abs(loss)).toBeLessThanOrEqual(1 + 1e-12);
        },
      ),
      { seed: 15, numRuns: 300 },
    );
  });

  it('the checker: the bounds and the aligned minimum proved, the unnormalized dot product refuted as bounded', async () => {
    const r = await check(repa);
    for (const s of r.steps) expect(s.verdict, `step ${s.index}`).toBe(s.expect === 'refuted' ? 'refuted' : 'proved');
  });
});
