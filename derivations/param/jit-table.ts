/**
 * param.jit-table — JiT's prediction × loss table: each of x, ε, v predicted, each used as the loss.
 *
 * JiT's convention (t = 1 is data): z_t = t x + (1 − t) ε, v = x − ε, t ∈ (0, 1).
 * Establishes, per dimension, at fixed (z_t, t):
 *   the conversions of a prediction (the network's output x_θ, ε_θ or v_θ) into the other two,
 *     from x_θ: ε_θ = (z_t − t x_θ)/(1 − t), v_θ = (x_θ − z_t)/(1 − t);
 *     from ε_θ: x_θ = (z_t − (1 − t) ε_θ)/t, v_θ = (z_t − ε_θ)/t;
 *     from v_θ: x_θ = (1 − t) v_θ + z_t,     ε_θ = z_t − t v_θ;
 *   give back the true x, ε, v when fed the true one (each conversion is exact);
 *   all nine entries: the l-loss of a p-prediction is w_{p,l}(t) times the p-loss,
 *            x-loss        ε-loss        v-loss
 *     x-pred 1             t²/(1 − t)²   1/(1 − t)²
 *     ε-pred (1 − t)²/t²   1             1/t²
 *     v-pred (1 − t)²      t²            1
 *   (each conversion is affine in the prediction at fixed z_t, so the losses differ only by a weight in t);
 *   JiT's code clamps 1 − t at 0.05: with the clamp the x-prediction's v-loss is
 *     (x_θ − x)²/max(1 − t, 0.05)², i.e. 1/(1 − t)² for t ≤ 0.95 and 400 beyond; the clamped target
 *     (x − z_t)/max(1 − t, 0.05) is not x − ε for t > 0.95 (an expected refutation).
 * Refutes FORMULAS.md mutant 6, the weight 1/(1 − t) in place of 1/(1 − t)². The seed says the v-loss differs
 * from the x-loss "only by the 1 − t in the denominator" and that the conversions are "not purely linear":
 * the weight is 1/(1 − t)² (the square), and the conversions are affine in the prediction.
 * Source: Li & He 2025 (JiT), §3 and Table 1; FORMULAS.md, "Prediction targets and loss weights", mutant 6.
 */
import { add, by, calc, claim, define, derivation, div, max, mul, pow, rat, sub, sym, wrong, type Chain, type Scalar } from '../../src/index.js';

const [t, x, eps, z, pred] = ['t', 'x', 'eps', 'z_t', 'pred'].map(sym);
const v = sub(x, eps);

type Space = 'x' | 'eps' | 'v';
const truth: Record<Space, Scalar> = { x, eps, v };
/** The conversions of a prediction p in space `from` into each space, at fixed z_t (JiT, §3). */
const convert: Record<Space, (p: Scalar) => Record<Space, Scalar>> = {
  x: (p) => ({ x: p, eps: div(sub(z, mul(t, p)), sub(1, t)), v: div(sub(p, z), sub(1, t)) }),
  eps: (p) => ({ x: div(sub(z, mul(sub(1, t), p)), t), eps: p, v: div(sub(z, p), t) }),
  v: (p) => ({ x: add(mul(sub(1, t), p), z), eps: sub(z, mul(t, p)), v: p }),
};
/** w_{p,l}(t): the l-loss of a p-prediction over its own p-loss. */
const weight: Record<Space, Record<Space, Scalar>> = {
  x: { x: rat(1, 1), eps: div(pow(t, 2), pow(sub(1, t), 2)), v: div(1, pow(sub(1, t), 2)) },
  eps: { x: div(pow(sub(1, t), 2), pow(t, 2)), eps: rat(1, 1), v: div(1, pow(t, 2)) },
  v: { x: pow(sub(1, t), 2), eps: pow(t, 2), v: rat(1, 1) },
};
const spaces: Space[] = ['x', 'eps', 'v'];

/** Each conversion, fed the truth, gives the truth. */
const exact: Chain[] = spaces.flatMap((p) =>
  spaces.filter((l) => l !== p).map((l) =>
    claim(convert[p](truth[p])[l], '=', truth[l], by.algebra('z_t = t x + (1 − t) ε')).states('the conversions between x, ε and v are exact'),
  ),
);

/** The nine entries: (l(pred) − l)² = w_{p,l} (pred − p)². */
const table: Chain[] = spaces.flatMap((p) =>
  spaces.map((l) =>
    calc(pow(sub(convert[p](pred)[l], truth[l]), 2))
      .eq(mul(weight[p][l], pow(sub(pred, truth[p]), 2)), by.algebra(`${p}-prediction, ${l}-loss`))
      .states(`JiT table: ${p}-prediction with the ${l}-loss has weight w_{${p},${l}}(t)`),
  ),
);

/** JiT's clamped denominator, max(1 − t, 0.05). */
const clamped = max(sub(1, t), rat(1, 20));
const sq = pow(sub(pred, x), 2);

