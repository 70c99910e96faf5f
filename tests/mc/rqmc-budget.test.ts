// Randomized quasi-Monte Carlo under the decision's limits (withRunLimits):
// an RQMC estimate that the deadline cuts is `unknown`, "budget exhausted",
// like a plain one (never a verdict from a cut estimate, and never a run that
// ignores the budget); an aborted signal stops it; its own maxSeconds returns
// the whole randomizations done, marked stopped.
import { afterAll, describe, expect, it } from 'vitest';
import { decideRelation } from '../../src/expect/decide-relation.js';
import { McInterrupted, shutdownGpu } from '../../src/mc/index.js';
import { compileRqmc } from '../../src/mc/rqmc.js';
import { draw, E, normal, num, sigmoid, sym } from '../../src/expr/build.js';

afterAll(() => shutdownGpu());
const x = sym('x');
const N01 = [draw('x', normal(0, 1))];
const lhs = E(sigmoid(x), N01);

describe('RQMC under limits', () => {
  it('E[sigmoid(x)] = 1/2 with 1e13 samples and 0.5 s: unknown, budget exhausted (a smooth integrand: RQMC)', async () => {
    const t0 = performance.now();
    const v = await decideRelation(lhs, '=', num(0.5), new Map(), { seed: 1, samples: 1e13, backend: 'cpu', maxSeconds: 0.5 });
    expect(performance.now() - t0).toBeLessThan(8000);
    expect(v.verdict).toBe('unknown');
    if (v.verdict !== 'unknown') return;
    expect(v.reason).toMatch(/^budget exhausted: 0.5 s ran out after \d+ of 10000000000000 samples/);
  });

  it('an aborted signal stops the decision with McInterrupted', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(decideRelation(lhs, '=', num(0.5), new Map(), { seed: 1, samples: 2 ** 20, backend: 'cpu', signal: ac.signal })).rejects.toBeInstanceOf(McInterrupted);
  });

  it('its own maxSeconds returns whole randomizations, marked stopped, with the samples asked for', async () => {
    const est = await compileRqmc(sigmoid(x), N01, []);
    const r = await est.run({}, { samples: 2 ** 27, seed: 1, maxSeconds: 0.3 });
    est.dispose();
    expect(r.stopped).toBe('max-seconds');
    expect(r.requested).toBeGreaterThan(r.samples);
    expect(r.samples % r.points).toBe(0);
    expect(r.randomizations).toBe(r.samples / r.points);
  });
});
