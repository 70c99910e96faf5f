// The plan for testing a relation between expressions with expectations: each
// distinct outermost E is either replaced by its closed form or becomes a
// Monte Carlo term, referred to in the sides by a placeholder symbol. The
// sides then are ordinary expressions of the parameters and the placeholders
// (e.g. log(mc__0) − s·mc__1), evaluated in float64 at each parameter point.
import type { Binding, ExpectNode, Node } from '../expr/ast.js';
import { equal, freeSymbols } from '../expr/ast.js';
import { toText } from '../expr/print-mathjs.js';
import { closeNested, expectClosedForm } from '../prob/expect-closed-form.js';
import { ReparamError, reparameterize } from './reparam.js';
import { rebuild, symNode } from '../expr/node.js';
import { drawDimension } from '../expr/families/index.js';
import { allNames, freeKinds, freshName } from '../expr/names.js';

export interface McTerm {
  /** The placeholder symbol standing for this expectation in the sides. */
  readonly placeholder: string;
  /** The expectation as written (after lowering), for messages. */
  readonly expectation: ExpectNode;
  /** The integrand and bindings handed to the engine (reparameterized). */
  readonly integrand: Node;
  readonly random: readonly Binding[];
  readonly paramNames: readonly string[];
}

export interface ClosedTerm {
  readonly expectation: ExpectNode;
  readonly value: Node;
}

export interface Plan {
  readonly lhs: Node;
  readonly rhs: Node;
  readonly mc: readonly McTerm[];
  readonly closed: readonly ClosedTerm[];
  /** Free parameters of the relation (scalars), sorted. */
  readonly params: readonly string[];
  /** Parameters used as the dimension of a vector normal. */
  readonly dims: ReadonlySet<string>;
}

export type PlanResult = { readonly plan: Plan } | { readonly unknown: string };


/** Dimension arguments of vector draws (N(m, v, d)) anywhere in the tree. */
function dimSymbols(node: Node, out: Set<string>): Set<string> {
  const dim = node.op === 'dist' ? drawDimension(node) : undefined;
  if (dim) for (const s of freeSymbols(dim)) out.add(s);
  if (node.op === 'E') for (const b of node.over) dimSymbols(b.dist, out);
  if ('args' in node) for (const a of node.args) dimSymbols(a, out);
  return out;
}

/** Replaces each outermost E by f(E). */
function mapOutermost(node: Node, f: (e: ExpectNode) => Node): Node {
  if (node.op === 'E') return f(node);
  if (!('args' in node)) return node;
  return rebuild(node, node.args.map((a) => mapOutermost(a, f)));
}

export const shortText = (n: Node, max = 160): string => {
  const s = toText(n);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
};

/**
 * Plans lowered sides (no KL/logpdf heads left). With `sampleAll`, every
 * outermost expectation is estimated, closed form or not: that is how a
 * closed-form decision is cross-checked against the engine.
 */
export function plan(lhs: Node, rhs: Node, sampleAll = false): PlanResult {
  const reserved = allNames(rhs, allNames(lhs, new Set()));
  const kinds = freeKinds(rhs, freeKinds(lhs, new Map()));
  const vectors = [...kinds].filter(([, k]) => k === 'vector').map(([n]) => n);
  if (vectors.length > 0) {
    return { unknown: `vector parameter${vectors.length > 1 ? 's' : ''} ${vectors.join(', ')}: Monte Carlo tests take scalar parameters only` };
  }
  const distinct: ExpectNode[] = [];
  const collect = (e: ExpectNode): Node => {
    if (!distinct.some((d) => equal(d, e))) distinct.push(e);
    return e;
  };
  mapOutermost(lhs, collect);
  mapOutermost(rhs, collect);

  const mc: McTerm[] = [];
  const closed: ClosedTerm[] = [];
  const replacement: Node[] = [];
  for (const e of distinct) {
    const value = sampleAll ? undefined : expectClosedForm(e);
    if (value) {
      closed.push({ expectation: e, value });
      replacement.push(value);
      continue;
    }
    if (e.kind !== 'scalar') return { unknown: `${shortText(e)} is a vector expectation; Monte Carlo estimates scalars only` };
    const body = closeNested(e.args[0]);
    if (!body) return { unknown: `${shortText(e)} contains a nested expectation without a closed form; Monte Carlo cannot estimate nested expectations` };
    const placeholder = freshName('mc__', reserved, 0);
    let r;
    try {
      r = reparameterize(body, e.over, reserved);
    } catch (err) {
      if (err instanceof ReparamError) return { unknown: `${shortText(e)}: ${err.message}` };
      throw err;
    }
    for (const b of r.random) reserved.add(b.name);
    const bound = new Set(r.random.map((b) => b.name));
    const names = new Set<string>();
    for (const s of freeSymbols(r.integrand)) if (!bound.has(s)) names.add(s);
    for (const b of r.random) for (const s of freeSymbols(b.dist)) names.add(s);
    mc.push({ placeholder, expectation: e, integrand: r.integrand, random: r.random, paramNames: [...names].sort() });
    replacement.push(symNode(placeholder, 'scalar'));
  }
  const swap = (e: ExpectNode): Node => replacement[distinct.findIndex((d) => equal(d, e))];
  return {
    plan: {
      lhs: mapOutermost(lhs, swap),
      rhs: mapOutermost(rhs, swap),
      mc,
      closed,
      params: [...kinds.keys()].sort(),
      dims: dimSymbols(rhs, dimSymbols(lhs, new Set())),
    },
  };
}
