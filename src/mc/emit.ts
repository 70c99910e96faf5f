// Prints the lowered integrand in a target language. The structure is shared
// (JS and WGSL differ only in the `Lang` hooks), so the two backends compute
// the same function, operation for operation, up to rounding.
//
// A reduction prints as an accumulator and a loop over components; every
// scalar inside a vector expression is hoisted in front of the loop, so the
// loop body holds only what varies with the component.

import type { Ir, IrFn } from './plan.js';
import { isVec } from './plan.js';

export interface Lang {
  lit(v: number): string;
  slot(i: number): string;
  param(i: number): string;
  rv(r: number): string;
  rvk(r: number, k: string): string;
  fn(name: IrFn | 'pow', args: readonly string[]): string;
  /** x^n by a helper (see `powiSteps`). */
  powi(x: string, n: number): string;
  let(name: string, expr: string): string;
  /** A zero-initialized mutable accumulator. */
  acc(name: string): string;
  /** for k in 0..n-1 { body } */
  loop(k: string, n: number, body: readonly string[]): string[];
  addTo(acc: string, expr: string): string;
}

export interface Emitted {
  readonly lines: string[];
  readonly expr: string;
  /** Integer exponents used (helpers to emit). */
  readonly powers: ReadonlySet<number>;
}

const SIMPLE = /^[A-Za-z_][A-Za-z0-9_.[\]]*$|^\(?-?[0-9.e+-]+f?\)?$/;

/** Emits an integrand over `dims` (dimension of each random variable). */
export function emitIr(ir: Ir, lang: Lang, dims: readonly number[], prefix = 't'): Emitted {
  const lines: string[] = [];
  const powers = new Set<number>();
  let n = 0;
  const fresh = (): string => `${prefix}${n++}`;

  const hoist = (expr: string, into: string[]): string => {
    if (SIMPLE.test(expr)) return expr;
    const t = fresh();
    into.push(lang.let(t, expr));
    return t;
  };

  const combine = (ir: Exclude<Ir, { t: 'lit' | 'slot' | 'param' | 'rv' | 'rvk' | 'reduce' }>, args: string[]): string => {
    switch (ir.t) {
      case 'add':
        return `(${args.join(' + ')})`;
      case 'mul':
        return `(${args.join(' * ')})`;
      case 'neg':
        return `(-${args[0]})`;
      case 'div':
        return `(${args[0]} / ${args[1]})`;
      case 'powi':
        powers.add(Math.abs(ir.n));
        return lang.powi(args[0], ir.n);
      case 'pow':
        return lang.fn('pow', args);
      case 'fn':
        return lang.fn(ir.fn, args);
    }
  };

  const scalar = (ir: Ir): string => {
    switch (ir.t) {
      case 'lit':
        return lang.lit(ir.v);
      case 'slot':
        return lang.slot(ir.i);
      case 'param':
        return lang.param(ir.i);
      case 'rv':
        return lang.rv(ir.rv);
      case 'rvk':
        throw new Error('internal: a vector component outside a reduction');
      case 'reduce': {
        const dim = dims[ir.rvs[0]];
        const k = fresh();
        const acc = fresh();
        const body: string[] = [];
        // Components print first: they hoist their scalars into `lines`.
        const comps = ir.args.map((a) => component(a, k, body));
        let term: string;
        if (ir.op === 'sum') term = comps[0];
        else if (ir.op === 'dot') term = `${comps[0]} * ${comps[1]}`;
        else {
          const c = hoist(comps[0], body);
          term = `${c} * ${c}`;
        }
        lines.push(lang.acc(acc));
        lines.push(...lang.loop(k, dim, [...body, lang.addTo(acc, term)]));
        return acc;
      }
      default:
        return combine(ir, ir.args.map(scalar));
    }
  };

  const component = (ir: Ir, k: string, body: string[]): string => {
    if (!isVec(ir)) return hoist(scalar(ir), lines);
    switch (ir.t) {
      case 'rvk':
        return lang.rvk(ir.rv, k);
      case 'lit':
      case 'slot':
      case 'param':
      case 'rv':
      case 'reduce':
        throw new Error('internal: scalar node marked as a vector');
      default:
        return combine(ir, ir.args.map((a) => component(a, k, body)));
    }
  };

  const expr = scalar(ir);
  return { lines, expr, powers };
}

/**
 * Binary exponentiation of x to |n| ≥ 2 as a list of steps
 * `[name, a, b]` meaning name = a·b, the last step being the result. Exact
 * products of the same operands on both backends.
 */
export function powiSteps(n: number): Array<[string, string, string]> {
  const steps: Array<[string, string, string]> = [];
  let sq = 'x';
  let result: string | undefined;
  let m = n;
  let i = 0;
  while (m > 0) {
    if (m & 1) {
      if (result === undefined) result = sq;
      else {
        const r = `r${i}`;
        steps.push([r, result, sq]);
        result = r;
      }
    }
    m >>= 1;
    if (m > 0) {
      const s = `s${i}`;
      steps.push([s, sq, sq]);
      sq = s;
    }
    i++;
  }
  return steps;
}
