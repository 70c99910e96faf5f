// The parameter points each generator draws for fixed seeds, and the
// algebra's deterministic points, recorded in sequences.json before the three
// generators were gathered into one module (src/algebra/random-points.ts), so
// that the CI seeds keep drawing the same points (sequences.test.ts
// compares). The 'counterexamples' mode prints what search and decide()
// report for the corpus's false identities, to compare by hand.
//
//   npx tsx tests/points/sequences.ts > tests/points/sequences.json
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { deterministicPoints, multiprecisionPoints, pointArbitrary } from '../../src/algebra/points.js';
import { search } from '../../src/algebra/search.js';
import { decide } from '../../src/algebra/index.js';
import { inInterval, paramsFor, real, unit, variance } from '../../src/arbitraries/index.js';
import type { Domain, Interval } from '../../src/expr/domain.js';
import { freeSymbols } from '../../src/expr/ast.js';
import * as Q from '../../src/expr/rational.js';
import { drawPoints } from '../../src/expect/points.js';
import { loadCorpus, parseInterval } from '../../scripts/algebra-corpus.js';

/** Domains of every shape: bounded (open, closed, half-open, narrow, degenerate), half-lines, the reals. */
export const INTERVALS: Readonly<Record<string, string>> = {
  unitOpen: '(0,1)',
  unitClosed: '[0,1]',
  unitHalf: '[0,1)',
  wide: '[-3,5]',
  narrow: '(0.25,0.2500001)',
  point: '[2,2]',
  posOpen: '(0,inf)',
  posClosed: '[0,inf)',
  shifted: '(1.5,inf)',
  negOpen: '(-inf,0)',
  negClosed: '(-inf,2]',
  real: 'real',
};

export const SEEDS = [1, 2, 3, 42, 20260101];

const domainOfAll = (): Domain => new Map(Object.entries(INTERVALS).map(([k, v]) => [k, parseInterval(v)]));

const q = (r: Q.Rational): string => Q.toString(r);
/** A point on one line: `a=1/2 b=3`. */
const line = (p: Readonly<Record<string, unknown>>): string => Object.entries(p).map(([k, v]) => `${k}=${typeof v === 'object' && v ? q(v as Q.Rational) : String(v)}`).join(' ');

export function record(): Record<string, unknown> {
  const domain = domainOfAll();
  const names = Object.keys(INTERVALS);
  const out: Record<string, unknown> = {};
  // algebra: exact rational points, one coordinate per shape.
  out.algebra = SEEDS.map((seed) => fc.sample(pointArbitrary(names, domain), { seed, numRuns: 25 }).map(line));
  // expect: moderate doubles, with a dimension; an undeclared name is real.
  const spec = { names: [...names.filter((n) => n !== 'point'), 'undeclared', 'd'], dims: new Set(['d']) };
  const dDomain = new Map(domain);
  dDomain.set('d', parseInterval('[2,inf)'));
  out.expect = SEEDS.map((seed) => drawPoints(spec, dDomain, 12, seed).map(line));
  out.expectDimOnly = SEEDS.map((seed) => drawPoints({ names: ['d'], dims: new Set(['d']) }, new Map(), 6, seed).map(line));
  // arbitraries: the users' generators.
  out.arbitraries = SEEDS.map((seed) => fc.sample(paramsFor(domain, [...names, 'undeclared']), { seed, numRuns: 20 }).map(line));
  out.arbitraryUnit = SEEDS.map((seed) => fc.sample(fc.tuple(unit(), variance(), real()), { seed, numRuns: 20 }).map((t) => t.join(' ')));
  out.arbitraryInterval = SEEDS.map((seed) => fc.sample(inInterval(parseInterval('(0,1)') as Interval), { seed, numRuns: 20 }).join(' '));
  // algebra: the deterministic points (the same for every seed): all the names at once, and each name alone.
  const show = (ps: readonly Record<string, Q.Rational>[]) => ps.map(line);
  // Several names at once (the diagonal of rungs) over a few shapes; every shape alone.
  const some = ['unitOpen', 'unitHalf', 'narrow', 'posClosed', 'negClosed', 'real'];
  out.deterministic = [show(deterministicPoints(some, domain)), ...names.map((n) => show(deterministicPoints([n], domain)))];
  out.multiprecision = [show(multiprecisionPoints(some, domain, 200)), ...names.map((n) => show(multiprecisionPoints([n], domain)))];
  return out;
}

/** The algebra's search and decide() on the corpus's false identities: the counterexamples. */
export function recordCounterexamples(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const e of loadCorpus()) {
    if (e.expected) continue;
    const names = [...freeSymbols(e.lhsNode, freeSymbols(e.rhsNode))].sort();
    for (const seed of [1, 7]) {
      const s = search(e.lhsNode, e.rel, e.rhsNode, names, e.domain, { seed, points: 200, exact: true });
      const f = search(e.lhsNode, e.rel, e.rhsNode, names, e.domain, { seed, points: 200, exact: false });
      const v = decide(e.lhsNode, e.rel, e.rhsNode, e.domain, { seed });
      out[`${e.name}#${seed}`] = {
        searchExact: s.counterexample?.params ?? null,
        searchFloat: f.counterexample?.params ?? null,
        decide: v.verdict === 'refuted' ? v.counterexample.params : v.verdict,
      };
    }
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const which = process.argv[2] ?? 'points';
  process.stdout.write(JSON.stringify(which === 'counterexamples' ? recordCounterexamples() : record(), null, 1) + '\n');
}
