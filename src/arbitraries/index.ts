// fast-check arbitraries for the parameter spaces of diffusion models, for
// users' own property tests. Each draws near the edges too (t close to 0 and
// 1, tiny and large variances), where wrong formulas tend to show.
import fc from 'fast-check';
import type { Domain, Interval } from '../expr/domain.js';
import { coordinateIn, EDGES, logUniformVariance, pointsOf, realEdges, unitEdges } from '../algebra/random-points.js';

/** A double strictly inside (0, 1), often within 1e-6 of either end. */
export const unit = unitEdges;

/** A variance, log-uniform over [1e-6, 1e4]. */
export const variance = logUniformVariance;

/** A real of moderate size (most formulas of the field are tested in [-10, 10]). */
export const real = realEdges;

/** A point of an interval, biased to its ends; unbounded sides reach ±1e3 (random-points.ts, EDGES). */
export const inInterval = (i: Interval): fc.Arbitrary<number> => coordinateIn(EDGES, i);

/** Values for every named symbol: declared ones from their domain, the rest real. */
export const paramsFor = (domain: Domain, names: readonly string[]): fc.Arbitrary<Record<string, number>> => pointsOf(EDGES, names, domain);

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
