// Where weightEps, weightX0 and w(λ) are 0, ∞ or 0/0 at the ends of the
// schedule (t → 0: data, t → 1: noise; for a discrete schedule the steps 1
// and T). The values come from sequences approaching each end (t = 10⁻ᵏ,
// 1 − 10⁻ᵏ; λ = ±2ᵏ), so a limit is numeric, and said so. The weight as the
// user wrote it is also evaluated AT the end (snr = 0 at a zero terminal
// SNR), where 0/0 shows as NaN: the ε-form of Min-SNR-γ, min(snr, γ)/snr.
import type { Scalar as Node } from '../expr/ast.js';
import { evalFloat } from '../algebra/eval-float.js';
import type { Objective } from './objective.js';
import type { Pieces } from './pieces.js';

export interface Endpoint {
  /** Which end: 't -> 0' or 't -> 1' (continuous), 't = 1' or 't = T' (discrete). */
  readonly where: string;
  readonly quantity: 'weight' | 'weightEps' | 'weightX0' | 'weightLambda';
  readonly value: '0' | 'inf' | '0/0' | 'undefined';
  /** The limit where it exists (numeric, from the sequence), else null. */
  readonly limit: number | null;
  readonly note: string;
}

const K = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/** Classifies a sequence of values approaching an end. */
function classify(all: readonly number[]): { value: Endpoint['value'] | 'finite'; limit: number | null } {
  // Trailing NaN from an overflow (∞/∞ in doubles) says nothing: classify the values before it.
  let n = all.length;
  while (n > 3 && Number.isNaN(all[n - 1])) n--;
  const ys = all.slice(0, n);
  const last = ys[ys.length - 1];
  const prev = ys[ys.length - 2];
  if (!Number.isFinite(last) && !Number.isNaN(last)) return { value: 'inf', limit: null };
  if (Number.isNaN(last)) return { value: 'undefined', limit: null };
  const scale = Math.max(...ys.filter(Number.isFinite).map(Math.abs), 1e-300);
  if (Math.abs(last) <= 1e-9 * scale || Math.abs(last) < 1e-250) return { value: '0', limit: 0 };
  const growing = Math.abs(last) > 1e6 * Math.abs(ys[0]) && Math.abs(last) > Math.abs(prev);
  if (growing && Math.abs(last) > 1e8) return { value: 'inf', limit: null };
  if (Math.abs(last - prev) <= 1e-6 * Math.abs(last)) return { value: 'finite', limit: last };
  return { value: 'finite', limit: null };
}

function approach(p: Pieces, end: 0 | 1): number[] {
  const v = p.rep.v;
  // λ = ±2 … ±256: beyond, e^{|λ|} overflows doubles and the values say nothing.
  if (v === 'lambda') return [1, 2, 3, 4, 5, 6, 7, 8].map((k) => (end === 0 ? 1 : -1) * 2 ** k);
  if (v === 'u') return K.map((k) => (end === 0 ? 1 - 10 ** -k : 10 ** -k));
  return K.map((k) => (end === 0 ? 10 ** -k : 1 - 10 ** -k));
}

/** The user's weight at limiting values of α, σ (rounded where they reach 0 or 1). */
function weightAtEnd(obj: Objective, env: Record<string, number>): number {
  return evalFloat(obj.weight.node, env);
}

const snap = (x: number) => (Math.abs(x) < 1e-7 ? 0 : Math.abs(x - 1) < 1e-7 ? 1 : x);

export function endpointsOf(obj: Objective, p: Pieces): Endpoint[] {
  const out: Endpoint[] = [];
  const quantities: [Endpoint['quantity'], Node | undefined][] = [['weightEps', p.weightEps], ['weightX0', p.weightX0], ['weightLambda', p.weightLambda]];
  if (obj.schedule.kind === 'discrete') {
    const { T, alphaBar } = obj.schedule.arrays;
    for (const [where, i] of [['t = 1', 0], ['t = T', T - 1]] as const) {
      const ab = alphaBar[i];
      const env = { alphaBar: ab };
      const generic = { t: i + 1, alpha: Math.sqrt(ab), sigma: Math.sqrt(1 - ab), snr: ab / (1 - ab), lambda: Math.log(ab) - Math.log1p(-ab) };
      const w = weightAtEnd(obj, generic);
      if (Number.isNaN(w)) {
        // The limit as snr → 0+ (or the end's direction): the weight at ᾱ approaching this one.
        const ys = K.map((k) => {
          const a = ab === 0 ? 10 ** -k : ab;
          return evalFloat(obj.weight.node, { t: i + 1, alpha: Math.sqrt(a), sigma: Math.sqrt(1 - a), snr: a / (1 - a), lambda: Math.log(a) - Math.log1p(-a) });
        });
        const c = classify(ys);
        out.push({ where: `${where} (snr = ${generic.snr})`, quantity: 'weight', value: '0/0', limit: c.limit, note: `the weight ${obj.weight.text} is 0/0 here${c.limit !== null ? `; its limit as snr -> 0+ is ${c.limit}` : ''}` });
      }
      for (const [q, f] of quantities) {
        if (!f) continue;
        const y = evalFloat(f, env);
        const c = Number.isNaN(y) ? { value: 'undefined' as const, limit: null } : classify([y, y]);
        if (c.value !== 'finite') out.push({ where, quantity: q, value: Number.isNaN(y) && Number.isNaN(w) ? '0/0' : c.value, limit: c.limit, note: `${q} at ${where} (alphaBar = ${ab})` });
      }
    }
    return out;
  }
  if (p.weightLambdaWhy) out.push({ where: 't in (0, 1)', quantity: 'weightLambda', value: 'undefined', limit: null, note: p.weightLambdaWhy });
  for (const end of [0, 1] as const) {
    const where = end === 0 ? 't -> 0' : 't -> 1';
    const vs = approach(p, end);
    const last = vs[vs.length - 1];
    const a = snap(evalFloat(p.alpha, { [p.rep.v]: last }));
    const s = snap(evalFloat(p.sigma, { [p.rep.v]: last }));
    const generic = { t: end, alpha: a, sigma: s, snr: (a * a) / (s * s), lambda: Math.log((a * a) / (s * s)) };
    const w = weightAtEnd(obj, generic);
    if (Number.isNaN(w)) {
      const ys = vs.map((x) => {
        const ax = evalFloat(p.alpha, { [p.rep.v]: x });
        const sx = evalFloat(p.sigma, { [p.rep.v]: x });
        return evalFloat(obj.weight.node, { t: end === 0 ? 10 ** -6 : 1 - 10 ** -6, alpha: ax, sigma: sx, snr: (ax * ax) / (sx * sx), lambda: Math.log((ax * ax) / (sx * sx)) });
      });
      const c = classify(ys);
      out.push({ where: `${where} (alpha = ${a}, sigma = ${s})`, quantity: 'weight', value: '0/0', limit: c.limit, note: `the weight ${obj.weight.text} is 0/0 at the end${c.limit !== null ? `; its limit is ${c.limit}` : ''}` });
    }
    for (const [q, f] of quantities) {
      if (!f) continue;
      const c = classify(vs.map((x) => evalFloat(f, { [p.rep.v]: x })));
      if (c.value !== 'finite') out.push({ where, quantity: q, value: c.value, limit: c.limit, note: `${q} as ${where} (numeric limit along ${p.rep.v} = ${vs[0]} … ${last})` });
    }
  }
  return out;
}
