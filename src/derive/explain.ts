// What a refutation shows, so that a failure explains itself: both sides at
// the point, lhs − rhs at the point and in normal form (which often says at
// once what is wrong: `(a^2 - s^2)*x0 + (2*a*s - 1)*eps`), the values of the
// derivation's definitions there, and a command that replays it. Numbers are
// exact rationals where the point and the expression allow, otherwise the
// shortest decimal that reads back as the same double.
import type { Node } from '../expr/ast.js';
import { freeSymbols, hasExpectation } from '../expr/ast.js';
import type { Domain } from '../expr/domain.js';
import { sub, type NumericLike } from '../expr/build.js';
import { toMathjs, toText } from '../expr/print-mathjs.js';
import { fromNumber, parseDecimal, rational, sub as subQ, toNumber, toString, type Rational } from '../expr/rational.js';
import { evalExact } from '../algebra/eval-exact.js';
import { evalFloat } from '../algebra/eval-float.js';
import { difference } from '../algebra/difference.js';
import { frfNode } from '../algebra/to-node.js';
import type { Counterexample, Params } from '../verdict.js';
import { groupBySymbol } from './group-terms.js';

export interface Explanation {
  /** The point, as `derivcheck eval --at` reads it: 'x=-1,y=1/2'. */
  readonly at: string;
  readonly lhs: string;
  readonly rhs: string;
  readonly difference: string;
  /** True when the three values above are exact rationals. */
  readonly exact: boolean;
  /** lhs − rhs in the exact core's normal form (absent where it has none: expectations, unsupported functions). */
  readonly normalForm?: string;
  /** Each definition's value at the point, in order. */
  readonly definitions: readonly { readonly name: string; readonly value: string }[];
  /** A command that evaluates lhs − rhs at the point. */
  readonly replay?: string;
}

/** The shortest decimal that reads back as x (JavaScript's own), with -0 kept. */
export function formatNumber(x: number): string {
  if (Object.is(x, -0)) return '-0';
  return String(x);
}

/** A point's value as an exact rational: 'p/q' strings exactly, doubles as the exact value they hold. */
export function exactValue(v: number | string): Rational | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? fromNumber(v) : undefined;
  const frac = /^\s*([+-]?\d+)\s*\/\s*(\d+)\s*$/.exec(v);
  if (frac) return BigInt(frac[2]) === 0n ? undefined : rational(BigInt(frac[1]), BigInt(frac[2]));
  return parseDecimal(v.trim());
}

/** A rational as the shortest exact text: an integer, a short decimal (0.25), or p/q. */
export function formatRational(r: Rational): string {
  if (r.d === 1n) return `${r.n}`;
  // A terminating decimal of at most 12 digits after the point reads better than p/q.
  let d = r.d;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) [d, twos] = [d / 2n, twos + 1];
  while (d % 5n === 0n) [d, fives] = [d / 5n, fives + 1];
  const digits = Math.max(twos, fives);
  if (d === 1n && digits <= 12) {
    const scaled = (r.n < 0n ? -r.n : r.n) * 10n ** BigInt(digits) / r.d;
    const s = scaled.toString().padStart(digits + 1, '0');
    return `${r.n < 0n ? '-' : ''}${s.slice(0, -digits)}.${s.slice(-digits)}`;
  }
  return toString(r);
}

/** The point in `--at` syntax, exact values as p/q. */
export function formatPoint(params: Params): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? formatNumber(v) : v}`)
    .join(',');
}

/** A string as one shell word (single-quoted, quotes inside escaped). */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=,@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Longest expression put into a replay command; beyond it the command would not be read. */
const MAX_REPLAY = 2000;

/**
 * Explains a counterexample of `lhs rel rhs` (the sides as written, before
 * the definitions are substituted: `definitions` does that).
 */
export function explainCounterexample(
  lhs: Node,
  rhs: Node,
  domain: Domain,
  definitions: ReadonlyMap<string, Node>,
  c: Counterexample,
  expand: (n: Node) => Node = (n) => n,
): Explanation {
  const L = expand(lhs);
  const R = expand(rhs);
  const env: Record<string, Rational> = {};
  const fenv: Record<string, number> = {};
  let allExact = true;
  for (const [k, v] of Object.entries(c.params)) {
    const q = exactValue(v);
    if (q) env[k] = q;
    else allExact = false;
    fenv[k] = typeof v === 'number' ? v : q ? toNumber(q) : NaN;
  }
  const symbolic = !hasExpectation(L) && !hasExpectation(R);
  let values: { lhs: string; rhs: string; difference: string; exact: boolean } = {
    lhs: formatNumber(c.lhs),
    rhs: formatNumber(c.rhs),
    difference: formatNumber(c.difference),
    exact: false,
  };
  if (symbolic && allExact) {
    const [a, b] = [evalExact(L, env), evalExact(R, env)];
    if (a && b) values = { lhs: formatRational(a), rhs: formatRational(b), difference: formatRational(subQ(a, b)), exact: true };
  }
  const diff = sub(L as NumericLike, R as NumericLike);
  let normalForm: string | undefined;
  if (symbolic) {
    const d = difference(L, R, domain);
    // Grouped by the factors terms share: (2as − 1)·eps + (a² − s²)·x0 rather than the expanded sum.
    if (!('error' in d)) normalForm = toText(groupBySymbol(frfNode(d.ring.atoms, d.form)));
  }
  const defs: { name: string; value: string }[] = [];
  for (const [name, node] of definitions) {
    if (hasExpectation(node) || [...freeSymbols(node)].some((s) => !(s in fenv))) continue;
    const q = allExact ? evalExact(node, env) : undefined;
    defs.push({ name, value: q ? formatRational(q) : formatNumber(evalFloat(node, fenv)) });
  }
  const at = formatPoint(c.params);
  const expr = toMathjs(diff);
  const replay = symbolic && expr.length <= MAX_REPLAY ? `derivcheck eval ${shellQuote(expr)}${at ? ` --at ${shellQuote(at)}` : ''}` : undefined;
  return { at, ...values, ...(normalForm !== undefined ? { normalForm } : {}), definitions: defs, ...(replay ? { replay } : {}) };
}

/** The explanation as indented lines for a terminal or a test failure. */
export function explanationLines(e: Explanation, indent = '  '): string[] {
  const lines = [
    `${indent}at         ${e.at || '(no parameters)'}`,
    `${indent}lhs        ${e.lhs}`,
    `${indent}rhs        ${e.rhs}`,
    `${indent}lhs − rhs  ${e.difference}${e.exact ? ' (exact)' : ''}`,
  ];
  if (e.normalForm !== undefined) lines.push(`${indent}lhs − rhs = ${e.normalForm}   (normal form, for all values)`);
  if (e.definitions.length) lines.push(`${indent}where      ${e.definitions.map((d) => `${d.name} = ${d.value}`).join(', ')}`);
  if (e.replay) lines.push(`${indent}replay     ${e.replay}`);
  return lines;
}
