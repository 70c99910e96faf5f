// The one node constructor: every node of the AST is made here, and each
// constructor asks kinds.ts for the node's kind, so no tree anywhere can carry
// a kind the rules do not give it. The typed builders (build.ts), the folding
// builders (fold.ts), the parser and every module outside src/expr build
// through these; tests/expr/one-constructor.test.ts fails on an `{ op: … }`
// object literal anywhere else in src/.
import type {
  AddNode, Binding, CallNode, ConstNode, DistNode, DivNode, ExpectNode, FnName, MulNode, NegNode, Node, NumNode, PowNode, Rel, RelNode, SymNode,
} from './ast.js';
import {
  kindOfCall, kindOfDist, kindOfExpectation, kindOfNeg, kindOfPower, kindOfProduct, kindOfRelation, kindOfSum,
} from './kinds.js';

/** n/d, already in lowest terms with d > 0 (rational.ts normalizes). */
export const numNode = (n: bigint, d: bigint = 1n): NumNode => ({ op: 'num', kind: 'scalar', n, d });
export const constNode = (name: 'pi' | 'e'): ConstNode => ({ op: 'const', kind: 'scalar', name });
export const symNode = <K extends 'scalar' | 'vector'>(name: string, kind: K): SymNode<K> => ({ op: 'sym', kind, name });
export const addNode = (args: readonly Node[]): AddNode => ({ op: 'add', kind: kindOfSum(args.map((a) => a.kind)), args });
export const mulNode = (args: readonly Node[]): MulNode => ({ op: 'mul', kind: kindOfProduct(args.map((a) => a.kind)), args });
export const negNode = (x: Node): NegNode => ({ op: 'neg', kind: kindOfNeg(x.kind), args: [x] });
export const divNode = (a: Node, b: Node): DivNode => ({ op: 'div', kind: kindOfProduct([a.kind, b.kind]), args: [a, b] });
export const powNode = (a: Node, b: Node): PowNode => ({ op: 'pow', kind: kindOfPower(a.kind, b.kind), args: [a, b] });
export const callNode = (fn: FnName, args: readonly Node[]): CallNode => ({ op: 'call', kind: kindOfCall(fn, args.map((a) => a.kind)), fn, args });
export const distNode = (family: string, args: readonly Node[]): DistNode => ({ op: 'dist', kind: kindOfDist(family, args.map((a) => a.kind)), family, args });
export const expectNode = (body: Node, over: readonly Binding[]): ExpectNode => ({ op: 'E', kind: kindOfExpectation(body.kind), args: [body], over });
export const relNode = (rel: Rel, a: Node, b: Node): RelNode => ({ op: 'rel', kind: kindOfRelation(rel, a.kind, b.kind), rel, args: [a, b] });

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
