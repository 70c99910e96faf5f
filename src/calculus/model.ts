/**
 * Models as directed graphical models, given by their factorization.
 *
 *   q(x_{1:T} | x_0) = ∏_{t=1}^{T} q(x_t | x_{t−1})           context x_0, one templated factor
 *   p(x_{0:T})       = p(x_T) ∏_{t=1}^{T} p(x_{t−1} | x_t)     one plain and one templated factor
 *   p(x, z)          = p(z) p(x | z),   q(z | x) with context x
 *
 * A model is a named joint density (its name is the density symbol, 'p' or 'q') over the
 * variables its factors define, conditional on its context variables (roots with no factor). A
 * density `m(A | B)` of the calculus is always a conditional of this joint.
 *
 * Templated factors must be first-order chain links: `f_{t+a} | f_{t+b}` with |a − b| = 1, one
 * parent from the same family, at most one templated factor per family. Plain factors may link
 * any variables whose indices are constants or T + k. These are the conditions of the lifting
 * lemma (lifting.ts): with them the unrolled graph is a directed path per family plus finitely
 * many nodes and edges at positions near 0 or near T, so d-separation answers depend on the
 * clipped order type of the positions involved and not on T itself. `checkTemplate` enforces
 * them; a model that breaks them is rejected (the calculus would rather not decide than guess).
 */
import { evalIdx, printIdx, type Env, type Idx } from './index-expr.js';
import { resolve, printVar, indicesOf, type VarRef } from './vars.js';

export interface Factor {
  /** The variable this factor is the conditional density of. */
  readonly child: VarRef;
  readonly parents: readonly VarRef[];
  /** Present for a templated factor ∏_{v=lo}^{hi}. */
  readonly over?: { readonly v: string; readonly lo: Idx; readonly hi: Idx };
}

export interface Model {
  readonly name: string;
  readonly context: readonly VarRef[];
  readonly factors: readonly Factor[];
}

/** The model unrolled at a concrete T: a concrete DAG. */
export interface ConcreteDag {
  readonly model: string;
  readonly T: number;
  readonly nodes: ReadonlySet<string>;
  readonly parents: ReadonlyMap<string, readonly string[]>;
  readonly children: ReadonlyMap<string, readonly string[]>;
  readonly context: ReadonlySet<string>;
  /** A topological order, context first; fixed by (family, index) tie-breaks so it is canonical. */
  readonly order: readonly string[];
  readonly pos: ReadonlyMap<string, number>;
  /** Whether the topological order was forced (one ready node at every step of Kahn's algorithm). */
  readonly uniqueOrder: boolean;
}

export class ModelError extends Error {}

/** Rejects models outside the class the lifting lemma covers. */
export function checkTemplate(m: Model): void {
  const templatedFamilies = new Set<string>();
  const absolute = (i: Idx, what: string) => {
    if (i.base !== null && i.base !== 'T')
      throw new ModelError(`${m.name}: ${what} index ${printIdx(i)} must be a constant or T+k`);
  };
  for (const c of m.context) {
    if (c.kind === 'range') throw new ModelError(`${m.name}: a context variable cannot be a range`);
    indicesOf(c).forEach((i) => absolute(i, 'context'));
  }
  for (const f of m.factors) {
    if (f.child.kind === 'range') throw new ModelError(`${m.name}: a factor's child cannot be a range`);
    if (!f.over) {
      for (const v of [f.child, ...f.parents]) {
        if (v.kind === 'range') throw new ModelError(`${m.name}: plain factor parents cannot be ranges`);
        indicesOf(v).forEach((i) => absolute(i, 'plain-factor'));
      }
      continue;
    }
    absolute(f.over.lo, 'template bound');
    absolute(f.over.hi, 'template bound');
    const c = f.child;
    const p = f.parents;
    if (c.kind !== 'indexed' || c.index.base !== f.over.v)
      throw new ModelError(`${m.name}: templated child must be indexed by ${f.over.v}+k`);
    if (p.length !== 1 || p[0]!.kind !== 'indexed' || p[0]!.family !== c.family || p[0]!.index.base !== f.over.v
      || Math.abs(p[0]!.index.k - c.index.k) !== 1)
      throw new ModelError(`${m.name}: templated factor of ${printVar(c)} must have exactly one parent ${c.family}_{${f.over.v}±1}`);
    if (templatedFamilies.has(c.family))
      throw new ModelError(`${m.name}: family ${c.family} has more than one templated factor`);
    templatedFamilies.add(c.family);
  }
}

