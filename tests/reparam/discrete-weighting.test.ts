// A discrete schedule's weighting in λ is its step masses 2 p_t weightEps
// spread over the λ-interval each step covers (central differences). For the
// cosine schedule it must approach the continuous w(λ) = 2/|dλ/dt| of the same
// ᾱ(u) = f(u)/f(0), u = t/T, up to O(1/T²).
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/reparam/analyze.js';

const f = '(cos((t + 0.008)/1.008*pi/2)^2)';
const f0 = Math.cos((0.008 / 1.008) * (Math.PI / 2)) ** 2;

describe('discrete weighting in λ', () => {
  it('cosine, T = 1000: the step weighting matches the continuous w(λ) of the same ᾱ to 2e-4 in the interior (central differences: O(1/T²))', () => {
    const steps = [50, 100, 300, 500, 700, 900, 950];
    const d = analyze({ schedule: 'cosine', T: 1000, target: 'eps' }, steps).at;
    const c = analyze({ alpha: `sqrt(${f}/${f0})`, sigma: `sqrt(1 - ${f}/${f0})`, target: 'eps' }, steps.map((s) => s / 1000)).at;
    d.forEach((r, i) => {
      expect(Math.abs(r.lambda! - c[i].lambda!)).toBeLessThan(1e-9);
      expect(Math.abs(r.weightLambda! / c[i].weightLambda! - 1), `step ${r.t}`).toBeLessThan(2e-4);
    });
  });
  it('an ε-weight that is a function of SNR alone is the same at equal ᾱ (min(snr, 5)/snr at step 1 of linear is 5/SNR_1)', () => {
    const r = analyze({ schedule: 'linear', T: 1000, target: 'eps', weight: 'min(snr,5)/snr' }, [1]).at[0];
    expect(Math.abs(r.weightEps! / (5 / (0.9999 / 0.0001)) - 1)).toBeLessThan(1e-12);
  });
});
