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
import { expOf, isOne as isOneNode, plus, sumOf, times, ZERO as ZERO_NODE } from '../expr/fold.js';
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
  if (!r) return mgfOfReduction(f, body, b.name, d.args, dim);
  const g = closedForm(f, r.inner, d.args);
  if (!g) return undefined;
  const terms = g.op === 'add' ? g.args : [g];
  const vectors = terms.filter((t) => t.kind === 'vector');
  const scalars = terms.filter((t) => t.kind !== 'vector');
  return plus(r.free, ...vectors.map(sumOf), times(dim, plus(...scalars)));
}

/**
 * k · exp(free + Σ_components (a_i y_i + b_i)) for a VECTOR y with independent components
 * (the isotropic families): the expectation of the exponential is the product of the
 * components' MGFs, exp(free + Σ_i K_i) with K_i = log E[e^{a_i y_i + b_i}] read off the
 * family's tilting factor e^{K}. So E[exp(sum(y))] over y ~ N(m, v, d) is exp(sum(m) + d v/2)
 * (d m + d v/2 for a scalar m). Undefined for anything else (a term of degree 2 in y, an
 * exponential inside the exponent, a family without tilting).
 */
function mgfOfReduction(f: Family, body: Node, y: string, args: readonly Node[], dim: Node): Node | undefined {
  const factors = body.op === 'mul' ? body.args : [body];
  const dependent = factors.filter((a) => dependsOn(a, y));
  if (dependent.length !== 1 || !f.tilt) return undefined;
  const e = dependent[0];
  const exponent = e.op === 'call' && e.fn === 'exp' ? e.args[0] : e.op === 'pow' && e.args[0].op === 'const' && e.args[0].name === 'e' ? e.args[1] : undefined;
  const k = times(...factors.filter((a) => !dependsOn(a, y)));
  if (!exponent || k.kind !== 'scalar') return undefined;
  const r = reduceIn(exponent, y);
  // Affine in each component, no exponential inside: g = b + a y.
  if (!r || r.inner.length !== 1 || r.inner[0].slope || r.inner[0].coeffs.length > 2) return undefined;
  const [b0, a1] = r.inner[0].coeffs;
  const { factor } = f.tilt(a1 ?? ZERO_NODE, args);
  if (!(factor.op === 'call' && factor.fn === 'exp') && !isOneNode(factor)) return undefined;
  const cgf = isOneNode(factor) ? (b0 ?? ZERO_NODE) : plus(b0 ?? ZERO_NODE, (factor as Extract<Node, { op: 'call' }>).args[0]);
  const total = cgf.kind === 'vector' ? sumOf(cgf) : times(dim, cgf);
  return times(k, expOf(plus(r.free, total)));
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
