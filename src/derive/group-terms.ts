// lhs − rhs in normal form, grouped by symbol for reading: the expanded sum
//   2·a·s·eps + a²·x0 − x0·s² − eps
// says what is wrong only after some algebra; grouped by the factors that several terms share,
//   (2·a·s − 1)·eps + (a² − s²)·x0
// it says it at once (the coefficient of eps should be zero: 2as = 1). Greedy, one level: the
// factor shared by the most terms (at least two) is pulled out, then the same for the rest.
// Only the presentation changes: the grouped sum is the same polynomial (a test checks that).
import type { Node } from '../expr/ast.js';
import { addNode, mulNode, negNode, numNode, rebuild } from '../expr/node.js';
import { toText } from '../expr/print-mathjs.js';

interface Term {
  readonly sign: 1 | -1;
  readonly factors: readonly Node[];
}

const num1: Node = numNode(1n);

function termOf(t: Node): Term {
  if (t.op === 'neg') {
    const inner = termOf(t.args[0]);
    return { sign: inner.sign === 1 ? -1 : 1, factors: inner.factors };
  }
  if (t.op === 'mul') return { sign: 1, factors: t.args.flatMap((a) => (a.op === 'mul' ? termOf(a).factors : [a])) };
  if (t.op === 'num' && t.n < 0n) return { sign: -1, factors: [numNode(-t.n, t.d)] };
  return { sign: 1, factors: [t] };
}

function nodeOf(t: Term): Node {
  const body: Node = t.factors.length === 0 ? num1 : t.factors.length === 1 ? t.factors[0] : mulNode(t.factors);
  return t.sign === 1 ? body : negNode(body);
}

const sumOf = (terms: readonly Node[]): Node => (terms.length === 1 ? terms[0] : addNode(terms));

/** The sum grouped by shared factors (a fraction or a product: its sums), or the node itself when nothing is shared. */
export function groupBySymbol(node: Node): Node {
  if (node.op === 'div') {
    const top = groupBySymbol(node.args[0]);
    return top === node.args[0] ? node : rebuild(node, [top, node.args[1]]);
  }
  if (node.op === 'mul') {
    // A fraction in the core's form, (den)^(-1) · (sum): the sum is grouped.
    const args = node.args.map((a) => (a.op === 'add' ? groupBySymbol(a) : a));
    return args.every((a, i) => a === node.args[i]) ? node : rebuild(node, args);
  }
  if (node.op !== 'add') return node;
  let terms = node.args.map(termOf);
  const out: Node[] = [];
  let grouped = false;
  for (;;) {
    // How many terms hold each non-numeric factor (a factor counted once per term).
    const count = new Map<string, { factor: Node; n: number }>();
    for (const t of terms) {
      const seen = new Set<string>();
      for (const f of t.factors) {
        if (f.op === 'num') continue;
        const k = toText(f);
        if (seen.has(k)) continue;
        seen.add(k);
        const c = count.get(k);
        if (c) c.n++;
        else count.set(k, { factor: f, n: 1 });
      }
    }
    let best: { key: string; factor: Node; n: number } | undefined;
    for (const [key, c] of count) if (c.n >= 2 && (!best || c.n > best.n)) best = { key, ...c };
    if (!best) break;
    grouped = true;
    const inner: Node[] = [];
    const rest: Term[] = [];
    for (const t of terms) {
      const i = t.factors.findIndex((f) => toText(f) === best.key);
      if (i < 0) rest.push(t);
      else inner.push(nodeOf({ sign: t.sign, factors: t.factors.filter((_, j) => j !== i) }));
    }
    out.push(mulNode([sumOf(inner), best.factor]));
    terms = rest;
  }
  if (!grouped) return node;
  return sumOf([...out, ...terms.map(nodeOf)]);
}
