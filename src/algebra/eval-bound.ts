// Double evaluation with a running forward error bound: |value − exact| ≤ bound,
// where exact is the value of the expression at the given (exact) doubles.
// First-order propagation through each operation plus the rounding of the
// operation itself (u = 2^-53 for + − × ÷ and sqrt, a few u for library
// functions, which are faithful but not correctly rounded). Second-order
// terms are kept where they are cheap; callers still demand a margin (8×).
import type { Node } from '../expr/ast.js';
import { toNumber } from '../expr/rational.js';
import { fnOf } from '../expr/functions/index.js';

const U = 2 ** -53;
/** Library functions (exp, log, pow, sin, …): within 2 ulps. */
const LIB = 4 * U;
/**
 * Underflow: below 2^-1022 the relative model fails, a product may lose all
 * its digits (1e-200 · 1e-200 = 0); the absolute error is then a few 2^-1074.
 */
const ETA = 4 * Number.MIN_VALUE;

export interface Bounded {
  readonly value: number;
  readonly bound: number;
}

const exactNum = (n: bigint, d: bigint): boolean => d === 1n && n < 2n ** 53n && n > -(2n ** 53n);

export function evalWithBound(node: Node, env: Readonly<Record<string, number>>): Bounded {
  switch (node.op) {
    case 'num': {
      const value = toNumber(node);
      return { value, bound: exactNum(node.n, node.d) ? 0 : 2 * U * Math.abs(value) + ETA };
    }
    case 'const': {
      const value = node.name === 'pi' ? Math.PI : Math.E;
      return { value, bound: U * value };
    }
    case 'sym': {
      const value = env[node.name];
      if (value === undefined) throw new Error(`evalWithBound: no value for ${node.name}`);
      return { value, bound: 0 };
    }
    case 'add': {
      let value = 0;
      let bound = 0;
      node.args.forEach((a, i) => {
        const x = evalWithBound(a, env);
        value += x.value;
        bound += x.bound + (i > 0 ? U * Math.abs(value) : 0);
      });
      return { value, bound };
    }
    case 'neg': {
      const x = evalWithBound(node.args[0], env);
      return { value: -x.value, bound: x.bound };
    }
    case 'mul': {
      let acc: Bounded = { value: 1, bound: 0 };
      for (const a of node.args) {
        const x = evalWithBound(a, env);
        const value = acc.value * x.value;
        acc = { value, bound: Math.abs(acc.value) * x.bound + Math.abs(x.value) * acc.bound + acc.bound * x.bound + U * Math.abs(value) + ETA };
      }
      return acc;
    }
    case 'div': {
      const a = evalWithBound(node.args[0], env);
      const b = evalWithBound(node.args[1], env);
      const value = a.value / b.value;
      const room = Math.abs(b.value) - b.bound;
      return { value, bound: room > 0 ? (a.bound + Math.abs(value) * b.bound) / room + U * Math.abs(value) + ETA : Infinity };
    }
    case 'pow':
      return powBound(node.args[0], node.args[1], env);
    case 'call': {
      const xs = node.args.map((a) => evalWithBound(a, env));
      return callBound(node.fn, xs);
    }
    default:
      throw new Error(`evalWithBound: cannot evaluate a ${node.op === 'E' ? 'expectation' : node.op} node`);
  }
}

/** |(x ± b)^k − x^k| for an integer k, relative form when x ≠ 0. */
function intPowBound(x: Bounded, k: number, value: number): number {
  if (x.bound === 0) return 0;
  const ax = Math.abs(x.value);
  if (ax === 0) return k > 0 ? x.bound ** k : Infinity;
  const r = x.bound / ax;
  if (k > 0) return Math.abs(value) * Math.expm1(k * Math.log1p(r));
  if (r >= 1) return Infinity;
  return Math.abs(value) * Math.expm1(-k * -Math.log1p(-r));
}

function powBound(base: Node, exponent: Node, env: Readonly<Record<string, number>>): Bounded {
  const y = evalWithBound(exponent, env);
  if (base.op === 'const' && base.name === 'e') return callBound('exp', [y]);
  const x = evalWithBound(base, env);
  const value = Math.pow(x.value, y.value);
  if (y.bound === 0 && Number.isInteger(y.value)) {
    return { value, bound: intPowBound(x, y.value, value) + LIB * Math.abs(value) + ETA };
  }
  if (x.value === 0) return { value, bound: y.value > 0 && y.bound < y.value ? x.bound ** (y.value - y.bound) + LIB : Infinity };
  if (!(x.value > x.bound)) return { value, bound: Infinity };
  // x^y = exp(y log x): δ(log x) ≤ −log(1 − b/x), δ(y log x) ≤ |y| δlog + |log x| δy + δlog δy.
  const dlog = -Math.log1p(-x.bound / x.value);
  const dz = Math.abs(y.value) * dlog + Math.abs(Math.log(x.value)) * y.bound + dlog * y.bound;
  return { value, bound: Math.abs(value) * Math.expm1(dz) + LIB * Math.abs(value) + ETA };
}

function callBound(fn: string, xs: Bounded[]): Bounded {
  const f = fnOf(fn);
  if (!f) throw new Error(`evalWithBound: cannot evaluate ${fn}`);
  const value = f.float(xs.map((x) => x.value));
  return { value, bound: f.bound(value, xs) };
}
