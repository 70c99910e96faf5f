// The exact core: each law is proved through the normal form (never by
// numeric agreement), and the evidence names the method.
import { describe, expect, it } from 'vitest';
import { methodOf } from '../../src/verdict.js';
import { check } from './helpers.js';

const U = '(0,1)';
const P = '(0,inf)';

function proved(lhs: string, rhs: string, params: Record<string, string> = {}): void {
  const v = check(lhs, '=', rhs, params);
  expect(v.verdict, JSON.stringify(v.evidence)).toBe('proved');
  expect(['rational-normal-form', 'algebraic-normal-form']).toContain(methodOf(v));
}

describe('rational functions', () => {
  it('α_t(1 − ᾱ_{t−1}) + (1 − α_t) = 1 − ᾱ_t with ᾱ_t = α_t ᾱ_{t−1} is proved as a rational function', () => {
    const v = check('a*(1 - abp) + (1 - a)', '=', '1 - a*abp', { a: U, abp: U });
    expect(v.verdict).toBe('proved');
    expect(methodOf(v)).toBe('rational-normal-form');
  });

  it('1/(a/(1 − a) + 1/(1 − b)) = (1 − a)(1 − b)/(1 − ab) is proved (precisions add)', () => {
    proved('1/(a/(1 - a) + 1/(1 - b))', '(1 - a)*(1 - b)/(1 - a*b)', { a: U, b: U });
  });

  it('decimals are exact: 0.1 + 0.2 = 0.3 and 1e-4 + 0.02·(1/1000) = 1.2e-4 − 1e-7 are proved', () => {
    proved('0.1 + 0.2', '0.3');
    proved('0.0001 + 0.02*(1/1000)', '0.00012 - 0.0000001 + 0.0000001');
  });

  it('(x + y)^12 expands: (x + y)^12 − (x − y)^12 = 2 Σ odd terms is proved', () => {
    proved('(x + y)^12 - (x - y)^12', '24*x^11*y + 440*x^9*y^3 + 1584*x^7*y^5 + 1584*x^5*y^7 + 440*x^3*y^9 + 24*x*y^11');
  });

  it('x/x = 1 is proved (identities hold wherever both sides are defined)', () => {
    proved('x/x', '1');
  });
});

describe('radicals', () => {
  it('sqrt(a)^2 = a is proved for a > 0', () => proved('sqrt(a)^2', 'a', { a: P }));
  it('sqrt(a)^2 = a is proved for real a too (where sqrt(a) is defined, a ≥ 0)', () => proved('sqrt(a)^2', 'a'));
  it('sqrt(x^2) = x is proved for x > 0', () => proved('sqrt(x^2)', 'x', { x: P }));
  it('sqrt(x^2) = −x is proved for x < 0', () => proved('sqrt(x^2)', '-x', { x: '(-inf,0)' }));
  it('sqrt(x^2) = |x| is proved for real x', () => proved('sqrt(x^2)', 'abs(x)'));
  it('sqrt(8) = 2 sqrt(2) is proved', () => proved('sqrt(8)', '2*sqrt(2)'));
  it('sqrt(6) = sqrt(2) sqrt(3) is proved (one atom per prime)', () => proved('sqrt(6)', 'sqrt(2)*sqrt(3)'));
  it('sqrt(a/4) = sqrt(a)/2 is proved', () => proved('sqrt(a/4)', 'sqrt(a)/2', { a: P }));
  it('sqrt(x^2 y) = x sqrt(y) is proved for x, y > 0', () => proved('sqrt(x^2*y)', 'x*sqrt(y)', { x: P, y: P }));
  it('sqrt(ab) = sqrt(a) sqrt(b) is proved for a, b in (0, 1)', () => proved('sqrt(a*b)', 'sqrt(a)*sqrt(b)', { a: U, b: U }));
  it('sqrt(1 − ab) met twice is one atom: sqrt(1 − ab)·sqrt(1 − ab) = 1 − ab', () => {
    proved('sqrt(1 - a*b)*sqrt(1 - a*b)', '1 - a*b', { a: U, b: U });
  });
  it('sqrt(1 − x^2)^3 = (1 − x^2) sqrt(1 − x^2) for real x (a root of unknown sign reduces by t^2 = radicand)', () => {
    proved('sqrt(1 - x^2)^3', '(1 - x^2)*sqrt(1 - x^2)');
  });
  it('1/sqrt(1 − a) = sqrt(1 − a)/(1 − a) is proved on (0, 1)', () => proved('1/sqrt(1 - a)', 'sqrt(1 - a)/(1 - a)', { a: U }));
  it('x^(3/2) x^(1/2) = x^2 and 4^(1/2) = 2 are proved', () => {
    proved('x^(3/2)*x^(1/2)', 'x^2', { x: P });
    proved('4^(1/2)', '2');
  });
  it('x_0 = α x_t − σ v with σ = sqrt(1 − α^2) is proved (v-parameterization)', () => {
    const s = 'sqrt(1 - al^2)';
    proved(`al*(al*x0 + ${s}*eps) - ${s}*(al*eps - ${s}*x0)`, 'x0', { al: U });
  });
});

