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
import { expOf, lit, plus, power, sumOf, times } from '../expr/fold.js';
import { lowerHeads } from './lower.js';
import { gaussianMoment, uniformMoment } from './moments.js';
import { reduceIn } from './reductions.js';
import { checkDimensions, validateDist } from './validate.js';

/** E[term] for y ~ N(m, v): moments for the polynomial, tilting for e^{s y}. */
function gaussianTerm(t: ExpTerm, m: Node, v: Node): Node {
  const poly = (mean: Node) => plus(...t.coeffs.map((c, k) => times(c, gaussianMoment(k, mean, v))));
  if (!t.slope) return poly(m);
  const s = t.slope;
  // e^{s m + s² v/2} · E_{N(m + s v, v)}[p]
  return times(expOf(plus(times(s, m), times(lit(1, 2), power(s, 2), v))), poly(plus(m, times(s, v))));
}

const gaussian = (p: ExpPoly, m: Node, v: Node): Node => plus(...p.map((t) => gaussianTerm(t, m, v)));

function uniform(p: ExpPoly, a: Node, b: Node): Node | undefined {
  if (p.some((t) => t.slope)) return undefined;
  return plus(...p.map((t) => plus(...t.coeffs.map((c, k) => times(c, uniformMoment(k, a, b))))));
}

/** E over one binding of an expression free of the later bindings, or undefined. */
export function integrateOne(body: Node, b: Binding): Node | undefined {
  if (!dependsOn(body, b.name)) return body;
  validateDist(b.dist);
  const d = b.dist;
  switch (d.family) {
    case 'N': {
      const [m, v, dim] = d.args;
      if (!dim) {
        const p = expandIn(body, b.name, 'scalar');
        return p && gaussian(p, m, v);
      }
      if (body.kind === 'vector') {
        const p = expandIn(body, b.name, 'vector');
        return p && gaussian(p, m, v);
      }
      // free + Σ_components g(y_i)  ↦  free + sum(E[g]) (or d · E[g] when E[g] is a broadcast scalar)
      const r = reduceIn(body, b.name);
      if (!r) return undefined;
      const g = gaussian(r.inner, m, v);
      const terms = g.op === 'add' ? g.args : [g];
      const vectors = terms.filter((t) => t.kind === 'vector');
      const scalars = terms.filter((t) => t.kind !== 'vector');
      return plus(r.free, ...vectors.map(sumOf), times(dim, plus(...scalars)));
    }
    case 'U': {
      const p = expandIn(body, b.name, 'scalar');
      return p && uniform(p, d.args[0], d.args[1]);
    }
    default:
      return undefined;
  }
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
  return { ...node, args } as Node;
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
