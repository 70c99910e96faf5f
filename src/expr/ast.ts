// The expression AST: plain, serialisable data. Every node carries its kind at
// run time (claims are parsed from text and kind-checked then); the type
// parameter of `Expr<K>` carries the same kind at compile time, so that the
// builders in `build.ts` reject `norm2(scalar)` or `dist + scalar`.
//
// Nothing here evaluates or simplifies: `E`, `KL` and `logpdf` are inert heads
// that only a named rewrite step (src/derive) or the Monte Carlo engine
// (src/mc) gives meaning to.

// The constructor (node.ts) is used inside functions only: node.ts and kinds.ts
// import this module's constants, so nothing here may call them at load time.
import { expectNode, rebuild } from './node.js';
import { walkSymbols } from './names.js';
import { FUNCTIONS } from './functions/index.js';

export type Kind = 'scalar' | 'vector' | 'dist' | 'bool';
export type Rel = '=' | '<=' | '>=';

/**
 * Elementary functions of one scalar (elementwise on vectors): the arity-1
 * entries of the function table (src/expr/functions/, one file each).
 */
export const UNARY_FUNCTIONS: readonly string[] = [...FUNCTIONS.values()].filter((f) => f.arity === 1).map((f) => f.name);
/** A name of the function table (sqrt, exp, log, sigmoid, softplus, …). */
export type UnaryFn = string;

/** Functions of two scalars (elementwise, scalars broadcast): the arity-2 entries of the table. */
export const BINARY_FUNCTIONS: readonly string[] = [...FUNCTIONS.values()].filter((f) => f.arity === 2).map((f) => f.name);
export type BinaryFn = string;

/** Reductions of a vector to a scalar. `norm2` is the SQUARED Euclidean norm. */
export const VECTOR_REDUCTIONS = ['dot', 'norm2', 'sum'] as const;
export type VectorReduction = (typeof VECTOR_REDUCTIONS)[number];

/** Inert heads over distributions. */
export const DIST_HEADS = ['KL', 'logpdf'] as const;
export type DistHead = (typeof DIST_HEADS)[number];

export type FnName = UnaryFn | BinaryFn | VectorReduction | DistHead;

/**
 * The distribution families built in (src/expr/families/): `N(mean, variance)`
 * takes the VARIANCE, not the standard deviation; `N(mean, variance, dim)` is
 * isotropic of dimension dim. `U(a, b)` is uniform on (a, b).
 * `LogitNormal(m, s)`: sigmoid(u), u ~ N(m, s²), s the standard deviation of
 * the underlying normal (the SD3 convention). A library user may register
 * more (`registerFamily`), so a node's family is any registered name.
 */
export const DIST_FAMILIES = ['N', 'U', 'LogitNormal'] as const;
export type DistFamily = string;

/** A random variable bound by an expectation: name ~ dist. */
export interface Binding {
  readonly name: string;
  readonly dist: DistNode;
}

interface Base<K extends Kind> {
  readonly kind: K;
}

export interface NumNode extends Base<'scalar'> {
  readonly op: 'num';
  /** Exact rational n/d, d > 0, gcd(n, d) = 1. Decimals parse exactly (0.1 = 1/10). */
  readonly n: bigint;
  readonly d: bigint;
}
export interface ConstNode extends Base<'scalar'> {
  readonly op: 'const';
  readonly name: 'pi' | 'e';
}
export interface SymNode<K extends 'scalar' | 'vector' = 'scalar' | 'vector'> extends Base<K> {
  readonly op: 'sym';
  readonly name: string;
}
export interface AddNode<K extends Kind = Kind> extends Base<K> {
  readonly op: 'add';
  readonly args: readonly Node[];
}
export interface MulNode<K extends Kind = Kind> extends Base<K> {
  readonly op: 'mul';
  readonly args: readonly Node[];
}
export interface NegNode<K extends Kind = Kind> extends Base<K> {
  readonly op: 'neg';
  readonly args: readonly [Node];
}
export interface DivNode<K extends Kind = Kind> extends Base<K> {
  readonly op: 'div';
  readonly args: readonly [Node, Node];
}
export interface PowNode<K extends Kind = Kind> extends Base<K> {
  readonly op: 'pow';
  readonly args: readonly [Node, Node];
}
export interface CallNode<K extends Kind = Kind> extends Base<K> {
  readonly op: 'call';
  readonly fn: FnName;
  readonly args: readonly Node[];
}
export interface DistNode extends Base<'dist'> {
  readonly op: 'dist';
  readonly family: DistFamily;
  readonly args: readonly Node[];
}
/** E[body] over the bound random variables (innermost binding last). */
export interface ExpectNode<K extends Kind = Kind> extends Base<K> {
  readonly op: 'E';
  readonly args: readonly [Node];
  readonly over: readonly Binding[];
}
export interface RelNode extends Base<'bool'> {
  readonly op: 'rel';
  readonly rel: Rel;
  readonly args: readonly [Node, Node];
}

