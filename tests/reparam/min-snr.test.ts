// Min-SNR-γ (Hang et al. 2023) as the diffusers scripts write it: the ε-form
// min(SNR, γ)/SNR and the v-form min(SNR, γ)/(SNR + 1) are the same objective;
// the two other v-forms in circulation are not (FORMULAS.md).
import { describe, expect, it } from 'vitest';
import { compare } from '../../src/reparam/compare.js';
import { analyze } from '../../src/reparam/analyze.js';
import { isBadInput } from '../../src/errors.js';

const on = (target: string, weight: string, extra: Record<string, unknown> = { schedule: 'linear', T: 1000 }) => ({ ...extra, target, weight });

describe('Min-SNR-γ, γ = 5, linear schedule T = 1000', () => {
  it('ε: min(SNR,γ)/SNR and v: min(SNR,γ)/(SNR+1) are the same objective (proved, constant 1)', () => {
    const c = compare(on('eps', 'min(snr,5)/snr'), on('v', 'min(snr,5)/(snr+1)'));
    expect(c.verdict).toBe('proved');
    expect(c.same).toBe(true);
    expect(Math.abs(c.constant! - 1)).toBeLessThan(1e-12);
  });
  for (const wrong of ['min(snr,5)/snr + 1', 'min(snr+1,5)/(snr+1)']) {
    it(`v: ${wrong} is not (refuted, with two λ where w_A/w_B differs)`, () => {
      const c = compare(on('eps', 'min(snr,5)/snr'), on('v', wrong));
      expect(c.verdict).toBe('refuted');
      expect(c.same).toBe(false);
      expect(c.differAt).toHaveLength(2);
      const [p, q] = c.differAt!;
      expect(Math.abs(p.ratio / q.ratio - 1)).toBeGreaterThan(1e-3);
      // Each ratio is the one the analysis gives at that λ: recompute it at the step with that λ.
      const steps = analyze(on('eps', 'min(snr,5)/snr'), Array.from({ length: 1000 }, (_, i) => i + 1)).at;
      const other = analyze(on('v', wrong), Array.from({ length: 1000 }, (_, i) => i + 1)).at;
      for (const d of [p, q]) {
        const i = steps.findIndex((r) => r.lambda === d.lambda);
        expect(i).toBeGreaterThanOrEqual(0);
        expect(Math.abs(steps[i].weightEps! / other[i].weightEps! / d.ratio - 1)).toBeLessThan(1e-12);
      }
    });
  }
  it('a γ off by one part in 10⁶ is a different objective (refuted)', () => {
    expect(compare(on('eps', 'min(snr,5)/snr'), on('v', 'min(snr,5.000005)/(snr+1)')).verdict).toBe('refuted');
  });
  it('the same holds for the continuous cosine schedule, proved in λ', () => {
    const cos = { schedule: 'cosine' };
    expect(compare(on('eps', 'min(snr,5)/snr', cos), on('v', 'min(snr,5)/(snr+1)', cos)).verdict).toBe('proved');
    expect(compare(on('eps', 'min(snr,5)/snr', cos), on('v', 'min(snr+1,5)/(snr+1)', cos)).verdict).toBe('refuted');
  });
  it('at zero terminal SNR the ε-form is 0/0 at t = T, with limit 1; the v-form is defined there', () => {
    const z = { schedule: 'linear', T: 1000, zeroSnr: true };
    const a = analyze(on('eps', 'min(snr,5)/snr', z), [1000]);
    const e = a.endpoints.find((x) => x.quantity === 'weight' && x.value === '0/0');
    expect(e?.where).toMatch(/t = T/);
    expect(e?.limit).toBe(1);
    expect(a.at[0].weightEps).toBeNull();
    const b = analyze(on('v', 'min(snr,5)/(snr+1)', z), [1000]);
    expect(b.endpoints.some((x) => x.quantity === 'weight')).toBe(false);
    expect(b.at[0].weightX0).toBe(0);
  });
  it('the same objective with scaled weights: the constant is the scale', () => {
    const c = compare(on('eps', '3*min(snr,5)/snr'), on('v', 'min(snr,5)/(snr+1)'));
    expect(c.verdict).toBe('proved');
    expect(Math.abs(c.constant! - 3)).toBeLessThan(1e-12);
  });
  it('comparing a discrete and a continuous objective is bad input', () => {
    let err: unknown;
    try {
      compare(on('eps', '1'), { schedule: 'cosine', target: 'eps' });
    } catch (e) {
      err = e;
    }
    expect(isBadInput(err)).toBe(true);
  });
  it('different schedules with the same w(λ): cosine ε-MSE and rectified flow weighted by sech(λ/2) e^{λ/2} (proved, constant 1/π)', () => {
    const c = compare({ schedule: 'cosine', target: 'eps' }, { schedule: 'rf', target: 'flow', weight: 'sech(lambda/2)*exp(lambda/2)' });
    expect(c.verdict).toBe('proved');
    expect(Math.abs(c.constant! - 1 / Math.PI)).toBeLessThan(1e-12);
  });
});
