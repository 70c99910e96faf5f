// Tail refinement of randomized quasi-Monte Carlo: the points in the end
// cells of each coordinate are replaced by the mean over K points stratified
// inside those cells.
//
// Why: n = 2^m scrambled Sobol points put exactly one point in each cell
// [j/n, (j+1)/n) of every coordinate. Through a normal's quantile the two end
// cells are the tails beyond ±Φ⁻¹(1/n) (|z| > 4 at n = 2^15), where x², e^{sz}
// and the like vary the most: for E[x²] and E[exp(0.7z)] the two end cells
// held 91 % and 96 % of the estimator's variance at 2^15 points (the
// within-cell variances, integrated by quadrature). The interior cells gain
// from the net; these do not, since one uniform point per cell is all a net
// can give them.
//
// How, without touching the kernels: the kernels sum every point as before.
// Here the host finds the few points in the end cells by inverting the
// scramble (below), and adds, per randomization, Σ (refined − plain) over
// them: `refined` the mean of the integrand over K points that keep the
// point's other coordinates and draw the end-cell coordinate afresh, one per
// stratum of width 1/(nK) of its cell (rqmc-js.ts rqmcRefineSource, float64,
// Philox bits of their own).
//
// Why it stays unbiased: inside its cell a coordinate's digits below the m-th
// are the digital shift's (uniform, independent of everything else) passed
// through the nested scramble, a bijection of those digits for fixed digits
// above; so given its cell and all other coordinates, the point is uniform in
// the cell — and the mean over one point per stratum of the cell has the same
// expectation as one uniform point of it. The randomizations stay independent
// and identically distributed, so the t statistic over them is unchanged in
// kind; their errors lose the tail cells' skew.
//
// Finding the points: the first m digits of a scrambled coordinate depend on
// the first m digits of its linearly scrambled one only (nested scramble), and
// those are shift ⊕ L·gray(i), L the first m digits of the first m scrambled
// direction numbers, invertible (every coordinate of the net is stratified).
// So for each target cell: undo the nested scramble digit by digit, then solve
// L·g = x over GF(2) (an XOR basis), then i = gray⁻¹(g). An interlaced
// coordinate's first m digits alternate between Sobol dimensions 0 and 1
// (a (0, m, 2)-net): the same, with the two dimensions' digits side by side.
import type { Scramble } from './sobol/sobol.js';
import { SOBOL_BITS } from './sobol/sobol.js';
import { lkHash, reverseBits32 } from './sobol/nested-scramble.js';
import type { RqmcRefine } from './rqmc-js.js';

/** Cells refined per side and coordinate, at most 2^TAIL_CELL_BITS, and strata per refined cell, at most TAIL_STRATA. */
export const TAIL_CELL_BITS = 2;
export const TAIL_STRATA = 32;
/**
 * The refinement's evaluations (the JS refine, several times the wasm
 * kernel's cost a point) stay under 1/TAIL_BUDGET of the run's points: fewer
 * cells where there are many coordinates, none where fewer than
 * TAIL_MIN_STRATA strata fit in one cell a side.
 */
export const TAIL_BUDGET = 64;
export const TAIL_MIN_STRATA = 8;

/** The tail refinement of n points with D coordinates: cells per side, strata, and the thresholds the refine function takes; undefined where it does not pay or fit. */
export interface TailPlan {
  readonly cellBits: number;
  readonly strata: number;
  /** c = min(y, ~y) < T: the coordinate is in a refined cell (units of 2^-32). */
  readonly T: number;
  /** The width of a cell of the net, 2^(32 − m). */
  readonly W: number;
  readonly m: number;
}

export function tailPlan(n: number, coordinates: number): TailPlan | undefined {
  const m = Math.log2(n);
  if (!Number.isInteger(m) || m > SOBOL_BITS) return undefined;
  // The most cells a side (up to 2^TAIL_CELL_BITS, and at most n/16 of the points) whose strata fit the budget.
  for (let cellBits = Math.min(TAIL_CELL_BITS, m - 4); cellBits >= 0; cellBits--) {
    const flagged = 2 * 2 ** cellBits * coordinates;
    const strata = Math.min(TAIL_STRATA, Math.floor(n / TAIL_BUDGET / flagged) - 1);
    if (strata < TAIL_MIN_STRATA) continue;
    const W = 2 ** (SOBOL_BITS - m);
    return { cellBits, strata, T: 2 ** cellBits * W, W, m };
  }
  return undefined;
}

/** The first `digits` digits of x (unsigned), as an integer. */
const topDigits = (x: number, digits: number): number => (digits === 0 ? 0 : digits === 32 ? x >>> 0 : x >>> (32 - digits));

/**
 * The word u (its first `digits` digits; the rest 0) whose nested scramble
 * under `seed` begins with the digits t. In the bit-reversed form the scramble
 * works on (nested-scramble.ts), output bit j depends on input bits ≤ j only
 * and flips with input bit j: fix the bits from the lowest.
 */
