// Expansion of an expression in one variable y as an "exponential
// polynomial": a sum of terms  (c₀ + c₁ y + … + c_k y^k) · exp(s y)  whose
// coefficients cᵢ and slopes s are expressions free of y. Plain polynomials
// are the terms without a slope. This is the class whose Gaussian expectation
// is exact (Gaussian moments, and the MGF through exponential tilting), so
// expect-closed-form.ts asks here first and falls back to Monte Carlo on
// `undefined`.
//
// Supported: y itself; y-free subtrees (as coefficients); +, −, ×; division
// by a y-free expression or by a single exp(c + s y); integer powers; exp of
// an expression affine in y. For a SCALAR y, the reductions sum/norm2/dot of
// a vector expression polynomial in y are supported too (y factors out of the
// sum) when every coefficient is a vector. Everything elementwise, so a
// VECTOR y (isotropic, iid components) expands the same way, component by
// component; reductions of a vector y are handled by reductions.ts.
import type { Node } from '../expr/ast.js';
import { equal, freeSymbols } from '../expr/ast.js';
import { expOf, isZero, lit, negate, ONE, over, plus, sumOf, times, ZERO } from '../expr/fold.js';
import { MAX_MOMENT } from './moments.js';

export interface ExpTerm {
  /** s in exp(s y); undefined for a plain polynomial term. */
  readonly slope?: Node;
  /** cᵢ: the coefficient of y^i (no trailing literal zeros). */
  readonly coeffs: readonly Node[];
}
export type ExpPoly = readonly ExpTerm[];

/** Caps that keep a pathological input from growing without bound. */
const MAX_TERMS = 64;

export const dependsOn = (n: Node, y: string): boolean => freeSymbols(n).has(y);

function trim(cs: Node[]): Node[] {
  while (cs.length > 0 && isZero(cs[cs.length - 1])) cs.pop();
  return cs;
}

function addCoeffs(a: readonly Node[], b: readonly Node[]): Node[] {
  const out: Node[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) out.push(plus(a[i] ?? ZERO, b[i] ?? ZERO));
  return trim(out);
}

function mulCoeffs(a: readonly Node[], b: readonly Node[]): Node[] | undefined {
  if (a.length === 0 || b.length === 0) return [];
  if (a.length + b.length - 2 > MAX_MOMENT) return undefined;
  const out: Node[][] = Array.from({ length: a.length + b.length - 1 }, () => []);
  a.forEach((x, i) => b.forEach((z, j) => out[i + j].push(times(x, z))));
  return trim(out.map((ts) => plus(...ts)));
}

const sameSlope = (a: Node | undefined, b: Node | undefined): boolean =>
  a === undefined || b === undefined ? a === b : equal(a, b);

/** Merges terms with the same slope and drops empty ones. */
export function normalize(terms: readonly ExpTerm[]): ExpTerm[] | undefined {
  const out: { slope?: Node; coeffs: Node[] }[] = [];
  for (const t of terms) {
    const slope = t.slope && isZero(t.slope) ? undefined : t.slope;
    const hit = out.find((o) => sameSlope(o.slope, slope));
    if (hit) hit.coeffs = addCoeffs(hit.coeffs, t.coeffs);
    else out.push({ slope, coeffs: trim([...t.coeffs]) });
  }
  const kept = out.filter((t) => t.coeffs.length > 0);
  return kept.length > MAX_TERMS ? undefined : kept;
}

export const constant = (c: Node): ExpPoly => (isZero(c) ? [] : [{ coeffs: [c] }]);

export function scale(p: ExpPoly, k: Node): ExpPoly {
  return p.map((t) => ({ slope: t.slope, coeffs: trim(t.coeffs.map((c) => times(c, k))) })).filter((t) => t.coeffs.length > 0);
}

export function addPoly(a: ExpPoly, b: ExpPoly): ExpPoly | undefined {
  return normalize([...a, ...b]);
}

export function mulPoly(a: ExpPoly, b: ExpPoly): ExpPoly | undefined {
  const out: ExpTerm[] = [];
  for (const s of a) {
    for (const t of b) {
      const coeffs = mulCoeffs(s.coeffs, t.coeffs);
      if (!coeffs) return undefined;
      const slope = s.slope && t.slope ? plus(s.slope, t.slope) : (s.slope ?? t.slope);
      out.push({ slope, coeffs });
    }
  }
  return normalize(out);
}

function powPoly(p: ExpPoly, k: number): ExpPoly | undefined {
  let acc: ExpPoly | undefined = constant(ONE);
  for (let i = 0; i < k && acc; i++) acc = mulPoly(acc, p);
  return acc;
}

