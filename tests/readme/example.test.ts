import { describe, expect, it } from 'vitest';
import { by, calc, derivation, div, mul, sqrt, sub, sym, add, pow } from 'derivcheck';
import 'derivcheck/vitest';

const [alpha, abarPrev] = [sym('alpha_t'), sym('abar_tm1')];
const abar = mul(alpha, abarPrev);

describe('the forward process', () => {
  it('the variances add up: α_t(1 − ᾱ_{t−1}) + (1 − α_t) = 1 − ᾱ_t', async () => {
    const step = calc(add(mul(alpha, sub(1, abarPrev)), sub(1, alpha))).eq(sub(1, abar), by.algebra());
    await expect(step).toHold({ params: ['alpha_t in (0,1)', 'abar_tm1 in (0,1)'] });
  });

  it('the posterior variance is not β_t', async () => {
    const posteriorVariance = div(mul(sub(1, alpha), sub(1, abarPrev)), sub(1, abar));
    const step = calc(posteriorVariance).eq(sub(1, alpha), by.algebra());
    await expect(step).toBeRefuted({ params: ['alpha_t in (0,1)', 'abar_tm1 in (0,1)'] });
  });

  it('a whole derivation holds', async () => {
    const d = derivation({
      id: 'readme.sqrt',
      title: 'the signal coefficient factorizes',
      source: 'Ho et al. 2020, eq. 4',
      assumptions: { hAlpha: 'alpha_t in (0,1)', hAbar: 'abar_tm1 in (0,1)' },
      strategy: 'square roots of positive factors multiply',
      chains: [calc(mul(sqrt(alpha), sqrt(abarPrev))).eq(sqrt(abar), by.algebra()).eq(pow(abar, 0.5), by.algebra())],
    });
    await expect(d).toHold();
  });
});
