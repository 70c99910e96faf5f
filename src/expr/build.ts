// Typed builders. The overloads carry the kind rules of kinds.ts to compile
// time: adding a distribution to a scalar, or taking norm2 of a scalar, does
// not type-check (tests/types/kinds.test-d.ts shows it). At run time the same
// rules are enforced again, for callers that go through `any`.
import type {
  Binding, CallNode, DistFamily, DistNode, FnName, Node, NumNode, Rel, RelNode, Scalar, SymNode, Vector,
} from './ast.js';
import { KindError, kindOfDraw } from './kinds.js';
import {
  addNode, callNode, constNode, distNode, divNode, expectNode, mulNode, negNode, numNode, powNode, relNode, symNode,
} from './node.js';
import { fromNumber, parseDecimal, rational, type Rational } from './rational.js';

/** A scalar, or a JS number standing for its exact decimal value. */
export type ScalarLike = Scalar | number;
/** A scalar or a vector (numbers are scalars). */
export type NumericLike = ScalarLike | Vector;

export function lift(x: ScalarLike): Scalar;
export function lift(x: NumericLike): Scalar | Vector;
export function lift(x: NumericLike | Node): Node {
  if (typeof x === 'number') return num(x);
  return x;
}

/** An exact number: 0.1 is 1/10. Strings are decimal or "p/q". */
export function num(x: number | bigint | string | Rational): NumNode {
  let r: Rational;
  if (typeof x === 'number') r = fromNumber(x);
  else if (typeof x === 'bigint') r = rational(x);
  else if (typeof x === 'string') {
    const frac = /^\s*([+-]?\d+)\s*\/\s*(\d+)\s*$/.exec(x);
    const parsed = frac ? rational(BigInt(frac[1]), BigInt(frac[2])) : parseDecimal(x.trim());
    if (!parsed) throw new KindError(`not a number: ${x}`);
    r = parsed;
  } else r = rational(x.n, x.d);
  return numNode(r.n, r.d);
}

export const rat = (n: number | bigint, d: number | bigint): NumNode => num(rational(BigInt(n), BigInt(d)));

export const pi: Scalar = constNode('pi');
export const e: Scalar = constNode('e');

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
function checkName(name: string): void {
  if (!NAME.test(name)) throw new KindError(`not an identifier: ${JSON.stringify(name)}`);
}

/** A scalar symbol (a parameter, or a scalar random variable). */
export function sym(name: string): SymNode<'scalar'> {
  checkName(name);
  return symNode(name, 'scalar');
}
/** Several scalar symbols at once: `const [a, b] = syms('a', 'b')`. */
export const syms = (...names: string[]): SymNode<'scalar'>[] => names.map(sym);

/** A vector symbol of symbolic dimension. */
export function vec(name: string): SymNode<'vector'> {
  checkName(name);
  return symNode(name, 'vector');
}

export function add(...xs: ScalarLike[]): Scalar;
export function add(...xs: NumericLike[]): Vector;
export function add(...xs: NumericLike[]): Node {
  const args = xs.map((x) => lift(x));
  if (args.length === 1) return args[0];
  return addNode(args);
}

export function neg(x: ScalarLike): Scalar;
export function neg(x: Vector): Vector;
export function neg(x: NumericLike): Node {
  const a = lift(x);
  return negNode(a);
}

export function sub(a: ScalarLike, b: ScalarLike): Scalar;
export function sub(a: NumericLike, b: NumericLike): Vector;
export function sub(a: NumericLike, b: NumericLike): Node {
  const x = lift(a);
  const y = lift(b);
  return addNode([x, negNode(y)]);
}

export function mul(...xs: ScalarLike[]): Scalar;
export function mul(...xs: NumericLike[]): Vector;
export function mul(...xs: NumericLike[]): Node {
  const args = xs.map((x) => lift(x));
  if (args.length === 1) return args[0];
  return mulNode(args);
}

export function div(a: ScalarLike, b: ScalarLike): Scalar;
export function div(a: NumericLike, b: NumericLike): Vector;
export function div(a: NumericLike, b: NumericLike): Node {
  const x = lift(a);
  const y = lift(b);
  return divNode(x, y);
}

export function pow(a: ScalarLike, b: ScalarLike): Scalar;
export function pow(a: Vector, b: ScalarLike): Vector;
export function pow(a: NumericLike, b: ScalarLike): Node {
  const x = lift(a);
  const y = lift(b);
  return powNode(x, y);
}

