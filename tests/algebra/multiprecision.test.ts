// Law: the multiprecision enclosures contain the true value (checked against
// independent high-precision values), a difference visible at 60 digits is a
// certified counterexample, and one that vanishes at 60 digits is not.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { mpEval, type MpIv } from '../../src/algebra/mp.js';
import { mpTestPoint } from '../../src/algebra/mp-check.js';
import { parse } from '../../src/expr/parse.js';
import { parseDecimal, rational, type Rational } from '../../src/expr/rational.js';

const D = Decimal.clone({ precision: 120 });
const q = (s: string): Rational => parseDecimal(s)!;
const at = (expr: string, x: string): MpIv => {
  const v = mpEval(parse(expr), { x: q(x) });
  if (!v) throw new Error(`undefined: ${expr} at ${x}`);
  return v;
};
const contains = (v: MpIv, truth: Decimal) => v.lo.lte(truth) && v.hi.gte(truth);
const tight = (v: MpIv, digits: number) => v.hi.sub(v.lo).lte(Decimal.max(v.lo.abs(), v.hi.abs()).mul(`1e-${digits}`));

describe('enclosures contain the truth (120-digit references)', () => {
  const cases: [string, string, (x: Decimal) => Decimal][] = [
    ['exp(x)', '45.3', (x) => D.exp(x)],
    ['log(x)', '1e-300', (x) => D.ln(x)],
    ['sqrt(x)', '2', (x) => D.sqrt(x)],
    ['sigmoid(x)', '45', (x) => new D(1).div(new D(1).add(D.exp(x.neg())))],
    ['tanh(x)', '21', (x) => D.tanh(x)],
    ['tanh(x)', '-0.001', (x) => D.tanh(x)],
    ['sech(x)', '-3', (x) => new D(1).div(D.cosh(x))],
    ['logit(x)', '0.999999', (x) => D.ln(x.div(new D(1).sub(x)))],
    ['sin(x)', '1e-20', (x) => D.sin(x)],
    ['cos(x)', '1000000', (x) => D.cos(x)],
    ['tan(x)', '1.5', (x) => D.tan(x)],
    ['sin(x)', '3.14159292035398230088', (x) => D.sin(x)],
    ['cos(x)', '-1000000000000000', (x) => D.cos(x)],
    ['sin(x)', '-7.5', (x) => D.sin(x)],
    ['x^(1/3)', '2', (x) => D.pow(x, new D(1).div(3))],
    ['x^-7', '-1.1', (x) => D.pow(x, -7)],
    // Cancellation: 20 of the 70 digits go (the scale is 45), the enclosure still contains the truth.
    ['log(1+exp(x)) - x', '45', (x) => D.ln(new D(1).add(D.exp(x.neg())))],
    ['exp(-1/x^2)', '0.05', (x) => D.exp(new D(-1).div(x.mul(x)))],
  ];
  for (const [e, x, truth] of cases) {
    it(`${e} at x = ${x}`, () => {
      const v = at(e, x);
      expect(contains(v, truth(new D(x)))).toBe(true);
      // Cancellation costs digits: log(1 + e^45) − 45 keeps 50, sin near π keeps 60 of the 70.
      expect(tight(v, e.includes(' - x') ? 40 : e.startsWith('sin') ? 50 : 55)).toBe(true);
    });
  }

  it('π and e', () => {
    expect(contains(mpEval(parse('pi'), {})!, D.acos(-1))).toBe(true);
    expect(contains(mpEval(parse('e'), {})!, D.exp(1))).toBe(true);
  });

  it('undefined is undefined, not a guess: log(0), 1/0, sqrt(−1), logit(1)', () => {
    expect(mpEval(parse('log(x)'), { x: rational(0n) })).toBeUndefined();
    expect(mpEval(parse('1/x'), { x: rational(0n) })).toBeUndefined();
    expect(mpEval(parse('sqrt(x)'), { x: rational(-1n) })).toBeUndefined();
    expect(mpEval(parse('logit(x)'), { x: rational(1n) })).toBeUndefined();
  });
});

describe('the point test', () => {
  const t = (l: string, r: string, x: string, rel: '=' | '<=' | '>=' = '=', nf?: string) =>
    mpTestPoint(parse(l), rel, parse(r), nf ? parse(nf) : undefined, { x: q(x) });

  it('a difference of 3e-20 at x = 45 is a failure; the true identity there passes', () => {
    expect(t('log(1+exp(x))', 'x', '45').status).toBe('fail');
    expect(t('log(1+exp(x)) - x', 'log(1+exp(-x))', '45').status).toBe('pass');
  });

  it('a float-only difference that vanishes at 60 digits is not a counterexample: sin² vs 1 − cos² at 1e-8', () => {
    expect(t('sin(x)^2', '1 - cos(x)^2', '1e-8').status).toBe('pass');
  });

  it('a difference below 60 digits of the sides is caught through the normal form: x + exp(−1/x²) vs x', () => {
    const r = t('x + exp(-1/x^2)', 'x', '0.05', '=', 'exp(-1/x^2)');
    expect(r.status).toBe('fail');
    expect(r.via).toBe('normal-form');
    expect(r.digits).toBe(70);
  });

  it('… and without a normal form, at the precision the addition x + 1e-174 needs (it spans 174 orders of magnitude)', () => {
    const r = t('x + exp(-1/x^2)', 'x', '0.05');
    expect(r.status).toBe('fail');
    expect(r.via).toBe('sides');
    expect(r.digits).toBeGreaterThanOrEqual(70 + 172);
  });

  it('an inequality that holds by a margin is not re-checked at higher precision, however wide the span', () => {
    const r = t('10^5000 + x', '1', '0.5', '>=');
    expect(r.status).toBe('pass');
    expect(r.digits).toBe(70);
  });

  it('inequalities: tanh(21) <= 1 passes, tanh(21) >= 1 fails', () => {
    expect(t('tanh(x)', '1', '21', '<=').status).toBe('pass');
    expect(t('tanh(x)', '1', '21', '>=').status).toBe('fail');
  });
});
