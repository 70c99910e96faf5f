// Kingma & Gao's weightings w(λ) = 2 p(t) weightEps(t)/|dλ/dt| (exact, no
// normalization) and the classical weights, reproduced by the analysis to
// 1e-9 relative at many t (FORMULAS.md, "Prediction targets and loss weights"),
// and proved by the algebra as identities in λ.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/reparam/analyze.js';
import { buildObjective } from '../../src/reparam/objective.js';
import { piecesOf } from '../../src/reparam/pieces.js';
import { decide } from '../../src/algebra/decide.js';
import { evalFloat } from '../../src/algebra/eval-float.js';
import { parse } from '../../src/expr/parse.js';
import { REAL } from '../../src/expr/domain.js';

/** t in (0, 1), dense and near both ends. */
const TS = [1e-6, 1e-4, 0.003, 0.01, ...Array.from({ length: 49 }, (_, i) => (i + 1) / 50), 0.99, 0.997, 1 - 1e-4, 1 - 1e-6];
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const sech = (x: number) => 1 / Math.cosh(x);
const normalPdf = (x: number, m: number, v: number) => Math.exp(-((x - m) ** 2) / (2 * v)) / Math.sqrt(2 * Math.PI * v);

function expectAll(values: { t: number; got: number | null; want: number }[]): void {
  for (const { t, got, want } of values) {
    if (!Number.isFinite(want) || want === 0) continue;
    expect(got, `t = ${t}`).not.toBeNull();
    expect(rel(got!, want), `t = ${t}: ${got} vs ${want}`).toBeLessThan(1e-9);
  }
}

describe('Kingma & Gao weightings, uniform t', () => {
  it('ε-MSE with the cosine schedule: w(λ) = sech(λ/2)/π', () => {
    const a = analyze({ schedule: 'cosine', target: 'eps' }, TS);
    expectAll(a.at.map((r) => ({ t: r.t, got: r.weightLambda, want: sech(r.lambda! / 2) / Math.PI })));
  });
  it('v-MSE with the cosine schedule: w(λ) = (2/π) e^{−λ/2}', () => {
    const a = analyze({ schedule: 'cosine', target: 'v' }, TS);
    expectAll(a.at.map((r) => ({ t: r.t, got: r.weightLambda, want: (2 / Math.PI) * Math.exp(-r.lambda! / 2) })));
  });
  it('rectified flow (flow target ε − x_0): w(λ) = e^{−λ/2} = t/(1 − t), SD3\'s w^RF, not 1/SNR', () => {
    const a = analyze({ schedule: 'rf', target: 'flow' }, TS);
    expectAll(a.at.map((r) => ({ t: r.t, got: r.weightLambda, want: Math.exp(-r.lambda! / 2) })));
    expectAll(a.at.map((r) => ({ t: r.t, got: r.weightLambda, want: r.t / (1 - r.t) })));
    const notSnr = a.at.filter((r) => Math.abs(r.weightLambda! / Math.exp(-r.lambda!) - 1) > 1e-3);
    expect(notSnr.length).toBeGreaterThan(TS.length - 3);
  });
  it('EDM (log-normal σ, loss on the effective target): w(λ) = 2 N(λ; 2.4, 2.4²)(e^{−λ} + σ_d²)/σ_d², and λ(σ) = (σ² + σ_d²)/(σ σ_d)² as the x_0-weight', () => {
    const target = '(x0 - 0.25/(sigma^2 + 0.25)*xt) / (sigma*0.5/sqrt(sigma^2 + 0.25))';
    const p = piecesOf(buildObjective({ schedule: 'edm', target }));
    for (const lambda of [-12, -6, -2, -0.5, 0, 0.7, 2.4, 5, 9, 14]) {
      const sigma = Math.exp(-lambda / 2);
      const wl = evalFloat(p.weightLambda!, { lambda });
      expect(rel(wl, 2 * normalPdf(lambda, 2.4, 2.4 ** 2) * (Math.exp(-lambda) + 0.25) / 0.25)).toBeLessThan(1e-9);
      expect(rel(evalFloat(p.weightX0, { lambda }), (sigma ** 2 + 0.25) / (sigma * 0.5) ** 2)).toBeLessThan(1e-9);
    }
  });
});

describe('the classical weights', () => {
  it('Salimans & Ho: the v-loss is (1 + SNR) times the x_0-loss (VP: cosine and vp-linear)', () => {
    for (const schedule of ['cosine', 'vp-linear']) {
      const a = analyze({ schedule, target: 'v' }, TS);
      expectAll(a.at.map((r) => ({ t: r.t, got: r.weightX0, want: 1 + Math.exp(r.lambda!) })));
    }
  });
  it('JiT (t = 1 data, z_t = t x + (1 − t) ε): the v-loss of an x-prediction weights the x-loss by 1/(1 − t)²', () => {
    const a = analyze({ alpha: 't', sigma: '1 - t', target: 'flow' }, TS);
    expectAll(a.at.map((r) => ({ t: r.t, got: r.weightX0, want: 1 / (1 - r.t) ** 2 })));
  });
  it('logit-normal(0, 1) sampling multiplies the rectified-flow weight by π(t)', () => {
    const a = analyze({ schedule: 'rf', target: 'flow', sampling: 'logit-normal(0, 1)' }, TS);
    const pi = (t: number) => Math.exp(-(Math.log(t / (1 - t)) ** 2) / 2) / (Math.sqrt(2 * Math.PI) * t * (1 - t));
    expectAll(a.at.map((r) => ({ t: r.t, got: r.weightLambda, want: pi(r.t) * r.t / (1 - r.t) })));
  });
});

describe('the weightings are proved as identities in λ', () => {
  const cases: [string, Parameters<typeof analyze>[0], string][] = [
    ['cosine ε', { schedule: 'cosine', target: 'eps' }, 'sech(lambda/2)/pi'],
    ['cosine v', { schedule: 'cosine', target: 'v' }, '2/pi*exp(-lambda/2)'],
    ['rf flow', { schedule: 'rf', target: 'flow' }, 'exp(-lambda/2)'],
  ];
  for (const [name, spec, shape] of cases) {
    it(`${name}: w(λ) = ${shape} (proved)`, () => {
      const p = piecesOf(buildObjective(spec));
      expect(p.rep.v).toBe('lambda');
      expect(decide(p.weightLambda!, '=', parse(shape), new Map([['lambda', REAL]])).verdict).toBe('proved');
    });
  }
  it('a wrong shape is refuted: cosine ε is not (2/π) e^{−λ/2}', () => {
    const p = piecesOf(buildObjective({ schedule: 'cosine', target: 'eps' }));
    expect(decide(p.weightLambda!, '=', parse('2/pi*exp(-lambda/2)'), new Map([['lambda', REAL]])).verdict).toBe('refuted');
  });
});
