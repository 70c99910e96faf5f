// fast-check arbitraries for the parameter spaces of diffusion models, for
// users' own property tests. Each draws near the edges too (t close to 0 and
// 1, tiny and large variances), where wrong formulas tend to show.
import fc from 'fast-check';
import type { Domain, Interval } from '../expr/domain.js';
import { toNumber } from '../expr/rational.js';

/** A double strictly inside (0, 1), often within 1e-6 of either end. */
export function unit(): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.double({ min: 1e-3, max: 1 - 1e-3, noNaN: true }) },
    { weight: 1, arbitrary: fc.double({ min: 1e-9, max: 1e-3, noNaN: true }) },
    { weight: 1, arbitrary: fc.double({ min: 1e-9, max: 1e-3, noNaN: true }).map((x) => 1 - x) },
  );
}

/** A variance, log-uniform over [1e-6, 1e4]. */
export function variance(): fc.Arbitrary<number> {
  return fc.double({ min: Math.log(1e-6), max: Math.log(1e4), noNaN: true }).map(Math.exp);
}

/** A real of moderate size (most formulas of the field are tested in [-10, 10]). */
export function real(): fc.Arbitrary<number> {
  return fc.double({ min: -10, max: 10, noNaN: true });
}

/** A point of an interval, biased to its ends; unbounded sides reach ±1e3. */
export function inInterval(i: Interval): fc.Arbitrary<number> {
  const lo = i.lo ? toNumber(i.lo) : undefined;
  const hi = i.hi ? toNumber(i.hi) : undefined;
  if (lo !== undefined && hi !== undefined) {
    if (lo === hi) return fc.constant(lo);
    const w = hi - lo;
    const inner = fc.double({ min: lo, max: hi, noNaN: true, minExcluded: i.loOpen, maxExcluded: i.hiOpen });
    const nearLo = fc.double({ min: 1e-9, max: 1e-3, noNaN: true }).map((u) => lo + u * w);
    const nearHi = fc.double({ min: 1e-9, max: 1e-3, noNaN: true }).map((u) => hi - u * w);
    return fc.oneof({ weight: 4, arbitrary: inner }, { weight: 1, arbitrary: nearLo }, { weight: 1, arbitrary: nearHi });
  }
  if (lo !== undefined) return fc.oneof(fc.double({ min: lo, max: lo + 10, noNaN: true, minExcluded: i.loOpen }), variance().map((v) => lo + v));
  if (hi !== undefined) return fc.oneof(fc.double({ min: hi - 10, max: hi, noNaN: true, maxExcluded: i.hiOpen }), variance().map((v) => hi - v));
  return fc.oneof({ weight: 4, arbitrary: real() }, { weight: 1, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) });
}

/** Values for every named symbol: declared ones from their domain, the rest real. */
export function paramsFor(domain: Domain, names: readonly string[]): fc.Arbitrary<Record<string, number>> {
  const record: Record<string, fc.Arbitrary<number>> = {};
  for (const n of names) {
    const i = domain.get(n);
    record[n] = i ? inInterval(i) : real();
  }
  return fc.record(record);
}

/** A DDPM schedule: T in [2, 64] per-step β_t in (0, 1), increasing, and ᾱ_t = ∏ (1 − β_s). */
export function ddpmSchedule(): fc.Arbitrary<{ beta: number[]; alpha: number[]; alphaBar: number[] }> {
  return fc
    .record({ T: fc.integer({ min: 2, max: 64 }), b1: fc.double({ min: 1e-5, max: 1e-2, noNaN: true }), ratio: fc.double({ min: 1, max: 400, noNaN: true }) })
    .map(({ T, b1, ratio }) => {
      const bT = Math.min(0.999, b1 * ratio);
      // β_t = β_1 + (t − 1)/(T − 1) (β_T − β_1): linspace(β_1, β_T, T), Ho et al. 2020.
      const beta = Array.from({ length: T }, (_, k) => b1 + (k / (T - 1)) * (bT - b1));
      const alpha = beta.map((b) => 1 - b);
      const alphaBar: number[] = [];
      alpha.reduce((acc, a) => {
        const next = acc * a;
        alphaBar.push(next);
        return next;
      }, 1);
      return { beta, alpha, alphaBar };
    });
}
