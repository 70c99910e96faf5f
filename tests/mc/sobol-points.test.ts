// The Sobol sequence and its scrambling (src/mc/sobol/sobol.ts):
// - the unscrambled points equal SciPy's qmc.Sobol(scramble=False, bits=32)
//   (Joe & Kuo's new-joe-kuo-6.21201 direction numbers), in 12 dimensions up
//   to the last shipped one, at indices up to 123456789;
// - scrambled points keep the net property: in each coordinate the first 2^m
//   points fall one in each interval [k/2^m, (k+1)/2^m), and in coordinates
//   0 and 1 (a (0, m, 2)-net) one in each elementary box of area 2^-m;
// - the scrambling is reproducible from (seed, stream, randomization) and
//   differs when any of them does;
// - the nested scramble is a nested permutation (each digit flipped by a
//   function of the digits above it only), and the digits of a point inside
//   its stratum are no longer an affine function of the stratum, as they are
//   under the linear scramble and shift alone.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { scrambledInt, scrambleOf, sobolInt, SOBOL_BITS, SOBOL_MAX_DIMS, type Scramble } from '../../src/mc/sobol/sobol.js';
import { nestedScramble, reverseBits32 } from '../../src/mc/sobol/nested-scramble.js';
import { uniforms } from './uniforms.js';

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

describe('scrambled Sobol points (Matoušek linear scrambling + digital shift + nested scramble)', () => {
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

/** The coordinate under the linear scramble and shift alone (scrambledInt before its nested scramble). */
function linearInt(s: Scramble, i: number, d: number): number {
  let g = (i ^ Math.floor(i / 2)) >>> 0;
  let x = s.shift[d];
  for (let k = 0; g !== 0; k++, g >>>= 1) if (g & 1) x = (x ^ s.dirs[d * SOBOL_BITS + k]) >>> 0;
  return x;
}

/**
 * Of `trials` random triples of distinct points among the first 2^m, the fraction whose
 * sub-stratum digits (below the m-th) XOR to those of the point whose
 * stratum is the XOR of the three strata: 1 when the sub-stratum digits are
 * an affine function of the stratum, about 2^-(32−m) when they are not.
 */
function affineFraction(coord: (i: number) => number, m: number, trials: number, rnd: () => number): number {
  const n = 2 ** m;
  const byStratum = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const y = coord(i);
    byStratum.set(Math.floor(y / 2 ** (32 - m)), y % 2 ** (32 - m));
  }
  let hits = 0;
  for (let t = 0; t < trials; t++) {
    const [a, b, c] = [0, 1, 2].map(() => Math.floor(rnd() * n));
    if (a === b || a === c || b === c) { t--; continue; } // a repeated stratum XORs to 0 whatever the scramble
    const low = byStratum.get(a)! ^ byStratum.get(b)! ^ byStratum.get(c)! ^ byStratum.get(a ^ b ^ c)!;
    if (low === 0) hits++;
  }
  return hits / trials;
}

describe('nested scramble (sobol/nested-scramble.ts)', () => {
  it('reverseBits32 reverses the 32 bits', () => {
    const rnd = uniforms(11);
    for (let t = 0; t < 1000; t++) {
      const x = Math.floor(rnd() * 2 ** 32);
      let want = 0;
      for (let b = 0; b < 32; b++) if (Math.floor(x / 2 ** b) % 2) want += 2 ** (31 - b);
      expect(reverseBits32(x) >>> 0).toBe(want);
    }
  });

  it('is a nested permutation: changing digit j (and any below it) keeps the digits above j and flips digit j', () => {
    const rnd = uniforms(12);
    for (let t = 0; t < 20000; t++) {
      const x = Math.floor(rnd() * 2 ** 32);
      const seed = Math.floor(rnd() * 2 ** 32);
      const j = Math.floor(rnd() * 32); // digit j + 1, bit 31 − j
      const bit = 2 ** (31 - j);
      const below = Math.floor(rnd() * bit);
      const x2 = (x ^ bit ^ below) >>> 0;
      const [y, y2] = [nestedScramble(x, seed), nestedScramble(x2, seed)];
      const above = 2 ** 32 - 2 * bit; // mask of the digits above j
      expect(((y ^ y2) & above) >>> 0, `x ${x}, seed ${seed}, j ${j}`).toBe(0);
      expect(((y ^ y2) & bit) >>> 0).toBe(bit);
    }
  });

  it('makes the sub-stratum digits a non-affine function of the stratum (the linear scramble alone is affine: the test can fail)', () => {
    const rnd = uniforms(13);
    for (const [seed, r, d, m] of [[1, 0, 0, 8], [9, 4, 1, 10], [77, 15, 6, 12]]) {
      const s = scrambleOf(seed, 0, r, d + 1);
      expect(affineFraction((i) => linearInt(s, i, d), m, 2000, rnd), `linear, seed ${seed}`).toBe(1);
      expect(affineFraction((i) => scrambledInt(s, i, d), m, 2000, rnd), `nested, seed ${seed}`).toBeLessThan(0.01);
    }
  });

  it('draws its seeds from words of the same Philox calls as before: the linear scramble and shift are unchanged by it', () => {
    const s = scrambleOf(5, 2, 9, 3);
    expect(s.nest.length).toBe(3);
    expect(new Set(Array.from(s.nest)).size).toBe(3);
    for (let d = 0; d < 3; d++) expect(scrambledInt(s, 0, d)).toBe(nestedScramble(s.shift[d], s.nest[d]));
  });
});
