/**
 * schedule.cosine — improved DDPM's cosine schedule.
 *
 * Establishes, with f(u) = cos²((u + s)/(1 + s) · π/2), u = t/T, s = 0.008, and
 * ᾱ_t = f(t/T)/f(0), β_t = 1 − ᾱ_t/ᾱ_{t−1}:
 *   ᾱ_t/ᾱ_{t−1} = f(t/T)/f((t − 1)/T)     (f(0) cancels: the β do not depend on it),
 *   ∏_{s ≤ t} (1 − β_s) = f(t/T)/f(0) = ᾱ_t     (the product telescopes; shown for t = 3),
 *   f(1) = cos²(π/2) = 0, so without the clip the last β is exactly 1
 *   (diffusers' betas_for_alpha_bar clips it to 0.999; src/reparam/discrete.ts does too);
 * and why the offset s: at T = 1000 the first β, 1 − f(1/T)/f(0), is below 2.5e-6 with s = 0
 *   (it is sin²(π/2000)) and above 4e-5 with s = 0.008, more than 16 times larger
 *   (constant inequalities, proved by outward-rounded interval enclosures).
 * Source: Nichol & Dhariwal 2021, eq. 17; diffusers betas_for_alpha_bar; FORMULAS.md, "Noise schedules".
 */
import { by, calc, claim, cos, derivation, div, mul, pi, pow, rat, sub, sym, wrong, type ScalarLike } from '../../src/index.js';

const s = rat(8, 1000);
const fWith = (off: ScalarLike) => (u: ScalarLike) => pow(cos(mul(div(sub(u, mul(-1, off)), sub(1, mul(-1, off))), pi, rat(1, 2))), 2);
const f = fWith(s);
/** The first β at T = 1000 for an offset: 1 − f(1/T)/f(0) (= 1 − ᾱ_1). */
const firstBeta = (off: ScalarLike) => sub(1, div(fWith(off)(rat(1, 1000)), fWith(off)(0)));
const [f0, f1, f2, f3, ft, ftm1] = ['f_0', 'f_1', 'f_2', 'f_3', 'f_t', 'f_tm1'].map(sym);

export default derivation({
  id: 'schedule.cosine',
  title: 'Cosine schedule: ᾱ_t = f(t)/f(0), β_t = 1 − ᾱ_t/ᾱ_{t−1}; f(0) cancels; unclipped, the last β is 1',
  source: 'Nichol & Dhariwal 2021, eq. 17; diffusers betas_for_alpha_bar; FORMULAS.md, "Noise schedules"',
  seed: [
    {
      id: 'schedule-cosine',
      section: 'VDM',
      quote: 'f(t) = cos^2( (t/T + s) / (1 + s) * π/2 ) … ᾱ_t = f(t) / f(0) … β_t = 1 - ᾱ_t / ᾱ_{t-1}',
      says: 'the cosine schedule: ᾱ_t = f(t)/f(0), β_t = 1 − ᾱ_t/ᾱ_{t−1}',
      verdict: 'imprecise',
      correct: 'as written, but without the clip β_t ≤ 0.999 of Nichol & Dhariwal the last β is exactly 1 (ᾱ_T = 0); dividing by f(0) changes no β (it telescopes)',
      statements: ['unclipped, the last β is 1', 'f(0) cancels in β_t'],
    },
    {
      id: 'schedule-cosine-offset',
      section: 'VDM',
      quote: '其中 s 是一个很小的偏移量(例如 s = 0.008),用来防止 t=0 时 β_t 变得过小',
      says: 'the offset s = 0.008 of the cosine schedule keeps β_t from being too small near t = 0',
      verdict: 'holds',
      correct: 'with s = 0 the first β is 1 − cos²(π/(2T)) ≈ 2.5e-6 at T = 1000; s = 0.008 makes it about 4e-5 (Nichol & Dhariwal 2021, §3.2)',
      statements: ['without the offset the first β is below 2.5e-6', 'with s = 0.008 the first β is above 4e-5', 'the offset makes the first β more than 16 times larger'],
    },
  ],
  assumptions: { hF0: 'f_0 > 0', hF1: 'f_1 > 0', hF2: 'f_2 > 0', hF3: 'f_3 > 0', hFt: 'f_t > 0', hFtm1: 'f_tm1 > 0' },
  strategy: 'Write ᾱ as a ratio to f(0); in ᾱ_t/ᾱ_{t−1} and in the product of the 1 − β the f(0) cancels. At u = 1 the angle is π/2.',
  chains: [
    // the last β without the clip: 1 − f(1)/f(999/1000) = 1
    claim(sub(1, div(f(1), f(rat(999, 1000)))), '=', 1, by.algebra()).states('unclipped, the last β is 1'),
    // 1 − β_t = ᾱ_t/ᾱ_{t−1} = (f_t/f_0)/(f_{t−1}/f_0)
    calc(div(div(ft, f0), div(ftm1, f0))).eq(div(ft, ftm1), by.algebra('f(0) cancels')).states('f(0) cancels in β_t'),
    // the product of 1 − β_s telescopes to ᾱ_3 = f_3/f_0
    calc(mul(div(f1, f0), div(f2, f1), div(f3, f2))).eq(div(f3, f0), by.algebra('telescoping')),
    // f(1) = cos²(π/2) = 0: the last ratio f(1)/f((T−1)/T) is 0, β_T = 1
    calc(f(1)).eq(pow(cos(mul(pi, rat(1, 2))), 2), by.algebra()).eq(0, by.algebra()),
    wrong(f(1), '=', f(rat(999, 1000)), by.algebra(), 'f is strictly decreasing: the last step removes all the signal unless β is clipped'),
    // Nichol & Dhariwal §3.2: without the offset β_1 is too small for the network to predict ε at t = 1.
    claim(firstBeta(0), '<=', rat(25, 10_000_000), by.algebra('1 − cos²(π/2000) = sin²(π/2000) ≈ 2.47e-6')).states('without the offset the first β is below 2.5e-6'),
    claim(firstBeta(s), '>=', rat(4, 100_000), by.algebra('≈ 4.13e-5')).states('with s = 0.008 the first β is above 4e-5'),
    claim(firstBeta(s), '>=', mul(16, firstBeta(0)), by.algebra()).states('the offset makes the first β more than 16 times larger'),
    wrong(firstBeta(s), '<=', rat(1, 100_000), by.algebra(), 'the offset leaves the first β below 1e-5 (it is ≈ 4.13e-5)'),
  ],
});
