/**
 * Testbed: a linear-Gaussian Markov hierarchical VAE with T latent levels,
 * where the evidence p(x) and the ELBO are closed form (FORMULAS.md, "Markov
 * hierarchical VAE"; Luo 2022, eqs. 23–25).
 *
 * Generative chain (z_0 = x):
 *   p(z_T)           = N(0, 1)
 *   p(z_{t−1} | z_t) = N(a_t z_t, s_t)            t = T, …, 1   (the last link is p(x | z_1))
 * Encoder chain:
 *   q(z_1 | x)       = N(c_1 x, r_1)
 *   q(z_t | z_{t−1}) = N(c_t z_{t−1}, r_t)        t = 2, …, T
 *
 * N(mean, VARIANCE) throughout. Closed forms, by the chain of linear-Gaussian
 * marginals (sum of independent Gaussians: means add, variances add):
 *   p(z_t) = N(0, V_t),  V_T = 1,  V_{t−1} = a_t² V_t + s_t,  so p(x) = N(0, V_0);
 *   q(z_t | x) = N(μ_t, R_t),  μ_1 = c_1 x, R_1 = r_1,  μ_t = c_t μ_{t−1},  R_t = c_t² R_{t−1} + r_t.
 * Each link reversed by Bayes (a linear-Gaussian posterior):
 *   p(z_t | z_{t−1}) = N(a_t V_t z_{t−1}/V_{t−1}, V_t s_t/V_{t−1}).
 * The ELBO is a quadratic in (z_1, …, z_T) under q; with z_t = c_t z_{t−1} + √r_t η,
 *   E_q[(z_{t−1} − a_t z_t)²] = (1 − a_t c_t)² (μ_{t−1}² + R_{t−1}) + a_t² r_t.
 * Scalar levels: diagonal Gaussians factorize over dimensions.
 *
 * Domain. The importance weights p(x, z_{1:T})/q(z_{1:T} | x) have finite
 * variance iff 2 Λ_post − Λ_q is positive definite (Λ the precision matrices
 * of the posterior and of q over z_{1:T}). The encoder must be wider than the
 * posterior in every direction, including along the chain, where the prior
 * variance accumulates. For T = 3 the box below gives a relative weight
 * variance ∫ p(z|x)²/q(z|x) dz − 1 of at most 2.9 (closed form, 3·10⁴
 * random points); with r_t ∈ [1, 2] or |c_t| up to 1 it is infinite somewhere.
 *
 * This module exports symbols, distributions and closed forms only.
 */
import {
  add, define, div, draw, log, logpdf, mul, normal, pi, pow, rat, sub, sym,
  type Binding, type Dist, type Scalar, type Testbed,
} from '../../src/index.js';
import { density } from './linear-gaussian.js';

type Definition = ReturnType<typeof define>;

export interface MarkovChainTestbed {
  readonly T: number;
  /** What a verdict on this testbed was decided on (the scope of its steps, issue 10 item 6). */
  readonly testbed: Testbed;
  readonly x: Scalar;
  /** z[t] for t = 1..T (z[0] is x). */
  readonly z: readonly Scalar[];
  /** Parameter domains (see the header for why these). */
  readonly hypotheses: Readonly<Record<string, string>>;
  /** V_t (t = T−1..0), μ_t and R_t (t = 1..T), in dependency order. */
  readonly definitions: Readonly<Record<string, Definition>>;
  /** p(z_T) = N(0, 1). */
  readonly top: Dist;
  /** down[t] = p(z_{t−1} | z_t) = N(a_t z_t, s_t), t = 1..T. */
  readonly down: readonly Dist[];
  /** up[t] = q(z_t | z_{t−1}) = N(c_t z_{t−1}, r_t), t = 1..T (up[1] = q(z_1 | x)). */
  readonly up: readonly Dist[];
  /** marginalOf(t) = p(z_t) = N(0, V_t) (t = 0 is the evidence p(x)). */
  readonly marginalOf: (t: number) => Dist;
  /** reversed[t] = p(z_t | z_{t−1}) = N(a_t V_t z_{t−1}/V_{t−1}, V_t s_t/V_{t−1}), t = 1..T. */
  readonly reversed: readonly Dist[];
  /** z_T ~ p(z_T), then z_{T−1} ~ p(·|z_T), …, z_1 ~ p(·|z_2): ancestral sampling of the prior. */
  readonly overPrior: readonly Binding[];
  /** z_1 ~ q(·|x), then z_2 ~ q(·|z_1), …: ancestral sampling of the encoder. */
  readonly overEncoder: readonly Binding[];
  /** log p(x, z_{1:T}) = log p(z_T) + Σ_{t=1}^{T} log p(z_{t−1} | z_t). */
  readonly logJoint: Scalar;
  /** log q(z_{1:T} | x) = Σ_{t=1}^{T} log q(z_t | z_{t−1}). */
  readonly logEncoder: Scalar;
  /** p(x, z_{1:T}) and q(z_{1:T} | x) as products of densities. */
  readonly joint: Scalar;
  readonly encoderDensity: Scalar;
  /** V_0 = Var x, as the defined symbol. */
  readonly evidenceVariance: Scalar;
  /** μ_T and R_T: q(z_T | x) = N(μ_T, R_T), as defined symbols. */
  readonly topMean: Scalar;
  readonly topVariance: Scalar;
  /** The ELBO E_q[log p(x, z_{1:T}) − log q(z_{1:T} | x)] in closed form (in the defined symbols). */
  readonly elboClosedForm: Scalar;
}

