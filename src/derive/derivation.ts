// A derivation, written like a mathlib proof: a header (id, title, source
// with equation numbers), named assumptions, one strategy comment, then
// chains of justified steps. Assumptions are either parameter domains
// ('alpha_t in (0,1)') or definitions (abar_t := alpha_t * abar_tm1), which
// the checker substitutes into every step before deciding it.
import type { Node, SymNode } from '../expr/ast.js';
import { substitute } from '../expr/ast.js';
import type { Domain, Interval } from '../expr/domain.js';
import { intersect, isEmpty } from '../expr/domain.js';
import { lift, type NumericLike } from '../expr/build.js';
import { parseParam } from '../expr/params.js';
import type { Chain } from './calc.js';
import type { GeneralChain } from './general.js';
import type { SeedClaim } from './seed.js';

export interface Definition {
  readonly type: 'definition';
  readonly symbol: string;
  readonly value: Node;
}

/** `define(abar_t, mul(alpha_t, abar_tm1))`: abar_t stands for that expression. */
export function define(symbol: string | SymNode, value: NumericLike | Node): Definition {
  const name = typeof symbol === 'string' ? symbol : symbol.name;
  return { type: 'definition', symbol: name, value: typeof value === 'number' ? lift(value) : value };
}

export type Assumption = string | Definition;

export interface DerivationSpec {
  /** Stable dotted id: 'vdm.posterior'. */
  readonly id: string;
  readonly title: string;
  /** Paper and equation numbers: 'Luo 2022, eqs. 71–84'. */
  readonly source: string;
  /** Named assumptions: `hAlpha: 'alpha_t in (0,1)'`, `hAbar: define(abar_t, …)`. */
  readonly assumptions: Readonly<Record<string, Assumption>>;
  /** One comment: how the argument goes. */
  readonly strategy: string;
  /**
   * The argument, one or more chains: testbed chains (calc.ts, expressions of src/expr, decided
   * exactly or by Monte Carlo on the testbed) and chains in general (general.ts, expressions of the
   * calculus, decided for every density of the model class and every T).
   */
  readonly chains: readonly (Chain | GeneralChain)[];
  /**
   * The testbed the testbed chains are decided on (issue 10 item 6), as its module describes it
   * (e.g. `linearGaussian.testbed`); the parameter ranges are added from the assumptions. Without
   * one, a testbed step's scope is the parameter domain alone.
   */
  readonly testbed?: Testbed;
  /**
   * The claims of the seed (the user's notes) this derivation checks, for the seed audit
   * (scripts/seed-audit.ts); optional, ignored by the checker.
   */
  readonly seed?: readonly SeedClaim[];
}

/** A testbed, described by its module: what the model is, and its fixed sizes (T). */
export interface Testbed {
  readonly name: string;
  /** A few words for the line of each verdict: `proved on testbed: 1-D VP diffusion, T = 3`. */
  readonly short?: string;
}

export interface Derivation extends DerivationSpec {
  readonly type: 'derivation';
  readonly domain: Domain;
  /** Definitions in order, each already expanded in terms of earlier ones. */
  readonly definitions: ReadonlyMap<string, Node>;
}

export const isDerivation = (x: unknown): x is Derivation =>
  typeof x === 'object' && x !== null && (x as { type?: unknown }).type === 'derivation';

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$/;

export function derivation(spec: DerivationSpec): Derivation {
  if (!ID.test(spec.id)) throw new Error(`derivation id '${spec.id}' must be dotted kebab-case, like 'vdm.posterior'`);
  if (spec.chains.length === 0 || spec.chains.every((c) => c.steps.length === 0)) {
    throw new Error(`derivation ${spec.id} has no steps`);
  }
  const domain = new Map<string, Interval>();
  const definitions = new Map<string, Node>();
  for (const [name, a] of Object.entries(spec.assumptions)) {
    if (typeof a === 'string') {
      const decl = parseParam(a);
      const prev = domain.get(decl.name);
      const next = prev ? intersect(prev, decl.interval) : decl.interval;
      if (isEmpty(next)) throw new Error(`derivation ${spec.id}: assumption ${name} ('${a}') contradicts an earlier one`);
      domain.set(decl.name, next);
    } else {
      if (definitions.has(a.symbol)) throw new Error(`derivation ${spec.id}: ${a.symbol} is defined twice`);
      definitions.set(a.symbol, substitute(a.value, definitions));
    }
  }
  for (const s of definitions.keys()) {
    if (domain.has(s)) throw new Error(`derivation ${spec.id}: ${s} is both defined and given a domain`);
  }
  return { ...spec, type: 'derivation', domain, definitions };
}

/** Expands the derivation's definitions in an expression. */
export function expand(d: Derivation, node: Node): Node {
  return substitute(node, d.definitions);
}
