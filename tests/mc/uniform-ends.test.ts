// The ends of U(a, b) (layout.ts): a + (b − a)·U(w) with U(w) ∈ [2^-24,
// 1 − 2^-24], so the support is the open interval (a, b): in float64 the
// extreme words stay strictly inside for intervals not below 2^-29·|a|
// wide. (In f32 on webgpu an interval narrower than about |a| can round
// onto its ends; layout.ts says so.)
import { describe, expect, it } from 'vitest';
import { sampleValues, uniformOf } from '../../src/mc/index.js';
import { draw, sym, uniform } from '../../src/expr/build.js';

const ENDS: Array<[number, number]> = [[0, 1], [-1, 3], [1e-3, 1e-3 + 1e-9], [-1e6, 1e6], [1e6, 1e6 + 1e-3], [-5, -4.999999]];

describe('U(a, b) never draws a or b in float64', () => {
  it.each(ENDS)('the extreme words map strictly inside (%d, %d)', (a, b) => {
    const lo = a + (b - a) * uniformOf(0);
    const hi = a + (b - a) * uniformOf(0xffffffff);
    expect(lo).toBeGreaterThan(a);
    expect(hi).toBeLessThan(b);
  });

  it('and the limit is what layout.ts states: an interval of 2^-30·|a| rounds onto a', () => {
    const a = 1;
    const b = 1 + 2 ** -30;
    expect(a + (b - a) * uniformOf(0)).toBe(a);
  });

  it.each(ENDS.slice(2))('cpu kernel: 100 000 draws of U(%d, %d) lie strictly inside', async (a, b) => {
    const t = sym('t');
    const v = await sampleValues(t, [draw('t', uniform(a, b))], {}, { first: 0, count: 100_000, seed: 3, backend: 'cpu' });
    let min = Infinity;
    let max = -Infinity;
    for (const x of v) {
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    expect(min).toBeGreaterThan(a);
    expect(max).toBeLessThan(b);
  });
});