/** Every index constant k the model mentions (template offsets included), for the lifting bound. */
export function modelOffsets(m: Model): number[] {
  const out: number[] = [];
  for (const c of m.context) indicesOf(c).forEach((i) => out.push(i.k));
  for (const f of m.factors) {
    for (const v of [f.child, ...f.parents]) indicesOf(v).forEach((i) => out.push(i.k));
    if (f.over) out.push(f.over.lo.k, f.over.hi.k);
  }
  return out;
}

function sortKey(id: string): [string, number] {
  const m = /^(.*)\[(-?\d+)\]$/.exec(id);
  return m ? [m[1]!, Number(m[2])] : [id, Number.NEGATIVE_INFINITY];
}

function compareIds(a: string, b: string): number {
  const [fa, ia] = sortKey(a);
  const [fb, ib] = sortKey(b);
  return fa < fb ? -1 : fa > fb ? 1 : ia - ib;
}

const cache = new WeakMap<Model, Map<number, ConcreteDag>>();

/**
 * The model at a concrete T. Verifies that it is a proper DAG model there: every non-context
 * node has exactly one factor, parents exist, no cycle.
 */
export function unroll(m: Model, T: number): ConcreteDag {
  let byT = cache.get(m);
  if (!byT) cache.set(m, (byT = new Map()));
  const hit = byT.get(T);
  if (hit) return hit;
  checkTemplate(m);
  const env: Env = new Map([['T', T]]);
  const context = new Set(m.context.flatMap((c) => resolve(c, env)));
  const parents = new Map<string, string[]>();
  const define = (child: string, ps: string[]) => {
    if (context.has(child)) throw new ModelError(`${m.name}: context variable ${child} also has a factor at T=${T}`);
    if (parents.has(child)) throw new ModelError(`${m.name}: ${child} has two factors at T=${T}`);
    parents.set(child, ps);
  };
  for (const f of m.factors) {
    if (!f.over) {
      define(resolve(f.child, env)[0]!, f.parents.flatMap((p) => resolve(p, env)));
      continue;
    }
    const lo = evalIdx(f.over.lo, env);
    const hi = evalIdx(f.over.hi, env);
    for (let i = lo; i <= hi; i++) {
      const e: Env = new Map([...env, [f.over.v, i]]);
      define(resolve(f.child, e)[0]!, f.parents.flatMap((p) => resolve(p, e)));
    }
  }
  const nodes = new Set<string>([...context, ...parents.keys()]);
  const children = new Map<string, string[]>([...nodes].map((n) => [n, []]));
  for (const [c, ps] of parents) {
    for (const p of ps) {
      if (!nodes.has(p)) throw new ModelError(`${m.name}: parent ${p} of ${c} is not a variable of the model at T=${T}`);
      children.get(p)!.push(c);
    }
  }
  for (const c of context) parents.set(c, []);
  // Kahn's algorithm; ties broken by (family, index) so the order is the same at every T.
  const indeg = new Map([...nodes].map((n) => [n, parents.get(n)!.length]));
  const ready = [...nodes].filter((n) => indeg.get(n) === 0);
  const order: string[] = [];
  let uniqueOrder = true;
  while (ready.length) {
    if (ready.length > 1) uniqueOrder = false;
    ready.sort((a, b) => (context.has(a) === context.has(b) ? compareIds(a, b) : context.has(a) ? -1 : 1));
    const n = ready.shift()!;
    order.push(n);
    for (const c of children.get(n)!) {
      indeg.set(c, indeg.get(c)! - 1);
      if (indeg.get(c) === 0) ready.push(c);
    }
  }
  if (order.length !== nodes.size) throw new ModelError(`${m.name}: the factorization has a cycle at T=${T}`);
  const dag: ConcreteDag = {
    model: m.name, T, nodes, parents, children, context, order,
    pos: new Map(order.map((n, i) => [n, i])), uniqueOrder,
  };
  byT.set(T, dag);
  return dag;
}

