// derivcheck eval "<expr>" --at "x=-1,y=1/2" [--json]
// Evaluates an expression at a point: exactly (a rational) where the point
// and the expression allow, otherwise in doubles with a rigorous error bound.
// This is what a refutation's "replay" line runs.
import { freeSymbols, hasExpectation } from '../expr/ast.js';
import { ParseError, parse } from '../expr/parse.js';
import { evalExact } from '../algebra/eval-exact.js';
import { evalWithBound } from '../algebra/eval-bound.js';
import { toNumber, type Rational } from '../expr/rational.js';
import { exactValue, formatNumber, formatRational } from '../derive/explain.js';
import { readArgs } from './args.js';
import { at, UsageError } from './usage-error.js';
import { jsonDocument } from './version.js';
import { didYouMean } from './suggest.js';

const OPTIONS = {
  at: { type: 'string', multiple: true },
  json: { type: 'boolean' },
} as const;

/** `x=-1, y=1/2, z=1e-3` (and repeated --at) as exact values; positions point into the text. */
export function readPoint(specs: readonly string[]): Map<string, Rational> {
  const point = new Map<string, Rational>();
  for (const spec of specs) {
    let offset = 0;
    for (const part of spec.split(',')) {
      const m = /^(\s*)([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(part);
      if (!m) throw at('eval: --at', spec, offset, "expected 'name=value', e.g. --at 'x=-1,y=1/2'");
      const value = exactValue(m[3]);
      if (!value || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?(\s*\/\s*\d+)?$/i.test(m[3])) {
        throw at('eval: --at', spec, offset + part.indexOf('=') + 1, `'${m[3]}' is not a number (write decimals, 1e-3, or fractions p/q)`);
      }
      if (point.has(m[2])) throw at('eval: --at', spec, offset + m[1].length, `'${m[2]}' is given twice`);
      point.set(m[2], value);
      offset += part.length + 1;
    }
  }
  return point;
}

export async function evalCommand(argv: string[]): Promise<number> {
  const { values, positionals } = readArgs('eval', argv, OPTIONS);
  if (positionals.length !== 1) throw new UsageError(`eval: expected one expression in quotes, e.g. derivcheck eval "sqrt(x^2) - x" --at "x=-1" (got ${positionals.length} arguments)`);
  const text = positionals[0];
  let node;
  try {
    node = parse(text);
  } catch (e) {
    if (e instanceof ParseError) throw at('eval', text, e.position, e.message);
    throw e;
  }
  if (hasExpectation(node)) throw new UsageError('eval: an expectation E[...] has no exact value at a point: estimate it with derivcheck mc');
  if (node.kind !== 'scalar') throw new UsageError(`eval: "${text}" must be a scalar expression, not a ${node.kind}`);
  const point = readPoint(values.at ?? []);
  const given = [...point.keys()];
  const used = freeSymbols(node);
  const unused = given.filter((g) => !used.has(g));
  for (const s of used) {
    // A name given but not used is likely this one misspelt.
    if (!point.has(s)) throw new UsageError(`eval: '${s}' has no value: add it to --at, e.g. --at '${s}=1'${didYouMean(s, unused).replace('did you mean', '--at gives')}`);
  }
  for (const name of unused) {
    if (!used.has(name)) process.stderr.write(`derivcheck eval: warning: --at gives ${name}, which the expression does not use\n`);
  }
  const env = Object.fromEntries(point);
  const exact = evalExact(node, env);
  if (exact) {
    const approx = toNumber(exact);
    const shown = formatRational(exact);
    if (values.json) process.stdout.write(JSON.stringify(jsonDocument({ expr: text, value: shown, exact: true, approx })) + '\n');
    else process.stdout.write(`${shown}${shown.includes('/') ? `  (≈ ${formatNumber(approx)})` : ''}\n`);
    return 0;
  }
  const { value, bound } = evalWithBound(node, Object.fromEntries([...point].map(([k, v]) => [k, toNumber(v)])));
  if (!Number.isFinite(value)) {
    const why = 'not defined at this point (a division by zero, the root or logarithm of a negative number, or an overflow)';
    if (values.json) process.stdout.write(JSON.stringify(jsonDocument({ expr: text, value: null, exact: false, reason: why })) + '\n');
    else process.stdout.write(`${why}\n`);
    return 3;
  }
  if (values.json) process.stdout.write(JSON.stringify(jsonDocument({ expr: text, value, exact: false, bound })) + '\n');
  else process.stdout.write(`≈ ${formatNumber(value)}  (double arithmetic, |error| ≤ ${bound.toPrecision(2)})\n`);
  return 0;
}
