// Symbolic derivatives, computed by mathjs (the library does derivatives
// well; deciding identities is ours). The expression goes out in mathjs
// syntax and comes back through our parser, so the result is an ordinary
// Node, and any step that uses it is still decided by our own algebra.
import { derivative as mathjsDerivative } from 'mathjs';
import type { Node } from './ast.js';
import { children } from './ast.js';
import { fold } from './fold.js';
import { parse } from './parse.js';
import { toMathjs } from './print-mathjs.js';

// Heads mathjs does not know (sigmoid, logit) or that are not functions of
// their arguments alone (E, KL, logpdf): write them out before differentiating.
const UNKNOWN_TO_MATHJS = new Set(['sigmoid', 'logit', 'KL', 'logpdf', 'dot', 'norm2', 'sum']);

function check(node: Node): void {
  if (node.op === 'E' || node.op === 'dist') throw new Error('derivative: expectations and distributions must be written out first');
  if (node.op === 'call' && UNKNOWN_TO_MATHJS.has(node.fn)) {
    throw new Error(`derivative: write ${node.fn}(...) out in exp/log first`);
  }
  children(node).forEach(check);
}

/** d node / d variable, for scalar expressions of elementary functions. */
export function derivative(node: Node, variable: string): Node {
  if (node.kind !== 'scalar') throw new Error(`derivative: needs a scalar expression, not a ${node.kind}`);
  check(node);
  const d = mathjsDerivative(toMathjs(node), variable, { simplify: false });
  return fold(parse(d.toString({ implicit: 'show' })));
}
