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
  spaces.filter((l) => l !== p).map((l) => claim(convert[p](truth[p])[l], '=', truth[l], by.algebra('z_t = t x + (1 − t) ε'))),
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