export default derivation({
  id: 'param.jit-table',
  title: "JiT's prediction × loss table (t = 1 data): the v-loss of an x-prediction is ‖x_θ − x‖²/(1 − t)²",
  source: 'Li & He 2025 (JiT), §3 and Table 1; FORMULAS.md, "Prediction targets and loss weights"',
  seed: [
    {
      id: 'jit-v-loss-weight',
      section: 'JiT',
      quote: '此处可以发现,z其实没有作用,因为真实的v和v_pred都减去了z,和x的区别仅在于分母上的1-t',
      says: 'the v-loss of an x-prediction differs from the x-loss only by the 1 − t in the denominator (z cancels)',
      verdict: 'imprecise',
      correct: "z_t cancels, and the v-loss is ‖x_θ − x‖²/(1 − t)²: the weight on the x-loss is the square, 1/(1 − t)² (the weight 1/(1 − t), FORMULAS.md mutant 6, is refuted); with JiT's clamp it is 1/max(1 − t, 0.05)²",
      statements: [
        'JiT table: x-prediction with the v-loss has weight w_{x,v}(t)',
        "JiT's clamped v-loss of an x-prediction is ‖x_θ − x‖²/max(1 − t, 0.05)²",
        'mutant 6: the v-loss of an x-prediction is ‖x_θ − x‖²/(1 − t)',
      ],
    },
    {
      id: 'jit-weight-grows-near-data',
      section: 'JiT',
      quote: '随着t的增大,即越接近清晰的真实图像,1-t越接近于0,对应loss的权重越高',
      says: 'in JiT (t = 1 data) the v-loss weights the x-loss more as t grows towards the clean image',
      verdict: 'holds',
      correct: 'the weight is 1/(1 − t)², increasing on (0, 1)',
      statements: [
        'JiT table: x-prediction with the v-loss has weight w_{x,v}(t)',
      ],
    },
    {
      id: 'jit-three-targets',
      section: 'JiT',
      quote: '我们有三个可以选择的目标,且三者之间可以互相转换',
      says: 'the three targets x, ε and v can be converted into each other',
      verdict: 'holds',
      correct: 'given z_t = t x + (1 − t) ε: from x, ε = (z_t − t x)/(1 − t) and v = (x − z_t)/(1 − t); from ε, x = (z_t − (1 − t) ε)/t and v = (z_t − ε)/t; from v, x = (1 − t) v + z_t and ε = z_t − t v (from x undefined at t = 1, from ε at t = 0)',
      statements: [
        'the conversions between x, ε and v are exact',
      ],
    },
    {
      id: 'jit-conversions-not-linear',
      section: 'JiT',
      quote: '转换过程不是纯线性的,因此转换得到的不同损失之间并不等价',
      says: 'the conversions between the targets are not purely linear, hence the losses they give are not equivalent',
      verdict: 'imprecise',
      correct: "at fixed (z_t, t) every conversion is affine in the prediction, so each loss is the prediction's own loss times a weight w_{p,l}(t) (all nine entries proved); the losses are not equivalent because that weight depends on t, not because of a nonlinearity",
      statements: [
        'JiT table: x-prediction with the x-loss has weight w_{x,x}(t)',
        'JiT table: x-prediction with the eps-loss has weight w_{x,eps}(t)',
        'JiT table: x-prediction with the v-loss has weight w_{x,v}(t)',
        'JiT table: eps-prediction with the x-loss has weight w_{eps,x}(t)',
        'JiT table: eps-prediction with the eps-loss has weight w_{eps,eps}(t)',
        'JiT table: eps-prediction with the v-loss has weight w_{eps,v}(t)',
        'JiT table: v-prediction with the x-loss has weight w_{v,x}(t)',
        'JiT table: v-prediction with the eps-loss has weight w_{v,eps}(t)',
        'JiT table: v-prediction with the v-loss has weight w_{v,v}(t)',
      ],
    },
  ],
  assumptions: {
    ht: 't in (0, 1)',
    hz: define(z, add(mul(t, x), mul(sub(1, t), eps))),
  },
  strategy:
    'Substitute z_t = t x + (1 − t) ε. Each conversion is affine in the prediction with the same map for the ' +
    'truth, so l(pred) − l is a multiple of pred − p and the squared error picks up the square of that multiple.',
  chains: [
    ...exact,
    ...table,
    calc(pow(sub(div(sub(pred, z), clamped), div(sub(x, z), clamped)), 2))
      .eq(div(sq, pow(clamped, 2)), by.algebra('z_t cancels'))
      .states("JiT's clamped v-loss of an x-prediction is ‖x_θ − x‖²/max(1 − t, 0.05)²"),
    wrong(
      div(sub(x, z), clamped),
      '=',
      v,
      by.algebra(),
      "JiT's clamp: for t > 0.95 the clamped target (x − z_t)/0.05 = 20(1 − t)(x − ε) is not v = x − ε",
    ).states("the clamped target is v = x − ε for every t"),
    wrong(
      pow(sub(convert.x(pred).v, v), 2),
      '=',
      mul(div(1, sub(1, t)), sq),
      by.algebra(),
      'mutant 6: the v-loss of an x-prediction weighted by 1/(1 − t) in place of 1/(1 − t)²',
    ).states('mutant 6: the v-loss of an x-prediction is ‖x_θ − x‖²/(1 − t)'),
  ],
});