export type Node =
  | NumNode
  | ConstNode
  | SymNode
  | AddNode
  | MulNode
  | NegNode
  | DivNode
  | PowNode
  | CallNode
  | DistNode
  | ExpectNode
  | RelNode;

export type Op = Node['op'];

/**
 * An expression of kind K. The kind is both a run-time field and a phantom
 * type: `Expr<'scalar'>` is any node whose kind is 'scalar'.
 */
export type Expr<K extends Kind = Kind> = Node & { readonly kind: K };

export type Scalar = Expr<'scalar'>;
export type Vector = Expr<'vector'>;
export type Dist = DistNode;
export type Bool = RelNode;

/** Children of a node, in order (the distributions of E's bindings come first). */
export function children(node: Node): readonly Node[] {
  switch (node.op) {
    case 'num':
    case 'const':
    case 'sym':
      return [];
    case 'E':
      return [...node.over.map((b) => b.dist), ...node.args];
    default:
      return node.args;
  }
}

/** Structural equality (exact rationals compare by value). */
export function equal(a: Node, b: Node): boolean {
  if (a === b) return true;
  if (a.op !== b.op || a.kind !== b.kind) return false;
  switch (a.op) {
    case 'num':
      return a.n === (b as NumNode).n && a.d === (b as NumNode).d;
    case 'const':
    case 'sym':
      return a.name === (b as SymNode).name;
    case 'call':
      if (a.fn !== (b as CallNode).fn) return false;
      break;
    case 'dist':
      if (a.family !== (b as DistNode).family) return false;
      break;
    case 'rel':
      if (a.rel !== (b as RelNode).rel) return false;
      break;
    case 'E': {
      const bo = (b as ExpectNode).over;
      if (a.over.length !== bo.length) return false;
      if (a.over.some((x, i) => x.name !== bo[i].name || !equal(x.dist, bo[i].dist))) return false;
      break;
    }
  }
  const ca = (a as { args: readonly Node[] }).args;
  const cb = (b as { args: readonly Node[] }).args;
  return ca.length === cb.length && ca.every((x, i) => equal(x, cb[i]));
}

/** Free symbols (names bound by an expectation inside it are not free). `seen` as in walkSymbols. */
export function freeSymbols(node: Node, out: Set<string> = new Set(), bound: ReadonlySet<string> = new Set(), seen?: Set<Node>): Set<string> {
  walkSymbols(node, (s, b) => {
    if (!b.has(s.name)) out.add(s.name);
  }, undefined, bound, seen);
  return out;
}

/** True when the expression contains an expectation (anywhere). */
export function hasExpectation(node: Node): boolean {
  return node.op === 'E' || children(node).some(hasExpectation);
}

/** Rebuilds a node with new children (same op; the kind computed anew by the one constructor, node.ts). */
export function withArgs<N extends Node>(node: N, args: readonly Node[]): N {
  if (!('args' in node)) return node;
  return rebuild(node, args) as N;
}

/** Replaces free symbols by expressions (capture-avoiding for E's bound names). */
export function substitute(node: Node, map: ReadonlyMap<string, Node>): Node {
  if (map.size === 0) return node;
  switch (node.op) {
    case 'num':
    case 'const':
      return node;
    case 'sym':
      return map.get(node.name) ?? node;
    case 'E': {
      // Each binding's distribution sees the earlier bindings as bound.
      const inner = new Map(map);
      const over = node.over.map((b) => {
        const dist = substitute(b.dist, inner) as DistNode;
        inner.delete(b.name);
        return { name: b.name, dist };
      });
      return expectNode(substitute(node.args[0], inner), over);
    }
    default:
      return withArgs(node, node.args.map((a) => substitute(a, map)));
  }
}
