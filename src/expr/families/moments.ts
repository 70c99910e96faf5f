// What the families' moment formulas share.

/** The largest power whose moment the families write out (the expansions stop there). */
export const MAX_MOMENT = 16;

export function binomial(n: number, k: number): bigint {
  let r = 1n;
  for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
  return r;
}
