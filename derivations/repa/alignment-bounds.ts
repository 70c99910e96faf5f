/**
 * repa.alignment-bounds — the REPA loss −(1/N) Σ_n sim(y*_n, h_n) lies in [−1, 1], minimal exactly when aligned.
 *
 * REPA (Yu et al. 2025) aligns projected hidden states h_n = h_φ(h_t^{[n]}) with the frozen encoder's
 * features y*_n by L = −(1/N) Σ_n sim(y*_n, h_n), sim the cosine similarity.
 * Scope (a testbed): feature dimension d = 3 with one symbol per coordinate, N = 2 patches for the mean,
 * and the first coordinates a_1, b_1 > 0 (a sub-case that keeps both norms positive; cosine similarity
 * is undefined at 0). The identities are the general ones written out for d = 3; the float64 tests
 * (tests/derivations/adaln-repa.test.ts) cover every sign and d = 1 … 12. The bounds on L take the two
 * similarities as numbers s_1, s_2 ∈ [−1, 1], which the first two chains establish.
 * Establishes, with â = a/‖a‖:
 *   1 − sim(a, b) = ½ ‖â − b̂‖² ≥ 0 and 1 + sim(a, b) = ½ ‖â + b̂‖² ≥ 0, so −1 ≤ sim ≤ 1;
 *   sim(a, k a) = 1 for k > 0 (aligned), so sim = 1 exactly when b̂ = â (the square above is 0 iff each
 *     coordinate of â − b̂ is 0);
 *   for N = 2, −1 ≤ L ≤ 1, and L = −1 when every pair is aligned;
 *   without the normalization the bound fails: −(a · b) ≥ −1 is refuted (an expected refutation).
 * Source: Yu et al. 2025 (REPA), eq. 8; FORMULAS.md, "REPA".
 */
import { add, by, calc, claim, derivation, div, mul, pow, sqrt, sub, sym, wrong, type Scalar } from '../../src/index.js';

const idx = [1, 2, 3];
const a = idx.map((i) => sym(`a_${i}`));
const b = idx.map((i) => sym(`b_${i}`));
const [k, s_1, s_2] = ['k', 's_1', 's_2'].map(sym);

const dot = (u: Scalar[], v: Scalar[]) => add(...u.map((ui, i) => mul(ui, v[i])));
const norm = (u: Scalar[]) => sqrt(dot(u, u));
const sim = (u: Scalar[], v: Scalar[]) => div(dot(u, v), mul(norm(u), norm(v)));
const unit = (u: Scalar[]) => u.map((ui) => div(ui, norm(u)));
const halfSq = (sign: 1 | -1) => {
  const [ua, ub] = [unit(a), unit(b)];
  return mul(div(1, 2), add(...ua.map((ai, i) => pow(sign === 1 ? add(ai, ub[i]) : sub(ai, ub[i]), 2))));
};
const loss = mul(div(-1, 2), add(s_1, s_2));

export default derivation({
  id: 'repa.alignment-bounds',
  title: 'The REPA loss −(1/N) Σ cos(y*_n, h_n) lies in [−1, 1], minimal exactly when aligned (d = 3, N = 2)',
  source: 'Yu et al. 2025 (REPA), eq. 8',
  seed: [
    {
      id: 'repa-alignment',
      section: 'DDT / REPA',
      quote: '该方法将自映射编码器中第 层的中间特征 与 DINOv2 表示 对齐。 是可学习的投影 MLP',
      says: "REPA aligns a layer's projected intermediate features with DINOv2's representations (the formula is lost in the seed)",
      verdict: 'imprecise',
      correct: 'L = −(1/N) Σ_n sim(y*_n, h_φ(h_t^{[n]})) with the cosine similarity sim; −1 ≤ L ≤ 1, and L = −1 exactly when every projected feature is a positive multiple of its target (a dot product without the normalization is unbounded)',
      statements: [
        'sim(a, b) ≤ 1 (d = 3)',
        'sim(a, b) ≥ −1 (d = 3)',
        'aligned features have sim = 1 (d = 3)',
        'L ≥ −1 (N = 2)',
        'L ≤ 1 (N = 2)',
        'L = −1 when every pair is aligned (N = 2)',
        '−(a · b) ≥ −1',
      ],
    },
  ],
  assumptions: {
    // nonzero features: the first coordinates positive is a sub-case that keeps both norms > 0
    ha: 'a_1 > 0',
    hb: 'b_1 > 0',
    hk: 'k > 0',
    hs1: 's_1 in [-1, 1]',
    hs2: 's_2 in [-1, 1]',
  },
  strategy:
    'Normalize: ‖â ∓ b̂‖² = 2 ∓ 2 â · b̂, and â · b̂ is the cosine similarity, so 1 ∓ sim is half a squared ' +
    'norm. The loss is minus a mean of numbers in [−1, 1].',
  chains: [
    calc(sub(1, sim(a, b)))
      .eq(halfSq(-1), by.algebra('‖â‖ = ‖b̂‖ = 1'))
      .ge(0, by.algebra('a sum of squares'))
      .states('sim(a, b) ≤ 1 (d = 3)'),
    calc(add(1, sim(a, b)))
      .eq(halfSq(1), by.algebra('‖â‖ = ‖b̂‖ = 1'))
      .ge(0, by.algebra('a sum of squares'))
      .states('sim(a, b) ≥ −1 (d = 3)'),
    claim(sim(a, a.map((ai) => mul(k, ai))), '=', 1, by.algebra('√(k²‖a‖²) = k ‖a‖ for k > 0')).states('aligned features have sim = 1 (d = 3)'),
    claim(loss, '>=', -1, by.algebra('each sim ≤ 1')).states('L ≥ −1 (N = 2)'),
    claim(loss, '<=', 1, by.algebra('each sim ≥ −1')).states('L ≤ 1 (N = 2)'),
    claim(mul(div(-1, 2), add(sim(a, a.map((ai) => mul(k, ai))), sim(b, b))), '=', -1, by.algebra())
      .states('L = −1 when every pair is aligned (N = 2)'),
    wrong(mul(-1, dot(a, b)), '>=', -1, by.algebra(), 'without the normalization (a dot product in place of the cosine) the loss is unbounded')
      .states('−(a · b) ≥ −1'),
  ],
});
