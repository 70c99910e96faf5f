// Parameter constraints of the distribution families, checked where they can
// be: on literal parameters (a symbolic variance is constrained by its
// domain, which the caller declares). Errors read as the constraint they
// break, e.g. "variance must be > 0 (got -1)".
//
// Edge-case policy: a zero variance is rejected (N(m, 0) is a point mass with
// no density); U(a, a) is rejected (no density); a symbolic parameter passes.
import { BadInput } from '../errors.js';
import type { DistNode, Node } from '../expr/ast.js';
import { freeSymbols } from '../expr/ast.js';
import { toMathjs } from '../expr/print-mathjs.js';
import { drawDimension, familyOf, literalValue } from '../expr/families/index.js';
import { requireDimensionLiteral, requirePositiveLiteral } from '../expr/families/normal.js';

export { drawDimension as drawDim };

export class DistributionError extends BadInput {
  constructor(message: string) {
    super(message);
    this.name = 'DistributionError';
  }
}

export { literalValue };

const fail = (message: string): never => {
  throw new DistributionError(message);
};

/** Throws `${what} must be > 0` when x is a literal ≤ 0. */
export const requirePositive = (x: Node, what: string): void => requirePositiveLiteral(x, what, fail);

/** Throws when x is a literal that is not a positive integer. */
export const requireDimension = (x: Node): void => requireDimensionLiteral(x, fail);

/** Checks arity and the literal constraints of a distribution's parameters (the family's own checks). */
export function validateDist(d: DistNode): void {
  const f = familyOf(d.family);
  if (!f) throw new DistributionError(`unknown distribution family ${String(d.family).slice(0, 40)}`);
  if (!f.arity.includes(d.args.length)) throw new DistributionError(`${d.family} takes ${f.arity.join(' or ')} parameters, not ${d.args.length}`);
  for (const a of d.args) {
    if (a.kind !== 'scalar') throw new DistributionError(`the parameters of ${d.family} must be scalars, not ${a.kind}s`);
  }
  f.checkLiterals(d.args, fail);
}

/** A Gaussian's (mean, variance[, dim]), validated. */
export function gaussianParams(d: DistNode): { mean: Node; variance: Node; dim?: Node } {
  if (d.family !== 'N') throw new DistributionError(`expected a normal distribution N(mean, variance), got ${d.family}`);
  validateDist(d);
  return { mean: d.args[0], variance: d.args[1], dim: d.args[2] };
}

/**
 * The declarations in an order where each distribution depends only on
 * earlier ones (stable: the declared order wherever it already is one).
 * A distribution that uses its own variable (x ~ N(x, 1)) or a cycle
 * (x ~ N(y, 1), y ~ N(x, 1)) defines no joint distribution: DistributionError.
 */
export function orderBindings<B extends { readonly name: string; readonly dist: DistNode }>(bindings: readonly B[]): B[] {
  const names = new Set(bindings.map((b) => b.name));
  const uses = new Map(bindings.map((b) => [b.name, [...freeSymbols(b.dist)].filter((s) => names.has(s))]));
  for (const b of bindings) {
    if (uses.get(b.name)!.includes(b.name)) {
      throw new DistributionError(`${b.name} ~ ${toMathjs(b.dist)}: the distribution of ${b.name} cannot depend on ${b.name} itself`);
    }
  }
  const out: B[] = [];
  const done = new Set<string>();
  // Kahn's algorithm, always taking the earliest declared ready variable.
  while (out.length < bindings.length) {
    const ready = bindings.find((b) => !done.has(b.name) && uses.get(b.name)!.every((u) => done.has(u)));
    if (!ready) {
      const left = bindings.filter((b) => !done.has(b.name));
      const cycle = findCycle(left.map((b) => b.name), (n) => uses.get(n)!.filter((u) => !done.has(u)));
      const byName = new Map(bindings.map((b) => [b.name, b]));
      const shown = cycle.map((n) => `${n} ~ ${toMathjs(byName.get(n)!.dist)}`).join(', ');
      throw new DistributionError(`the random variables ${cycle.join(', ')} depend on each other in a cycle (${shown}): declare each from earlier ones only`);
    }
    out.push(ready);
    done.add(ready.name);
  }
  return out;
}

/** One cycle of the graph restricted to `nodes` (which has no source-free order). */
function findCycle(nodes: readonly string[], next: (n: string) => readonly string[]): string[] {
  const path: string[] = [];
  const onPath = new Set<string>();
  let n = nodes[0];
  // Every node left has an unfinished dependency, so walking always continues; it must repeat.
  while (!onPath.has(n)) {
    path.push(n);
    onPath.add(n);
    n = next(n)[0];
  }
  return path.slice(path.indexOf(n));
}

/**
 * The dimension of every vector in an expression is consistent: vectors that
 * are added, multiplied, compared or dotted have the same dimension. A
 * dimension is known from the declaration of a vector random variable
 * (N(m, v, d)); literal dimensions must be equal, symbolic ones the same
 * expression. Vectors of unknown dimension (non-random vector symbols) pass.
 * Checked on every path (closed form and Monte Carlo alike), since an
 * expectation computed in closed form never looks at the dimensions.
 */
export function checkDimensions(node: Node): void {
  dimOf(node, new Map());
}

type Dim = Node | undefined;

const dimText = (d: Node): string => toMathjs(d);
const sameDim = (a: Node, b: Node): boolean => {
  const x = literalValue(a);
  const y = literalValue(b);
  return x !== undefined && y !== undefined ? x === y : dimText(a) === dimText(b);
};

function dimOf(node: Node, scope: ReadonlyMap<string, Dim>): Dim {
  const join = (args: readonly Node[], what: string, s: ReadonlyMap<string, Dim> = scope): Dim => {
    let dim: Dim;
    let first: Node | undefined;
    for (const a of args) {
      const d = dimOf(a, s);
      if (a.kind !== 'vector' || !d) continue;
      if (dim && !sameDim(dim, d)) {
        throw new DistributionError(`${what} combines vectors of different dimensions: ${toMathjs(first!)} has dimension ${dimText(dim)}, ${toMathjs(a)} has ${dimText(d)}`);
      }
      if (!dim) {
        dim = d;
        first = a;
      }
    }
    return dim;
  };
  switch (node.op) {
    case 'sym':
      return node.kind === 'vector' ? scope.get(node.name) : undefined;
    case 'E': {
      const inner = new Map(scope);
      for (const b of node.over) {
        dimOf(b.dist, inner);
        inner.set(b.name, drawDimension(b.dist));
      }
      return dimOf(node.args[0], inner);
    }
    case 'dist':
      // Parameters are scalars; a nested expectation inside one is still checked.
      for (const a of node.args) dimOf(a, scope);
      return undefined;
    default: {
      if (!('args' in node)) return undefined;
      const label = node.op === 'call' ? `${node.fn}(…)` : node.op === 'rel' ? `the relation` : `'${node.op}'`;
      const d = join(node.args, label);
      return node.kind === 'vector' ? d : undefined;
    }
  }
}