describe('exp and log', () => {
  it('exp(a + b) = exp(a) exp(b) and exp(3a) = exp(a)^3 are proved', () => {
    proved('exp(a + b)', 'exp(a)*exp(b)');
    proved('exp(3*a)', 'exp(a)^3');
  });
  it('exp(x/2)^2 = exp(x) is proved', () => proved('exp(x/2)^2', 'exp(x)'));
  it('exp(log a) = a is proved for a > 0', () => proved('exp(log(a))', 'a', { a: P }));
  it('log(exp x) = x is proved', () => proved('log(exp(x))', 'x'));
  it('log(ab) = log a + log b is proved for a, b > 0', () => proved('log(a*b)', 'log(a) + log(b)', { a: P, b: P }));
  it('log(a/b) = log a − log b and log(a^5) = 5 log a are proved for a, b > 0', () => {
    proved('log(a/b)', 'log(a) - log(b)', { a: P, b: P });
    proved('log(a^5)', '5*log(a)', { a: P });
  });
  it('log 12 = 2 log 2 + log 3 is proved (constants factor into primes)', () => proved('log(12)', '2*log(2) + log(3)'));
  it('log(e) = 1, exp(0) = 1 and e^x = exp(x) are proved', () => {
    proved('log(e)', '1');
    proved('exp(0)', '1');
    proved('e^x', 'exp(x)');
  });
  it('x^y = exp(y log x) is proved for x > 0', () => proved('x^y', 'exp(y*log(x))', { x: P }));
  it('log((1 − t)^2/t^2) = 2 log((1 − t)/t) is proved on (0, 1)', () => proved('log((1 - t)^2/t^2)', '2*log((1 - t)/t)', { t: U }));
  it('log(x − 1) + log(x − 2) = log((x − 1)(x − 2)) is proved for x < 1 (both factors negative)', () => {
    proved('log((x - 1)*(x - 2))', 'log(1 - x) + log(2 - x)', { x: '(-inf,1)' });
  });
  it('1/α^2 = 1 + e^{−λ} with λ = log(α^2/(1 − α^2)) is proved', () => {
    proved('1/al^2', '1 + exp(-log(al^2/(1 - al^2)))', { al: U });
  });
});

describe('the other elementary functions', () => {
  it('tanh x = 2 sigmoid(2x) − 1 is proved', () => proved('tanh(x)', '2*sigmoid(2*x) - 1'));
  it('sech x = 2/(e^x + e^{−x}) and sech(−x) = sech(x) are proved', () => {
    proved('sech(x)', '2/(exp(x) + exp(-x))');
    proved('sech(-x)', 'sech(x)');
  });
  it('sigmoid(x) + sigmoid(−x) = 1 is proved', () => proved('sigmoid(x) + sigmoid(-x)', '1'));
  it('sigmoid(logit t) = t and logit(sigmoid u) = u are proved', () => {
    proved('sigmoid(logit(t))', 't', { t: U });
    proved('logit(sigmoid(u))', 'u');
  });
  it('logit(p) = log p − log(1 − p) is proved on (0, 1)', () => proved('logit(p)', 'log(p) - log(1 - p)', { p: U }));
  it('tan x = sin x / cos x, sin(−x) = −sin x, cos(−x) = cos x are proved', () => {
    proved('tan(x)', 'sin(x)/cos(x)');
    proved('sin(-x)', '-sin(x)');
    proved('cos(x - y)', 'cos(y - x)');
  });
  it('cos(π/2) = 0, sin(π/6) = 1/2, cos(π/4) = sqrt(2)/2 are proved exactly', () => {
    proved('cos(pi/2)', '0');
    proved('sin(pi/6)', '1/2');
    proved('cos(pi/4)', 'sqrt(2)/2');
    proved('sin(7*pi/3)', 'sqrt(3)/2');
  });
  it('|x| = x for x ≥ 0, |a − 1| = 1 − a on (0, 1), |x|^2 = x^2 are proved', () => {
    proved('abs(x)', 'x', { x: '[0,inf)' });
    proved('abs(a - 1)', '1 - a', { a: U });
    proved('abs(x)^2', 'x^2');
    proved('abs(x*y)', 'abs(x)*abs(y)');
  });
  it('min(a, 1) = a and max(a, 1) = 1 on (0, 1); min + max = a + b for real a, b', () => {
    proved('min(a, 1)', 'a', { a: U });
    proved('max(a, 1)', '1', { a: U });
    proved('min(a, b) + max(a, b)', 'a + b');
  });
});