const half = rat(1, 2);
/** −½ log(2π v). */
const logNormalizer = (variance: Scalar | number): Scalar => mul(rat(-1, 2), log(mul(2, pi, variance)));

/** The linear-Gaussian Markov HVAE with T ≥ 1 latent levels. */
export function markovChain(T: number): MarkovChainTestbed {
  if (!Number.isInteger(T) || T < 1) throw new RangeError(`markovChain: T must be a positive integer, got ${T}`);
  const levels = Array.from({ length: T }, (_, i) => i + 1);
  const x = sym('x');
  const z: Scalar[] = [x, ...levels.map((t) => sym(`z_${t}`))];
  const a = (t: number) => sym(`a_${t}`);
  const s = (t: number) => sym(`s_${t}`);
  const c = (t: number) => sym(`c_${t}`);
  const r = (t: number) => sym(`r_${t}`);

  const hypotheses: Record<string, string> = { hx: 'x in [-1, 1]' };
  for (const t of levels) {
    hypotheses[`ha${t}`] = `a_${t} in [-1/2, 1/2]`;
    hypotheses[`hs${t}`] = `s_${t} in [1/2, 1]`;
    hypotheses[`hc${t}`] = `c_${t} in [-1/4, 1/4]`;
    hypotheses[`hr${t}`] = `r_${t} in [3/2, 5/2]`;
  }

  // V_T = 1; V_{t−1} = a_t² V_t + s_t.
  const V: Scalar[] = [];
  V[T] = rat(1, 1);
  const definitions: Record<string, Definition> = {};
  for (let t = T; t >= 1; t--) {
    definitions[`hV${t - 1}`] = define(`V_${t - 1}`, add(mul(pow(a(t), 2), V[t]), s(t)));
    V[t - 1] = sym(`V_${t - 1}`);
  }
  // μ_1 = c_1 x, R_1 = r_1; μ_t = c_t μ_{t−1}, R_t = c_t² R_{t−1} + r_t.
  const mu: Scalar[] = [x];
  const R: Scalar[] = [];
  for (const t of levels) {
    definitions[`hmu${t}`] = define(`mu_${t}`, mul(c(t), mu[t - 1]));
    definitions[`hR${t}`] = define(`R_${t}`, t === 1 ? r(1) : add(mul(pow(c(t), 2), R[t - 1]), r(t)));
    mu[t] = sym(`mu_${t}`);
    R[t] = sym(`R_${t}`);
  }

  const top = normal(0, 1);
  const down = [top, ...levels.map((t) => normal(mul(a(t), z[t]), s(t)))];
  const up = [top, ...levels.map((t) => normal(mul(c(t), z[t - 1]), r(t)))];
  const marginalOf = (t: number): Dist => (t === T ? top : normal(0, V[t]));
  const reversed = [
    top,
    ...levels.map((t) => normal(div(mul(a(t), V[t], z[t - 1]), V[t - 1]), div(mul(V[t], s(t)), V[t - 1]))),
  ];

  const overPrior = [draw(`z_${T}`, top), ...levels.slice(1).reverse().map((t) => draw(`z_${t - 1}`, down[t]))];
  const overEncoder = levels.map((t) => draw(`z_${t}`, up[t]));

  const logJoint = add(logpdf(top, z[T]), ...levels.slice().reverse().map((t) => logpdf(down[t], z[t - 1])));
  const logEncoder = add(...levels.map((t) => logpdf(up[t], z[t])));
  const joint = mul(density(top, z[T]), ...levels.slice().reverse().map((t) => density(down[t], z[t - 1])));
  const encoderDensity = mul(...levels.map((t) => density(up[t], z[t])));

  // E_q[log p(z_T)] = −½ log 2π − (μ_T² + R_T)/2
  const topTerm = sub(logNormalizer(1), div(add(pow(mu[T], 2), R[T]), 2));
  // E_q[log p(x | z_1)] = −½ log(2π s_1) − ((x − a_1 μ_1)² + a_1² r_1)/(2 s_1)
  const reconstruction = sub(
    logNormalizer(s(1)),
    div(add(pow(sub(x, mul(a(1), mu[1])), 2), mul(pow(a(1), 2), r(1))), mul(2, s(1))),
  );
  // E_q[log p(z_{t−1} | z_t)] = −½ log(2π s_t) − ((1 − a_t c_t)² (μ_{t−1}² + R_{t−1}) + a_t² r_t)/(2 s_t), t ≥ 2
  const links = levels.slice(1).map((t) =>
    sub(
      logNormalizer(s(t)),
      div(
        add(mul(pow(sub(1, mul(a(t), c(t))), 2), add(pow(mu[t - 1], 2), R[t - 1])), mul(pow(a(t), 2), r(t))),
        mul(2, s(t)),
      ),
    ));
  // E_q[log q(z_t | z_{t−1})] = −½ log(2π r_t) − ½
  const entropies = levels.map((t) => sub(logNormalizer(r(t)), half));
  const elboClosedForm = sub(add(topTerm, reconstruction, ...links), add(...entropies));

  return {
    testbed: {
      name: `1-D linear-Gaussian Markov HVAE (p(z_{t−1}|z_t) = N(a_t z_t, s_t), q(z_t|z_{t−1}) = N(c_t z_{t−1}, r_t)), T = ${T}`,
      short: `1-D linear-Gaussian HVAE, T = ${T}`,
    },
    T, x, z, hypotheses, definitions, top, down, up, marginalOf, reversed, overPrior, overEncoder,
    logJoint, logEncoder, joint, encoderDensity,
    evidenceVariance: V[0], topMean: mu[T], topVariance: R[T], elboClosedForm,
  };
}
