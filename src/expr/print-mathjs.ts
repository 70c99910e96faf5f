// Printer to mathjs syntax: the form that round-trips through `parse` and that
// another CAS (mathjs, SymPy with `^` read as `**`) can re-check. `E[...]`
// is the one extension; distributions print as calls. Parentheses appear only
// where precedence needs them.
import type { Node } from './ast.js';
import { mulNode, numNode } from './node.js';
import { fnOf } from './functions/index.js';

// Binding strength: sum < product < unary minus < power < atom.
const PREC = { add: 1, mul: 2, div: 2, neg: 3, pow: 4, atom: 5 } as const;

function precOf(node: Node): number {
  switch (node.op) {
    case 'add':
      return PREC.add;
    case 'mul':
    case 'div':
      return PREC.mul;
    case 'neg': {
      const x = node.args[0];
      if (x.op === 'num') return precOf(numNode(-x.n, x.d));
      return x.op === 'neg' ? precOf(x.args[0]) : PREC.neg;
    }
    case 'pow':
      return PREC.pow;
    case 'num':
      if (node.n < 0n) return PREC.neg;
      return node.d === 1n || isTerminatingDecimal(node.d) ? PREC.atom : PREC.mul;
    default:
      return PREC.atom;
  }
}

/** d = 2^a 5^b: the rational prints exactly as a short decimal. */
function isTerminatingDecimal(d: bigint): boolean {
  while (d % 2n === 0n) d /= 2n;
  while (d % 5n === 0n) d /= 5n;
  return d === 1n;
}

/** n/d as an exact decimal string when d = 2^a 5^b, else "n / d". */
export function formatRational(n: bigint, d: bigint): string {
  if (d === 1n) return `${n}`;
  // Printed the way a division prints, so that printing is idempotent through parse.
  if (!isTerminatingDecimal(d)) return `${n} / ${d}`;
  let digits = 0;
  let scale = 1n;
  while ((scale * 1n) % d !== 0n) {
    scale *= 10n;
    digits++;
  }
  const sign = n < 0n ? '-' : '';
  const a = (n < 0n ? -n : n) * (scale / d);
  const s = a.toString().padStart(digits + 1, '0');
  const out = `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}`;
  // Very small or large values read better in exponent form: 1e-4, not 0.0001.
  const m = /^0\.(0{3,})(\d+)$/.exec(out);
  if (m && m[2].length <= 3) return `${sign}${m[2][0]}${m[2].length > 1 ? '.' + m[2].slice(1) : ''}e-${m[1].length + 1}`;
  return sign + out;
}

/**
 * For a product with a negative leading number, the product it negates:
 * (-1) * x gives x and (-2) * x gives 2 * x, so that a sum prints `a - 2 * x`
 * rather than `a + -2 * x`.
 */
export function negatedProduct(node: Node): Node | undefined {
  if (node.op !== 'mul' || node.args.length < 2) return undefined;
  const [head, ...rest] = node.args;
  // -2 parses as the number −2, so neg(2) leading a product counts as one too.
  const first = head.op === 'neg' && head.args[0].op === 'num' ? numNode(-head.args[0].n, head.args[0].d) : head;
  if (first.op !== 'num' || first.n >= 0n) return undefined;
  if (first.n === -1n && first.d === 1n) return rest.length === 1 ? rest[0] : mulNode(rest);
  return mulNode([numNode(-first.n, first.d), ...rest]);
}

/** The terms of a sum, nested sums spliced in. */
export function flattenSum(node: Node): Node[] {
  return node.op === 'add' ? node.args.flatMap(flattenSum) : [node];
}

function wrap(node: Node, min: number, text = false): string {
  const s = print(node, text);
  return precOf(node) < min ? `(${s})` : s;
}

export function toMathjs(node: Node): string {
  return print(node, false);
}

