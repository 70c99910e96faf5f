// Sobol points and their randomization (scrambling).
//
// Direction numbers: Joe & Kuo's new-joe-kuo-6.21201 (joe-kuo.ts), 32 bits
// each, built as in Joe & Kuo's sobol.cc. Point i of the unscrambled sequence
// is in Gray-code order (the order of sobol.cc and of SciPy's
// qmc.Sobol(scramble=False)): x_0 = 0, x_i = x_{i−1} ⊕ v_{c(i−1)}, c(k) the
// position of the lowest zero bit of k; equivalently x_i = ⊕ v_k over the
// set bits k of gray(i) = i ⊕ (i >> 1).
//
// Randomization (per randomization r, per dimension d): Matoušek's linear
// matrix scrambling plus a digital shift, y = M·x ⊕ e over GF(2), M a random
// lower-triangular 32×32 bit matrix with unit diagonal (output digit j depends
// on input digits 1 … j, digit 1 the most significant bit), e a random 32-bit
// shift. Both are linear, so the scrambled sequence is the Sobol recursion on
// scrambled direction numbers C_k = M·v_k, started at e: no more work per point
// than the plain sequence. Then each coordinate goes through a nested
// (Owen-type) scramble under a random 32-bit seed (nested-scramble.ts): the
// linear scramble alone leaves the digits inside a point's stratum an affine
// function of its stratum, and the randomizations' errors heavy-tailed.
// Each coordinate y is uniform on the 2^32-cell grid, and the point set keeps
// its (t, m, s)-net structure.
//
// The random bits come from Philox4x32-10 under the run's seed (key) at
// counters (word, r, stream, MATRIX_TAG): reproducible from (seed, stream, r)
// on every backend and every dispatch shape, and far from the counters of the
// plain Monte Carlo streams (whose last word is below 2^21).
import { philox4x32 } from '../philox.js';
import { keyOf } from '../layout.js';
import { JOE_KUO_DIMS, JOE_KUO_ROWS } from './joe-kuo.js';
import { nestedScramble } from './nested-scramble.js';

/** Dimensions the shipped direction numbers cover. */
export const SOBOL_MAX_DIMS = JOE_KUO_DIMS;
/** Bits per coordinate: at most 2^32 points per randomization. */
export const SOBOL_BITS = 32;
/** Last counter word of the scrambling draws (plain Monte Carlo streams keep it below 2^21). */
export const MATRIX_TAG = 0xa0000000;
/** Last counter word (plus the dimension) of the sub-cell bits of points in the outermost cells. */
export const LOW_TAG = 0xb0000000;
/** Last counter word (plus the dimension) of the tail refinement's offsets (rqmc-tails.ts). */
export const REFINE_TAG = 0xc0000000;

/** Direction numbers v[d·32 + k] of the dimensions built so far (`built[d]`). */
const table = new Uint32Array(SOBOL_MAX_DIMS * SOBOL_BITS);
const built = new Uint8Array(SOBOL_MAX_DIMS);
let rows: string[] | undefined;

/**
 * Direction numbers v[d·32 + k] (bit 31 = first binary digit) with
 * dimensions 0 … dims − 1 built. Built on demand: a claim needs one or a few
 * dimensions, and parsing all 1024 rows cost ~9 ms of its half second.
 */
export function directionNumbers(dims: number = SOBOL_MAX_DIMS): Uint32Array {
  const L = SOBOL_BITS;
  const v = table;
  if (!built[0]) {
    for (let k = 0; k < L; k++) v[k] = 2 ** (31 - k);
    built[0] = 1;
  }
  for (let d = 1; d < dims; d++) {
    if (built[d]) continue;
    rows ??= JOE_KUO_ROWS.split(',');
    const [s, a, ...m] = rows[d - 1].split(' ').map((x) => parseInt(x, 36));
    const o = d * L;
    // sobol.cc with 1-based i: V_i = m_i·2^(32−i), i ≤ s; then the recurrence.
    for (let i = 0; i < Math.min(s, L); i++) v[o + i] = (m[i] * 2 ** (31 - i)) >>> 0;
    for (let i = s; i < L; i++) {
      let x = (v[o + i - s] ^ (v[o + i - s] >>> s)) >>> 0;
      for (let k = 1; k < s; k++) if ((a >>> (s - 1 - k)) & 1) x = (x ^ v[o + i - k]) >>> 0;
      v[o + i] = x;
    }
    built[d] = 1;
  }
  return v;
}

