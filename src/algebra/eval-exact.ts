// Exact rational evaluation. Returns undefined where the value is not a
// rational computable here (sqrt(2), exp(1), pi) or not defined (x/0,
// sqrt(−1), log 0). Special values are exact: sqrt(9/4) = 3/2, exp(0) = 1,
// log(1) = 0, sin(0) = 0, cos(0) = 1, sigmoid(0) = 1/2, logit(1/2) = 0.
import type { Node } from '../expr/ast.js';
import * as Q from '../expr/rational.js';
import type { Rational } from '../expr/rational.js';
import { fnOf } from '../expr/functions/index.js';
import { exactRoot } from './primes.js';

/** Results with more bits than this are abandoned (undefined) rather than computed. */
const MAX_BITS = 200_000;
const ZERO: Rational = { n: 0n, d: 1n };
const ONE: Rational = { n: 1n, d: 1n };

const tooBig = (r: Rational): boolean => r.d.toString(16).length * 4 > MAX_BITS || (r.n < 0n ? -r.n : r.n).toString(16).length * 4 > MAX_BITS;
const eq = (a: Rational, b: Rational) => a.n === b.n && a.d === b.d;

export function evalExact(node: Node, env: Readonly<Record<string, Rational>>): Rational | undefined {
  try {
    const r = exact(node, env);
    return r && !tooBig(r) ? r : undefined;
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
}

function exact(node: Node, env: Readonly<Record<string, Rational>>): Rational | undefined {
  switch (node.op) {
    case 'num':
      return node;
    case 'sym':
      return env[node.name];
    case 'add': {
      let s = ZERO;
      for (const a of node.args) {
        const x = exact(a, env);
        if (!x) return undefined;
        s = Q.add(s, x);
      }
      return s;
    }
    case 'mul': {
      let p = ONE;
      for (const a of node.args) {
        const x = exact(a, env);
        if (!x) return undefined;
        p = Q.mul(p, x);
      }
      return p;
    }
    case 'neg': {
      const x = exact(node.args[0], env);
      return x && Q.neg(x);
    }
    case 'div': {
      const a = exact(node.args[0], env);
      const b = exact(node.args[1], env);
      return a && b && b.n !== 0n ? Q.div(a, b) : undefined;
    }
    case 'pow': {
      const [b, e] = node.args;
      const y = exact(e, env);
      if (!y) return undefined;
      if (b.op === 'const' && b.name === 'e') return y.n === 0n ? ONE : undefined;
      const x = exact(b, env);
      return x && powExact(x, y);
    }
    case 'call': {
      const xs: Rational[] = [];
      for (const a of node.args) {
        const x = exact(a, env);
        if (!x) return undefined;
        xs.push(x);
      }
      return callExact(node.fn, xs);
    }
    default:
      return undefined;
  }
}

/** x^y: integer y, or y = p/q when x ≥ 0 is a perfect q-th power. */
function powExact(x: Rational, y: Rational): Rational | undefined {
  if (y.d === 1n) {
    if (y.n > 100_000n || y.n < -100_000n) return undefined;
    if (x.n === 0n && y.n < 0n) return undefined;
    // Bits of the result ≈ |y| · bits of x: give up before computing a monster.
    const bits = Math.max(x.n.toString(16).length, x.d.toString(16).length) * 4 * Math.abs(Number(y.n));
    if (bits > MAX_BITS) return undefined;
    return Q.powInt(x, y.n);
  }
  if (x.n < 0n) return undefined;
  const q = Number(y.d);
  if (q > 64) return undefined;
  const n = exactRoot(x.n, q);
  const d = exactRoot(x.d, q);
  if (n === undefined || d === undefined) return undefined;
  return powExact({ n, d }, { n: y.n, d: 1n });
}

const EXACT_KIT = { pow: powExact };

function callExact(fn: string, xs: Rational[]): Rational | undefined {
  return fnOf(fn)?.exact(xs, EXACT_KIT);
}
