// Constants of the forward error bounds (src/algebra/eval-bound.ts).

/** The unit roundoff of doubles. */
export const U = 2 ** -53;
/** Library functions (exp, log, pow, sin, …): within 2 ulps. */
export const LIB = 4 * U;
/**
 * Underflow: below 2^-1022 the relative model fails, a product may lose all
 * its digits (1e-200 · 1e-200 = 0); the absolute error is then a few 2^-1074.
 */
export const ETA = 4 * Number.MIN_VALUE;

export const ZERO = { n: 0n, d: 1n } as const;
export const ONE = { n: 1n, d: 1n } as const;
export const HALF = { n: 1n, d: 2n } as const;
export const isZero = (x: { n: bigint }): boolean => x.n === 0n;
export const isRational = (x: { n: bigint; d: bigint }, r: { n: bigint; d: bigint }): boolean => x.n === r.n && x.d === r.d;
