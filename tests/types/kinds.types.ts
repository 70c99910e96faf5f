// Compile-time kind rules: every line marked @ts-expect-error must fail to
// type-check, and `tsc --noEmit` (part of npm test) fails if one compiles.
import { add, div, dot, E, draw, KL, logpdf, mul, norm2, normal, pow, sqrt, sub, sum, sym, vec, uniform, le } from '../../src/expr/build.js';
import type { Scalar, Vector } from '../../src/expr/ast.js';

const a = sym('a');
const v = vec('v');
const p = normal(0, 1);

// Well-kinded expressions compile and have the expected kinds.
export const s1: Scalar = add(a, 1, sqrt(a));
export const v1: Vector = add(v, a);
export const v2: Vector = mul(2, v);
export const s2: Scalar = norm2(v);
export const s3: Scalar = dot(v, v);
export const s4: Scalar = E(mul(a, sym('z')), [draw('z', normal(0, 1))]);
export const s5: Scalar = KL(p, uniform(0, 1));
export const s6: Scalar = logpdf(p, a);

// @ts-expect-error a distribution is not a number
export const bad1 = add(p, a);
// @ts-expect-error norm2 takes a vector
export const bad2 = norm2(a);
// @ts-expect-error dot takes two vectors
export const bad3 = dot(v, a);
// @ts-expect-error a vector is not a scalar
export const bad4: Scalar = add(v, 1);
// @ts-expect-error the exponent must be a scalar
export const bad5 = pow(a, v);
// @ts-expect-error KL takes distributions
export const bad6 = KL(a, p);
// @ts-expect-error only scalars are ordered
export const bad7 = le(v, v);
// @ts-expect-error sum reduces a vector, not a scalar
export const bad8 = sum(a);
// @ts-expect-error dividing a distribution
export const bad9 = div(p, 2);
// @ts-expect-error subtracting from a distribution
export const bad10 = sub(p, p);
