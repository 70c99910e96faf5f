// Double evaluation of scalar expressions. Semantics follow Math: a
// non-integer power of a negative number is NaN, log 0 = −∞, x/0 = ±∞ or NaN;
// callers treat non-finite values as "undefined here".
import type { Node } from '../expr/ast.js';
import { fnOf } from '../expr/functions/index.js';
import { toNumber } from '../expr/rational.js';

export function evalFloat(node: Node, env: Readonly<Record<string, number>>): number {
  switch (node.op) {
    case 'num':
      return toNumber(node);
    case 'const':
      return node.name === 'pi' ? Math.PI : Math.E;
    case 'sym': {
      const v = env[node.name];
      if (v === undefined) throw new Error(`evalFloat: no value for ${node.name}`);
      return v;
    }
    case 'add': {
      let s = 0;
      for (const a of node.args) s += evalFloat(a, env);
      return s;
    }
    case 'mul': {
      let p = 1;
      for (const a of node.args) p *= evalFloat(a, env);
      return p;
    }
    case 'neg':
      return -evalFloat(node.args[0], env);
    case 'div':
      return evalFloat(node.args[0], env) / evalFloat(node.args[1], env);
    case 'pow': {
      const [b, e] = node.args;
      if (b.op === 'const' && b.name === 'e') return Math.exp(evalFloat(e, env));
      return Math.pow(evalFloat(b, env), evalFloat(e, env));
    }
    case 'call':
      return callFloat(node.fn, node.args.map((a) => evalFloat(a, env)));
    default:
      throw new Error(`evalFloat: cannot evaluate a ${node.op === 'E' ? 'expectation' : node.op} node`);
  }
}

/** A named function of the table at doubles (src/expr/functions/). */
export function callFloat(fn: string, a: number[]): number {
  const f = fnOf(fn);
  if (!f) throw new Error(`evalFloat: cannot evaluate ${fn}`);
  return f.float(a);
}
