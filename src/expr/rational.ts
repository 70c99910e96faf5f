// Exact rationals over BigInt: the numbers of the AST and of exact evaluation.

export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** n/d in lowest terms with d > 0. Throws on d = 0. */
export function rational(n: bigint, d: bigint = 1n): Rational {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

/**
 * The exact value of a decimal literal: "0.1" is 1/10, "1e-4" is 1/10000,
 * "2.5E3" is 2500. Returns undefined for anything else.
 */
export function parseDecimal(text: string): Rational | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const sign = m[1] === '-' ? -1n : 1n;
  const frac = m[3] ?? '';
  const digits = BigInt((m[2] || '0') + frac);
  const exp = BigInt(m[4] ?? '0') - BigInt(frac.length);
  return exp >= 0n ? rational(sign * digits * 10n ** exp) : rational(sign * digits, 10n ** -exp);
}

/** The exact rational value of a finite double, through its shortest decimal form. */
export function fromNumber(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  const r = parseDecimal(String(x));
  if (!r) throw new RangeError(`cannot read ${x} as a decimal`);
  return r;
}

export const add = (a: Rational, b: Rational): Rational => rational(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Rational, b: Rational): Rational => rational(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Rational, b: Rational): Rational => rational(a.n * b.n, a.d * b.d);
export const div = (a: Rational, b: Rational): Rational => rational(a.n * b.d, a.d * b.n);
export const neg = (a: Rational): Rational => ({ n: -a.n, d: a.d });
export const cmp = (a: Rational, b: Rational): number => {
  const x = a.n * b.d - b.n * a.d;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
};
export const isZero = (a: Rational): boolean => a.n === 0n;
export const isInteger = (a: Rational): boolean => a.d === 1n;

/** a^k for an integer k (negative k inverts). */
export function powInt(a: Rational, k: bigint): Rational {
  if (k < 0n) return powInt(div({ n: 1n, d: 1n }, a), -k);
  return rational(a.n ** k, a.d ** k);
}

/** A double close to n/d, correctly rounded for moderate sizes and safe for huge ones. */
export function toNumber(a: Rational): number {
  const n = Number(a.n);
  const d = Number(a.d);
  if (Number.isFinite(n) && Number.isFinite(d) && Math.abs(n) < 2 ** 53 && d < 2 ** 53) return n / d;
  // Scale both to about 2^60 before dividing so neither overflows.
  const shift = BigInt(Math.max(0, a.d.toString(2).length - 60));
  const shiftN = BigInt(Math.max(0, (a.n < 0n ? -a.n : a.n).toString(2).length - 60));
  return (Number(a.n >> shiftN) / Number(a.d >> shift)) * 2 ** Number(shiftN - shift);
}

export function toString(a: Rational): string {
  return a.d === 1n ? `${a.n}` : `${a.n}/${a.d}`;
}
