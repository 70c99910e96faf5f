/**
 * The expressions of the calculus: linear combinations (exact rational coefficients) of
 *   log m(A | B)                          a log-density atom of model m (opaque function)
 *   E_{m(S | G)}[e]                       an expectation under a conditional of model m's joint
 *   Σ_{v=lo}^{hi} e                       a finite sum with symbolic bounds (empty when lo > hi)
 *   KL(m1(A | B) ‖ m2(A | C))             sugar for E_{m1(A|B)}[log m1(A|B) − log m2(A|C)]
 *   log E_{m(S | G)}[∏ num / ∏ den]       the non-linear term Jensen's inequality is about
 * `log` of a product or quotient of densities is written `logRatio(num, den)`, which is by
 * definition the sum of the log atoms: the only place a log of a product is ever formed.
 */
import { mul as qmul, rational, type Rational } from '../expr/rational.js';
import { parseIdx, printIdx, substIdx, type Idx } from './index-expr.js';
import { printVar, type VarRef } from './vars.js';

/** m(vars | given): a conditional density of model `model`'s joint. */
export interface Density {
  readonly model: string;
  readonly vars: readonly VarRef[];
  readonly given: readonly VarRef[];
}

export type Expr =
  | { readonly kind: 'log'; readonly d: Density }
  | { readonly kind: 'lin'; readonly terms: ReadonlyArray<readonly [Rational, Expr]> }
  | { readonly kind: 'E'; readonly measure: Density; readonly body: Expr }
  | { readonly kind: 'sum'; readonly v: string; readonly lo: Idx; readonly hi: Idx; readonly body: Expr }
  | { readonly kind: 'kl'; readonly p: Density; readonly q: Density }
  | { readonly kind: 'logE'; readonly measure: Density; readonly num: readonly Density[]; readonly den: readonly Density[] };

/** `density('q', [at('x','t')], [at('x','t-1')])` is q(x_t | x_{t−1}). */
export const density = (model: string, vars: readonly VarRef[], given: readonly VarRef[] = []): Density => ({ model, vars, given });

export const log = (d: Density): Expr => ({ kind: 'log', d });
export const E = (measure: Density, body: Expr): Expr => ({ kind: 'E', measure, body });
export const KL = (p: Density, q: Density): Expr => ({ kind: 'kl', p, q });
export const logE = (measure: Density, num: readonly Density[], den: readonly Density[]): Expr => ({ kind: 'logE', measure, num, den });
export const sum = (v: string, lo: string | number | Idx, hi: string | number | Idx, body: Expr): Expr => ({
  kind: 'sum', v, lo: parseIdx(lo), hi: parseIdx(hi), body,
});

const ONE = rational(1n);
const toQ = (c: Rational | number | bigint): Rational =>
  typeof c === 'object' ? c : typeof c === 'bigint' ? rational(c) : rational(BigInt(c));

export const ZERO: Expr = { kind: 'lin', terms: [] };
export const scale = (c: Rational | number | bigint, e: Expr): Expr => ({ kind: 'lin', terms: [[toQ(c), e]] });
export const add = (...es: Expr[]): Expr => ({ kind: 'lin', terms: es.map((e) => [ONE, e] as const) });
export const neg = (e: Expr): Expr => scale(-1, e);
export const sub = (a: Expr, b: Expr): Expr => add(a, neg(b));

/** log(∏ num / ∏ den) = Σ log num − Σ log den. */
export function logRatio(num: readonly Density[], den: readonly Density[] = []): Expr {
  return add(...num.map(log), ...den.map((d) => neg(log(d))));
}

/** Substitutes the index variable `name` by the index `by` everywhere it is free. */
export function substExpr(e: Expr, name: string, by: Idx): Expr {
  const sv = (v: VarRef): VarRef =>
    v.kind === 'named' ? v
      : v.kind === 'indexed' ? { ...v, index: substIdx(v.index, name, by) }
        : { ...v, lo: substIdx(v.lo, name, by), hi: substIdx(v.hi, name, by) };
  const sd = (d: Density): Density => ({ model: d.model, vars: d.vars.map(sv), given: d.given.map(sv) });
  switch (e.kind) {
    case 'log': return log(sd(e.d));
    case 'lin': return { kind: 'lin', terms: e.terms.map(([c, t]) => [c, substExpr(t, name, by)] as const) };
    case 'E': return E(sd(e.measure), substExpr(e.body, name, by));
    case 'kl': return KL(sd(e.p), sd(e.q));
    case 'logE': return logE(sd(e.measure), e.num.map(sd), e.den.map(sd));
    case 'sum': {
      const lo = substIdx(e.lo, name, by);
      const hi = substIdx(e.hi, name, by);
      if (e.v === name) return { ...e, lo, hi }; // the bound variable shadows
      if (by.base === e.v) throw new Error(`substitution would capture the bound variable ${e.v}`);
      return { ...e, lo, hi, body: substExpr(e.body, name, by) };
    }
  }
}

export function printDensity(d: Density): string {
  const a = d.vars.map(printVar).join(', ');
  return d.given.length ? `${d.model}(${a} | ${d.given.map(printVar).join(', ')})` : `${d.model}(${a})`;
}

/** A linear combination with nested combinations multiplied out (for printing). */
function flatten(e: Expr, c: Rational): Array<[Rational, Expr]> {
  if (e.kind !== 'lin') return [[c, e]];
  return e.terms.flatMap(([k, t]) => flatten(t, qmul(c, k)));
}

export function printExpr(e: Expr): string {
  switch (e.kind) {
    case 'log': return `log ${printDensity(e.d)}`;
    case 'E': return `E_{${printDensity(e.measure)}}[${printExpr(e.body)}]`;
    case 'kl': return `KL(${printDensity(e.p)} ‖ ${printDensity(e.q)})`;
    case 'logE': return `log E_{${printDensity(e.measure)}}[${e.num.map(printDensity).join('·') || '1'} / ${e.den.map(printDensity).join('·') || '1'}]`;
    case 'sum': return `Σ_{${e.v}=${printIdx(e.lo)}}^{${printIdx(e.hi)}} ${e.body.kind === 'lin' ? `(${printExpr(e.body)})` : printExpr(e.body)}`;
    case 'lin': {
      const flat = flatten(e, ONE);
      if (!flat.length) return '0';
      return flat.map(([c, t], i) => {
        const negative = c.n < 0n;
        const a = negative ? -c.n : c.n;
        const coef = a === 1n && c.d === 1n ? '' : c.d === 1n ? `${a}·` : `(${a}/${c.d})·`;
        return `${negative ? (i ? ' − ' : '−') : i ? ' + ' : ''}${coef}${printExpr(t)}`;
      }).join('');
    }
  }
}

/** A structural key (syntactic identity, BigInt-safe); used where two summands must be the same. */
export function exprKey(e: Expr): string {
  return JSON.stringify(e, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}
