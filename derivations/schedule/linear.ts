/**
 * schedule.linear — DDPM's linear β, and the seed's off-by-one.
 *
 * Establishes, for T ≥ 2 steps t = 1 … T, that
 *   β_t = β_1 + (t − 1)/(T − 1) (β_T − β_1)      (torch.linspace(β_1, β_T, T), diffusers' `linear`)
 * starts at β_1 = 1e-4 and ends at β_T = 0.02, with constant increments (β_T − β_1)/(T − 1);
 * and that the seed's β_t = β_1 + (t/T)(β_T − β_1) is off by one: at t = 1 it gives
 * 1.199e-4 for T = 1000, not β_1 (an expected refutation). derivcheck's discrete
 * arrays (src/reparam/discrete.ts) use the correct form; tests/reparam/discrete.test.ts
 * holds them to diffusers' definitions to 1e-12.
 * Source: Ho et al. 2020, section 4; diffusers scheduling_ddpm.py (`linear`); FORMULAS.md, "Noise schedules".
 */
import { add, by, claim, derivation, div, mul, rat, sub, sym, wrong, type ScalarLike } from '../../src/index.js';

const [t, T] = [sym('t'), sym('T')];
const beta1 = rat(1, 10000);
const betaT = rat(1, 50);

/** β_1 + (t − 1)/(T − 1) (β_T − β_1) at step s of T steps. */
const beta = (s: ScalarLike, n: ScalarLike) => add(beta1, mul(div(sub(s, 1), sub(n, 1)), sub(betaT, beta1)));
/** The seed's β_1 + (t/T)(β_T − β_1). */
const seedBeta = (s: ScalarLike, n: ScalarLike) => add(beta1, mul(div(s, n), sub(betaT, beta1)));

export default derivation({
  id: 'schedule.linear',
  title: 'β_t = β_1 + (t − 1)/(T − 1)(β_T − β_1): β_1 = 1e-4 at t = 1 (the seed\'s t/T gives 1.199e-4)',
  source: 'Ho et al. 2020, section 4; diffusers scheduling_ddpm.py; FORMULAS.md, "Noise schedules"',
  seed: [
    {
      id: 'schedule-linear-beta',
      section: 'VDM',
      quote: 'β_t = β_1 + (t/T) * (β_T - β_1) … β_1 = 1e-4 … β_T = 0.02',
      says: "DDPM's linear schedule is β_t = β_1 + (t/T)(β_T − β_1), t = 1 … T",
      verdict: 'wrong',
      correct: 'β_t = β_1 + ((t − 1)/(T − 1))(β_T − β_1) (linspace(β_1, β_T, T)); with t/T, β at t = 1 is 1.199e-4, not β_1',
      statements: ["the seed's β at t = 1 is β_1"],
    },
  ],
  assumptions: { hT: 'T >= 2', hStep: 't >= 1' },
  strategy: 'Evaluate the linspace form at its ends and take its increment; evaluate the seed\'s form at t = 1.',
  chains: [
    claim(beta(1, T), '=', beta1, by.algebra()),
    claim(beta(T, T), '=', betaT, by.algebra()),
    // constant increments: linspace's step
    claim(sub(beta(add(t, 1), T), beta(t, T)), '=', div(sub(betaT, beta1), sub(T, 1)), by.algebra()),
    // the seed's form agrees at t = T but not at t = 1
    claim(seedBeta(T, T), '=', betaT, by.algebra()),
    wrong(seedBeta(1, 1000), '=', beta1, by.algebra(), 'the seed writes t/T for (t − 1)/(T − 1): at t = 1 it gives 1.199e-4 = β_1 + (β_T − β_1)/1000')
      .states("the seed's β at t = 1 is β_1"),
    claim(seedBeta(1, 1000), '=', rat(1199, 10_000_000), by.algebra()),
  ],
});
