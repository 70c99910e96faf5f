// Light constant folding, for expressions the project builds (moments,
// closed forms, expanded polynomials) or gets from other libraries. It only applies rules that hold for
// every value of the symbols (0·x = 0, 1·x = x, x + 0 = x, exact rational
// arithmetic on literals); it never decides anything. Its purpose is to keep
// generated trees small and readable, e.g. E[z⁴] over N(0, 1) prints as 3
// rather than as a sum of terms multiplied by 0^k. Deciding identities is the
// algebra module's job.
import type { Node, NumNode, Scalar } from './ast.js';
import { equal } from './ast.js';
import { addNode, callNode, divNode, expectNode, mulNode, negNode, numNode, powNode, rebuild } from './node.js';
import * as Q from './rational.js';

export const lit = (n: bigint | number, d: bigint | number = 1n): NumNode => {
  const r = Q.rational(BigInt(n), BigInt(d));
  return numNode(r.n, r.d);
};
export const ZERO = lit(0);
export const ONE = lit(1);

export const isNum = (x: Node): x is NumNode => x.op === 'num';
export const isZero = (x: Node): boolean => x.op === 'num' && x.n === 0n;
export const isOne = (x: Node): boolean => x.op === 'num' && x.n === 1n && x.d === 1n;

/** a + b + …: flattens sums, adds literals exactly, drops zeros. */
export function plus(...xs: Node[]): Node {
  const terms: Node[] = [];
  let c: Q.Rational = { n: 0n, d: 1n };
  for (const x of xs) {
    for (const t of x.op === 'add' ? x.args : [x]) {
      if (t.op === 'num') c = Q.add(c, t);
      else terms.push(t);
    }
  }
  cancelOpposites(terms);
  if (c.n !== 0n) terms.push(lit(c.n, c.d));
  if (terms.length === 0) return ZERO;
  if (terms.length === 1) return terms[0];
  return addNode(terms);
}

/** Removes pairs t, −t (structurally equal up to one negation): x − x = 0. */
function cancelOpposites(terms: Node[]): void {
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i];
    const j = terms.findIndex((u, k) => k > i && ((u.op === 'neg' && equal(u.args[0], t)) || (t.op === 'neg' && equal(t.args[0], u))));
    if (j >= 0) {
      terms.splice(j, 1);
      terms.splice(i, 1);
      i--;
    }
  }
}

/** −x: negates literals and removes double negation. */
export function negate(x: Node): Node {
  if (x.op === 'num') return lit(-x.n, x.d);
  if (x.op === 'neg') return x.args[0];
  return negNode(x);
}

export const minus = (a: Node, b: Node): Node => plus(a, negate(b));

/**
 * a · b · …: flattens products, multiplies literals exactly, drops ones; a
 * literal 0 makes the product 0 (0 is a scalar: it broadcasts to a zero vector).
 */
export function times(...xs: Node[]): Node {
  const factors: Node[] = [];
  let c: Q.Rational = { n: 1n, d: 1n };
  for (const x of xs) {
    for (const f of x.op === 'mul' ? x.args : [x]) {
      if (f.op === 'num') c = Q.mul(c, f);
      else if (f.op === 'neg') {
        c = Q.neg(c);
        factors.push(...(f.args[0].op === 'mul' ? f.args[0].args : [f.args[0]]));
      } else factors.push(f);
    }
  }
  if (c.n === 0n) return ZERO;
  if (factors.length === 0) return lit(c.n, c.d);
  const body: Node = factors.length === 1 ? factors[0] : mulNode(factors);
  if (c.n === 1n && c.d === 1n) return body;
  if (c.n === -1n && c.d === 1n) return negate(body);
  return mulNode([lit(c.n, c.d), ...(body.op === 'mul' ? body.args : [body])]);
}

/** a / b: exact on literals; b = 1 returns a; a = 0 returns 0. */
export function over(a: Node, b: Node): Node {
  if (b.op === 'num') {
    if (b.n === 0n) throw new RangeError('division by a literal zero');
    return times(a, lit(b.d, b.n));
  }
  if (isZero(a)) return ZERO;
  return divNode(a, b);
}

/** a^k for an integer k ≥ 0 (exact on literals). */
export function power(a: Node, k: number): Node {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`power: exponent ${k} is not a non-negative integer`);
  if (k === 0) return ONE;
  if (k === 1) return a;
  if (a.op === 'num') return lit(a.n ** BigInt(k), a.d ** BigInt(k));
  return powNode(a, lit(k));
}

/** exp(a), with exp(0) = 1. */
export function expOf(a: Node): Node {
  if (isZero(a)) return ONE;
  return callNode('exp', [a]);
}

/** log(a), with log(1) = 0. */
export function logOf(a: Node): Node {
  if (isOne(a)) return ZERO;
  return callNode('log', [a]);
}

/** sum(v) of a vector. */
export const sumOf = (v: Node): Node => callNode('sum', [v]);

/** A number stands for its exact decimal value (0.1 is 1/10), as in the builders. */
export type Arg = Node | number;
export function toNode(x: Arg): Node {
  if (typeof x !== 'number') return x;
  const r = Q.fromNumber(x);
  return lit(r.n, r.d);
}

/** sqrt(a), with sqrt(0) = 0 and sqrt(1) = 1. */
export function sqrtOf(a: Node): Node {
  if (isZero(a) || isOne(a)) return a;
  return callNode('sqrt', [a]);
}

/** The node as a Scalar for the typed builders (a kind error is a bug here, so it throws). */
export function asScalar(n: Node): Scalar {
  if (n.kind !== 'scalar') throw new TypeError(`expected a scalar expression, got a ${n.kind}`);
  return n as Scalar;
}

/**
 * Folds a whole tree bottom-up with the rules above (exact literal
 * arithmetic, 0·x = 0, 1·x = x, x + 0 = x, x¹ = x, −(−x) = x). Used to tidy
 * what other libraries hand back (mathjs's derivatives: `0 - 2 * (1 - 0) *
 * (x - m)^(2 - 1)` becomes `-2 * (x - m)`); it never decides anything.
 */
export function fold(node: Node): Node {
  switch (node.op) {
    case 'num':
    case 'const':
    case 'sym':
      return node;
    case 'add':
      return plus(...node.args.map(fold));
    case 'mul':
      return times(...node.args.map(fold));
    case 'neg':
      return negate(fold(node.args[0]));
    case 'div': {
      const [a, b] = node.args.map(fold);
      return b.op === 'num' && b.n === 0n ? divNode(a, b) : over(a, b);
    }
    case 'pow': {
      const [a, k] = node.args.map(fold);
      if (k.op === 'num' && k.d === 1n && k.n >= 0n && k.n <= 64n) return power(a, Number(k.n));
      if (k.op === 'num' && k.d === 1n && k.n < 0n && k.n >= -64n && !(a.op === 'num' && a.n === 0n)) return over(ONE, power(a, Number(-k.n)));
      return powNode(a, k);
    }
    case 'E':
      return expectNode(fold(node.args[0]), node.over.map((b) => ({ name: b.name, dist: fold(b.dist) as typeof b.dist })));
    default:
      return rebuild(node, node.args.map(fold));
  }
}
