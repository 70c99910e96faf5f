/**
 * d-separation on a concrete DAG (the "reachable" / Bayes-ball algorithm, Koller & Friedman
 * Alg. 3.1). X ⊥ Y | Z holds in every distribution that factorizes over the graph when X and Y
 * are d-separated by Z; this is the only source of conditional independence in the calculus.
 */
import type { ConcreteDag } from './model.js';

/** The nodes reachable from `xs` by an active trail given `zs` (xs themselves included). */
export function reachable(g: ConcreteDag, xs: Iterable<string>, zs: ReadonlySet<string>): Set<string> {
  // Ancestors of Z (a collider is active when it or a descendant is observed).
  const anc = new Set<string>();
  const stack = [...zs];
  while (stack.length) {
    const n = stack.pop()!;
    if (anc.has(n)) continue;
    anc.add(n);
    for (const p of g.parents.get(n) ?? []) stack.push(p);
  }
  // Visit (node, direction): 'up' = reached from a child, 'down' = reached from a parent.
  const visited = new Set<string>();
  const out = new Set<string>();
  const queue: Array<[string, 'up' | 'down']> = [...xs].map((x) => [x, 'up']);
  while (queue.length) {
    const [n, dir] = queue.pop()!;
    const key = `${dir}:${n}`;
    if (visited.has(key)) continue;
    visited.add(key);
    if (!zs.has(n)) out.add(n);
    if (dir === 'up' && !zs.has(n)) {
      for (const p of g.parents.get(n) ?? []) queue.push([p, 'up']);
      for (const c of g.children.get(n) ?? []) queue.push([c, 'down']);
    } else if (dir === 'down') {
      if (!zs.has(n)) for (const c of g.children.get(n) ?? []) queue.push([c, 'down']);
      if (anc.has(n)) for (const p of g.parents.get(n) ?? []) queue.push([p, 'up']);
    }
  }
  return out;
}

const memo = new WeakMap<ConcreteDag, Map<string, boolean>>();

/** X ⊥ Y | Z by d-separation. Variables in Z are never "reached". Empty X or Y: true. Memoized per graph. */
export function dSeparated(g: ConcreteDag, xs: Iterable<string>, ys: Iterable<string>, zs: Iterable<string>): boolean {
  const z = new Set(zs);
  const ysArr = [...ys].filter((y) => !z.has(y));
  const xsArr = [...xs].filter((x) => !z.has(x));
  if (!xsArr.length || !ysArr.length) return true;
  for (const n of [...xsArr, ...ysArr, ...z]) if (!g.nodes.has(n)) throw new RangeError(`${n} is not a variable of ${g.model} at T=${g.T}`);
  let cache = memo.get(g);
  if (!cache) memo.set(g, (cache = new Map()));
  const key = `${[...xsArr].sort().join(',')}|${[...ysArr].sort().join(',')}|${[...z].sort().join(',')}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const r = reachable(g, xsArr, z);
  const sep = !ysArr.some((y) => r.has(y));
  cache.set(key, sep);
  return sep;
}

/**
 * The smallest C* ⊆ C with v ⊥ (C \ C*) | C*. Because d-separation satisfies intersection and
 * composition, the elements that can be dropped one at a time can be dropped together, and the
 * result does not depend on the order of removal; we still re-check the final set.
 */
export function minimalConditioning(g: ConcreteDag, vs: readonly string[], cs: readonly string[]): string[] {
  let keep = [...cs];
  for (const c of cs) {
    const rest = keep.filter((k) => k !== c);
    if (dSeparated(g, vs, [c], rest)) keep = rest;
  }
  const dropped = cs.filter((c) => !keep.includes(c));
  if (!dSeparated(g, vs, dropped, keep)) throw new Error('internal: minimal conditioning set failed its re-check');
  return keep;
}
