// Laws of the Monte Carlo statistics of a decision:
// - fewer than MIN_DECISION_SAMPLES (2^14) samples per expectation is bad
//   input for a Monte Carlo decision (McParamError: exit 2 on the CLI); a
//   decision that needs no samples (a closed form) is unaffected;
// - a statistic that is not a finite number never passes: NaN is never a
//   candidate and never "below 6", and a side that is not finite is unknown.
import { afterAll, describe, expect, it } from 'vitest';
import { abs, add, draw, E, max, mul, normal, num, pow, sqrt, sub, sym } from '../../src/expr/build.js';
import { shutdownGpu } from '../../src/mc/index.js';
import { decideExpectation, MIN_DECISION_SAMPLES } from '../../src/expect/decide-expectation.js';
import { isCandidate, towardFailure } from '../../src/expect/estimate.js';

afterAll(async () => {
  await shutdownGpu();
});

const z = sym('z');
const N01 = [draw('z', normal(0, 1))];
const mcClaim = [E(abs(z), N01), '=', num(Math.sqrt(2 / Math.PI))] as const;

describe('the minimum sample count of a Monte Carlo decision', () => {
  it('is 2^14', () => {
    expect(MIN_DECISION_SAMPLES).toBe(16384);
  });

  it.each([1, 2, 100, MIN_DECISION_SAMPLES - 1])('%i samples: bad input (McParamError naming the minimum), never a verdict', async (samples) => {
    await expect(decideExpectation(...mcClaim, new Map(), { seed: 1, backend: 'cpu', samples })).rejects.toMatchObject({
      name: 'McParamError',
      message: expect.stringMatching(/below the minimum of 16384/),
    });
  });

  it('2^14 samples decide: E[|z|] = √(2/π) verified, E[|z|] = 0.9 refuted', async () => {
    const ok = await decideExpectation(...mcClaim, new Map(), { seed: 1, backend: 'cpu', samples: MIN_DECISION_SAMPLES });
    expect(ok.verdict).toBe('verified');
    const bad = await decideExpectation(E(abs(z), N01), '=', num(0.9), new Map(), { seed: 1, backend: 'cpu', samples: MIN_DECISION_SAMPLES });
    expect(bad.verdict).toBe('refuted');
  });

  it('a closed-form decision needs no samples: E[z⁴] = 3 is proved with samples = 1', async () => {
    const v = await decideExpectation(E(pow(z, 4), N01), '=', num(3), new Map(), { seed: 1, backend: 'cpu', samples: 1 });
    expect(v.verdict).toBe('proved');
  });
});

describe('non-finite statistics never pass', () => {
  it.each(['=', '<=', '>='] as const)('NaN is not a candidate and not a pass for %s', (rel) => {
    expect(isCandidate(rel, NaN)).toBe(false);
    // towardFailure(NaN) is NaN: "NaN < 6" must never be read as a pass, so the
    // decision checks finiteness before comparing (decide-expectation.ts).
    expect(towardFailure(rel, NaN)).toBeNaN();
  });

  it('a side that is not finite (the square root of a negative estimate) gives unknown with the reason', async () => {
    const v = await decideExpectation(E(abs(z), N01), '=', sqrt(sub(E(z, N01), 1)), new Map(), { seed: 1, backend: 'cpu', closedForm: false });
    expect(v.verdict).toBe('unknown');
    if (v.verdict === 'unknown') expect(v.reason).toMatch(/not finite/);
  });
});

describe('a Monte Carlo term whose samples were all equal cannot refute', () => {
  // E[max(z − 6, 0)] = φ(6) − 6 Q(6) = 1.5635697959707935e-10: no sample of
  // 2^20 reaches z > 6 (probability 1e-9), so every value is 0 and the
  // sample standard error is 0. Before, the true claim was refuted at z = −1e12.
  it.each([1, 2, 3, 4, 5])('E[max(z − 6, 0)] = 1.5636e-10 (true) is unknown, never refuted (seed %i)', async (seed) => {
    const v = await decideExpectation(E(max(sub(z, 6), 0), N01), '=', num(1.5635697959707935e-10), new Map(), { seed, backend: 'cpu' });
    expect(v.verdict).toBe('unknown');
    if (v.verdict === 'unknown') expect(v.reason).toMatch(/were equal/);
  });

  it('an integrand constant in z still passes: E[(z + 1)² − z² − 2z] = 1 by Monte Carlo is verified', async () => {
    const v = await decideExpectation(E(sub(sub(pow(add(z, 1), 2), pow(z, 2)), mul(2, z)), N01), '=', num(1), new Map(), { seed: 1, backend: 'cpu', closedForm: false });
    expect(v.verdict).toBe('verified');
  });
});
