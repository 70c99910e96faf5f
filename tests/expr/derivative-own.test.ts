// The derivative, done on our own trees (no mathjs), agrees with the
// function's central differences at many points, for every head it accepts,
// and refuses what it cannot differentiate.
import { describe, expect, it } from 'vitest';
import { derivative } from '../../src/expr/derivative.js';
import { parse } from '../../src/expr/parse.js';
import { evalFloat } from '../../src/algebra/eval-float.js';

const CASES = [
  'x^3 - 2*x + 1',
  'a*x^2 + b*x',
  'x*y*z + x/y',
  'sqrt(x) * exp(-x^2 / 2)',
  'log(x^2 + 1)',
  'sin(x)*cos(2*x) + tan(x/3)',
  'tanh(x) + sech(x)',
  'sigmoid(a*x) + logit(sigmoid(x) / 2)',
  'x^x',
  '2^x + x^(1/3)',
  'abs(x - 1/2)',
  '-(x - y)^2 / (2*s)',
  'log(sqrt(2*pi*s)) + (x - m)^2 / (2*s)',
  '1 / (1 + exp(-x))',
];

/** Points in (0.2, 1.2), away from the kinks and poles of the corpus. */
const points = Array.from({ length: 12 }, (_, i) => 0.2 + ((i * 0.6180339887) % 1));

describe('derivative agrees with central differences', () => {
  it.each(CASES)('d/dx %s', (text) => {
    const f = parse(text);
    const df = derivative(f, 'x');
    for (const x of points) {
      const env = { x, y: 0.7, z: 1.3, a: 0.9, b: -0.4, s: 0.6, m: 0.1 };
      const h = 1e-6;
      const fd = (evalFloat(f, { ...env, x: x + h }) - evalFloat(f, { ...env, x: x - h })) / (2 * h);
      const exact = evalFloat(df, env);
      expect(Math.abs(exact - fd), `${text} at x = ${x}: ${exact} vs ${fd}`).toBeLessThan(1e-6 * (1 + Math.abs(fd)));
    }
  });

  it('a variable the expression does not contain has derivative 0', () => {
    expect(derivative(parse('sin(y) * y^2'), 'x')).toEqual(parse('0'));
  });

  it('the derivative with respect to another variable treats x as a constant', () => {
    const df = derivative(parse('x*y^2 + exp(x*y)'), 'y');
    const env = { x: 0.3, y: 0.8 };
    expect(evalFloat(df, env)).toBeCloseTo(2 * 0.3 * 0.8 + 0.3 * Math.exp(0.24), 12);
  });
});

describe('derivative refuses what it cannot differentiate here', () => {
  it.each(['min(x, 1)', 'max(x, y)'])('%s', (text) => {
    expect(() => derivative(parse(text), 'x')).toThrow(/write .* out first/);
  });
  it('an expectation', () => {
    expect(() => derivative(parse('E[x*z]', { random: [{ name: 'z', dist: parse('N(0, 1)') as never }] }), 'x')).toThrow(/written out first/);
  });
});
