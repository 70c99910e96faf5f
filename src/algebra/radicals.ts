// Fractional powers a^(p/q) (sqrt is a^(1/2)). Like Math.pow, a non-integer
// power of a negative number is undefined, so wherever a^(p/q) is defined,
// a ≥ 0. The radicand splits into parts:
//   - a positive constant: into primes, sqrt(8) = 2·2^(1/2), sqrt(a/4) = sqrt(a)/2;
//   - parts ≥ 0 on the domain (atoms, factors): (x^2 y)^(1/2) = x y^(1/2) for x, y ≥ 0;
//   - parts ≤ 0: (−x) is ≥ 0, with the sign carried along;
//   - even powers of parts of unknown sign: (u^2)^(1/2) = |u| (the alias of u², ≥ 0);
//   - the rest stays together: one alias t for the leftover L, t = L where L ≥ 0.
import { rational, type Rational } from '../expr/rational.js';
import { FRF_ONE, FRF_ZERO, isZeroF, type FRF } from './frf.js';
import { qexp, qmul, type QExp } from './mono.js';
import { factorInteger } from './primes.js';
import type { Ring } from './ring.js';
import { Unsupported } from './unsupported.js';

/** A rational exponent as a small QExp (exponents in formulas are small). */
export function toQExp(r: Rational): QExp {
  const lim = 1n << 30n;
  if (r.n > lim || r.n < -lim || r.d > lim) throw new Unsupported('an exponent too large for the exact core');
  return qexp(Number(r.n), Number(r.d));
}

/** c^e for a positive rational c, as coefficient · ∏ prime-alias^(fraction). */
export function constPow(ring: Ring, c: Rational, e: QExp): FRF {
  let out: FRF = FRF_ONE;
  const primes: [bigint, number][] = [
    ...factorInteger(c.n).map(([p, k]): [bigint, number] => [p, k]),
    ...(c.d > 1n ? factorInteger(c.d).map(([p, k]): [bigint, number] => [p, -k]) : []),
  ];
  for (const [p, k] of primes) {
    if (p === 1n) continue;
    const x = qmul({ n: k, d: 1 }, e);
    const whole = Math.floor(x.n / x.d);
    const frac = { n: x.n - whole * x.d, d: x.d };
    ring.note('root-of-constant');
    if (whole !== 0) out = ring.scale(out, whole > 0 ? rational(p ** BigInt(whole)) : rational(1n, p ** BigInt(-whole)));
    if (frac.n !== 0) out = ring.mul(out, ring.fromAtom(ring.alias(ring.constant(rational(p))), frac));
  }
  return out;
}

/** a^e for a rational exponent e (integer e goes to ring.pow). */
export function powQ(ring: Ring, a: FRF, e: QExp): FRF {
  if (e.d === 1) return ring.pow(a, e.n);
  if (isZeroF(a)) {
    if (e.n > 0) return FRF_ZERO;
    throw new Unsupported('0 to a negative power');
  }
  let sign = a.coef.n < 0n ? -1 : 1;
  let out = constPow(ring, { n: a.coef.n < 0n ? -a.coef.n : a.coef.n, d: a.coef.d }, e);
  let leftover: FRF = FRF_ONE;
  const m = a.mono;
  for (let i = 0; i < m.length; i += 3) {
    const id = m[i];
    const x = { n: m[i + 1], d: m[i + 2] };
    const atom = ring.atoms[id];
    if (atom.nonneg) {
      if (atom.kind === 'sym' || atom.kind === 'log' || atom.kind === 'sin' || atom.kind === 'cos' || atom.kind === 'fn') ring.note('root-of-product', ring.fromAtom(id), '>= 0');
      out = ring.mul(out, ring.fromAtom(id, qmul(x, e)));
    } else if (atom.sign === -1) {
      // x is an integer here; a^x = (−1)^x (−a)^x and −a ≥ 0.
      if (x.n % 2 !== 0) sign = -sign;
      const negA = ring.alias(ring.neg(ring.fromAtom(id)));
      out = ring.mul(out, ring.fromAtom(negA, qmul(x, e)));
      ring.note('root-of-product', ring.fromAtom(id), '<= 0');
    } else if (x.n % 2 === 0) {
      ring.note('root-of-square');
      out = ring.mul(out, absPow(ring, ring.fromAtom(id), qmul({ n: x.n / 2, d: 1 }, e)));
    } else {
      leftover = ring.mul(leftover, ring.fromAtom(id, x));
    }
  }
  for (const f of a.factors) {
    const single: FRF = { coef: { n: 1n, d: 1n }, mono: [], factors: [{ ...f, e: { n: 1, d: 1 } }] };
    if (ring.isNonnegFactor(f.key)) {
      ring.note('root-of-product', single, '>= 0');
      out = ring.mul(out, { coef: { n: 1n, d: 1n }, mono: [], factors: [{ ...f, e: qmul(f.e, e) }] });
    } else if (f.e.d === 1 && f.e.n % 2 === 0) {
      ring.note('root-of-square');
      out = ring.mul(out, absPow(ring, single, qmul({ n: f.e.n / 2, d: 1 }, e)));
    } else {
      leftover = ring.mul(leftover, ring.pow(single, f.e.n));
    }
  }
  if (leftover.mono.length === 0 && leftover.factors.length === 0) {
    if (sign < 0) throw new Unsupported('a non-integer power of a negative number');
    return out;
  }
  if (sign < 0) leftover = ring.neg(leftover);
  ring.note('root-atom');
  return ring.mul(out, ring.fromAtom(ring.alias(leftover), e));
}

/** |u|^e = (u²)^(e/2), through the alias of u² (which is ≥ 0). */
function absPow(ring: Ring, u: FRF, e: QExp): FRF {
  return ring.fromAtom(ring.alias(ring.pow(u, 2)), e);
}
