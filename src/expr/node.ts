// The one node constructor: every node of the AST is made here, and each
// constructor asks kinds.ts for the node's kind, so no tree anywhere can carry
// a kind the rules do not give it. The typed builders (build.ts), the folding
// builders (fold.ts), the parser and every module outside src/expr build
// through these; tests/expr/one-constructor.test.ts fails on an `{ op: … }`
// object literal anywhere else in src/.
//
// Function declarations, not consts: modules in an import cycle with this one
// (the family table's modules build nodes, the kind rules read the table) may
// call them while this module is still loading.
import type {
  AddNode, Binding, CallNode, ConstNode, DistNode, DivNode, ExpectNode, FnName, MulNode, NegNode, Node, NumNode, PowNode, Rel, RelNode, SymNode,
} from './ast.js';
import {
  kindOfCall, kindOfDist, kindOfExpectation, kindOfNeg, kindOfPower, kindOfProduct, kindOfRelation, kindOfSum,
} from './kinds.js';

/** n/d, already in lowest terms with d > 0 (rational.ts normalizes). */
export function numNode(n: bigint, d: bigint = 1n): NumNode {
  return { op: 'num', kind: 'scalar', n, d };
}
export function constNode(name: 'pi' | 'e'): ConstNode {
  return { op: 'const', kind: 'scalar', name };
}
export function symNode<K extends 'scalar' | 'vector'>(name: string, kind: K): SymNode<K> {
  return { op: 'sym', kind, name };
}
export function addNode(args: readonly Node[]): AddNode {
  return { op: 'add', kind: kindOfSum(args.map((a) => a.kind)), args };
}
export function mulNode(args: readonly Node[]): MulNode {
  return { op: 'mul', kind: kindOfProduct(args.map((a) => a.kind)), args };
}
export function negNode(x: Node): NegNode {
  return { op: 'neg', kind: kindOfNeg(x.kind), args: [x] };
}
export function divNode(a: Node, b: Node): DivNode {
  return { op: 'div', kind: kindOfProduct([a.kind, b.kind]), args: [a, b] };
}
export function powNode(a: Node, b: Node): PowNode {
  return { op: 'pow', kind: kindOfPower(a.kind, b.kind), args: [a, b] };
}
export function callNode(fn: FnName, args: readonly Node[]): CallNode {
  return { op: 'call', kind: kindOfCall(fn, args.map((a) => a.kind)), fn, args };
}
export function distNode(family: string, args: readonly Node[]): DistNode {
  return { op: 'dist', kind: kindOfDist(family, args.map((a) => a.kind)), family, args };
}
export function expectNode(body: Node, over: readonly Binding[]): ExpectNode {
  return { op: 'E', kind: kindOfExpectation(body.kind), args: [body], over };
}
export function relNode(rel: Rel, a: Node, b: Node): RelNode {
  return { op: 'rel', kind: kindOfRelation(rel, a.kind, b.kind), rel, args: [a, b] };
}

/** The same node with new children, its kind computed anew. */
export function rebuild(node: Node, args: readonly Node[]): Node {
  switch (node.op) {
    case 'num':
    case 'const':
    case 'sym':
      return node;
    case 'add':
      return addNode(args);
    case 'mul':
      return mulNode(args);
    case 'neg':
      return negNode(args[0]);
    case 'div':
      return divNode(args[0], args[1]);
    case 'pow':
      return powNode(args[0], args[1]);
    case 'call':
      return callNode(node.fn, args);
    case 'dist':
      return distNode(node.family, args);
    case 'E':
      return expectNode(args[0], node.over);
    case 'rel':
      return relNode(node.rel, args[0], args[1]);
  }
}
