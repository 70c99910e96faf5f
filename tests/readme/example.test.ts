import { describe, expect, it } from 'vitest';
import { by, calc, calculus, derivation, div, inGeneral, mul, notation, sqrt, sub, sym, add, pow } from 'derivcheck';
import 'derivcheck/vitest';

const [alpha, abarPrev] = [sym('alpha_t'), sym('abar_tm1')];
const abar = mul(alpha, abarPrev);

describe('the forward process', () => {
  it('the variances add up: α_t(1 − ᾱ_{t−1}) + (1 − α_t) = 1 − ᾱ_t', async () => {
    const step = calc(add(mul(alpha, sub(1, abarPrev)), sub(1, alpha))).eq(sub(1, abar), by.algebra());
    await expect(step).toHold({ params: ['alpha_t in (0,1)', 'abar_tm1 in (0,1)'] });
  });

  it('in paper notation: m`…` parses the claim language once, names checked against the declared ones', async () => {
    const m = notation({ symbols: [alpha, abarPrev] }); // a typo such as alpah_t is an error when the file loads
    const step = calc(m`alpha_t*(1 - abar_tm1) + (1 - alpha_t)`).eq(m`1 - ${abar}`, by.algebra());
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

  it('in general: log p(x_0) ≥ ELBO for every T and all densities of the two Markov chains', async () => {
    const { at, density, range, E, log, logE, logRatio, vdmForward, vdmReverse } = calculus;
    const x = (i: number | string) => at('x', i);
    const q = density('q', [range('x', 1, 'T')], [x(0)]); // q(x_{1:T} | x_0) = ∏ q(x_t | x_{t−1})
    const p = density('p', [range('x', 0, 'T')]); // p(x_{0:T}) = p(x_T) ∏ p(x_{t−1} | x_t)
    const d = derivation({
      id: 'readme.elbo',
      title: 'the diffusion ELBO',
      source: 'Luo 2022, eqs. 34–37',
      assumptions: {},
      strategy: 'importance-sample with the forward chain, then Jensen for the concave log',
      chains: [
        inGeneral({ models: [vdmForward, vdmReverse], scope: { T0: 1 } })
          .calc(log(density('p', [x(0)])))
          .eq(logE(q, [p], [q]), by.importanceSampling())
          .ge(E(q, logRatio([p], [q])), by.jensen()),
      ],
    });
    await expect(d).toHold();
  });

  it('a true step cited with the wrong rule is not accepted', async () => {
    const s = sym('s');
    await expect(calc(s).eq(s, by.jensen())).not.toHold(); // unjustified: Jensen proves inequalities
  });
});