/** 1/p for p = c · exp(s y) (a single y-free coefficient): (1/c) exp(−s y). */
function invert(p: ExpPoly): ExpPoly | undefined {
  if (p.length !== 1 || p[0].coeffs.length !== 1) return undefined;
  const t = p[0];
  return [{ slope: t.slope ? negate(t.slope) : undefined, coeffs: [over(ONE, t.coeffs[0])] }];
}

/** The integer value of a literal exponent, if it is one. */
function integerExponent(n: Node): number | undefined {
  if (n.op === 'num' && n.d === 1n && n.n >= -BigInt(MAX_MOMENT) && n.n <= BigInt(MAX_MOMENT)) return Number(n.n);
  if (n.op === 'neg') {
    const k = integerExponent(n.args[0]);
    return k === undefined ? undefined : -k;
  }
  return undefined;
}

/**
 * The expansion of `node` in the variable `y` (scalar or vector), or
 * undefined when the node is outside the supported class.
 */
export function expandIn(node: Node, y: string, yKind: 'scalar' | 'vector' = 'scalar'): ExpPoly | undefined {
  const go = (n: Node): ExpPoly | undefined => {
    if (!dependsOn(n, y)) return constant(n);
    switch (n.op) {
      case 'sym':
        return [{ coeffs: [ZERO, ONE] }];
      case 'add': {
        let acc: ExpPoly | undefined = [];
        for (const a of n.args) {
          const p = go(a);
          if (!p || !acc) return undefined;
          acc = addPoly(acc, p);
        }
        return acc;
      }
      case 'neg': {
        const p = go(n.args[0]);
        return p && scale(p, lit(-1));
      }
      case 'mul': {
        let acc: ExpPoly | undefined = constant(ONE);
        for (const a of n.args) {
          const p = go(a);
          if (!p || !acc) return undefined;
          acc = mulPoly(acc, p);
        }
        return acc;
      }
      case 'div': {
        const [num, den] = n.args;
        const p = go(num);
        if (!p) return undefined;
        if (!dependsOn(den, y)) return scale(p, over(ONE, den));
        const q = go(den);
        const inv = q && invert(q);
        return inv && mulPoly(p, inv);
      }
      case 'pow': {
        const k = integerExponent(n.args[1]);
        if (k === undefined || dependsOn(n.args[1], y)) return undefined;
        const p = go(n.args[0]);
        if (!p) return undefined;
        if (k >= 0) return powPoly(p, k);
        const inv = invert(p);
        return inv && powPoly(inv, -k);
      }
      case 'call':
        return n.fn === 'exp' ? expOfPoly(go(n.args[0])) : yKind === 'scalar' ? reduction(n.fn, n.args.map(go)) : undefined;
      default:
        return undefined;
    }
  };
  return go(node);
}

/** exp(c₀ + c₁ y) = exp(c₀) · exp(c₁ y): only an argument affine in y and without exp terms. */
function expOfPoly(p: ExpPoly | undefined): ExpPoly | undefined {
  if (!p) return undefined;
  if (p.length === 0) return constant(ONE);
  if (p.length !== 1 || p[0].slope || p[0].coeffs.length > 2) return undefined;
  const [c0, c1] = p[0].coeffs;
  return normalize([{ slope: c1, coeffs: [expOf(c0)] }]);
}

/**
 * sum/norm2/dot of vector expressions polynomial in a SCALAR y:
 * sum(Σ c_k y^k e^{s y}) = Σ sum(c_k) y^k e^{s y}, valid when every s is a
 * scalar (it factors out of the sum) and every c_k a vector (a scalar c_k
 * would need the dimension, which the expression does not carry).
 */
function reduction(fn: string, args: (ExpPoly | undefined)[]): ExpPoly | undefined {
  if (args.some((a) => !a)) return undefined;
  const ps = args as ExpPoly[];
  let inner: ExpPoly | undefined;
  if (fn === 'sum' && ps.length === 1) inner = ps[0];
  else if (fn === 'norm2' && ps.length === 1) inner = mulPoly(ps[0], ps[0]);
  else if (fn === 'dot' && ps.length === 2) inner = mulPoly(ps[0], ps[1]);
  if (!inner) return undefined;
  for (const t of inner) {
    if (t.slope && t.slope.kind !== 'scalar') return undefined;
    if (t.coeffs.some((c) => !isZero(c) && c.kind !== 'vector')) return undefined;
  }
  return normalize(inner.map((t) => ({ slope: t.slope, coeffs: t.coeffs.map((c) => (isZero(c) ? ZERO : sumOf(c))) })));
}

/** The polynomial coefficients of `node` in y (no exp terms), or undefined. */
export function polynomialIn(node: Node, y: string): Node[] | undefined {
  const p = expandIn(node, y);
  if (!p || p.some((t) => t.slope)) return undefined;
  return p.length === 0 ? [] : [...p[0].coeffs];
}
