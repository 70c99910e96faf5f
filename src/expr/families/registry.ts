// The table of distribution families: the built-in ones and those a user
// registers (`registerFamily`, exported from the library). Everything that
// needs to know a family (parser, builders, kinds, closed forms, Monte Carlo)
// looks it up here by name.
//
// The built-in families are added on the first lookup, not at import: the
// family modules build nodes with node.ts, whose kind rules look families up
// here, so a module-load-time table would depend on import order.
import type { DistNode, Node } from '../ast.js';
import { KindError } from '../kinds.js';
import { distNode } from '../node.js';
import type { Family } from './family.js';
import { logitNormalFamily } from './logit-normal.js';
import { normalFamily } from './normal.js';
import { uniformFamily } from './uniform.js';

let table: Map<string, Family> | undefined;

function families(): Map<string, Family> {
  table ??= new Map([normalFamily, uniformFamily, logitNormalFamily].map((f) => [f.name, f]));
  return table;
}

/** The family of that name, or undefined. */
export const familyOf = (name: string): Family | undefined => families().get(name);

/** The family of that name; a KindError when there is none. */
export function family(name: string): Family {
  const f = familyOf(name);
  if (!f) throw new KindError(`unknown distribution family ${String(name).slice(0, 40)}`);
  return f;
}

/** The dimension argument of a vector draw (N(m, v, d): d), else undefined: a draw is a vector exactly when it is present. */
export function drawDimension(d: DistNode): Node | undefined {
  const i = familyOf(d.family)?.dimArg;
  return i === undefined ? undefined : d.args[i];
}

export const isFamilyName = (name: string): boolean => families().has(name);

/** The names of every family, built-in first. */
export const familyNames = (): string[] => [...families().keys()];

const NAME = /^[A-Z][A-Za-z0-9]*$/;

/**
 * Adds a family to the table (for the claim language, the builders, the
 * closed forms and Monte Carlo alike). Its name must be a capitalized
 * identifier not yet taken; registering the same object twice is a no-op.
 * Returns a builder for its distributions.
 */
export function registerFamily(f: Family): (...args: Node[]) => DistNode {
  if (!NAME.test(f.name)) throw new KindError(`a family name is a capitalized identifier, not ${JSON.stringify(f.name)}`);
  if (f.name === 'E') throw new KindError("'E' is the expectation, not a family name");
  const old = familyOf(f.name);
  if (old && old !== f) throw new KindError(`the distribution family ${f.name} is already registered`);
  if (f.arity.length === 0 || f.arity.some((n) => !Number.isInteger(n) || n < 0)) throw new KindError(`${f.name}: arity must list argument counts`);
  // The kernels draw vectors componentwise from Gaussians, affinely.
  if (f.dimArg !== undefined && (f.reparam.noise !== 'gaussian' || (f.sampler && (f.sampler.noise !== 'gaussian' || f.sampler.link !== 'identity')))) {
    throw new KindError(`${f.name}: a vector family draws A + B·ε from Gaussian noise`);
  }
  families().set(f.name, f);
  return (...args) => distNode(f.name, args);
}

/** Removes a family a user registered (for tests); built-in families stay. */
export function unregisterFamily(name: string): void {
  if ([normalFamily, uniformFamily, logitNormalFamily].some((f) => f.name === name)) throw new KindError(`${name} is built in`);
  families().delete(name);
}
