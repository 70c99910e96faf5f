// Reparameterization (rule id `reparameterization`) for the Monte Carlo
// engine, whose distributions may depend on parameters only. A random
// variable whose distribution depends on an earlier one is rewritten as a
// function of standard noise with the same law:
//
//   x ~ N(m, v)[, d]        ↦  x = m + √v · ε,             ε ~ N(0, 1)[, d]
//   x ~ U(a, b)             ↦  x = a + (b − a) · u,         u ~ U(0, 1)
//   x ~ LogitNormal(m, s)   ↦  x = sigmoid(m + s · ε),      ε ~ N(0, 1)
//
// Each is an identity in law given the earlier variables, so the expectation
// is unchanged. A dimension must not depend on a random variable.
import type { Binding, DistNode, Node } from '../expr/ast.js';
import { freeSymbols, substitute } from '../expr/ast.js';

export class ReparamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReparamError';
  }
}

const num = (n: bigint): Node => ({ op: 'num', kind: 'scalar', n, d: 1n });
const add = (a: Node, b: Node): Node => ({ op: 'add', kind: a.kind === 'vector' || b.kind === 'vector' ? 'vector' : 'scalar', args: [a, b] });
const mul = (a: Node, b: Node): Node => ({ op: 'mul', kind: a.kind === 'vector' || b.kind === 'vector' ? 'vector' : 'scalar', args: [a, b] });
const sub = (a: Node, b: Node): Node => add(a, { op: 'neg', kind: b.kind, args: [b] });
const fn = (name: 'sqrt' | 'sigmoid', x: Node): Node => ({ op: 'call', kind: x.kind, fn: name, args: [x] });
const dist = (family: DistNode['family'], args: Node[]): DistNode => ({ op: 'dist', kind: 'dist', family, args });

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
  const fresh = (base: string) => {
    let name = `${base}_std`;
    for (let i = 2; used.has(name); i++) name = `${base}_std${i}`;
    used.add(name);
    return name;
  };
  const map = new Map<string, Node>();
  const random: Binding[] = [];
  const rewritten: string[] = [];
  for (const b of over) {
    const d = substitute(b.dist, map) as DistNode;
    const deps = [...freeSymbols(d)].filter((s) => random.some((r) => r.name === s));
    if (deps.length === 0) {
      random.push({ name: b.name, dist: d });
      continue;
    }
    rewritten.push(b.name);
    const [p, q, dim] = d.args;
    const eps = fresh(b.name);
    switch (d.family) {
      case 'N': {
        if (dim && [...freeSymbols(dim)].some((s) => random.some((r) => r.name === s))) {
          throw new ReparamError(`the dimension of ${b.name} depends on a random variable`);
        }
        random.push({ name: eps, dist: dist('N', dim ? [num(0n), num(1n), dim] : [num(0n), num(1n)]) });
        map.set(b.name, add(p, mul(fn('sqrt', q), { op: 'sym', kind: dim ? 'vector' : 'scalar', name: eps })));
        break;
      }
      case 'U':
        random.push({ name: eps, dist: dist('U', [num(0n), num(1n)]) });
        map.set(b.name, add(p, mul(sub(q, p), { op: 'sym', kind: 'scalar', name: eps })));
        break;
      case 'LogitNormal':
        random.push({ name: eps, dist: dist('N', [num(0n), num(1n)]) });
        map.set(b.name, fn('sigmoid', add(p, mul(q, { op: 'sym', kind: 'scalar', name: eps }))));
        break;
    }
  }
  return { integrand: substitute(body, map), random, rewritten };
}
