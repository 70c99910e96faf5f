// Random expressions and points for the algebra's property tests: every
// elementary function, rational and symbolic powers, over symbols x, y, z.
import fc from 'fast-check';
import type { Node } from '../../src/expr/ast.js';
import {
  abs, add, cos, div, exp, log, logit, max, min, mul, neg, num, pow, rat, sech, sigmoid, sin, sqrt, sub, sym, tan, tanh,
} from '../../src/expr/build.js';

export const SYMBOLS = ['x', 'y', 'z'] as const;

const leaf: fc.Arbitrary<Node> = fc.oneof(
  fc.constantFrom(...SYMBOLS).map((n) => sym(n)),
  fc.integer({ min: -4, max: 6 }).map((n) => num(n)),
  fc.tuple(fc.integer({ min: -7, max: 7 }), fc.integer({ min: 1, max: 10 })).map(([n, d]) => rat(n, d)),
);

type E = never;

/** Rational operations only: + − × ÷ and integer powers (exactly evaluable). */
export const rationalExpr: fc.Arbitrary<Node> = fc.letrec<{ e: Node }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => add(a as E, b as E)),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => sub(a as E, b as E)),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => mul(a as E, b as E)),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => div(a as E, b as E)),
    fc.tuple(tie('e'), fc.integer({ min: -3, max: 4 })).map(([a, k]) => pow(a as E, k)),
    tie('e').map((a) => neg(a as E)),
  ),
})).e;

/** Everything the algebra evaluates. */
export const elementaryExpr: fc.Arbitrary<Node> = fc.letrec<{ e: Node }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => add(a as E, b as E)),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => sub(a as E, b as E)),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => mul(a as E, b as E)),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => div(a as E, b as E)),
    fc.tuple(tie('e'), fc.integer({ min: -3, max: 4 })).map(([a, k]) => pow(a as E, k)),
    fc.tuple(tie('e'), fc.constantFrom(rat(1, 2), rat(3, 2), rat(-1, 3), num(0.25))).map(([a, k]) => pow(a as E, k)),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => pow(a as E, b as E)),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => min(a as E, b as E)),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => max(a as E, b as E)),
    ...[neg, sqrt, exp, log, abs, sin, cos, tan, tanh, sech, sigmoid, logit].map((f) => tie('e').map((a) => f(a as E))),
  ),
})).e;

export interface BoxSpec {
  readonly lo: number;
  readonly hi: number;
}

/** A bounded box for x, y, z with dyadic ends (exact doubles). */
export const boxSpec: fc.Arbitrary<Record<string, BoxSpec>> = fc.record(
  Object.fromEntries(
    SYMBOLS.map((n) => [
      n,
      fc
        .tuple(fc.integer({ min: -64, max: 64 }), fc.integer({ min: 1, max: 64 }))
        .map(([a, w]) => ({ lo: a / 16, hi: (a + w) / 16 })),
    ]),
  ) as Record<string, fc.Arbitrary<BoxSpec>>,
);

/** Fractions in [0, 1] with dyadic values (exact doubles), ends included. */
export const unitFractions = fc.tuple(...SYMBOLS.map(() => fc.integer({ min: 0, max: 1024 }))).map((ks) => ks.map((k) => k / 1024));
