/**
 * Random-variable references: a named variable (x, z), one member x_i of an indexed family, or a
 * range x_{a:b} of a family (the set {x_a, …, x_b}, empty when a > b). Variables carry no
 * distribution: what they are is decided only by the model whose density mentions them. Nor do
 * they carry a shape: scalar and vector variables are the same to the calculus, since every law
 * used here (chain rule, Bayes, marginalization, d-separation, Jensen for log) holds for
 * densities on any measurable space.
 */
import { evalIdx, parseIdx, printIdx, type Env, type Idx } from './index-expr.js';

export type VarRef =
  | { readonly kind: 'named'; readonly name: string }
  | { readonly kind: 'indexed'; readonly family: string; readonly index: Idx }
  | { readonly kind: 'range'; readonly family: string; readonly lo: Idx; readonly hi: Idx };

/** A named variable: `named('z')`. */
export const named = (name: string): VarRef => ({ kind: 'named', name });

/** A family member: `at('x', 't-1')`. */
export const at = (family: string, index: string | number | Idx): VarRef => ({
  kind: 'indexed', family, index: parseIdx(index),
});

/** A range x_{lo:hi}: `range('x', 1, 'T')`. */
export const range = (family: string, lo: string | number | Idx, hi: string | number | Idx): VarRef => ({
  kind: 'range', family, lo: parseIdx(lo), hi: parseIdx(hi),
});

/** The id of a concrete variable: 'z' or 'x[3]'. Ids are what concrete DAGs are built on. */
export function concreteId(family: string, i?: number): string {
  return i === undefined ? family : `${family}[${i}]`;
}

/** The concrete ids a reference denotes in an instance (a range expands; an empty range is []). */
export function resolve(v: VarRef, env: Env): string[] {
  switch (v.kind) {
    case 'named':
      return [v.name];
    case 'indexed':
      return [concreteId(v.family, evalIdx(v.index, env))];
    case 'range': {
      const lo = evalIdx(v.lo, env);
      const hi = evalIdx(v.hi, env);
      const out: string[] = [];
      for (let i = lo; i <= hi; i++) out.push(concreteId(v.family, i));
      return out;
    }
  }
}

/** Every index expression a reference mentions (for the lifting bound). */
export function indicesOf(v: VarRef): Idx[] {
  return v.kind === 'named' ? [] : v.kind === 'indexed' ? [v.index] : [v.lo, v.hi];
}

export function printVar(v: VarRef): string {
  switch (v.kind) {
    case 'named':
      return v.name;
    case 'indexed': {
      const i = printIdx(v.index);
      return i.length === 1 ? `${v.family}_${i}` : `${v.family}_{${i}}`;
    }
    case 'range':
      return `${v.family}_{${printIdx(v.lo)}:${printIdx(v.hi)}}`;
  }
}

/**
 * Pretty form of a concrete id: 'x[3]' → 'x_3'. Given the instance's T, indices within 4 of T
 * print relative to it ('x[15]' at T = 17 → 'x_{T−2}'), so a residual at a large instance reads as
 * the general statement it stands for.
 */
export function printId(id: string, T?: number): string {
  const m = /^(.*)\[(-?\d+)\]$/.exec(id);
  if (!m) return id;
  const i = Number(m[2]);
  if (T !== undefined && T > 8 && T - i >= 0 && T - i <= 4) return T === i ? `${m[1]}_T` : `${m[1]}_{T−${T - i}}`;
  return `${m[1]}_${i < 0 || i > 9 ? `{${i}}` : i}`;
}
