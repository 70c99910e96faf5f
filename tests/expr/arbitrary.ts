// Random scalar expressions over a few symbols, for printer and parser laws.
import fc from 'fast-check';
import type { Node } from '../../src/expr/ast.js';
import { add, cos, div, exp, log, mul, neg, num, pow, rat, sin, sqrt, sub, sym } from '../../src/expr/build.js';

const leaf: fc.Arbitrary<Node> = fc.oneof(
  fc.constantFrom('a', 'b', 'alpha_t', 'abar_tm1').map((n) => sym(n)),
  fc.integer({ min: -5, max: 9 }).map((n) => num(n)),
  fc.tuple(fc.integer({ min: -7, max: 7 }), fc.integer({ min: 1, max: 12 })).map(([n, d]) => rat(n, d)),
  fc.constantFrom(0.5, 0.25, 1e-4, 2.5).map((x) => num(x)),
);

export const scalarExpr: fc.Arbitrary<Node> = fc.letrec<{ e: Node }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('e'), tie('e')).map(([x, y]) => add(x as never, y as never)),
    fc.tuple(tie('e'), tie('e')).map(([x, y]) => sub(x as never, y as never)),
    fc.tuple(tie('e'), tie('e')).map(([x, y]) => mul(x as never, y as never)),
    fc.tuple(tie('e'), tie('e')).map(([x, y]) => div(x as never, y as never)),
    fc.tuple(tie('e'), fc.integer({ min: -3, max: 3 })).map(([x, k]) => pow(x as never, k)),
    tie('e').map((x) => neg(x as never)),
    tie('e').map((x) => sqrt(x as never)),
    tie('e').map((x) => exp(x as never)),
    tie('e').map((x) => log(x as never)),
    tie('e').map((x) => sin(x as never)),
    tie('e').map((x) => cos(x as never)),
  ),
})).e;
