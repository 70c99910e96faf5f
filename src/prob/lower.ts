// Lowering of the inert distribution heads to expressions the rest of the
// checker can evaluate:
//
//   logpdf(p, x)  ↦  its closed form (logpdf.ts)
//   KL(p ‖ q)     ↦  E_{y~p}[log p(y) − log q(y)]          (the DEFINITION)
//
// KL is deliberately NOT replaced by the Gaussian closed form: that formula is
// something a derivation states and the checker proves (by taking the
// expectation of the definition), never an assumption slipped in here.
import type { Binding, DistNode, Node } from '../expr/ast.js';
import { children } from '../expr/ast.js';
import { logpdfOf } from './logpdf.js';
import { minus } from '../expr/fold.js';
import { allNames, freshName } from '../expr/names.js';
import { expectNode, rebuild, symNode } from '../expr/node.js';
import { kindOfDraw } from '../expr/kinds.js';



/** The random variable a distribution draws, as a symbol of its kind. */
const pointOf = (name: string, d: DistNode): Node => symNode(name, kindOfDraw(d.family, d.args.length));

/**
 * Replaces every logpdf(p, x) by its closed form and every KL(p, q) by
 * E_{y~p}[logpdf(p, y) − logpdf(q, y)] with a fresh bound name y (y_kl,
 * y_kl2, … not used anywhere in the tree). Everything else is kept.
 */
export function lowerHeads(node: Node): Node {
  const used = allNames(node, new Set());
  const go = (n: Node): Node => {
    switch (n.op) {
      case 'num':
      case 'const':
      case 'sym':
        return n;
      case 'E': {
        const over: Binding[] = n.over.map((b) => ({ name: b.name, dist: go(b.dist) as DistNode }));
        return expectNode(go(n.args[0]), over);
      }
      case 'call': {
        if (n.fn === 'logpdf') return logpdfOf(go(n.args[0]) as DistNode, go(n.args[1]));
        if (n.fn === 'KL') {
          const p = go(n.args[0]) as DistNode;
          const q = go(n.args[1]) as DistNode;
          const y = pointOf(freshName('y_kl', used), p);
          const body = minus(logpdfOf(p, y), logpdfOf(q, y));
          return expectNode(body, [{ name: (y as { name: string }).name, dist: p }]);
        }
        return rebuild(n, n.args.map(go));
      }
      default:
        return rebuild(n, n.args.map(go));
    }
  };
  return go(node);
}

/** True when the tree contains a KL or logpdf head. */
export function hasHeads(node: Node): boolean {
  if (node.op === 'call' && (node.fn === 'KL' || node.fn === 'logpdf')) return true;
  return children(node).some(hasHeads);
}
