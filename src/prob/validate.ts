// Parameter constraints of the distribution families, checked where they can
// be: on literal parameters (a symbolic variance is constrained by its
// domain, which the caller declares). Errors read as the constraint they
// break, e.g. "variance must be > 0 (got -1)".
//
// Edge-case policy: a zero variance is rejected (N(m, 0) is a point mass with
// no density); U(a, a) is rejected (no density); a symbolic parameter passes.
import type { DistNode, Node } from '../expr/ast.js';
import { toMathjs } from '../expr/print-mathjs.js';

export class DistributionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DistributionError';
  }
}

/** The value of a literal parameter (a number node, or −number), else undefined. */
export function literalValue(x: Node): number | undefined {
  if (x.op === 'num') return Number(x.n) / Number(x.d);
  if (x.op === 'neg') {
    const v = literalValue(x.args[0]);
    return v === undefined ? undefined : -v;
  }
  return undefined;
}

/** Throws `${what} must be > 0` when x is a literal ≤ 0. */
export function requirePositive(x: Node, what: string): void {
  if (x.kind !== 'scalar') throw new DistributionError(`${what} must be a scalar, not a ${x.kind}`);
  const v = literalValue(x);
  if (v !== undefined && !(v > 0)) throw new DistributionError(`${what} must be > 0 (got ${toMathjs(x)})`);
}

/** Throws when x is a literal that is not a positive integer. */
export function requireDimension(x: Node): void {
  if (x.kind !== 'scalar') throw new DistributionError(`dimension must be a scalar, not a ${x.kind}`);
  const v = literalValue(x);
  if (v !== undefined && !(Number.isInteger(v) && v >= 1)) throw new DistributionError(`dimension must be a positive integer (got ${toMathjs(x)})`);
}

/** Checks arity and the literal constraints of a distribution's parameters. */
export function validateDist(d: DistNode): void {
  const arity = (ns: number[]) => {
    if (!ns.includes(d.args.length)) throw new DistributionError(`${d.family} takes ${ns.join(' or ')} parameters, not ${d.args.length}`);
  };
  for (const a of d.args) {
    if (a.kind !== 'scalar') throw new DistributionError(`the parameters of ${d.family} must be scalars, not ${a.kind}s`);
  }
  switch (d.family) {
    case 'N':
      arity([2, 3]);
      requirePositive(d.args[1], 'variance');
      if (d.args.length === 3) requireDimension(d.args[2]);
      return;
    case 'U': {
      arity([2]);
      const [a, b] = d.args.map(literalValue);
      if (a !== undefined && b !== undefined && !(b > a)) {
        throw new DistributionError(`U(a, b) needs a < b (got a = ${toMathjs(d.args[0])}, b = ${toMathjs(d.args[1])})`);
      }
      return;
    }
    case 'LogitNormal':
      arity([2]);
      requirePositive(d.args[1], 'the standard deviation s of LogitNormal(m, s)');
      return;
  }
}

/** A Gaussian's (mean, variance[, dim]), validated. */
export function gaussianParams(d: DistNode): { mean: Node; variance: Node; dim?: Node } {
  if (d.family !== 'N') throw new DistributionError(`expected a normal distribution N(mean, variance), got ${d.family}`);
  validateDist(d);
  return { mean: d.args[0], variance: d.args[1], dim: d.args[2] };
}
