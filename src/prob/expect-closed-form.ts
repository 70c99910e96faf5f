// Exact expectations (rule id `gaussian-closed-form`) for bodies that are
// exponential polynomials in Gaussian random variables (and polynomials in
// uniform ones). Bindings are integrated innermost (last) first, so a later
// variable's distribution may depend on an earlier one
// (x ~ N(w z + b, s), z ~ N(0, 1)): after x is integrated out, its mean and
// variance are expressions in z, integrated next.
//
//   y ~ N(m, v):  E[y^k] = Σ_{j even} C(k, j) m^{k−j} v^{j/2} (j − 1)!!        (moments.ts)
//                 E[p(y) e^{s y}] = e^{s m + s² v/2} · E_{y~N(m + s v, v)}[p(y)]
//                 (exponential tilting: e^{s y} N(y; m, v) = e^{s m + s² v/2} N(y; m + s v, v);
//                 p = 1 is the MGF)
//   u ~ U(a, b):  E[u^k] = (b^{k+1} − a^{k+1}) / ((k + 1)(b − a))
//   y ~ N(m, v, d) isotropic: elementwise, and Σ over components = sum(·) or d·(·)
//                 (reductions.ts)
//
// Anything else (log or sqrt of a random variable, a logit-normal variable
// inside the body, …) gives undefined: the caller then estimates by Monte
// Carlo. Nested expectations (from KL's definition, or written by the user)
// are closed first; logpdf and KL heads are lowered first (lower.ts).
import type { Binding, ExpectNode, Node } from '../expr/ast.js';
import { freeSymbols } from '../expr/ast.js';
import { dependsOn, expandIn, type ExpPoly, type ExpTerm } from './exp-poly.js';
import { plus, sumOf, times } from '../expr/fold.js';
import { family, type Family } from '../expr/families/index.js';
import { lowerHeads } from './lower.js';
import { rebuild } from '../expr/node.js';
import { reduceIn } from './reductions.js';
import { checkDimensions, drawDim, validateDist } from './validate.js';

/**
 * E[p(y)] over y ~ family(args) for an exponential polynomial p, by the
 * family's moments (polynomial part) and its tilting (each e^{s y}), or
 * undefined when the family lacks the facet a term needs.
 */
function closedForm(f: Family, p: ExpPoly, args: readonly Node[]): Node | undefined {
  const moment = f.moment;
  if (!moment) return undefined;
  const poly = (t: ExpTerm, as: readonly Node[]) => plus(...t.coeffs.map((c, k) => times(c, moment(k, as))));
  const terms: Node[] = [];
  for (const t of p) {
    if (!t.slope) {
      terms.push(poly(t, args));
      continue;
    }
    if (!f.tilt) return undefined;
    // E[q(y) e^{s y}] = factor · E_{tilted}[q(y)]
    const { factor, args: tilted } = f.tilt(t.slope, args);
    terms.push(times(factor, poly(t, tilted)));
  }
  return plus(...terms);
}

/** E over one binding of an expression free of the later bindings, or undefined. */
export function integrateOne(body: Node, b: Binding): Node | undefined {
  if (!dependsOn(body, b.name)) return body;
  validateDist(b.dist);
  const d = b.dist;
  const f = family(d.family);
  const dim = drawDim(d);
  if (!dim) {
    const p = expandIn(body, b.name, 'scalar');
    return p && closedForm(f, p, d.args);
  }
  if (body.kind === 'vector') {
    const p = expandIn(body, b.name, 'vector');
    return p && closedForm(f, p, d.args);
  }
  // free + Σ_components g(y_i)  ↦  free + sum(E[g]) (or d · E[g] when E[g] is a broadcast scalar)
  const r = reduceIn(body, b.name);
  if (!r) return undefined;
  const g = closedForm(f, r.inner, d.args);
  if (!g) return undefined;
  const terms = g.op === 'add' ? g.args : [g];
  const vectors = terms.filter((t) => t.kind === 'vector');
  const scalars = terms.filter((t) => t.kind !== 'vector');
  return plus(r.free, ...vectors.map(sumOf), times(dim, plus(...scalars)));
}

/** Closes every E inside `node` (innermost first); undefined if one has no closed form. */
export function closeNested(node: Node): Node | undefined {
  if (node.op === 'E') return expectClosedForm(node);
  if (!('args' in node)) return node;
  const args: Node[] = [];
  for (const a of node.args) {
    const c = closeNested(a);
    if (!c) return undefined;
    args.push(c);
  }
  return rebuild(node, args);
}

/**
 * Bindings must be ordered: a distribution may depend on earlier bindings
 * only, and names are distinct. Otherwise integrating the last one first
 * would treat a dependent variable as a constant.
 */
function wellOrdered(over: readonly Binding[]): boolean {
  const names = over.map((b) => b.name);
  if (new Set(names).size !== names.length) return false;
  return over.every((b, i) => {
    const fs = freeSymbols(b.dist);
    return names.slice(i).every((later) => !fs.has(later));
  });
}

/**
 * The exact value of E[body] over node.over, as an expression in the free
 * symbols, or undefined when the body is not of a supported form. Throws a
 * DistributionError on an invalid literal parameter (a negative variance)
 * or on vectors of different dimensions combined.
 */
export function expectClosedForm(node: ExpectNode): Node | undefined {
  // The closed forms below never look at dimensions (dot(u, v) integrates
  // componentwise whatever the sizes): vectors of different dimensions must
  // be refused here, as the Monte Carlo path refuses them.
  checkDimensions(node);
  const lowered = lowerHeads(node) as ExpectNode;
  if (!wellOrdered(lowered.over)) return undefined;
  let body = closeNested(lowered.args[0]);
  for (let i = lowered.over.length - 1; i >= 0 && body; i--) body = integrateOne(body, lowered.over[i]);
  return body;
}
