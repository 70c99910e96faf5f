// The nested (Owen-type) scramble applied to every coordinate after the
// linear scramble and digital shift of sobol.ts.
//
// Why: Matoušek's linear scramble plus a shift makes each point uniform and
// keeps the net, but not an error whose t statistic is Student's.
// Under it the digits of a point below the m-th (inside its stratum of width
// 2^-m) are an affine function of the point's first m digits, shared by all
// points, so with small but not negligible probability every point sits at
// nearly the same offset in its stratum, and the estimate's error is then far
// larger than usual. The errors of the R randomizations are heavy-tailed, and
// the t statistic over them is not Student's: for the logit-normal density
// (1-D) at 2^20 samples, 100 seeds gave t-scores piled at ±1.00 (one
// randomization dominating) and a KS p-value of 0.000 against t(31). Under a
// nested scramble each digit is flipped by a random function of ALL the
// digits above it; in one dimension the points are then one uniform point per
// stratum, independent across strata (stratified sampling), whose error
// obeys the central limit theorem. With this scramble on top, the same test
// gave KS p between 0.30 and 0.95 at 2^10 … 2^20 samples
// (scripts/calibrate-rqmc.ts measures it). The variance is the linear
// scramble's — in one dimension both are stratified sampling's in
// expectation (the sum of the squared Walsh coefficients beyond n, over n) —
// but no longer hidden in rare randomizations that 32 of them usually miss
// (docs/BENCHMARKS.md); for a one-coordinate integrand the interlacing
// (interlace.ts) then takes it from n^-3 to n^-5.
//
// How: the hash-based nested scramble of Laine & Karras, as used by Burley
// ("Practical Hash-based Owen Scrambling", JCGT 9(4), 2020), with the
// constants of N. Vegdahl's improved hash ("Building a Better LK Hash",
// psychopath.io, 2021). On the bit-reversed coordinate (first digit lowest),
// each step — x ^= x·even, x += seed, x ·= odd — changes bit j by a function
// of the bits below j only and is a bijection, so read back in the normal
// order every digit is flipped by a function of the digits above it: a nested
// permutation, which keeps the (t, m, s)-net property of the points. It is a
// 32-bit-seeded member of that family, not a draw from all of it; the seed is
// a Philox word of the scramble (sobol.ts), so the points stay reproducible
// from (seed, stream, randomization) on every backend.
//
// The cpu kernels (rqmc-js.ts, wasm/rqmc-kernel.ts) carry their coordinates
// bit-reversed and the device (rqmc-wgsl.ts) reverses with reverseBits; all
// compute the same 32-bit result as nestedScramble below.

/** The multipliers of the hash (Vegdahl 2021). */
const M1 = 0x3d20adea;
const M2 = 0x05526c56;
const M3 = 0x53a22864;
/** The multipliers, for the wasm kernel's i32x4 form (wasm/rqmc-kernel.ts). */
export const nestedScrambleConstants = { M1, M2, M3 } as const;

/**
 * JS source of $rev(x) and $nest(n, s): the scrambled coordinate (signed
 * 32-bit, normal bit order) of a coordinate n held bit-reversed.
 */
export const JS_NESTED_SCRAMBLE = `function $rev(x) {
  x = ((x >>> 1) & 0x55555555) | ((x & 0x55555555) << 1);
  x = ((x >>> 2) & 0x33333333) | ((x & 0x33333333) << 2);
  x = ((x >>> 4) & 0x0f0f0f0f) | ((x & 0x0f0f0f0f) << 4);
  x = ((x >>> 8) & 0x00ff00ff) | ((x & 0x00ff00ff) << 8);
  return (x >>> 16) | (x << 16);
}
function $lk(n, s) {
  n ^= Math.imul(n, ${M1});
  n = (n + s) | 0;
  n = Math.imul(n, (s >>> 16) | 1);
  n ^= Math.imul(n, ${M2});
  return n ^ Math.imul(n, ${M3});
}
function $nest(n, s) { return $rev($lk(n, s)); }`;

/** WGSL nest(x, s): the scrambled coordinate of x (normal bit order). */
export const WGSL_NESTED_SCRAMBLE = /* wgsl */ `
fn nest(x: u32, s: u32) -> u32 {
  var n = reverseBits(x);
  n = n ^ (n * ${M1}u);
  n = n + s;
  n = n * ((s >> 16u) | 1u);
  n = n ^ (n * ${M2}u);
  n = n ^ (n * ${M3}u);
  return reverseBits(n);
}
`;

// The reference functions are the kernel's own source, compiled once: one definition.
const [rev, nest, lk] = new Function(`${JS_NESTED_SCRAMBLE}\nreturn [$rev, $nest, $lk];`)() as [(x: number) => number, (n: number, s: number) => number, (n: number, s: number) => number];

/**
 * The hash on the bit-reversed coordinate (first digit lowest), before the
 * reversal back: its bit j depends on bits ≤ j of n only and flips with bit j
 * (rqmc-tails.ts inverts it bit by bit).
 */
export const lkHash = (n: number, seed: number): number => lk(n | 0, seed | 0);

/** Reverses the 32 bits of x (result signed 32-bit). */
export const reverseBits32 = (x: number): number => rev(x | 0);

/** The nested scramble of a 32-bit coordinate x (first digit = bit 31) under `seed`; unsigned result (reference). */
export const nestedScramble = (x: number, seed: number): number => nest(rev(x | 0), seed | 0) >>> 0;
