// The evaluators agree: exact rationals, doubles, and doubles with an error
// bound; and the bound covers the error against exact values and against
// 40-digit values computed by SymPy (tests/fixtures/algebra-values.json,
// made by scripts/algebra_values_sympy.py).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Node } from '../../src/expr/ast.js';
import { parse } from '../../src/expr/parse.js';
import { fromNumber, toNumber, type Rational } from '../../src/expr/rational.js';
import { evalExact, evalFloat, evalWithBound } from '../../src/algebra/index.js';
import { loadCorpus } from '../../scripts/algebra-corpus.js';
import { rationalExpr, SYMBOLS } from './arbitrary.js';

/** Dyadic points (exact doubles), so doubles and rationals see the same input. */
const dyadicPoint = fc.tuple(...SYMBOLS.map(() => fc.integer({ min: -4096, max: 4096 }))).map((ks) =>
  Object.fromEntries(SYMBOLS.map((n, i) => [n, ks[i] / 256])),
);

const exactEnv = (p: Record<string, number>): Record<string, Rational> =>
  Object.fromEntries(Object.entries(p).map(([k, v]) => [k, fromNumber(v)]));

describe('evaluation', () => {
  it('exact evaluation agrees with double evaluation within the running error bound', () => {
    fc.assert(
      fc.property(rationalExpr, dyadicPoint, (e: Node, p) => {
        const exact = evalExact(e, exactEnv(p));
        const { value, bound } = evalWithBound(e, p);
        if (!exact || !Number.isFinite(value) || !Number.isFinite(bound)) return true;
        // toNumber(exact) is itself rounded: half an ulp of slack.
        const x = toNumber(exact);
        return Math.abs(value - x) <= bound + Math.abs(x) * 2 ** -52;
      }),
      { seed: 21, numRuns: 3000 },
    );
  });

  it('evalFloat and evalWithBound compute the same double', () => {
    fc.assert(
      fc.property(rationalExpr, dyadicPoint, (e: Node, p) => Object.is(evalFloat(e, p), evalWithBound(e, p).value)),
      { seed: 22, numRuns: 1000 },
    );
  });

  it('exact special values: sqrt(9/4) = 3/2, 8^(2/3) = 4, exp(0) = 1, log(1) = 0, sigmoid(0) = 1/2', () => {
    const at = (s: string) => evalExact(parse(s), {});
    expect(at('sqrt(9/4)')).toEqual({ n: 3n, d: 2n });
    expect(at('8^(2/3)')).toEqual({ n: 4n, d: 1n });
    expect(at('exp(0)')).toEqual({ n: 1n, d: 1n });
    expect(at('log(1)')).toEqual({ n: 0n, d: 1n });
    expect(at('sigmoid(0)')).toEqual({ n: 1n, d: 2n });
    expect(at('0.1 + 0.2')).toEqual({ n: 3n, d: 10n });
  });

  it('no exact value where it is not rational or not defined: sqrt(2), exp(1), pi, 1/0, sqrt(−1), log(0)', () => {
    for (const s of ['sqrt(2)', 'exp(1)', 'pi', '1/0', 'sqrt(-1)', 'log(0)', '(-8)^(1/3)']) expect(evalExact(parse(s), {})).toBeUndefined();
  });

  it('the error bound covers the distance to SymPy\'s 40-digit values on every corpus expression', () => {
    const fixture = JSON.parse(readFileSync(new URL('../fixtures/algebra-values.json', import.meta.url), 'utf8')) as {
      values: { name: string; point: Record<string, number>; lhs: string | null; rhs: string | null }[];
    };
    const corpus = new Map(loadCorpus().map((e) => [e.name, e]));
    let checked = 0;
    for (const row of fixture.values) {
      const e = corpus.get(row.name);
      expect(e, row.name).toBeDefined();
      if (!e) continue;
      for (const [node, ref] of [[e.lhsNode, row.lhs], [e.rhsNode, row.rhs]] as const) {
        if (ref === null) continue;
        const want = Number(ref);
        const { value, bound } = evalWithBound(node, row.point);
        expect(Math.abs(value - want), `${row.name} at ${JSON.stringify(row.point)}`).toBeLessThanOrEqual(bound + Math.abs(want) * 2 ** -53);
        // The bound is useful, not just safe: within a million ulps of the value.
        expect(bound).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(want)));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(400);
  });
});
