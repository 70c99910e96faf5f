// Targets linear in x0 and eps (anything else is bad input), degeneracy where
// bα − aσ = 0, the samplers, and two representations of one schedule agreeing.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/reparam/analyze.js';
import { parseTarget } from '../../src/reparam/targets.js';
import { hasProbit } from '../../src/reparam/edm-probit.js';
import { isBadInput } from '../../src/errors.js';
import { evalFloat } from '../../src/algebra/eval-float.js';

const badInput = (f: () => unknown): boolean => {
  try {
    f();
  } catch (e) {
    return isBadInput(e);
  }
  return false;
};
const TS = [0.001, 0.02, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 0.98, 0.999];
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('targets', () => {
  it('an expression linear in x0 and eps gives its coefficients a, b (EDM\'s effective target, xt written out)', () => {
    const t = parseTarget('(x0 - 0.25/(sigma^2 + 0.25)*xt) / (sigma*0.5/sqrt(sigma^2 + 0.25))');
    const env = { sigma: 0.7, alpha: 1 };
    const cOut = (0.7 * 0.5) / Math.sqrt(0.49 + 0.25);
    const cSkip = 0.25 / (0.49 + 0.25);
    expect(rel(evalFloat(t.a, env), (1 - cSkip) / cOut)).toBeLessThan(1e-14);
    expect(rel(evalFloat(t.b, env), (-cSkip * 0.7) / cOut)).toBeLessThan(1e-14);
  });
  for (const nonlinear of ['x0*eps', 'x0^2', 'abs(x0)', 'exp(eps)', 'min(x0, eps)', 'x0 + 1', 'sqrt(x0)', 'x0/eps', 'snr*t', 'eps + 1e-30']) {
    it(`'${nonlinear}' is not a linear target: bad input`, () => {
      expect(badInput(() => parseTarget(nonlinear))).toBe(true);
    });
  }
  it('xt itself carries no information about eps: degenerate everywhere', () => {
    expect(analyze({ schedule: 'cosine', target: 'xt' }).degenerate.where).toMatch(/everywhere/);
  });
  it('x0 + eps under rectified flow is degenerate at t = 1/2 only (bα − aσ = 1 − 2t): valid is false there', () => {
    const a = analyze({ schedule: 'rf', target: 'x0 + eps' }, [0.25, 0.5, 0.75]);
    expect(a.degenerate.where).not.toMatch(/nowhere|everywhere/);
    expect(a.at.map((r) => r.valid)).toEqual([true, false, true]);
    expect(a.at[1].weightEps).toBe(0);
  });
  it('score: weightEps = 1/σ² (VP cosine)', () => {
    const a = analyze({ schedule: 'cosine', target: 'score' }, TS);
    for (const r of a.at) expect(rel(r.weightEps!, 1 / r.sigma! ** 2)).toBeLessThan(1e-9);
  });
  it('every conversion check is proved for v, flow and an EDM target', () => {
    for (const spec of [{ schedule: 'vp-linear', target: 'v' }, { schedule: 'rf', target: 'flow' }, { schedule: 'edm', target: 'x0 - 0.3*xt' }]) {
      for (const c of analyze(spec).checks) expect(c.verdict, `${spec.schedule} ${c.claim}`).toBe('proved');
    }
  });
});

describe('two representations of one schedule agree', () => {
  for (const [name, alpha, sigma, target] of [
    ['cosine', 'cos(pi*t/2)', 'sin(pi*t/2)', 'eps'],
    ['cosine', 'cos(pi*t/2)', 'sin(pi*t/2)', 'v'],
    ['rf', '1 - t', 't', 'flow'],
    ['vp-linear', 'exp(-(t/20 + 199*t^2/40))', 'sqrt(1 - exp(-(t/10 + 199*t^2/20)))', 'x0'],
  ]) {
    it(`${name} (in λ) and --alpha ${alpha} --sigma ${sigma} (in t) give the same values, ${target}`, () => {
      const a = analyze({ schedule: name, target }, TS).at;
      const b = analyze({ alpha, sigma, target }, TS).at;
      a.forEach((r, i) => {
        for (const k of ['alpha', 'sigma', 'lambda', 'weightEps', 'weightX0', 'weightLambda'] as const) {
          if (Math.abs(b[i][k]!) < 1e-300) continue;
          // relative, or absolute near 0 (λ at t = 1/2 is a rounding error in both)
          expect(Math.abs(r[k]! - b[i][k]!) / Math.max(1, Math.abs(b[i][k]!)), `${k} at t = ${r.t}`).toBeLessThan(1e-8);
        }
      });
    });
  }
});

