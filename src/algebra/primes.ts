// Integers: factorization into primes by trial division (constants in
// formulas are small: log 12 = 2 log 2 + log 3, sqrt(8) = 2 sqrt(2)) and exact
// integer roots (sqrt(9/4) = 3/2 in exact evaluation).

/** Trial division up to this bound; a larger cofactor is kept whole (as if prime). */
const TRIAL_LIMIT = 100_000n;

/** n > 0 as [prime, multiplicity] pairs, ascending. */
export function factorInteger(n: bigint): [bigint, number][] {
  if (n <= 0n) throw new RangeError('factorInteger: n must be positive');
  const out: [bigint, number][] = [];
  const take = (p: bigint) => {
    let k = 0;
    while (n % p === 0n) {
      n /= p;
      k++;
    }
    if (k > 0) out.push([p, k]);
  };
  take(2n);
  take(3n);
  for (let p = 5n; p * p <= n && p <= TRIAL_LIMIT; p += 6n) {
    take(p);
    take(p + 2n);
  }
  if (n > 1n) out.push([n, 1]);
  return out;
}

/** The exact k-th root of n ≥ 0 when n is a perfect k-th power, else undefined. */
export function exactRoot(n: bigint, k: number): bigint | undefined {
  if (n < 0n) return undefined;
  if (n < 2n || k === 1) return n;
  const K = BigInt(k);
  // Newton's method from an overestimate: x ← ((k−1)x + n / x^(k−1)) / k.
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / k) + 1);
  for (;;) {
    const y = ((K - 1n) * x + n / x ** (K - 1n)) / K;
    if (y >= x) break;
    x = y;
  }
  return x ** K === n ? x : undefined;
}
