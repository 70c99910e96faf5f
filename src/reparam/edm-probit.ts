// THE ONE CALL SITE of Φ⁻¹ (probit) in src/reparam — for the integrator.
//
// EDM draws ln σ ~ N(P_mean, P_std²); as a function of a uniform t that is
// σ(t) = exp(P_mean + P_std Φ⁻¹(t)). The analysis never needs Φ⁻¹: it works
// in λ = −2 ln σ, whose density N(λ; −2 P_mean, 4 P_std²) is closed form
// (src/reparam/schedules.ts, `edm`). Only `derivcheck reparam --schedule edm
// --at t` needs Φ⁻¹(t) as a number, here.
//
// Φ⁻¹ is being added to the expression language as the function `probit`
// (another branch). This looks it up in the language's own function table, so
// once `probit` is merged it is used with no further edit; until then `--at`
// with EDM is bad input saying why. Φ⁻¹ is deliberately NOT reimplemented here.
import { UNARY_FUNCTIONS } from '../expr/ast.js';
import { callFloat } from '../algebra/eval-float.js';
import { BadInput } from '../errors.js';

/** Is Φ⁻¹ available (the language has `probit`)? */
export const hasProbit = (): boolean => (UNARY_FUNCTIONS as readonly string[]).includes('probit');

/** Φ⁻¹(t) for t in (0, 1), through the language's `probit`. */
export function probitAt(t: number): number {
  if (!hasProbit()) {
    throw new BadInput('--schedule edm --at t needs Φ⁻¹(t) (the function probit), which this build of the expression language does not have yet');
  }
  return callFloat('probit', [t]);
}
