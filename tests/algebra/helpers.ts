// Shared helpers for the algebra tests: claims from text, domains from
// interval strings, and checks that a counterexample lies inside its domain.
import type { Rel } from '../../src/expr/ast.js';
import { contains, domainOf, type Domain } from '../../src/expr/domain.js';
import { parse } from '../../src/expr/parse.js';
import { parseDecimal, toNumber } from '../../src/expr/rational.js';
import { decide, type DecideOptions } from '../../src/algebra/index.js';
import type { Verdict } from '../../src/verdict.js';
import { parseInterval } from '../../scripts/algebra-corpus.js';

export const dom = (params: Record<string, string> = {}): Domain =>
  new Map(Object.entries(params).map(([k, v]) => [k, parseInterval(v)]));

export function check(lhs: string, rel: Rel, rhs: string, params: Record<string, string> = {}, opts?: DecideOptions): Verdict {
  return decide(parse(lhs), rel, parse(rhs), dom(params), opts);
}

/** A parameter value of a counterexample ("p/q" or a number) as a double. */
export function valueOf(v: number | string): number {
  if (typeof v === 'number') return v;
  const m = /^(-?\d+)\/(\d+)$/.exec(v);
  if (m) return toNumber({ n: BigInt(m[1]), d: BigInt(m[2]) });
  const r = parseDecimal(v);
  if (!r) throw new Error(`not a value: ${v}`);
  return toNumber(r);
}

/** Every parameter of the counterexample lies in its interval. */
export function insideDomain(v: Verdict, domain: Domain): boolean {
  if (v.verdict !== 'refuted') return false;
  return Object.entries(v.counterexample.params).every(([k, x]) => contains(domainOf(domain, k), valueOf(x)));
}
