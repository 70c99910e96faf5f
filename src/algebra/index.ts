// The algebra: an exact, fast decision procedure for identities and
// inequalities between scalar expressions, with numeric fallbacks.
//
//   decide(lhs, rel, rhs, domain)  → proved | verified | refuted | unknown
//   evalFloat, evalWithBound       double evaluation (with a forward error bound)
//   evalExact                      exact rational evaluation, where rational
//   intervalOf, isPositive         sound enclosures over the domain box
export { decide, type DecideOptions } from './decide.js';
export { evalFloat } from './eval-float.js';
export { evalWithBound, type Bounded } from './eval-bound.js';
export { evalExact } from './eval-exact.js';
export { intervalOf } from './interval.js';
export { certify, isPositive, signOn, type Want } from './sign.js';
export type { Iv } from './iv.js';
export { Unsupported } from './unsupported.js';
