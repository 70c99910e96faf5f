/**
 * adaln.zero-init — DiT's adaLN-Zero block is the identity at initialization, for every conditioning.
 *
 * Scope (a testbed): feature dimension d = 3, one symbol per coordinate (x_1, x_2, x_3). The statements
 * are coordinatewise identities of rational functions with one square root, so d = 3 shows the algebra
 * of every coordinate; the general-d proof is the same computation with sums over d terms, which the
 * checker's algebra does not take symbolically.
 *
 * LayerNorm without affine parameters (DiT: elementwise_affine=False, eps = 1e-6):
 *   LN(x)_i = (x_i − μ)/√(s² + ε), μ = (1/d) Σ x_j, s² = (1/d) Σ (x_j − μ)².
 * DiT block (Peebles & Xie 2023, §3.2): x + gate ⊙ f(modulate(LN(x), shift, scale)),
 *   modulate(h, shift, scale) = h ⊙ (1 + scale) + shift, and (shift, scale, gate) = W h(c) + b is the last
 *   linear layer of the modulation MLP of the conditioning c, zero-initialized: W = 0, b = 0.
 * Establishes:
 *   LN(x) has mean 0, and mean square s²/(s² + ε) = 1 − ε/(s² + ε) (unit variance up to the ε);
 *   at initialization every coordinate of the block's output is x_i, for every value h(c) of the
 *     conditioning features and every output f_i of the attention / MLP branch (they are free symbols);
 *   the final layer W_out y + b_out, zero-initialized too, outputs 0;
 *   the seed's variant, γ ⊙ LN(x) + β with γ = 1, β = 0 and no gate, is plain LayerNorm at initialization
 *     (proved), not the identity (expected refutation: LN(x)_1 ≠ x_1, e.g. x = (0, 0, 1)).
 * Source: Peebles & Xie 2023 (DiT), §3.2 "adaLN-Zero block" and the reference code (modulate, zero-init of
 * adaLN_modulation and final_layer); FORMULAS.md, "AdaLN-Zero (DiT)".
 */
import { add, by, calc, claim, define, derivation, div, mul, pow, rat, sqrt, sub, sym, wrong, type Scalar } from '../../src/index.js';

const D = 3;
const idx = [1, 2, 3];
const x = idx.map((i) => sym(`x_${i}`));
const f = idx.map((i) => sym(`f_${i}`));
const [h, ln_eps, gamma, beta, y, W_out, b_out] = ['h', 'ln_eps', 'gamma', 'beta', 'y', 'W_out', 'b_out'].map(sym);

const mu = div(add(...x), D);
const s2 = div(add(...x.map((xi) => pow(sub(xi, mu), 2))), D);
const LN = x.map((xi) => div(sub(xi, mu), sqrt(add(s2, ln_eps))));

/** the modulation's last linear layer, per coordinate and per output: W h(c) + b */
const W = (what: string, i: number) => sym(`W_${what}_${i}`);
const b = (what: string, i: number) => sym(`b_${what}_${i}`);
const mod = (what: string, i: number): Scalar => add(mul(W(what, i), h), b(what, i));
const zeroInit = Object.fromEntries(
  ['shift', 'scale', 'gate'].flatMap((what) => idx.flatMap((i) => [
    [`hW_${what}_${i}`, define(W(what, i), 0)],
    [`hb_${what}_${i}`, define(b(what, i), 0)],
  ])),
);
/** modulate(LN(x), shift, scale)_i, then the branch's output f_i, then the gated residual */
const modulated = (i: number) => add(mul(LN[i - 1], add(1, mod('scale', i))), mod('shift', i));
const block = (i: number) => add(x[i - 1], mul(mod('gate', i), f[i - 1]));

