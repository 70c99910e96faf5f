// exp and log by their algebraic rules, with the domain conditions they need.
//
//   exp(a + b) = exp(a) exp(b), exp(c·m) = exp(m)^c   (exp atoms are > 0, so any exponent is fine)
//   exp(c·log a) = a^c, exp(0) = 1, e = exp(1)
//   log(exp u) = u
//   log(a·b) = log a + log b, log(a^c) = c log a     for parts a, b ≥ 0 on the domain
//   log(n/d) = Σ k_p log p over the primes of n and d   (log 12 = 2 log 2 + log 3)
//
// Parts of unknown sign stay together in one log atom of the leftover
// (log(−u) and log(u) are atoms of the same family, keyed by the signed
// leftover), so log(x·y) with x, y of unknown sign is not split.
import { log as logB, exp as expB } from '../expr/build.js';
import type { Scalar } from '../expr/ast.js';
import { rational, type Rational } from '../expr/rational.js';
import { frfConst, frfKey, FRF_ONE, FRF_ZERO, isZeroF, type FRF } from './frf.js';
import type { Mono } from './mono.js';
import { factorInteger } from './primes.js';
import { powQ, toQExp } from './radicals.js';
import type { Ring } from './ring.js';
import { Unsupported } from './unsupported.js';

const ONE_R: Rational = { n: 1n, d: 1n };

export function expAtom(ring: Ring, arg: FRF): number {
  return ring.atom('exp', `exp:${frfKey(arg)}`, () => ({ node: expB(ring.node(arg) as Scalar), nonneg: true, arg }));
}

export function logAtom(ring: Ring, arg: FRF): number {
  return ring.atom('log', `log:${frfKey(arg)}`, () => ({ node: logB(ring.node(arg) as Scalar), arg }));
}

/** exp(u). */
export function expOf(ring: Ring, u: FRF): FRF {
  if (isZeroF(u)) return FRF_ONE;
  // u = (Σ c_j m_j) / den, den the factors with negative exponents.
  const numFactors = u.factors.filter((f) => f.e.n > 0);
  const denFactors = u.factors.filter((f) => f.e.n < 0);
  const den: FRF = { coef: ONE_R, mono: [], factors: denFactors };
  const terms = ring.expand(u.mono, numFactors);
  let out = FRF_ONE;
  for (const t of terms.values()) {
    const c = rational(t.c * u.coef.n, u.coef.d);
    out = ring.mul(out, expTerm(ring, t.m, den, c));
  }
  return out;
}

/** exp(c · m · den). */
function expTerm(ring: Ring, m: Mono, den: FRF, c: Rational): FRF {
  if (den.factors.length === 0 && m.length === 3 && m[1] === 1 && m[2] === 1) {
    const atom = ring.atoms[m[0]];
    if (atom.kind === 'log') {
      ring.note('exp-of-log');
      return powQ(ring, atom.arg as FRF, toQExp(c));
    }
  }
  const arg = ring.mul({ coef: ONE_R, mono: m, factors: [] }, den);
  return ring.fromAtom(expAtom(ring, arg), toQExp(c));
}

/** log(a). */
export function logOf(ring: Ring, a: FRF): FRF {
  if (isZeroF(a)) throw new Unsupported('log of 0');
  const terms: FRF[] = [];
  let sign = a.coef.n < 0n ? -1 : 1;
  const c = { n: a.coef.n < 0n ? -a.coef.n : a.coef.n, d: a.coef.d };
  const primes: [bigint, number][] = [
    ...(c.n > 1n ? factorInteger(c.n) : []),
    ...(c.d > 1n ? factorInteger(c.d).map(([p, k]): [bigint, number] => [p, -k]) : []),
  ];
  for (const [p, k] of primes) terms.push(ring.scale(ring.fromAtom(logAtom(ring, frfConst(rational(p)))), rational(BigInt(k))));
  if (primes.length > 0) ring.note('log-of-constant');
  let leftover = FRF_ONE;
  const m = a.mono;
  for (let i = 0; i < m.length; i += 3) {
    const atom = ring.atoms[m[i]];
    const e = rational(BigInt(m[i + 1]), BigInt(m[i + 2]));
    if (atom.kind === 'exp') {
      terms.push(ring.scale(atom.arg as FRF, e));
      ring.note('log-of-exp');
    } else if (atom.kind === 'alias') {
      terms.push(ring.scale(logOf(ring, atom.value as FRF), e));
    } else if (atom.nonneg) {
      terms.push(ring.scale(ring.fromAtom(logAtom(ring, ring.fromAtom(atom.id))), e));
      ring.note('log-of-product', ring.fromAtom(atom.id), '>= 0');
    } else if (atom.sign === -1) {
      if (m[i + 1] % 2 !== 0) sign = -sign;
      terms.push(ring.scale(ring.fromAtom(logAtom(ring, ring.neg(ring.fromAtom(atom.id)))), e));
      ring.note('log-of-product', ring.fromAtom(atom.id), '<= 0');
    } else {
      leftover = ring.mul(leftover, ring.fromAtom(atom.id, { n: m[i + 1], d: m[i + 2] }));
    }
  }
  for (const f of a.factors) {
    const single: FRF = { coef: ONE_R, mono: [], factors: [{ ...f, e: { n: 1, d: 1 } }] };
    if (ring.isNonnegFactor(f.key)) {
      terms.push(ring.scale(ring.fromAtom(logAtom(ring, single)), rational(BigInt(f.e.n), BigInt(f.e.d))));
      ring.note('log-of-product', single, '>= 0');
    } else {
      leftover = ring.mul(leftover, ring.pow(single, f.e.n));
    }
  }
  if (leftover.mono.length > 0 || leftover.factors.length > 0) {
    terms.push(ring.fromAtom(logAtom(ring, sign < 0 ? ring.neg(leftover) : leftover)));
  } else if (sign < 0) {
    throw new Unsupported('log of a negative number');
  }
  return terms.length === 0 ? FRF_ZERO : ring.add(terms);
}

/** a^b for a symbolic exponent: exp(b log a), defined for a > 0. */
export function powSymbolic(ring: Ring, a: FRF, b: FRF): FRF {
  if (ring.signOf(a) !== 1) throw new Unsupported('a symbolic power of a base not known to be positive');
  return expOf(ring, ring.mul(b, logOf(ring, a)));
}