const call = (fn: FnName, args: Node[]): CallNode => callNode(fn, args);

/** A call node of fn, kinds checked (for the function table's own facets): the one constructor's. */
export { callNode };

/**
 * fn(x, …) for any function of the table (src/expr/functions/), by name:
 * `apply('probit', t)`, `apply('softplus', x)`. Elementwise on vectors.
 */
export function apply(fn: FnName, ...xs: ScalarLike[]): Scalar;
export function apply(fn: FnName, ...xs: NumericLike[]): Scalar | Vector;
export function apply(fn: FnName, ...xs: NumericLike[]): Node {
  return call(fn, xs.map((x) => lift(x)));
}

type Elementwise = {
  (x: ScalarLike): Scalar;
  (x: Vector): Vector;
};
const elementwise = (fn: FnName): Elementwise =>
  ((x: NumericLike) => call(fn, [lift(x)])) as Elementwise;

export const sqrt = elementwise('sqrt');
export const exp = elementwise('exp');
export const log = elementwise('log');
export const abs = elementwise('abs');
export const sin = elementwise('sin');
export const cos = elementwise('cos');
export const tan = elementwise('tan');
export const tanh = elementwise('tanh');
export const sech = elementwise('sech');
export const sigmoid = elementwise('sigmoid');
export const logit = elementwise('logit');

export function min(a: ScalarLike, b: ScalarLike): Scalar {
  return call('min', [lift(a), lift(b)]) as Scalar;
}
export function max(a: ScalarLike, b: ScalarLike): Scalar {
  return call('max', [lift(a), lift(b)]) as Scalar;
}

export const dot = (a: Vector, b: Vector): Scalar => call('dot', [a, b]) as Scalar;
/** The SQUARED Euclidean norm ‖v‖². */
export const norm2 = (v: Vector): Scalar => call('norm2', [v]) as Scalar;
export const sum = (v: Vector): Scalar => call('sum', [v]) as Scalar;

const dist = (family: DistFamily, args: Node[]): DistNode => distNode(family, args);

/** N(mean, VARIANCE): scalar normal. */
export function normal(mean: ScalarLike, variance: ScalarLike): DistNode;
/** N(mean, VARIANCE, dim): isotropic normal in dimension dim. */
export function normal(mean: ScalarLike, variance: ScalarLike, dim: ScalarLike): DistNode;
export function normal(mean: ScalarLike, variance: ScalarLike, dim?: ScalarLike): DistNode {
  const args = [lift(mean), lift(variance)];
  if (dim !== undefined) args.push(lift(dim));
  return dist('N', args);
}
/** U(a, b): uniform on the open interval (a, b). */
export const uniform = (a: ScalarLike, b: ScalarLike): DistNode => dist('U', [lift(a), lift(b)]);
/** LogitNormal(m, s): sigmoid(u) with u ~ N(m, s²); s is a STANDARD DEVIATION. */
export const logitNormal = (m: ScalarLike, s: ScalarLike): DistNode => dist('LogitNormal', [lift(m), lift(s)]);

/** True when the distribution draws vectors (N with a dimension: the family's dimension argument is present). */
export const isVectorDist = (d: DistNode): boolean => kindOfDraw(d.family, d.args.length) === 'vector';

/** A binding `name ~ dist` for an expectation. */
export const draw = (name: string, d: DistNode): Binding => {
  checkName(name);
  return { name, dist: d };
};

/**
 * E[body] over the given random variables. The body sees each bound name as
 * a symbol of the binding's kind (use `sym`/`vec` with the same name).
 */
export function E(body: ScalarLike, over: readonly Binding[]): Scalar;
export function E(body: Vector, over: readonly Binding[]): Vector;
export function E(body: NumericLike, over: readonly Binding[]): Node {
  const b = lift(body);
  return expectNode(b, over);
}

export const KL = (p: DistNode, q: DistNode): Scalar => call('KL', [p, q]) as Scalar;
export const logpdf = (p: DistNode, x: NumericLike): Scalar => call('logpdf', [p, lift(x)]) as Scalar;

function relation(rel: Rel, a: NumericLike, b: NumericLike): RelNode {
  const x = lift(a);
  const y = lift(b);
  return relNode(rel, x, y);
}
export const eq = (a: NumericLike, b: NumericLike): RelNode => relation('=', a, b);
export const le = (a: ScalarLike, b: ScalarLike): RelNode => relation('<=', a, b);
export const ge = (a: ScalarLike, b: ScalarLike): RelNode => relation('>=', a, b);

