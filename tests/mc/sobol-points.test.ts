// The Sobol sequence and its scrambling (src/mc/sobol/sobol.ts):
// - the unscrambled points equal SciPy's qmc.Sobol(scramble=False, bits=32)
//   (Joe & Kuo's new-joe-kuo-6.21201 direction numbers), in 12 dimensions up
//   to the last shipped one, at indices up to 123456789;
// - scrambled points keep the net property: in each coordinate the first 2^m
//   points fall one in each interval [k/2^m, (k+1)/2^m), and in coordinates
//   0 and 1 (a (0, m, 2)-net) one in each elementary box of area 2^-m;
// - the scrambling is reproducible from (seed, stream, randomization) and
//   differs when any of them does.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { scrambledInt, scrambleOf, sobolInt, SOBOL_MAX_DIMS } from '../../src/mc/sobol/sobol.js';

const fixture = JSON.parse(readFileSync(new URL('./sobol-scipy-points.json', import.meta.url), 'utf8')) as {
  dims: number[]; points: { i: number; x: number[] }[];
};

describe('unscrambled Sobol points', () => {
  it('equal SciPy qmc.Sobol(scramble=False, bits=32) at every stored index and dimension', () => {
    for (const { i, x } of fixture.points) {
      fixture.dims.forEach((d, j) => expect(sobolInt(i, d), `point ${i}, dimension ${d}`).toBe(x[j]));
    }
  });

  it('ship 1024 dimensions; the first is van der Corput (bit-reversed Gray code)', () => {
    expect(SOBOL_MAX_DIMS).toBe(1024);
    for (let i = 0; i < 64; i++) {
      const g = (i ^ (i >> 1)) >>> 0;
      let rev = 0;
      for (let b = 0; b < 32; b++) if ((g >>> b) & 1) rev += 2 ** (31 - b);
      expect(sobolInt(i, 0)).toBe(rev);
    }
  });
});

/** Each of the 2^m values, read at the top m bits, appears once. */
function oneEach(values: number[], m: number): boolean {
  const seen = new Uint8Array(2 ** m);
  for (const v of values) seen[Math.floor(v / 2 ** (32 - m))]++;
  return seen.every((c) => c === 1);
}

describe('scrambled Sobol points (Matoušek linear scrambling + digital shift)', () => {
  it('keep the one-dimensional net property in every coordinate, for several randomizations and m up to 12', () => {
    for (const [seed, stream, r] of [[1, 0, 0], [7, 3, 5], [2 ** 40 + 3, 12345, 31]]) {
      const s = scrambleOf(seed, stream, r, 40);
      for (const d of [0, 1, 2, 17, 39]) {
        for (const m of [1, 4, 8, 12]) {
          const xs = Array.from({ length: 2 ** m }, (_, i) => scrambledInt(s, i, d));
          expect(oneEach(xs, m), `seed ${seed}, d = ${d}, m = ${m}`).toBe(true);
        }
      }
    }
  });

  it('coordinates 0 and 1 stay a (0, m, 2)-net: one point in each elementary box of area 2^-m', () => {
    const s = scrambleOf(3, 1, 2, 2);
    const m = 10;
    const xs = Array.from({ length: 2 ** m }, (_, i) => [scrambledInt(s, i, 0), scrambledInt(s, i, 1)]);
    for (let a = 0; a <= m; a++) {
      const seen = new Uint8Array(2 ** m);
      for (const [x, y] of xs) seen[Math.floor(x / 2 ** (32 - a)) * 2 ** (m - a) + Math.floor(y / 2 ** (32 - (m - a)))]++;
      expect(seen.every((c) => c === 1), `boxes 2^-${a} × 2^-${m - a}`).toBe(true);
    }
  });

  it('are reproducible from (seed, stream, randomization) and change when any of them changes', () => {
    const base = scrambleOf(5, 2, 9, 3);
    expect(scrambleOf(5, 2, 9, 3)).toEqual(base);
    for (const other of [scrambleOf(6, 2, 9, 3), scrambleOf(5, 3, 9, 3), scrambleOf(5, 2, 10, 3)]) {
      expect(Array.from(other.shift)).not.toEqual(Array.from(base.shift));
    }
    // A prefix of the dimensions is the same scramble (a kernel of d dimensions sees the first d).
    const more = scrambleOf(5, 2, 9, 8);
    expect(Array.from(more.dirs.subarray(0, 96))).toEqual(Array.from(base.dirs));
  });

  it('reject dimensions beyond the shipped direction numbers', () => {
    expect(() => scrambleOf(1, 0, 0, SOBOL_MAX_DIMS + 1)).toThrow(/at most 1024 dimensions/);
    expect(() => scrambleOf(1, 0, 0, 0)).toThrow(RangeError);
  });
});
