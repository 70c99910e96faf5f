// Names: one rule for fresh ones, one walker for the symbols of a tree.
import type { Node, SymNode } from './ast.js';
import { children } from './ast.js';

/**
 * A fresh name, reserved in `used` once returned. Without `first`: `base`
 * when it is free, else base2, base3, …; with it: base<first>, base<first+1>, …
 * (mc__0, mc__1, … for numbered placeholders).
 */
export function freshName(base: string, used: Set<string>, first?: number): string {
  let i = first ?? 1;
  let name = first === undefined ? base : `${base}${i}`;
  while (used.has(name)) name = `${base}${++i}`;
  used.add(name);
  return name;
}

const NONE: ReadonlySet<string> = new Set();

/**
 * The one walk over a tree's symbols: `onSym` sees every symbol occurrence
 * with the names bound around it (an E's bindings, in order: a later draw's
 * distribution sees the earlier draws as bound), `onBind` every bound name.
 * `seen`: subtrees already walked with nothing bound are skipped (trees from
 * the algebra share subtrees; each is then walked once).
 */
export function walkSymbols(
  node: Node,
  onSym: (s: SymNode, bound: ReadonlySet<string>) => void,
  onBind?: (name: string) => void,
  bound: ReadonlySet<string> = NONE,
  seen?: Set<Node>,
): void {
  if (node.op === 'sym') {
    onSym(node, bound);
    return;
  }
  if (node.op === 'E') {
    const inner = new Set(bound);
    for (const b of node.over) {
      walkSymbols(b.dist, onSym, onBind, inner, seen);
      onBind?.(b.name);
      inner.add(b.name);
    }
    walkSymbols(node.args[0], onSym, onBind, inner, seen);
    return;
  }
  if (seen && bound.size === 0) {
    if (seen.has(node)) return;
    seen.add(node);
  }
  for (const c of children(node)) walkSymbols(c, onSym, onBind, bound, seen);
}

/** Every name in the tree, free or bound: the names a fresh one must keep clear of. */
export function allNames(node: Node, out: Set<string> = new Set()): Set<string> {
  walkSymbols(node, (s) => out.add(s.name), (name) => out.add(name));
  return out;
}

/** Free symbols with their kinds. */
export function freeKinds(node: Node, out: Map<string, string> = new Map()): Map<string, string> {
  walkSymbols(node, (s, bound) => {
    if (!bound.has(s.name)) out.set(s.name, s.kind);
  });
  return out;
}
