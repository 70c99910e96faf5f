// The kind rules, in one place: the builders (compile-time kinds) and the
// parser (run-time kinds) both ask here, so a claim typed as text obeys
// exactly the rules a derivation written in TypeScript does.
import { BadInput } from '../errors.js';
import type { FnName, Kind, Rel } from './ast.js';
import { BINARY_FUNCTIONS, DIST_HEADS, UNARY_FUNCTIONS, VECTOR_REDUCTIONS } from './ast.js';
import { familyOf } from './families/registry.js';
import { fnOf } from './functions/index.js';

export class KindError extends BadInput {
  constructor(message: string) {
    super(message);
    this.name = 'KindError';
  }
}

const numeric = (k: Kind): k is 'scalar' | 'vector' => k === 'scalar' || k === 'vector';

/** a + b, a - b: scalar+scalar, vector+vector, and scalar+vector broadcast. */
export function kindOfSum(kinds: readonly Kind[]): 'scalar' | 'vector' {
  for (const k of kinds) {
    if (!numeric(k)) throw new KindError(`cannot add or subtract a ${k}`);
  }
  return kinds.includes('vector') ? 'vector' : 'scalar';
}

/** a * b, a / b: elementwise, scalars broadcast. */
export function kindOfProduct(kinds: readonly Kind[]): 'scalar' | 'vector' {
  for (const k of kinds) {
    if (!numeric(k)) throw new KindError(`cannot multiply or divide a ${k}`);
  }
  return kinds.includes('vector') ? 'vector' : 'scalar';
}

/** a ^ b: elementwise power with a scalar exponent. */
export function kindOfPower(base: Kind, exponent: Kind): 'scalar' | 'vector' {
  if (!numeric(base)) throw new KindError(`cannot raise a ${base} to a power`);
  if (exponent !== 'scalar') throw new KindError(`an exponent must be a scalar, not a ${exponent}`);
  return base;
}

export function kindOfNeg(k: Kind): 'scalar' | 'vector' {
  if (!numeric(k)) throw new KindError(`cannot negate a ${k}`);
  return k;
}

export function isFunctionName(name: string): name is FnName {
  return (
    fnOf(name) !== undefined ||
    (VECTOR_REDUCTIONS as readonly string[]).includes(name) ||
    (DIST_HEADS as readonly string[]).includes(name)
  );
}

/** The kind of fn(args), or a KindError that names what is wrong. */
export function kindOfCall(fn: FnName, kinds: readonly Kind[]): Kind {
  const arity = (n: number) => {
    if (kinds.length !== n) throw new KindError(`${fn} takes ${n} argument${n === 1 ? '' : 's'}, not ${kinds.length}`);
  };
  const f = fnOf(fn);
  if (f?.arity === 1) {
    arity(1);
    if (!numeric(kinds[0])) throw new KindError(`${fn} takes a scalar or a vector, not a ${kinds[0]}`);
    return kinds[0];
  }
  if (f?.arity === 2) {
    arity(2);
    return kindOfProduct(kinds);
  }
  switch (fn) {
    case 'dot':
      arity(2);
      if (kinds[0] !== 'vector' || kinds[1] !== 'vector') throw new KindError('dot takes two vectors');
      return 'scalar';
    case 'norm2':
    case 'sum':
      arity(1);
      if (kinds[0] !== 'vector') throw new KindError(`${fn} takes a vector, not a ${kinds[0]}`);
      return 'scalar';
    case 'KL':
      arity(2);
      if (kinds[0] !== 'dist' || kinds[1] !== 'dist') throw new KindError('KL takes two distributions');
      return 'scalar';
    case 'logpdf':
      arity(2);
      if (kinds[0] !== 'dist' || !numeric(kinds[1])) throw new KindError('logpdf takes a distribution and a point');
      return 'scalar';
  }
  throw new KindError(`unknown function ${fn}`);
}

/** a = b, a <= b, a >= b: same kinds on both sides; only scalars are ordered. */
export function kindOfRelation(rel: Rel, a: Kind, b: Kind): 'bool' {
  if (a !== b) throw new KindError(`cannot compare a ${a} with a ${b}`);
  if (rel !== '=' && a !== 'scalar') throw new KindError(`only scalars can be ordered, not ${a}s`);
  if (a !== 'scalar' && a !== 'vector') throw new KindError(`cannot compare ${a}s`);
  return 'bool';
}

/** E[body]: the body is a scalar or a vector, and so is the expectation. */
export function kindOfExpectation(body: Kind): 'scalar' | 'vector' {
  if (!numeric(body)) throw new KindError(`E[...] takes a scalar or a vector, not a ${body}`);
  return body;
}

/** A distribution family's parameter (each must be a scalar). */
export function checkDistParam(family: string, k: Kind): void {
  if (k !== 'scalar') throw new KindError(`the parameters of ${family} must be scalars, not ${k}s`);
}

/** The number of arguments of a family (the registry's arity). */
export function checkDistArity(family: string, n: number): void {
  const f = familyOf(family);
  if (!f) throw new KindError(`unknown distribution family ${String(family).slice(0, 40)}`);
  if (!f.arity.includes(n)) throw new KindError(`${family} takes ${f.arity.join(' or ')} arguments, not ${n}`);
}

/** family(args): a known family, its arity, scalar parameters. */
export function kindOfDist(family: string, kinds: readonly Kind[]): 'dist' {
  checkDistArity(family, kinds.length);
  for (const k of kinds) checkDistParam(family, k);
  return 'dist';
}

/** The kind of the values `name ~ family(args)` draws: a vector exactly when the family's dimension argument is present. */
export function kindOfDraw(family: string, nargs: number): 'scalar' | 'vector' {
  const f = familyOf(family);
  return f?.dimArg !== undefined && nargs > f.dimArg ? 'vector' : 'scalar';
}
