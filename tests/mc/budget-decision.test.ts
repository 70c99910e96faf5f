// The library's budget for a decision (decideRelation's maxSeconds): a
// Monte Carlo decision whose estimates the deadline cuts is `unknown`,
// "budget exhausted", never a verdict from a cut estimate.
import { describe, expect, it } from 'vitest';
import { decideRelation } from '../../src/expect/decide-relation.js';
import { McInterrupted } from '../../src/mc/index.js';
import { abs, draw, E, exp, normal, num, sym } from '../../src/expr/build.js';

const x = sym('x');
const lhs = E(exp(abs(x)), [draw('x', normal(0, 1))]);

describe('decideRelation under maxSeconds', () => {
  it('E[exp|x|] = 2 with 1e13 samples per estimate and 0.5 s: unknown, budget exhausted, the samples done in the evidence', async () => {
    const t0 = performance.now();
    const v = await decideRelation(lhs, '=', num(2), new Map(), { seed: 1, samples: 1e13, backend: 'cpu', maxSeconds: 0.5 });
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(v.verdict).toBe('unknown');
    if (v.verdict !== 'unknown') return;
    expect(v.reason).toMatch(/^budget exhausted: 0.5 s ran out after \d+ of 10000000000000 samples/);
    expect((v.evidence[0].data as { samples: number }).samples).toBeGreaterThan(0);
  });

  it('a budget that suffices changes nothing: the same verdict as without one', async () => {
    const opts = { seed: 1, samples: 2 ** 16, backend: 'cpu' as const };
    const a = await decideRelation(lhs, '>=', num(1), new Map(), opts);
    const b = await decideRelation(lhs, '>=', num(1), new Map(), { ...opts, maxSeconds: 120 });
    expect(b.verdict).toBe(a.verdict);
  });

  it('an aborted signal stops the decision with McInterrupted', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 200);
    await expect(decideRelation(lhs, '=', num(2), new Map(), { seed: 1, samples: 1e13, backend: 'cpu', signal: ac.signal })).rejects.toThrow(McInterrupted);
  });
});
