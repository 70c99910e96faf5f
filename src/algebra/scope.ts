// What the algebra decides: scalar expressions in the elementary functions.
// Expectations, distribution heads (KL, logpdf) and vectors belong to other
// deciders (src/expect, src/derive, src/mc); here they make the answer `unknown`.
import type { Node } from '../expr/ast.js';

/** Why the algebra cannot decide an expression, or undefined when it can. */
export function outOfScope(node: Node): string | undefined {
  if (node.kind === 'vector') return 'contains a vector';
  switch (node.op) {
    case 'E':
      return 'contains an expectation';
    case 'dist':
      return 'contains a distribution';
    case 'rel':
      return 'contains a relation';
    case 'call':
      if (node.fn === 'KL' || node.fn === 'logpdf') return `contains ${node.fn} (a distribution head)`;
      if (node.fn === 'dot' || node.fn === 'norm2' || node.fn === 'sum') return `contains ${node.fn} (a vector reduction)`;
      break;
  }
  if ('args' in node) {
    for (const a of node.args) {
      const why = outOfScope(a);
      if (why) return why;
    }
  }
  return undefined;
}
