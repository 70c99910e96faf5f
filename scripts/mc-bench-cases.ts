// The four integrands of `npm run bench:mc`, with their exact values; the
// backend tests check the same four, so the benchmark measures what is tested.
import type { Binding, Node } from '../src/expr/ast.js';
import { add, div, draw, exp, logit, mul, norm2, normal, pi, pow, sqrt, sub, sym, uniform, vec } from '../src/expr/build.js';

export interface BenchCase {
  /** The case id scripts/bench_mc_numpy.py knows. */
  readonly id: string;
  readonly name: string;
  readonly f: Node;
  readonly random: Binding[];
  readonly params: Record<string, number>;
  readonly exact: number;
  /** Samples relative to the default (vector cases draw 8 Gaussians a sample). */
  readonly scale: number;
}

const [x, z, t, s, ab] = ['x', 'z', 't', 's', 'ab'].map(sym);
const x0 = vec('x0');
const eps = vec('eps');

export const BENCH_CASES: readonly BenchCase[] = [
  { id: 'x2', name: 'E[x²], x ~ N(0.5, 2)', f: pow(x, 2), random: [draw('x', normal(0.5, 2))], params: {}, exact: 2.25, scale: 1 },
  { id: 'exp', name: 'E[exp(s·z)], z ~ N(0, 1), s = 0.7', f: exp(mul(s, z)), random: [draw('z', normal(0, 1))], params: { s: 0.7 }, exact: Math.exp(0.245), scale: 1 },
  {
    // x_t = √ᾱ x0 + √(1−ᾱ) ε; the x0-prediction √ᾱ x_t leaves E‖x0 − x̂‖² = d(1 − ᾱ).
    id: 'vdm',
    name: 'VDM denoising ½(SNR_s − SNR_t)‖x0 − √ᾱ x_t‖², x0, ε ~ N(0, I_4)',
    f: mul(0.5, sub(sym('snr_s'), sym('snr_t')), norm2(sub(x0, mul(sqrt(ab), add(mul(sqrt(ab), x0), mul(sqrt(sub(1, ab)), eps)))))),
    random: [draw('x0', normal(0, 1, sym('d'))), draw('eps', normal(0, 1, sym('d')))],
    params: { ab: 0.7, snr_s: 3, snr_t: 7 / 3, d: 4 },
    exact: 0.5 * (3 - 7 / 3) * 4 * 0.3,
    scale: 0.25,
  },
  {
    id: 'logitn',
    name: 'logit-normal density π(t; 0, 1), t ~ U(0, 1)',
    f: mul(div(1, mul(sym('sd'), sqrt(mul(2, pi)))), div(1, mul(t, sub(1, t))), exp(div(mul(-1, pow(sub(logit(t), sym('m')), 2)), mul(2, pow(sym('sd'), 2))))),
    random: [draw('t', uniform(0, 1))],
    params: { m: 0, sd: 1 },
    exact: 1,
    scale: 1,
  },
];
