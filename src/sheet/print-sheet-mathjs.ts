// The sides of a testbed formula for the JSON sheet, in mathjs syntax that
// keeps what an expectation is over: E(body, z, N(m, v), y, N(0, 1)) binds z
// then y (a later draw may depend on an earlier one), where mathjs's own
// printing (E[…]) leaves the bindings out. Everything else is toMathjs's:
// each expectation stands in the tree as a fresh symbol of its kind while the
// rest prints, and its own text replaces that symbol afterwards.
import type { Node } from '../expr/ast.js';
import { freeSymbols } from '../expr/ast.js';
import { freshName } from '../expr/names.js';
import { rebuild, symNode } from '../expr/node.js';
import { toMathjs } from '../expr/print-mathjs.js';

/** Every name in the tree (free or bound), so that no placeholder can be one of them. */
function namesIn(node: Node, into: Set<string>): Set<string> {
  for (const s of freeSymbols(node)) into.add(s);
  if (node.op === 'E') for (const b of node.over) {
    into.add(b.name);
    namesIn(b.dist, into);
  }
  if ('args' in node) for (const a of node.args) namesIn(a, into);
  return into;
}

function print(node: Node, used: Set<string>): string {
  if (node.op === 'E') {
    const parts = [print(node.args[0], used)];
    for (const b of node.over) parts.push(b.name, print(b.dist, used));
    return `E(${parts.join(', ')})`;
  }
  const texts = new Map<string, string>();
  const stand = (n: Node): Node => {
    if (n.op === 'E') {
      const name = freshName('__sheetE', used, 0);
      texts.set(name, print(n, used));
      return symNode(name, n.kind as 'scalar' | 'vector');
    }
    if (!('args' in n)) return n;
    const args = n.args.map(stand);
    return args.every((a, i) => a === n.args[i]) ? n : rebuild(n, args);
  };
  let text = toMathjs(stand(node));
  // Longest names first, so that __sheetE1 is not read inside __sheetE10. A call is an atom: no parentheses needed.
  for (const [name, t] of [...texts].sort((a, b) => b[0].length - a[0].length)) text = text.split(name).join(t);
  return text;
}

export function sheetMathjs(node: Node): string {
  return print(node, namesIn(node, new Set()));
}
