// Symbolic derivatives by the rules of calculus, on our own trees (no mathjs:
// importing derivcheck then costs a few hundred milliseconds, not seconds).
// The result is an ordinary Node, folded; any step that uses it is decided by
// our own algebra like any other, so the form of the derivative (unsimplified
// products, (a)^(2 - 1)) never decides anything.
import type { Node, Scalar } from './ast.js';
import { children, freeSymbols } from './ast.js';
import * as B from './build.js';
import { add, div, log, mul, neg, num, pow, sub } from './build.js';
import { fnOf } from './functions/index.js';
import { fold } from './fold.js';

// Heads whose derivative is not a function of their arguments' derivatives
// here (E, KL, logpdf, vectors): write them out before differentiating.
// Table functions whose `derivative` facet is null (min, max) are among them.
const notDifferentiableHere = (fn: string): boolean => fnOf(fn)?.derivative == null;

function check(node: Node): void {
  if (node.op === 'E' || node.op === 'dist') throw new Error('derivative: expectations and distributions must be written out first');
  if (node.op === 'call' && notDifferentiableHere(node.fn)) {
    throw new Error(`derivative: write ${node.fn}(...) out first (in exp/log, or as a case split for min/max)`);
  }
  children(node).forEach(check);
}

const ZERO = num(0);

/** d node / d v, unsimplified; subtrees without v contribute 0 without being walked. */
function d(node: Node, v: string): Scalar {
  if (!freeSymbols(node).has(v)) return ZERO;
  const s = node as Scalar;
  switch (node.op) {
    case 'sym':
      return num(node.name === v ? 1 : 0);
    case 'add':
      return add(...node.args.map((a) => d(a, v)));
    case 'neg':
      return neg(d(node.args[0], v));
    case 'mul': {
      // The product rule over n factors: Σ_i (Π_{j≠i} a_j) · a_i'.
      const terms = node.args.map((a, i) => (freeSymbols(a).has(v) ? mul(...(node.args.filter((_, j) => j !== i) as Scalar[]), d(a, v)) : ZERO));
      return add(...terms);
    }
    case 'div': {
      const [a, b] = node.args as [Scalar, Scalar];
      return div(sub(mul(d(a, v), b), mul(a, d(b, v))), pow(b, 2));
    }
    case 'pow': {
      const [a, b] = node.args as [Scalar, Scalar];
      if (!freeSymbols(b).has(v)) return mul(b, pow(a, sub(b, 1)), d(a, v));
      if (!freeSymbols(a).has(v)) return mul(s, log(a), d(b, v));
      // a^b = exp(b log a): (a^b)' = a^b (b' log a + b a' / a).
      return mul(s, add(mul(d(b, v), log(a)), div(mul(b, d(a, v)), a)));
    }
    case 'call': {
      const rule = fnOf(node.fn)?.derivative;
      if (!rule) throw new Error(`derivative: no rule for ${node.fn}`);
      const a = node.args[0] as Scalar;
      return rule(a, d(a, v), s, B);
    }
  }
  throw new Error(`derivative: cannot differentiate a ${node.op}`);
}

/** d node / d variable, for scalar expressions of elementary functions. */
export function derivative(node: Node, variable: string): Node {
  if (node.kind !== 'scalar') throw new Error(`derivative: needs a scalar expression, not a ${node.kind}`);
  check(node);
  return fold(d(node, variable));
}
