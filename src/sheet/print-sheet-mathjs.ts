// The sides of a testbed formula for the JSON sheet, in mathjs syntax that
// keeps what an expectation is over: E(body, z, N(m, v), y, N(0, 1)) binds z
// then y (a later draw may depend on an earlier one), where mathjs's own
// printing (E[…]) leaves the bindings out. Everything else is toMathjs's.
import type { Node } from '../expr/ast.js';
import { toMathjs } from '../expr/print-mathjs.js';

/** The node with every expectation rewritten as the call E(body, name, dist, …). */
function explicit(node: Node): Node {
  if (node.op === 'E') {
    const args: Node[] = [explicit(node.args[0])];
    for (const b of node.over) args.push({ op: 'sym', kind: 'scalar', name: b.name } as Node, explicit(b.dist));
    return { op: 'call', kind: node.kind, fn: 'E', args } as unknown as Node;
  }
  if ('args' in node && Array.isArray(node.args)) return { ...node, args: node.args.map(explicit) } as Node;
  return node;
}

export function sheetMathjs(node: Node): string {
  return toMathjs(explicit(node));
}
