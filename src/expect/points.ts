// Parameter points for Monte Carlo tests of expectations: MODERATE points
// (src/algebra/random-points.ts says why: a Monte Carlo estimate is only as
// good as its sample variance, so parameters stay of moderate size, still
// near the ends of declared intervals), and integer dimensions 1..6 for the
// d of N(m, v, d). fast-check draws them from a fixed seed, so the same seed
// gives the same points.
import fc from 'fast-check';
import type { Domain } from '../expr/domain.js';
import { coordinateIn, dimensionIn, MODERATE } from '../algebra/random-points.js';
import { REAL } from '../expr/domain.js';

export interface PointSpec {
  readonly names: readonly string[];
  /** Names used as the dimension of a vector normal. */
  readonly dims: ReadonlySet<string>;
}

/**
 * `count` parameter points from the domain, reproducible from `seed`. Throws
 * a RangeError when a dimension's declared range holds no positive integer.
 */
export function drawPoints(spec: PointSpec, domain: Domain, count: number, seed: number): Record<string, number>[] {
  if (spec.names.length === 0) return [{}];
  const record: Record<string, fc.Arbitrary<number>> = {};
  for (const n of spec.names) {
    const i = domain.get(n);
    if (spec.dims.has(n)) {
      const arb = dimensionIn(i);
      if (!arb) throw new RangeError(`${n} is used as a dimension but its domain holds no positive integer`);
      record[n] = arb;
    } else record[n] = coordinateIn(MODERATE, i ?? REAL);
  }
  return fc.sample(fc.record(record), { seed, numRuns: count });
}
