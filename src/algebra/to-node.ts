// Normal forms back to expressions: for enclosures (the sign oracle works on
// trees), for the defining expressions of new atoms, and for printing.
import type { Node, Scalar } from '../expr/ast.js';
import { add, mul, neg, num, pow } from '../expr/build.js';
import { rational } from '../expr/rational.js';
import type { Atom } from './atoms.js';
import type { FRF } from './frf.js';
import type { Mono, QExp } from './mono.js';
import { sortedTerms, type Poly } from './poly.js';

const powNode = (base: Node, e: QExp): Scalar =>
  e.n === 1 && e.d === 1 ? (base as Scalar) : pow(base as Scalar, num(rational(BigInt(e.n), BigInt(e.d))));

function product(coef: Scalar | undefined, parts: Scalar[]): Scalar {
  const all = coef ? [coef, ...parts] : parts;
  if (all.length === 0) return num(1);
  return all.length === 1 ? all[0] : mul(...all);
}

export function monoParts(atoms: readonly Atom[], m: Mono): Scalar[] {
  const out: Scalar[] = [];
  for (let i = 0; i < m.length; i += 3) out.push(powNode(atoms[m[i]].node, { n: m[i + 1], d: m[i + 2] }));
  return out;
}

export function polyNode(atoms: readonly Atom[], p: Poly): Scalar {
  const terms = sortedTerms(p).map((t) => {
    const a = t.c < 0n ? -t.c : t.c;
    const term = product(a === 1n ? undefined : num(a), monoParts(atoms, t.m));
    return t.c < 0n ? neg(term) : term;
  });
  if (terms.length === 0) return num(0);
  return terms.length === 1 ? terms[0] : add(...terms);
}

export function frfNode(atoms: readonly Atom[], f: FRF): Scalar {
  if (f.coef.n === 0n) return num(0);
  const coef = f.coef.n === 1n && f.coef.d === 1n ? undefined : num(f.coef);
  const parts = [...monoParts(atoms, f.mono), ...f.factors.map((x) => powNode(polyNode(atoms, x.poly), x.e))];
  return product(coef, parts);
}
