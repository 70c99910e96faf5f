/**
 * Log-density atoms in canonical form, on a concrete DAG.
 *
 * The basis: log m(v | C) for a single variable v and a set C of variables that all come before
 * v in the model's (fixed) topological order, with C reduced by d-separation to its minimal
 * subset. Every log m(A | B) is a ±1 combination of basis atoms:
 *   chain rule   log m(A | B) = Σ_{a ∈ A, topological order} log m(a | B ∪ A_{<a});
 *   Bayes' rule  log m(a | C) = log m({a} ∪ C_after | C_before) − log m(C_after | C_before)
 *                when some conditioning variables come after a (e.g. the posterior
 *                q(x_{t−1} | x_t, x_0)); both right-hand densities then chain-rule into
 *                atoms conditioned only on earlier variables;
 *   d-separation m(v | C) = m(v | C*) when v ⊥ C \ C* | C* in the graph.
 * Each rewrite is an identity for every positive density that factorizes over the graph, so a
 * combination that reduces to zero is zero for all of them (soundness). Context variables of a
 * conditional model (x_0 in q(x_{1:T} | x_0)) are always conditioned on: writing q(x_t | x_{t−1})
 * means q(x_t | x_{t−1}, x_0), which is only accepted when x_t ⊥ x_0 | x_{t−1}; q(x_t) with x_0
 * left out is rejected as undefined (the model has no distribution over its context).
 */
import { dSeparated, minimalConditioning } from './dsep.js';
import type { ConcreteDag } from './model.js';
import { printId } from './vars.js';

export class UndefinedDensity extends Error {}

export interface BasisAtom {
  readonly kind: 'logd';
  readonly model: string;
  readonly v: string;
  /** Sorted by topological position. */
  readonly cond: readonly string[];
}

/**
 * A log-density kept as written, log m(A | B) with A and B as sets (when the factorize rule is
 * off): canonical only up to the order in which the variables were listed.
 */
export interface RawAtom {
  readonly kind: 'raw';
  readonly model: string;
  readonly A: readonly string[];
  readonly B: readonly string[];
}

export const byPos = (g: ConcreteDag) => (a: string, b: string) => g.pos.get(a)! - g.pos.get(b)!;

export function atomKey(a: BasisAtom): string {
  return `${a.model}(${a.v}|${a.cond.join(',')})`;
}

/** How a concrete id is printed: printId by default; explain.ts prints x[7] as x_{t+1} in a folded sum. */
export type IdPrinter = (id: string) => string;

export function printAtom(a: BasisAtom, pr: IdPrinter = printId): string {
  return `log ${a.model}(${pr(a.v)}${a.cond.length ? ` | ${a.cond.map(pr).join(', ')}` : ''})`;
}

/**
 * Checks that m(A | B) is a conditional density of the model and returns its conditioning set
 * with the context added. `what` names the density in error messages.
 */
export function effectiveGiven(g: ConcreteDag, A: readonly string[], B: readonly string[], what: string): string[] {
  for (const n of [...A, ...B]) if (!g.nodes.has(n)) throw new UndefinedDensity(`${what}: ${printId(n)} is not a variable of ${g.model} at T=${g.T}`);
  if (!A.length) throw new UndefinedDensity(`${what}: a density of no variables`);
  for (const a of A) {
    if (B.includes(a)) throw new UndefinedDensity(`${what}: ${printId(a)} is both a variable and a condition`);
    if (g.context.has(a)) throw new UndefinedDensity(`${what}: ${g.model} has no distribution over its context variable ${printId(a)}`);
  }
  if (new Set(A).size !== A.length) throw new UndefinedDensity(`${what}: a variable appears twice`);
  const missing = [...g.context].filter((c) => !B.includes(c));
  if (missing.length && !dSeparated(g, A, missing, B))
    throw new UndefinedDensity(`${what}: leaves out the context ${missing.map(printId).join(', ')} of ${g.model}, on which it depends`);
  return [...new Set([...B, ...missing])];
}

const basisCache = new WeakMap<ConcreteDag, Map<string, BasisAtom>>();

/** log m(v | C) with C all earlier than v: reduce C by d-separation (when `reduce`). */
function basis(g: ConcreteDag, v: string, C: readonly string[], reduce: boolean): BasisAtom {
  const sorted = [...C].sort(byPos(g));
  if (!reduce) return { kind: 'logd', model: g.model, v, cond: sorted };
  let cache = basisCache.get(g);
  if (!cache) basisCache.set(g, (cache = new Map()));
  const key = `${v}|${sorted.join(',')}`;
  const hit = cache.get(key);
  if (hit) return hit;
  // Fast path, the local Markov property: C is earlier than v in a topological order, so it holds
  // no descendant of v; when C contains all parents of v, v ⊥ C \ pa(v) | pa(v), and no parent
  // can be dropped (adjacent nodes are never d-separated). The general path gives the same set.
  const pa = g.parents.get(v) ?? [];
  const cond = pa.every((x) => sorted.includes(x)) ? [...pa].sort(byPos(g)) : minimalConditioning(g, [v], sorted);
  const atom: BasisAtom = { kind: 'logd', model: g.model, v, cond };
  cache.set(key, atom);
  return atom;
}

/** The chain rule in topological order, for A given B where all of B is earlier than every a. */
function chain(g: ConcreteDag, A: readonly string[], B: readonly string[], sign: number, out: Array<[number, BasisAtom]>, reduce: boolean): void {
  const sorted = [...A].sort(byPos(g));
  sorted.forEach((a, i) => single(g, a, [...B, ...sorted.slice(0, i)], sign, out, reduce));
}

function single(g: ConcreteDag, a: string, C: readonly string[], sign: number, out: Array<[number, BasisAtom]>, reduce: boolean): void {
  const pa = g.pos.get(a)!;
  const before = C.filter((c) => g.pos.get(c)! < pa);
  const after = C.filter((c) => g.pos.get(c)! > pa);
  if (!after.length) {
    out.push([sign, basis(g, a, before, reduce)]);
    return;
  }
  // Bayes: m(a | C) = m(a, C_after | C_before) / m(C_after | C_before).
  chain(g, [a, ...after], before, sign, out, reduce);
  chain(g, after, before, -sign, out, reduce);
}

/**
 * log m(A | B) as a signed list of basis atoms (B already includes the context); `reduce` = false
 * skips the d-separation reduction (the markov rule off).
 */
export function decompose(g: ConcreteDag, A: readonly string[], B: readonly string[], reduce = true): Array<[number, BasisAtom]> {
  const out: Array<[number, BasisAtom]> = [];
  chain(g, A, B, 1, out, reduce);
  return out;
}

/** log m(A | B) kept whole (factorize off); B reduced by d-separation when `reduce`. */
export function rawAtom(g: ConcreteDag, A: readonly string[], B: readonly string[], reduce: boolean): RawAtom {
  const sA = [...A].sort(byPos(g));
  const sB = reduce ? minimalConditioning(g, sA, [...B].sort(byPos(g))) : [...B];
  return { kind: 'raw', model: g.model, A: sA, B: sB.sort(byPos(g)) };
}
