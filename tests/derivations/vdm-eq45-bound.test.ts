// Law: Luo's eq. 45 is a lower bound on log p(x_0) (eq. 45 = ELBO_r − Σ conditional mutual
// informations ≤ ELBO_r ≤ log p(x_0), r the Markov chain of eq. 45's pair measures), though it is not
// the ELBO and can exceed it; and its distance to the ELBO at a DDPM schedule, T = 1000.
// The Gaussian quantities here are written independently of the derivation, in float64.
import { afterAll, describe, expect, it } from 'vitest';
import { evalFloat } from '../../src/algebra/index.js';
import { expand, type Derivation } from '../../src/derive/derivation.js';
import type { Node } from '../../src/expr/ast.js';
import { shutdownGpu } from '../../src/mc/index.js';
import { closeNested } from '../../src/prob/expect-closed-form.js';
import { lowerHeads } from '../../src/prob/lower.js';
import eq45Bound, { klGap, pieces } from '../../derivations/vdm/eq45-bound.js';
import { linearBetas, matchedEq45Defect, q, qToNumber } from '../../derivations/testbeds/vp-eq45.js';
import { cachedChecker } from './helpers.js';

afterAll(async () => {
  await shutdownGpu();
});

interface Theta { T: number; a: number[]; k: number[]; c: number[]; s: number[]; x0: number }

/** E_μ[log N(y; k x + c, s)] for (y, x) Gaussian with means my, mx, variances vy, vx, covariance cyx. */
const eLogN = (my: number, mx: number, vy: number, vx: number, cyx: number, k: number, c: number, s: number) =>
  -0.5 * Math.log(2 * Math.PI * s) - ((my - k * mx - c) ** 2 + vy - 2 * k * cyx + k * k * vx) / (2 * s);
const halfLog2pie = (v: number) => 0.5 * Math.log(2 * Math.PI * Math.E * v);

/** The testbed's quantities at θ (index 0 of a, k, c, s unused), from the definitions. */
function gaussianPieces(th: Theta) {
  const { T, a, k, c, s, x0 } = th;
  const m = [x0];
  const V = [0];
  for (let t = 1; t <= T; t++) {
    m[t] = Math.sqrt(a[t]!) * m[t - 1]!;
    V[t] = a[t]! * V[t - 1]! + 1 - a[t]!;
  }
  const covQ = (t: number) => Math.sqrt(a[t + 1]!) * V[t]!; // Cov_q(x_t, x_{t+1})
  const covPi = (t: number) => a[t]! * Math.sqrt(a[t + 1]!) * V[t - 1]!; // both drawn from x_{t−1}
  let hq = 0;
  for (let t = 1; t <= T; t++) hq += halfLog2pie(1 - a[t]!);
  const recon = eLogN(x0, m[1]!, 0, V[1]!, 0, k[1]!, c[1]!, s[1]!);
  const prior = eLogN(m[T]!, 0, V[T]!, 0, 0, 0, 0, 1);
  let crossQ = 0;
  let crossPi = 0;
  let hr = halfLog2pie(V[1]!);
  for (let t = 1; t < T; t++) {
    crossQ += eLogN(m[t]!, m[t + 1]!, V[t]!, V[t + 1]!, covQ(t), k[t + 1]!, c[t + 1]!, s[t + 1]!);
    crossPi += eLogN(m[t]!, m[t + 1]!, V[t]!, V[t + 1]!, covPi(t), k[t + 1]!, c[t + 1]!, s[t + 1]!);
    hr += halfLog2pie(V[t + 1]! - covPi(t) ** 2 / V[t]!);
  }
  const elbo = recon + prior + crossQ + hq;
  const eq45 = recon + prior + crossPi + hq;
  const elboR = recon + prior + crossPi + hr;
  // Σ_t I_π(x_{t−1}; x_{t+1} | x_t) + I_q(x_t; x_{t+1} | x_{t−1}), each from its own conditional variances
  let info = 0;
  for (let t = 1; t < T; t++) {
    const a2 = a[t]! * a[t + 1]!;
    const wPi = V[t + 1]! - covPi(t) ** 2 / V[t]!; // Var_π(x_{t+1} | x_t)
    info += 0.5 * Math.log(wPi / (1 - a2)) + 0.5 * Math.log((1 - a2) / (1 - a[t + 1]!));
  }
  let mp = 0;
  let vp = 1;
  for (let t = T; t >= 1; t--) [mp, vp] = [k[t]! * mp + c[t]!, k[t]! ** 2 * vp + s[t]!];
  const logp = -0.5 * Math.log(2 * Math.PI * vp) - (x0 - mp) ** 2 / (2 * vp);
  let defect = 0;
  for (let t = 1; t < T; t++) defect += (k[t + 1]! * Math.sqrt(a[t + 1]!) * (1 - a[t]!)) / s[t + 1]!;
  return { elbo, eq45, elboR, info, logp, defect };
}

