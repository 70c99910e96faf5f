// "The same AST modulo the normal form" for the LaTeX round-trip law: a tree
// with associative sums and products flattened, negation as a factor −1,
// numeric factors of a product multiplied into one leading coefficient, the
// numbers of a sum added into one trailing constant, and
// arithmetic on numbers alone folded exactly (1\times 10^{-4} is the number
// 1e-4, \frac{3}{4} the number 3/4). Nothing is reordered and no symbol
// expression is rewritten: what differs here differs in meaning or in shape.
import type { Node } from '../../src/expr/ast.js';
import * as Q from '../../src/expr/rational.js';

const numOf = (n: Node): Q.Rational | undefined => (n.op === 'num' ? { n: n.n, d: n.d } : undefined);
const mk = (r: Q.Rational): Node => ({ op: 'num', kind: 'scalar', n: r.n, d: r.d });
const ONE = Q.rational(1n);

export function canon(node: Node): Node {
  switch (node.op) {
    case 'num':
    case 'const':
    case 'sym':
      return node;
    case 'neg':
      return canon({ op: 'mul', kind: node.kind, args: [mk(Q.rational(-1n)), node.args[0]] });
    case 'mul': {
      let c = ONE;
      const rest: Node[] = [];
      const visit = (x: Node) => {
        const k = canon(x);
        const r = numOf(k);
        if (r) c = Q.mul(c, r);
        else if (k.op === 'mul') k.args.forEach((a) => (numOf(a) ? (c = Q.mul(c, numOf(a)!)) : rest.push(a)));
        else rest.push(k);
      };
      node.args.forEach(visit);
      if (rest.length === 0) return mk(c);
      if (c.n === 1n && c.d === 1n) return rest.length === 1 ? rest[0] : { ...node, args: rest };
      return { ...node, args: [mk(c), ...rest] };
    }
    case 'add': {
      const terms: Node[] = [];
      for (const a of node.args) {
        const k = canon(a);
        if (k.op === 'add') terms.push(...k.args);
        else terms.push(k);
      }
      // numbers are summed into one trailing constant (dropped when 0); the other terms keep their order
      const c = terms.filter((t) => numOf(t)).reduce((s, t) => Q.add(s, numOf(t)!), Q.rational(0n));
      const rest = terms.filter((t) => !numOf(t));
      if (rest.length === 0) return mk(c);
      const args = c.n === 0n ? rest : [...rest, mk(c)];
      return args.length === 1 ? args[0] : { ...node, args };
    }
    case 'div': {
      const [a, b] = node.args.map(canon);
      const [ra, rb] = [numOf(a), numOf(b)];
      if (ra && rb && rb.n !== 0n) return mk(Q.div(ra, rb));
      return { ...node, args: [a, b] };
    }
    case 'pow': {
      const [a, b] = node.args.map(canon);
      const [ra, rb] = [numOf(a), numOf(b)];
      if (ra && rb && Q.isInteger(rb) && !(ra.n === 0n && rb.n < 0n) && (rb.n < 0n ? -rb.n : rb.n) <= 64n) return mk(Q.powInt(ra, rb.n));
      return { ...node, args: [a, b] };
    }
    case 'call':
    case 'dist':
    case 'rel':
      return { ...node, args: node.args.map(canon) } as Node;
    case 'E':
      return { ...node, args: [canon(node.args[0])], over: node.over.map((b) => ({ name: b.name, dist: canon(b.dist) as typeof b.dist })) };
  }
}
