// The other elementary functions, each reduced to exp/log/roots or to an atom.
//
//   tanh x = (e^{2x} − 1)/(e^{2x} + 1)     sech x = 2/(e^x + e^{−x})
//   sigmoid x = 1/(1 + e^{−x})              logit p = log(p/(1 − p))
//   tan x = sin x / cos x                   sin(−x) = −sin x, cos(−x) = cos x
//   sin, cos at multiples of π/6 and π/4 are exact (cos(π/2) = 0)
//   |a| = ±a when the sign of a is known on the domain, else (a²)^(1/2)
//   min(a, b), max(a, b): the smaller/larger when the order is known, else
//   (a + b ∓ |a − b|)/2
//
// No Pythagorean rule: sin² + cos² = 1 stays a numeric fact (verified, not proved).
import type { Scalar } from '../expr/ast.js';
import { cos as cosB, sin as sinB } from '../expr/build.js';
import { rational, type Rational } from '../expr/rational.js';
import * as Q from '../expr/rational.js';
import { frfConst, frfKey, FRF_ONE, FRF_ZERO, isZeroF, type FRF } from './frf.js';
import { expOf, logOf } from './explog.js';
import { constPow, powQ } from './radicals.js';
import type { Ring } from './ring.js';

const HALF: Rational = { n: 1n, d: 2n };

export function absOf(ring: Ring, a: FRF): FRF {
  const s = signOf(ring, a);
  if (s !== 0) {
    ring.note('abs-by-sign', a, s > 0 ? '>= 0' : '<= 0');
    return s > 0 ? a : ring.neg(a);
  }
  return powQ(ring, ring.pow(a, 2), { n: 1, d: 2 });
}

/** The sign from the parts, else from an enclosure (with a little bisection). */
function signOf(ring: Ring, a: FRF): 1 | -1 | 0 {
  const s = ring.signOf(a);
  return s !== 0 ? s : ring.signOfNode(ring.node(a), 48);
}

export function minMaxOf(ring: Ring, fn: 'min' | 'max', a: FRF, b: FRF): FRF {
  const d = ring.sub(a, b);
  const s = signOf(ring, d);
  if (s !== 0) {
    ring.note('min-max-by-order', d, s > 0 ? '>= 0' : '<= 0');
    const aBigger = s > 0;
    return fn === 'max' ? (aBigger ? a : b) : aBigger ? b : a;
  }
  ring.note('min-max-via-abs');
  const abs = absOf(ring, d);
  const sum = ring.add([a, b, fn === 'max' ? abs : ring.neg(abs)]);
  return ring.scale(sum, HALF);
}

/** The rational r when a = r·π (or a = 0), else undefined. */
function piMultiple(ring: Ring, a: FRF): Rational | undefined {
  if (isZeroF(a)) return { n: 0n, d: 1n };
  if (a.factors.length > 0 || a.mono.length !== 3 || a.mono[1] !== 1 || a.mono[2] !== 1) return undefined;
  return ring.atoms[a.mono[0]].kind === 'pi' ? a.coef : undefined;
}

/** sin(rπ) at multiples of π/6 and π/4, else undefined. */
function sinPi(ring: Ring, r: Rational): FRF | undefined {
  // r mod 2, into [0, 2).
  const two = 2n * r.d;
  let n = r.n % two;
  if (n < 0n) n += two;
  let x = rational(n, r.d);
  let sign: Rational = { n: 1n, d: 1n };
  if (Q.cmp(x, { n: 1n, d: 1n }) >= 0) {
    x = Q.sub(x, { n: 1n, d: 1n });
    sign = { n: -1n, d: 1n };
  }
  if (Q.cmp(x, HALF) > 0) x = Q.sub({ n: 1n, d: 1n }, x);
  const key = `${x.n}/${x.d}`;
  const table: Record<string, () => FRF> = {
    '0/1': () => FRF_ZERO,
    '1/6': () => frfConst(HALF),
    '1/4': () => ring.scale(constPow(ring, rational(2n), { n: 1, d: 2 }), HALF),
    '1/3': () => ring.scale(constPow(ring, rational(3n), { n: 1, d: 2 }), HALF),
    '1/2': () => FRF_ONE,
  };
  const v = table[key];
  return v ? ring.scale(v(), sign) : undefined;
}

function trigAtom(ring: Ring, fn: 'sin' | 'cos', arg: FRF): FRF {
  const id = ring.atom(fn, `${fn}:${frfKey(arg)}`, () => ({ node: (fn === 'sin' ? sinB : cosB)(ring.node(arg) as Scalar), arg }));
  return ring.fromAtom(id);
}

export function sinOf(ring: Ring, a: FRF): FRF {
  const r = piMultiple(ring, a);
  const exact = r && sinPi(ring, r);
  if (exact) {
    ring.note('trig-special-value');
    return exact;
  }
  if (a.coef.n < 0n) return ring.neg(trigAtom(ring, 'sin', ring.neg(a)));
  return trigAtom(ring, 'sin', a);
}

export function cosOf(ring: Ring, a: FRF): FRF {
  const r = piMultiple(ring, a);
  const exact = r && sinPi(ring, Q.add(r, HALF));
  if (exact) {
    ring.note('trig-special-value');
    return exact;
  }
  return trigAtom(ring, 'cos', a.coef.n < 0n ? ring.neg(a) : a);
}

export const tanOf = (ring: Ring, a: FRF): FRF => ring.div(sinOf(ring, a), cosOf(ring, a));

export function tanhOf(ring: Ring, a: FRF): FRF {
  const e2 = expOf(ring, ring.scale(a, rational(2n)));
  return ring.div(ring.add([e2, frfConst(rational(-1n))]), ring.add([e2, FRF_ONE]));
}

export function sechOf(ring: Ring, a: FRF): FRF {
  return ring.div(frfConst(rational(2n)), ring.add([expOf(ring, a), expOf(ring, ring.neg(a))]));
}

export function sigmoidOf(ring: Ring, a: FRF): FRF {
  return ring.inv(ring.add([FRF_ONE, expOf(ring, ring.neg(a))]));
}

export function logitOf(ring: Ring, a: FRF): FRF {
  return logOf(ring, ring.div(a, ring.sub(FRF_ONE, a)));
}