/** Seeded uniforms (mulberry32). */
function uniforms(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (x + 0x6d2b79f5) >>> 0;
    let t = Math.imul(x ^ (x >>> 15), x | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function randomTheta(T: number, u: () => number): Theta {
  const arr = (f: () => number) => [0, ...Array.from({ length: T }, f)];
  return {
    T,
    a: arr(() => 0.001 + 0.998 * u()),
    k: arr(() => 10 * u() - 5),
    c: arr(() => 6 * u() - 3),
    s: arr(() => Math.exp(8 * u() - 5)),
    x0: 6 * u() - 3,
  };
}

describe('eq. 45 ≤ log p(x_0) for every θ, though eq. 45 ≤ ELBO fails (linear-Gaussian chains, float64)', () => {
  for (const T of [2, 3, 5]) {
    it(`T = ${T}: at 3000 random θ far beyond the box, eq. 45 = ELBO_r − Σ I ≤ ELBO_r ≤ log p(x_0), and ELBO − eq. 45 is the defect`, () => {
      const u = uniforms(17 + T);
      let aboveElbo = 0;
      for (let i = 0; i < 3000; i++) {
        const g = gaussianPieces(randomTheta(T, u));
        const tol = 1e-9 * (1 + Math.abs(g.logp) + Math.abs(g.eq45));
        expect(g.elbo - g.eq45).toBeCloseTo(g.defect, 6);
        expect(Math.abs(g.eq45 - (g.elboR - g.info))).toBeLessThan(tol);
        expect(g.info).toBeGreaterThanOrEqual(0);
        expect(g.elboR).toBeLessThanOrEqual(g.logp + tol);
        expect(g.elbo).toBeLessThanOrEqual(g.logp + tol);
        expect(g.eq45).toBeLessThanOrEqual(g.logp + tol);
        if (g.eq45 > g.elbo) aboveElbo++;
      }
      // eq. 45 is not below the ELBO in general: it is above it whenever the defect is negative
      expect(aboveElbo).toBeGreaterThan(300);
    });
  }

  it('near the domain ends (α → 0 and 1, s tiny, |k| large) the bound still holds', () => {
    const ends = [1e-6, 1 - 1e-6];
    for (const a1 of ends) for (const a2 of ends) for (const k2 of [-50, 50]) for (const s2 of [1e-4, 1e4]) {
      const g = gaussianPieces({ T: 2, a: [0, a1, a2], k: [0, 3, k2], c: [0, 1, -1], s: [0, 0.3, s2], x0: 2 });
      expect(g.eq45).toBeLessThanOrEqual(g.logp + 1e-9 * (1 + Math.abs(g.logp)));
    }
  });
});

/** An expression with expectations, in closed form (definitions expanded), at a point. */
function closedAt(d: Derivation, node: Node, at: Record<string, number>): number {
  const closed = closeNested(lowerHeads(expand(d, node)));
  if (!closed) throw new Error('no closed form');
  return evalFloat(closed, at);
}

describe('vdm.eq45-bound: the derivation\'s T = 2 pieces agree with the independent float64 ones', () => {
  it('eq. 45, ELBO_r, I_q(x_1; x_2 | x_0) and log p(x_0) at a point with k_2 < 0', () => {
    const th: Theta = { T: 2, a: [0, 0.3, 0.7], k: [0, 0.4, -0.8], c: [0, 0.2, -0.5], s: [0, 0.9, 1.6], x0: 0.7 };
    const at = { alpha_1: 0.3, alpha_2: 0.7, k_1: 0.4, k_2: -0.8, c_1: 0.2, c_2: -0.5, s_1: 0.9, s_2: 1.6, x_0: 0.7 };
    const g = gaussianPieces(th);
    expect(closedAt(eq45Bound, pieces.eq45, at)).toBeCloseTo(g.eq45, 10);
    expect(closedAt(eq45Bound, pieces.elboR, at)).toBeCloseTo(g.elboR, 10);
    expect(closedAt(eq45Bound, pieces.info, at)).toBeCloseTo(g.info, 12);
    expect(closedAt(eq45Bound, pieces.logP, at)).toBeCloseTo(g.logp, 12);
    // the KL(r ‖ p(x_1, x_2 | x_0)) of the derivation is the float64 gap log p(x_0) − ELBO_r, and positive
    expect(closedAt(eq45Bound, klGap, at)).toBeCloseTo(g.logp - g.elboR, 10);
    expect(g.logp - g.elboR).toBeGreaterThan(0);
    expect(g.eq45).toBeGreaterThan(g.elbo); // k_2 < 0: above the ELBO, below log p(x_0)
    expect(g.eq45).toBeLessThan(g.logp);
  });

  it('the checked derivation: the identity, I ≥ 0 and the KL form of ELBO_r proved, eq. 45 ≤ ELBO refuted, the matched defect per step proved', async () => {
    const r = await cachedChecker()(eq45Bound);
    expect(r.steps.map((s) => `${s.verdict}${s.expect ? '*' : ''}`)).toEqual(['proved', 'proved', 'proved', 'refuted*', 'proved']);
  }, 120_000);
});

describe('ELBO − eq. 45 at the DDPM schedule (T = 1000, β linear 10⁻⁴ … 0.02), reverse model = forward posterior', () => {
  it('Σ_{t=1}^{T−1} α_{t+1} β_t/β_{t+1} = 983.7674905071015… nats per dimension, exactly and in float64', () => {
    const exact = matchedEq45Defect(linearBetas(1000));
    expect(exact.d.toString().length).toBe(2561);
    expect(qToNumber(exact)).toBeCloseTo(983.7674905071015, 10);
    // the same sum in float64, from the schedule's definition, with compensated summation
    let sum = 0;
    let comp = 0;
    const beta = (t: number) => 1e-4 + ((t - 1) * (0.02 - 1e-4)) / 999;
    for (let t = 1; t < 1000; t++) {
      const y = ((1 - beta(t + 1)) * beta(t)) / beta(t + 1) - comp;
      const s = sum + y;
      comp = s - sum - y;
      sum = s;
    }
    expect(Math.abs(sum - qToNumber(exact))).toBeLessThan(1e-9);
  });

  it('agrees with the symbolic defect Σ k_{t+1} √α_{t+1}(1 − α_t)/s_{t+1} at the matched k, s (T = 5, exact schedule)', () => {
    const b = linearBetas(5).map(qToNumber);
    const a = b.map((x) => 1 - x);
    let abar = 1;
    const abars = [1];
    for (let t = 1; t <= 5; t++) abars.push((abar *= a[t]!));
    let viaKs = 0;
    for (let t = 1; t < 5; t++) {
      const kM = (Math.sqrt(a[t + 1]!) * (1 - abars[t]!)) / (1 - abars[t + 1]!);
      const sM = ((1 - a[t + 1]!) * (1 - abars[t]!)) / (1 - abars[t + 1]!);
      viaKs += (kM * Math.sqrt(a[t + 1]!) * (1 - a[t]!)) / sM;
    }
    expect(viaKs).toBeCloseTo(qToNumber(matchedEq45Defect(linearBetas(5))), 12);
  });

  it('a constant schedule gives (T − 1)(1 − β); bad input is rejected', () => {
    const flat = linearBetas(10, q(1n, 50n), q(1n, 50n));
    expect(qToNumber(matchedEq45Defect(flat))).toBeCloseTo(9 * (1 - 1 / 50), 14);
    expect(qToNumber(matchedEq45Defect(linearBetas(2)))).toBeCloseTo((1 - 0.02) * (1e-4 / 0.02), 15);
    expect(() => linearBetas(1)).toThrow(RangeError);
    expect(() => linearBetas(2.5)).toThrow(RangeError);
    expect(() => q(1n, 0n)).toThrow(RangeError);
  });
});
