// Law: a nonzero difference is refuted wherever it can be certified, however
// far below double rounding it lies (1e-20, 1e-300, underflowing to 0), on
// every seed — and a true identity with the same tiny terms is never refuted.
import { describe, expect, it } from 'vitest';
import type { Rel } from '../../src/expr/ast.js';
import { mpEval } from '../../src/algebra/mp.js';
import { parse } from '../../src/expr/parse.js';
import { parseDecimal } from '../../src/expr/rational.js';
import { check, dom, insideDomain } from './helpers.js';

const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

/** A refutation whose counterexample is inside the domain, and whose sides really differ at 70 digits. */
function expectCertifiedRefutation(lhs: string, rel: Rel, rhs: string, params: Record<string, string>, seed = 1): void {
  const v = check(lhs, rel, rhs, params, { seed });
  expect(v.verdict, `${lhs} ${rel} ${rhs} on ${JSON.stringify(params)}, seed ${seed}`).toBe('refuted');
  if (v.verdict !== 'refuted') return;
  expect(insideDomain(v, dom(params))).toBe(true);
  // The counterexample replays: both sides are defined there, in multiprecision.
  const at = Object.fromEntries(Object.entries(v.counterexample.params).map(([k, x]) => [k, parseDecimal(String(x)) ?? parseFraction(String(x))]));
  expect(mpEval(parse(lhs), at)).toBeDefined();
  expect(mpEval(parse(rhs), at)).toBeDefined();
}

function parseFraction(s: string) {
  const m = /^(-?\d+)\/(\d+)$/.exec(s);
  if (!m) throw new Error(`not a value: ${s}`);
  return { n: BigInt(m[1]), d: BigInt(m[2]) };
}

describe('the issue’s examples are refuted on every seed 1–20', () => {
  const examples: [string, Rel, string, Record<string, string>][] = [
    ['sigmoid(x)', '=', '1', { x: '(40,50)' }],
    ['x + exp(-1/x^2)', '=', 'x', { x: '(0,0.1)' }],
    ['log(1+exp(x))', '=', 'x', { x: '(40,50)' }],
    ['tanh(x)', '=', '1', { x: '(20,inf)' }],
  ];
  for (const [l, rel, r, p] of examples) {
    it(`${l} ${rel} ${r} on ${JSON.stringify(p)}`, () => {
      for (const seed of SEEDS) expectCertifiedRefutation(l, rel, r, p, seed);
    });
  }

  it('the certificate is in the evidence: the method and the enclosure', () => {
    const a = check('sigmoid(x)', '=', '1', { x: '(40,50)' });
    expect(a.evidence[0].method).toMatch(/^interval-(sign|point)$/);
    expect(a.evidence[0].data).toHaveProperty('difference');
    const b = check('log(1+exp(x))', '=', 'x', { x: '(40,50)' });
    expect(b.evidence[0].method).toMatch(/^interval-(sign|point)$/);
    if (b.verdict === 'refuted') expect(b.counterexample.arithmetic).toBe('interval');
  });
});