/**
 * The one printer behind both forms. `text` differs only in showing what an
 * expectation is over, E_{y ~ N(0, 1)}[…], which a terminal reader needs and
 * mathjs syntax (E[…], bindings declared apart) has no room for.
 */
function print(node: Node, text: boolean): string {
  const w = (n: Node, min: number) => wrap(n, min, text);
  const p = (n: Node) => print(n, text);
  switch (node.op) {
    case 'num':
      return formatRational(node.n, node.d);
    case 'const':
    case 'sym':
      return node.name;
    case 'add':
      // a + (b + c) prints as a + b + c: the parser reads it back flat.
      return flattenSum(node)
        .map((a, i) => {
          if (i === 0) return w(a, PREC.add);
          if (a.op === 'neg') return `- ${w(a.args[0], PREC.mul)}`;
          if (a.op === 'num' && a.n < 0n) return `- ${formatRational(-a.n, a.d)}`;
          const negated = negatedProduct(a);
          if (negated) return `- ${w(negated, PREC.mul)}`;
          return `+ ${w(a, PREC.add)}`;
        })
        .join(' ');
    case 'mul':
      return node.args.map((a, i) => w(a, i === 0 ? PREC.mul : PREC.neg + 1)).join(' * ');
    case 'div':
      return `${w(node.args[0], PREC.mul)} / ${w(node.args[1], PREC.neg + 1)}`;
    case 'neg': {
      // The parser reads `-2` as the number −2; print a negated number the same way.
      const x = node.args[0];
      if (x.op === 'num') return formatRational(-x.n, x.d);
      if (x.op === 'neg') return p(x.args[0]); // −(−y) = y
      const inner = w(x, PREC.neg);
      return inner.startsWith('-') ? `-(${inner})` : `-${inner}`;
    }
    case 'pow':
      // The base of ^ binds tighter than unary minus: (-a)^2 needs its parentheses.
      return `${w(node.args[0], PREC.atom)}^${w(node.args[1], PREC.pow)}`;
    case 'call': {
      const f = fnOf(node.fn);
      const args = node.args.map(p);
      return f ? f.mathjs(args) : `${node.fn}(${args.join(', ')})`;
    }
    case 'dist':
      return `${node.family}(${node.args.map(p).join(', ')})`;
    case 'E':
      if (!text) return `E[${p(node.args[0])}]`;
      return `E_{${node.over.map((b) => `${b.name} ~ ${p(b.dist)}`).join(', ')}}[${p(node.args[0])}]`;
    case 'rel':
      if (text) return `${p(node.args[0])} ${node.rel === '=' ? '=' : node.rel === '<=' ? '≤' : '≥'} ${p(node.args[1])}`;
      return `${p(node.args[0])} ${node.rel === '=' ? '==' : node.rel} ${p(node.args[1])}`;
  }
}

/** The plain-text form for terminals: mathjs syntax with `=`, `≤`, `≥`, and E over its bindings. */
export function toText(node: Node): string {
  return print(node, true);
}

/**
 * Is the node, printed as a tree, at most `limit` nodes? Shared subtrees count
 * once per use, as the printer visits them; the count stops at the limit, so
 * the answer costs O(limit) even for a DAG whose tree is exponential.
 */
export function treeSizeAtMost(node: Node, limit: number): boolean {
  let left = limit;
  const visit = (n: Node): boolean => {
    if (--left < 0) return false;
    if (n.op === 'E') for (const b of n.over) if (!visit(b.dist)) return false;
    return !('args' in n) || n.args.every(visit);
  };
  return visit(node);
}

/**
 * toText for evidence and notes that a person reads: a node whose printed tree
 * would exceed `limit` nodes (nested sigmoids expand to a DAG whose tree is
 * exponential in the depth) prints as a short placeholder instead of taking
 * exponential time and memory.
 */
export function toTextBounded(node: Node, limit = 2000): string {
  return treeSizeAtMost(node, limit) ? toText(node) : `⟨an expression of more than ${limit} nodes⟩`;
}
