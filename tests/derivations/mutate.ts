// Coefficient mutation: the k-th numeric coefficient of an expression (not an
// exponent) changed by +1. A checker that still proves the mutated step is
// not looking at the coefficients.
import type { Node, NumNode } from '../../src/expr/ast.js';

/** The numeric coefficients of an expression, in order, skipping exponents. */
export function coefficients(node: Node): NumNode[] {
  const out: NumNode[] = [];
  const walk = (n: Node, inExponent: boolean) => {
    if (n.op === 'num') {
      if (!inExponent) out.push(n);
      return;
    }
    if (n.op === 'E') {
      walk(n.args[0], inExponent);
      return;
    }
    if (n.op === 'dist' || n.op === 'const' || n.op === 'sym') return;
    n.args.forEach((c, i) => walk(c, inExponent || (n.op === 'pow' && i === 1)));
  };
  walk(node, false);
  return out;
}

/** The expression with its k-th coefficient c replaced by c + 1 (c + 2 where c + 1 = 0). */
export function mutateCoefficient(node: Node, k: number): Node {
  const target = coefficients(node)[k];
  if (!target) throw new Error(`no coefficient #${k}`);
  const bump = target.n + target.d === 0n ? 2n : 1n;
  const replacement: NumNode = { ...target, n: target.n + bump * target.d };
  const walk = (n: Node): Node => {
    if (n === target) return replacement;
    if (n.op === 'num' || n.op === 'const' || n.op === 'sym' || n.op === 'dist') return n;
    if (n.op === 'E') return { ...n, args: [walk(n.args[0])] };
    return { ...n, args: n.args.map(walk) } as Node;
  };
  return walk(node);
}