describe('adversarial tiny differences are refuted', () => {
  const cases: [string, string, Rel, string, Record<string, string>][] = [
    ['a difference of 1e-300 underflows nothing in exact arithmetic', 'x + 1e-300', '=', 'x', { x: 'real' }],
    ['exp(x) + 1e-300 = exp(x): a 1e-300 offset on a transcendental side', 'exp(x) + 1e-300', '=', 'exp(x)', { x: '(0,1)' }],
    ['sin(x)·(1 + 1e-65) = sin(x): below 60 digits, certified by the normal form’s sign', 'sin(x)*(1 + 1e-65)', '=', 'sin(x)', { x: '(1,2)' }],
    ['1 + exp(-x^2) = 1 on x > 30: the difference (< 1e-390) underflows in doubles', '1 + exp(-x^2)', '=', '1', { x: '(30,inf)' }],
    ['sech(x) = 0 beyond 800: sech underflows to 0 in doubles', 'sech(x)', '=', '0', { x: '(800,inf)' }],
    ['sigmoid(-x) = 0 beyond 800', 'sigmoid(-x)', '=', '0', { x: '(800,inf)' }],
    ['1/(1 + exp(-x)) = 1 on (40, 50): the sigmoid written out', '1/(1 + exp(-x))', '=', '1', { x: '(40,50)' }],
    ['log(1 + x) = x near 0: a log1p-type cancellation of 5e-21', 'log(1 + x)', '=', 'x', { x: '(0,1e-10)' }],
    ['log(1 + x) >= x near 0 fails by −x²/2', 'log(1 + x)', '>=', 'x', { x: '(0,1e-10)' }],
    ['tanh(x) >= 1 on x > 20: saturated in doubles, below 1 by 1e-17', 'tanh(x)', '>=', '1', { x: '(20,inf)' }],
    ['two parameters: x + y·exp(−1/x²) = x', 'x + y*exp(-1/x^2)', '=', 'x', { x: '(0,0.1)', y: '(1,2)' }],
    ['exp(-1/x^2) = 0 on (0, 0.01): at most e^-10000', 'exp(-1/x^2)', '=', '0', { x: '(0,0.01)' }],
    ['1 − tanh(x) <= 0 on x > 20', '1 - tanh(x)', '<=', '0', { x: '(20,inf)' }],
    ['sqrt(x^2 + 1e-40) = x on (1, 2): a 1e-40 relative perturbation under a root', 'sqrt(x^2 + 1e-40)', '=', 'x', { x: '(1,2)' }],
  ];
  for (const [name, l, rel, r, p] of cases) {
    it(name, () => {
      for (const seed of [1, 7, 20]) expectCertifiedRefutation(l, rel, r, p, seed);
    });
  }
});

describe('true identities with the same tiny terms are never refuted', () => {
  const cases: [string, string, Rel, string, Record<string, string>][] = [
    ['log(1+exp(x)) − x = log(1+exp(−x)) on (40, 50)', 'log(1+exp(x)) - x', '=', 'log(1+exp(-x))', { x: '(40,50)' }],
    ['tanh(x) = 1 − 2/(exp(2x) + 1) on x > 20', 'tanh(x)', '=', '1 - 2/(exp(2*x) + 1)', { x: '(20,inf)' }],
    ['sigmoid(x) = 1 − sigmoid(−x) on (40, 50)', 'sigmoid(x)', '=', '1 - sigmoid(-x)', { x: '(40,50)' }],
    ['sin² = 1 − cos² on (0, 1e-6), where doubles lose sin² entirely', 'sin(x)^2', '=', '1 - cos(x)^2', { x: '(0,1e-6)' }],
    ['sin² + cos² = 1 far out (x > 1e6)', 'sin(x)^2 + cos(x)^2', '=', '1', { x: '(1000000,inf)' }],
    ['sin(2x) = 2 sin x cos x near 0', 'sin(2*x)', '=', '2*sin(x)*cos(x)', { x: '(0,1e-9)' }],
    ['tanh(x) <= 1 on the reals', 'tanh(x)', '<=', '1', {}],
    ['sigmoid(x) < 1 written as <= on (40, 50)', 'sigmoid(x)', '<=', '1', { x: '(40,50)' }],
    ['exp(−1/x²) >= 0 on (0, 0.1)', 'exp(-1/x^2)', '>=', '0', { x: '(0,0.1)' }],
  ];
  for (const [name, l, rel, r, p] of cases) {
    it(name, () => {
      for (const seed of SEEDS) {
        const v = check(l, rel, r, p, { seed });
        expect(['proved', 'verified'], `seed ${seed}: ${JSON.stringify(v.evidence[0])}`).toContain(v.verdict);
      }
    });
  }

  it('verified means "no difference at 60 digits" (or more, where the sides add numbers far apart), and the evidence says so', () => {
    const v = check('sin(x)^2', '=', '1 - cos(x)^2', { x: '(0,1e-6)' });
    expect(v.verdict).toBe('verified');
    expect(v.evidence[0].method).toBe('multiprecision-points');
    expect(v.evidence[0].detail).toMatch(/no difference at \d+ significant digits/);
    expect(v.evidence[0].tests).toBeGreaterThan(0);
  });
});