export default derivation({
  id: 'adaln.zero-init',
  title: "DiT's adaLN-Zero block is the identity at initialization for every conditioning; the seed's γ = 1, β = 0 variant is LayerNorm (d = 3)",
  source: 'Peebles & Xie 2023 (DiT), §3.2; FORMULAS.md, "AdaLN-Zero (DiT)"',
  seed: [
    {
      id: 'layernorm-zero-mean-unit-variance',
      section: 'AdaLN-Zero',
      quote: '一般情况下,层归一化中的两个可学习参数实际上并不适用,直接将数据归一化为0均值,1方差的数据',
      says: 'LayerNorm without its learnable parameters normalizes each feature vector to zero mean and unit variance',
      verdict: 'holds',
      correct: "mean 0 exactly; mean square s²/(s² + ε), unit variance up to DiT's ε = 1e-6",
      statements: [
        'LN(x) has mean 0 (d = 3)',
        'LN(x) has mean square s²/(s² + ε) (d = 3)',
      ],
    },
    {
      id: 'adaln-zero-is-layernorm',
      section: 'AdaLN-Zero',
      quote: 'Zero表示一种特殊的初始化,将设置为0,,此处意指向量中的值全部约为1,目的是让初始化状态下的AdaLN和标准的LayerNorm相同',
      says: "AdaLN-Zero's initialization sets β = 0 and γ ≈ 1 so that at initialization AdaLN is the standard LayerNorm",
      verdict: 'wrong',
      correct: "DiT's adaLN-Zero zero-initializes the last layer of the modulation MLP: shift = scale = 0 (γ = 1 + scale = 1, β = 0) and also the residual gate α = 0, so every block x + α ⊙ f(modulate(LN(x), shift, scale)) is the identity at initialization, for every conditioning, and the zero-initialized final layer outputs 0. Without the gate (the seed's variant) the layer is plain LayerNorm, not the identity",
      statements: [
        'the adaLN-Zero block is the identity at initialization, for every conditioning (d = 3)',
        "the seed's variant γ ⊙ LN(x) + β (γ = 1, β = 0) is LayerNorm at initialization (d = 3)",
        "the seed's variant is the identity at initialization",
      ],
    },
  ],
  assumptions: {
    hEps: define(ln_eps, rat(1, 1_000_000)),
    ...zeroInit,
    hWout: define(W_out, 0),
    hbOut: define(b_out, 0),
    hGamma: define(gamma, 1),
    hBeta: define(beta, 0),
  },
  strategy:
    'LayerNorm centres, so its coordinates sum to 0, and the squares sum to d s²/(s² + ε). Zero-initializing ' +
    'the modulation makes shift = scale = gate = 0 whatever h(c) is: modulate returns LN(x) and the gate ' +
    'multiplies the branch by 0, so the residual passes x through. The seed\'s variant has no gate: what ' +
    'passes is γ ⊙ LN(x) + β = LN(x).',
  chains: [
    claim(add(...LN), '=', 0, by.algebra('Σ (x_i − μ) = 0')).states('LN(x) has mean 0 (d = 3)'),
    calc(div(add(...LN.map((l) => pow(l, 2))), D))
      .eq(div(s2, add(s2, ln_eps)), by.algebra('Σ (x_i − μ)² = d s²'))
      .eq(sub(1, div(ln_eps, add(s2, ln_eps))), by.algebra())
      .states('LN(x) has mean square s²/(s² + ε) (d = 3)'),
    ...idx.map((i) => claim(modulated(i), '=', LN[i - 1], by.definition('shift = scale = 0 at initialization'))),
    ...idx.map((i) =>
      claim(block(i), '=', x[i - 1], by.definition('gate = 0 at initialization'))
        .states('the adaLN-Zero block is the identity at initialization, for every conditioning (d = 3)'),
    ),
    claim(add(mul(W_out, y), b_out), '=', 0, by.definition('the final layer is zero-initialized')),
    ...idx.map((i) =>
      claim(add(mul(gamma, LN[i - 1]), beta), '=', LN[i - 1], by.definition('γ = 1, β = 0'))
        .states("the seed's variant γ ⊙ LN(x) + β (γ = 1, β = 0) is LayerNorm at initialization (d = 3)"),
    ),
    wrong(
      add(mul(gamma, LN[0]), beta),
      '=',
      x[0],
      by.definition('γ = 1, β = 0'),
      "the seed's AdaLN-Zero (γ ≈ 1, β = 0, no gate) is plain LayerNorm at initialization, not the identity",
    ).states("the seed's variant is the identity at initialization"),
  ],
});
