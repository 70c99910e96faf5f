// The cpu kernel's own exp and log (src/mc/js.ts) are within 2 ulps of V8's
// Math.exp / Math.log (themselves within 1 ulp of the true value), including
// next to 1, where a careless table method loses all relative accuracy, and
// they agree with Math on every special value.
import { describe, expect, it } from 'vitest';
import { jsMath } from '../../src/mc/js.js';

const m = jsMath();

const ulp = (v: number): number => {
  const a = Math.abs(v);
  if (a === 0) return 5e-324;
  return 2 ** Math.max(Math.floor(Math.log2(a)) - 52, -1074);
};

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32;
}

function worstUlps(f: (x: number) => number, g: (x: number) => number, xs: Iterable<number>): { ulps: number; at: number } {
  let worst = { ulps: 0, at: NaN };
  for (const x of xs) {
    const want = g(x);
    const e = Math.abs(f(x) - want) / ulp(want);
    if (e > worst.ulps) worst = { ulps: e, at: x };
  }
  return worst;
}

function* draws(n: number, seed: number, map: (u: number) => number): Generator<number> {
  const r = lcg(seed);
  for (let i = 0; i < n; i++) yield map(r());
}

describe('exp(x) = 2^k · 2^(j/64) · e^r', () => {
  it('is within 2 ulps of Math.exp on (−708, 708)', () => {
    expect(worstUlps(m.exp, Math.exp, draws(200_000, 1, (u) => (2 * u - 1) * 708)).ulps).toBeLessThanOrEqual(2);
    expect(worstUlps(m.exp, Math.exp, draws(200_000, 2, (u) => (2 * u - 1) * 1e-3)).ulps).toBeLessThanOrEqual(2);
  });

  it.each([0, -0, 1, -1, 707.9, 708, 709.7, 710, -708, -745, -746, Infinity, -Infinity, NaN, 5e-324])('agrees with Math.exp at %d', (x) => {
    expect(Object.is(m.exp(x), Math.exp(x)) || Math.abs(m.exp(x) - Math.exp(x)) <= 2 * ulp(Math.exp(x))).toBe(true);
  });
});

describe('log(x) = e ln 2 + ln c + ln(1 + t), mantissa in [3/4, 3/2)', () => {
  it('is within 2 ulps of Math.log over the whole normal range', () => {
    expect(worstUlps(m.log, Math.log, draws(200_000, 3, (u) => Math.exp((2 * u - 1) * 700))).ulps).toBeLessThanOrEqual(2);
  });

  it('keeps its relative accuracy next to 1 (no cancellation of e·ln 2 against ln c)', () => {
    expect(worstUlps(m.log, Math.log, draws(200_000, 4, (u) => 1 + (u - 0.5) * 0.01)).ulps).toBeLessThanOrEqual(2);
    expect(worstUlps(m.log, Math.log, draws(100_000, 5, (u) => 1 + (u - 0.5) * 1e-9)).ulps).toBeLessThanOrEqual(2);
    expect(m.log(1)).toBe(0);
    expect(m.log(1 + 2 ** -52)).toBe(Math.log(1 + 2 ** -52));
    expect(m.log(1 - 2 ** -53)).toBe(Math.log(1 - 2 ** -53));
  });

  it.each([
    0, -0, -1, 5e-324, 1e-310, Infinity, -Infinity, NaN, 2, 0.5, 1.5, 0.75,
    // The top of the range: 2^1022 and above go to Math.log (2^-e is not a normal number there; x ≥ 1.5·2^1023 gave NaN once).
    2 ** 1022 * 0.99, 2 ** 1022, 1.5 * 2 ** 1022, 2 ** 1023, 1.6 * 2 ** 1023, Number.MAX_VALUE,
  ])('agrees with Math.log at %d', (x) => {
    expect(Object.is(m.log(x), Math.log(x)) || Math.abs(m.log(x) - Math.log(x)) <= 2 * ulp(Math.log(x))).toBe(true);
  });
});