/** Coordinate d of point i (0 ≤ i < 2^32) of the unscrambled sequence, as a 32-bit integer (the point is that / 2^32). */
export function sobolInt(i: number, d: number): number {
  const v = directionNumbers(d + 1);
  let g = (i ^ Math.floor(i / 2)) >>> 0;
  let x = 0;
  for (let k = 0; g !== 0; k++, g >>>= 1) if (g & 1) x = (x ^ v[d * SOBOL_BITS + k]) >>> 0;
  return x;
}

/** The scrambling of one randomization: scrambled direction numbers C[d·32 + k], shifts e[d] and nested-scramble seeds nest[d]. */
export interface Scramble {
  readonly dirs: Uint32Array;
  readonly shift: Uint32Array;
  readonly nest: Uint32Array;
}

/** Words of random bits per dimension: 32 matrix columns, the shift and the nested scramble's seed (9 Philox calls). */
const WORDS_PER_DIM = SOBOL_BITS + 2;

/**
 * The scramble of randomization r of a run (seed, stream), for `dims`
 * dimensions. Column b of M (the image of bit b) is bit b plus random bits
 * below it; M·x is the XOR of the columns of x's set bits.
 */
export function scrambleOf(seed: number, stream: number, r: number, dims: number): Scramble {
  if (!(dims >= 1 && dims <= SOBOL_MAX_DIMS)) throw new RangeError(`Sobol points have at most ${SOBOL_MAX_DIMS} dimensions, not ${dims}`);
  const v = directionNumbers(dims);
  const [k0, k1] = keyOf(seed);
  const words = new Uint32Array(4);
  const col = new Uint32Array(SOBOL_BITS);
  const dirs = new Uint32Array(dims * SOBOL_BITS);
  const shift = new Uint32Array(dims);
  const nest = new Uint32Array(dims);
  const calls = Math.ceil(WORDS_PER_DIM / 4);
  for (let d = 0; d < dims; d++) {
    const rnd = new Uint32Array(calls * 4);
    for (let q = 0; q < calls; q++) {
      philox4x32(d * calls + q, r, stream, MATRIX_TAG, k0, k1, words);
      rnd.set(words, 4 * q);
    }
    for (let b = 0; b < SOBOL_BITS; b++) {
      const below = b === 0 ? 0 : (rnd[b] & (2 ** b - 1)) >>> 0;
      col[b] = (2 ** b + below) >>> 0;
    }
    shift[d] = rnd[SOBOL_BITS];
    nest[d] = rnd[SOBOL_BITS + 1];
    for (let k = 0; k < SOBOL_BITS; k++) {
      let x = v[d * SOBOL_BITS + k];
      let y = 0;
      for (let b = 0; x !== 0; b++, x >>>= 1) if (x & 1) y = (y ^ col[b]) >>> 0;
      dirs[d * SOBOL_BITS + k] = y;
    }
  }
  return { dirs, shift, nest };
}

/** Coordinate d of point i of a scrambled sequence, as a 32-bit integer (reference; kernels run the Gray-code recursion). */
export function scrambledInt(s: Scramble, i: number, d: number): number {
  let g = (i ^ Math.floor(i / 2)) >>> 0;
  let x = s.shift[d];
  for (let k = 0; g !== 0; k++, g >>>= 1) if (g & 1) x = (x ^ s.dirs[d * SOBOL_BITS + k]) >>> 0;
  return nestedScramble(x, s.nest[d]);
}
