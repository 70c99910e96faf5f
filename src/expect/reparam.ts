// Reparameterization (rule id `reparameterization`) for the Monte Carlo
// engine, whose distributions may depend on parameters only. A random
// variable whose distribution depends on an earlier one is rewritten as a
// function of standard noise with the same law, by its family's `reparam`
// (src/expr/families/):
//
//   x ~ N(m, v)[, d]        ↦  x = m + √v · ε,             ε ~ N(0, 1)[, d]
//   x ~ U(a, b)             ↦  x = a + (b − a) · u,         u ~ U(0, 1)
//   x ~ LogitNormal(m, s)   ↦  x = sigmoid(m + s · ε),      ε ~ N(0, 1)
//
// Each is an identity in law given the earlier variables, so the expectation
// is unchanged. A dimension must not depend on a random variable.
import type { Binding, DistNode, Node } from '../expr/ast.js';
import { freeSymbols, substitute } from '../expr/ast.js';
import { drawDimension, family, standardNoise } from '../expr/families/index.js';
import { symNode } from '../expr/node.js';
import { freshName } from '../expr/names.js';

export class ReparamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReparamError';
  }
}

export interface Reparameterized {
  readonly integrand: Node;
  readonly random: Binding[];
  /** Names of the variables that were rewritten. */
  readonly rewritten: string[];
}

/**
 * Rewrites dependent bindings as functions of standard noise. `reserved`
 * holds names that must not be reused (every symbol of the claim).
 */
export function reparameterize(body: Node, over: readonly Binding[], reserved: ReadonlySet<string>): Reparameterized {
  const used = new Set([...reserved, ...over.map((b) => b.name)]);
  const map = new Map<string, Node>();
  const random: Binding[] = [];
  const rewritten: string[] = [];
  const isRandom = (s: string) => random.some((r) => r.name === s);
  for (const b of over) {
    const d = substitute(b.dist, map) as DistNode;
    if (![...freeSymbols(d)].some(isRandom)) {
      random.push({ name: b.name, dist: d });
      continue;
    }
    rewritten.push(b.name);
    const dim = drawDimension(d);
    if (dim && [...freeSymbols(dim)].some(isRandom)) {
      throw new ReparamError(`the dimension of ${b.name} depends on a random variable`);
    }
    const { noise, value } = family(d.family).reparam;
    const eps = freshName(`${b.name}_std`, used);
    random.push({ name: eps, dist: standardNoise(noise, dim) });
    map.set(b.name, value(d.args, symNode(eps, dim ? 'vector' : 'scalar')));
  }
  return { integrand: substitute(body, map), random, rewritten };
}
