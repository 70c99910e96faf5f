// paretoK finds its order statistics by selection (linear time), or by one
// sort with the deviations merged from both ends (its first calls, while V8
// still interprets it), instead of two full sorts. The law: both ways give
// the same order statistics, and paretoK returns exactly the number the definition by
// full sorts returns (the median of the finite values, the M + 1 largest
// deviations from it, the same fit), on every kind of sample a decision can
// hand it — ties, lattices, sorted and reversed input, signed zeros,
// non-finite values, the smallest sizes, heavy tails — and selectRank puts
// the k-th smallest value at k with the partition property.
import { describe, expect, it } from 'vitest';
import { uniforms } from './uniforms.js';
import { gpdShape, paretoK, selectRank, tailBySelection, tailBySort, tailCount } from '../../src/mc/pareto.js';

/** The definition: paretoK as it was written with full sorts (the reference). */
function paretoKBySorting(values: ArrayLike<number>): number {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite.push(values[i]);
  if (finite.length < 100) return NaN;
  const sorted = Float64Array.from(finite).sort();
  const n = sorted.length;
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  const dev = sorted.map((v) => Math.abs(v - median)).sort();
  const scale = Math.max(Math.abs(sorted[0]), Math.abs(sorted[n - 1]));
  if (dev[n - 1] <= 2 ** -30 * scale) return -Infinity;
  const M = tailCount(n);
  const threshold = dev[n - M - 1];
  const ex = new Float64Array(M);
  for (let i = 0; i < M; i++) ex[i] = dev[n - M + i] - threshold;
  let first = 0;
  while (first < M && ex[first] === 0) first++;
  if (M - first < 10) return -Infinity;
  let distinct = 1;
  for (let i = first + 1; i < M && distinct < 10; i++) if (ex[i] !== ex[i - 1]) distinct++;
  if (distinct < 10) return -Infinity;
  return gpdShape(first === 0 ? ex : ex.subarray(first));
}


type Maker = (n: number, u: () => number) => Float64Array;
const normal = (u: () => number) => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
const of = (n: number, f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));

const SAMPLES: Record<string, Maker> = {
  normal: (n, u) => of(n, () => normal(u)),
  'sorted normal': (n, u) => of(n, () => normal(u)).sort(),
  'reversed normal': (n, u) => of(n, () => normal(u)).sort().reverse(),
  'organ pipe': (n) => of(n, (i) => Math.min(i, n - i)),
  cauchy: (n, u) => of(n, () => normal(u) / normal(u)),
  'exp(50|z|)': (n, u) => of(n, () => Math.exp(50 * Math.abs(normal(u)))),
  '1/z²': (n, u) => of(n, () => normal(u) ** -2),
  'two values (an indicator)': (n, u) => of(n, () => (u() < 0.3 ? 1 : 0)),
  'a lattice of six values': (n, u) => of(n, () => Math.floor(6 * u())),
  'constant': (n) => new Float64Array(n).fill(3),
  'constant up to ulps': (n, u) => of(n, () => 0.1 + 0.2 - 0.3 + (u() < 0.5 ? 2 ** -54 : 0) * Math.floor(4 * u())),
  'signed zeros and ties': (n, u) => of(n, () => [0, -0, 1, -1, 2 ** -1074][Math.floor(5 * u())]),
  'mostly ties, one heavy tail': (n, u) => of(n, () => (u() < 0.9 ? 1 : Math.exp(8 * normal(u)))),
  'non-finite mixed in': (n, u) => of(n, () => { const v = u(); return v < 0.01 ? NaN : v < 0.02 ? Infinity : v < 0.03 ? -Infinity : normal(u); }),
  'uniform on (0, 1)': (n, u) => of(n, () => u()),
  'huge magnitudes': (n, u) => of(n, () => 1e300 * normal(u)),
  'negative heavy tail': (n, u) => of(n, () => -Math.exp(3 * normal(u))),
};

describe('paretoK by selection returns exactly what the full sorts return', () => {
  for (const [name, make] of Object.entries(SAMPLES)) {
    it.each([99, 100, 101, 102, 1000, 1001, 2 ** 16])(`${name}, n = %i`, (n) => {
      for (const seed of n > 5000 ? [1] : [1, 2, 3]) {
        const x = make(n, uniforms(seed * 7919 + n));
        const copy = Float64Array.from(x);
        const fast = paretoK(x);
        const reference = paretoKBySorting(x);
        expect(fast === reference || (Number.isNaN(fast) && Number.isNaN(reference))).toBe(true);
        // The caller's values are not reordered.
        expect(x.every((v, i) => Object.is(v, copy[i]))).toBe(true);
      }
    });
  }
});

describe('the two ways to the order statistics agree to the bit', () => {
  for (const [name, make] of Object.entries(SAMPLES)) {
    if (name === 'non-finite mixed in') continue; // paretoK filters those first
    it.each([100, 101, 1000, 2 ** 16])(`${name}, n = %i`, (n) => {
      const x = make(n, uniforms(n + name.length));
      const M = tailCount(n);
      const a = tailBySort(Float64Array.from(x), M);
      const b = tailBySelection(Float64Array.from(x), M);
      expect(Object.is(a.lo, b.lo) && Object.is(a.hi, b.hi)).toBe(true);
      expect(a.tail.length).toBe(M + 1);
      expect(a.tail.every((v, i) => Object.is(v, b.tail[i]))).toBe(true);
      // Ascending, and the largest deviation is the farthest value's.
      for (let i = 1; i <= M; i++) expect(a.tail[i] >= a.tail[i - 1]).toBe(true);
    });
  }
});

describe('selectRank puts the (k+1)-th smallest at k, smaller before and larger after', () => {
  it.each(Object.keys(SAMPLES).filter((k) => k !== 'non-finite mixed in'))('%s', (name) => {
    const u = uniforms(name.length);
    for (const n of [1, 2, 3, 17, 1000]) {
      for (const k of [0, n >> 1, n - 1]) {
        const a = SAMPLES[name](n, u);
        const sorted = Float64Array.from(a).sort();
        const v = selectRank(a, k);
        expect(v).toBe(sorted[k]);
        for (let i = 0; i < k; i++) expect(a[i] <= v).toBe(true);
        for (let i = k + 1; i < n; i++) expect(a[i] >= v).toBe(true);
        expect(Float64Array.from(a).sort()).toEqual(sorted); // a permutation of the input
      }
    }
  });

  it('an adversarial order (median-of-three killer shape) still ends, via the sort fallback', () => {
    const n = 4096;
    const a = of(n, (i) => (i % 2 ? i : n - i));
    expect(selectRank(a, n >> 1)).toBe(Float64Array.from(a).sort()[n >> 1]);
  });
});