describe('samplers', () => {
  it('mode(s): w(λ) = 2 p(t) c(t)/|dλ/dt| with p(t) = 1/|f\'(u)| at f(u) = t (rectified flow)', () => {
    for (const s of [-1, -0.5, 0.81, 1.29, 1.75]) {
      const a = analyze({ schedule: 'rf', target: 'flow', sampling: `mode(${s})` }, TS);
      for (const r of a.at) {
        // u with f(u) = t by a bisection of our own
        let [lo, hi] = [0, 1];
        const f = (u: number) => 1 - u - s * (Math.cos((Math.PI * u) / 2) ** 2 - 1 + u);
        for (let i = 0; i < 200; i++) {
          const m = (lo + hi) / 2;
          if (f(m) > r.t) lo = m;
          else hi = m;
        }
        const u = (lo + hi) / 2;
        const p = 1 / Math.abs(-1 - s * (-(Math.PI / 2) * Math.sin(Math.PI * u) + 1));
        expect(rel(r.weightLambda!, p * (r.t / (1 - r.t))), `s = ${s}, t = ${r.t}`).toBeLessThan(1e-6);
      }
    }
  });
  it('mode(0) is uniform', () => {
    const a = analyze({ schedule: 'rf', target: 'flow', sampling: 'mode(0)' }, TS).at;
    for (const r of a) expect(rel(r.weightLambda!, r.t / (1 - r.t))).toBeLessThan(1e-9);
  });
  it('cosmap: w(λ) = 2/(π − 2πt + 2πt²) · t/(1 − t)', () => {
    const a = analyze({ schedule: 'rf', target: 'flow', sampling: 'cosmap' }, TS).at;
    for (const r of a) expect(rel(r.weightLambda!, (2 / (Math.PI - 2 * Math.PI * r.t + 2 * Math.PI * r.t ** 2)) * (r.t / (1 - r.t)))).toBeLessThan(1e-9);
  });
  it('a user density in t multiplies the weight (3t², normalized)', () => {
    const a = analyze({ schedule: 'rf', target: 'flow', sampling: '3*t^2' }, TS).at;
    for (const r of a) expect(rel(r.weightLambda!, 3 * r.t ** 2 * (r.t / (1 - r.t)))).toBeLessThan(1e-9);
  });
  for (const bad of ['mode(1.76)', 'mode(-1.01)', 'logit-normal(0, 0)', 'logit-normal(0, -1)', 't - 0.5', 'unifrom', 'x0']) {
    it(`--sampling ${bad} is bad input`, () => {
      expect(badInput(() => analyze({ schedule: 'rf', target: 'flow', sampling: bad }))).toBe(true);
    });
  }
});

describe('edm and Φ⁻¹', () => {
  it('the analysis of EDM needs no Φ⁻¹; --at t does, through the language\'s probit (bad input until it exists)', () => {
    expect(analyze({ schedule: 'edm', target: 'eps' }).weightLambda).not.toBeNull();
    if (hasProbit()) {
      const r = analyze({ schedule: 'edm', target: 'eps' }, [0.5]).at[0];
      expect(rel(r.sigma!, Math.exp(-1.2))).toBeLessThan(1e-12);
    } else {
      expect(badInput(() => analyze({ schedule: 'edm', target: 'eps' }, [0.5]))).toBe(true);
    }
  });
});

describe('endpoints', () => {
  it('cosine ε: w(λ) → 0 at both ends; weightX0 → ∞ at t → 0 and 0 at t → 1', () => {
    const e = analyze({ schedule: 'cosine', target: 'eps' }).endpoints;
    const find = (where: string, q: string) => e.find((x) => x.where === where && x.quantity === q)?.value;
    expect(find('t -> 0', 'weightLambda')).toBe('0');
    expect(find('t -> 1', 'weightLambda')).toBe('0');
    expect(find('t -> 0', 'weightX0')).toBe('inf');
    expect(find('t -> 1', 'weightX0')).toBe('0');
  });
  it('a weight 0/0 at a continuous end is reported with its limit: min(snr,5)/snr at t -> 1 under cosine', () => {
    const e = analyze({ schedule: 'cosine', target: 'eps', weight: 'min(snr,5)/snr' }).endpoints;
    const z = e.find((x) => x.quantity === 'weight');
    expect(z?.value).toBe('0/0');
    expect(z?.limit).toBe(1);
  });
});

describe('a user schedule whose λ is not monotone', () => {
  it('has no w(λ): weightLambda is null, and endpoints say why', () => {
    const a = analyze({ alpha: '1 - t + 0.5*sin(6*t)^2', sigma: 't', target: 'eps' }, [0.3]);
    expect(a.weightLambda).toBeNull();
    expect(a.at[0].weightLambda).toBeNull();
    expect(a.endpoints.some((e) => e.quantity === 'weightLambda' && /not monotone/.test(e.note))).toBe(true);
  });
});