function unnest(t: number, digits: number, seed: number): number {
  const want = reverseBits32(digits === 32 ? t : t * 2 ** (32 - digits));
  let nr = 0;
  for (let j = 0; j < digits; j++) if (((lkHash(nr, seed) ^ want) >>> j) & 1) nr |= 1 << j;
  return reverseBits32(nr) >>> 0;
}

/**
 * The indices i < 2^m whose coordinate d (of the scramble s, `q` Sobol
 * dimensions a coordinate: 1, or 2 interlaced) lies in the 2^cellBits cells
 * of width 2^-m at either end.
 */
export function endPoints(s: Scramble, d: number, m: number, cellBits: number, q = 1): number[] {
  // The coordinate's first m digits: those of dimension j = d (q = 1), or
  // alternately of dimensions 2d (⌈m/2⌉ of them) and 2d + 1 (⌊m/2⌋).
  const parts = q === 1 ? [{ j: d, digits: m }] : [{ j: 2 * d, digits: Math.ceil(m / 2) }, { j: 2 * d + 1, digits: Math.floor(m / 2) }];
  // The linear part's first digits of all parts, side by side (m bits): the columns L_k for k < m.
  const joined = (word: (j: number) => number): number => parts.reduce((acc, p) => acc * 2 ** p.digits + topDigits(word(p.j), p.digits), 0);
  // XOR basis of the columns, each with the g bits that make it: vec[b] has
  // its highest bit at b. (Unsigned 32-bit values; `>>> 0` after each XOR.)
  const vec = new Uint32Array(m);
  const comb = new Uint32Array(m);
  for (let k = 0; k < m; k++) {
    let v = joined((j) => s.dirs[j * SOBOL_BITS + k]);
    let c = (1 << k) >>> 0;
    while (v !== 0) {
      const b = 31 - Math.clz32(v);
      if (vec[b] === 0) {
        vec[b] = v;
        comb[b] = c;
        break;
      }
      v = (v ^ vec[b]) >>> 0;
      c = (c ^ comb[b]) >>> 0;
    }
    if (v === 0) throw new Error('tail refinement: the net is not stratified in this coordinate');
  }
  const out: number[] = [];
  const n = 2 ** m;
  const C = 2 ** cellBits;
  for (let e = 0; e < 2 * C; e++) {
    const t = e < C ? e : n - 2 * C + e; // the C cells at each end
    // The target's digits per part (interlaced: a's at even positions from the top, b's at odd).
    const tp = parts.map((_, k) => {
      if (q === 1) return t;
      let v = 0;
      for (let pos = k; pos < m; pos += 2) v = v * 2 + (Math.floor(t / 2 ** (m - 1 - pos)) % 2);
      return v;
    });
    // Undo the nested scramble, then the shift: x = L·g.
    let x = joined((j) => {
      const k = parts.findIndex((p) => p.j === j);
      return (unnest(tp[k], parts[k].digits, s.nest[j]) ^ s.shift[j]) >>> 0;
    });
    let g = 0;
    while (x !== 0) {
      const b = 31 - Math.clz32(x);
      x = (x ^ vec[b]) >>> 0;
      g = (g ^ comb[b]) >>> 0;
    }
    // i = gray⁻¹(g).
    let i = g;
    for (let sh = 1; sh < 32; sh *= 2) i = (i ^ (i >>> sh)) >>> 0;
    out.push(i);
  }
  return out;
}

/** What the refinement adds to one randomization's (finite count, sum, non-finite count). */
export interface TailCorrection {
  readonly count: number;
  readonly sum: number;
  readonly nonFinite: number;
}

/**
 * The correction of randomization r (scramble s): Σ (refined − plain) over
 * the points in the end cells of any coordinate (each point once).
 */
export function tailCorrection(
  refine: RqmcRefine, plan: TailPlan, V: Float64Array, s: Scramble, coordinates: number, q: number, k0: number, k1: number, stream: number, r: number,
): TailCorrection {
  const points = new Set<number>();
  for (let d = 0; d < coordinates; d++) for (const i of endPoints(s, d, plan.m, plan.cellBits, q)) points.add(i);
  const C = new Int32Array(s.dirs.buffer, s.dirs.byteOffset, s.dirs.length);
  const E = new Int32Array(s.shift.buffer, s.shift.byteOffset, s.shift.length);
  const N = new Int32Array(s.nest.buffer, s.nest.byteOffset, s.nest.length);
  const o = new Float64Array(2);
  let count = 0;
  let sum = 0;
  let nonFinite = 0;
  for (const i of points) {
    refine(V, C, E, N, k0, k1, stream, r, i, plan.T, plan.W, plan.strata, o);
    const [plain, refined] = o;
    const pf = plain - plain === 0;
    const rf = refined - refined === 0;
    if (pf) {
      count--;
      sum -= plain;
    } else nonFinite--;
    if (rf) {
      count++;
      sum += refined;
    } else nonFinite++;
  }
  return { count, sum, nonFinite };
}
