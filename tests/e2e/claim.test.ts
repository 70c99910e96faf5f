import { describe, expect, it } from 'vitest';
import { cli, isOneLineError, json } from './run-cli.js';

describe('derivcheck claim', () => {
  it('sqrt(a)^2 = a for a > 0 is proved: exit 0 and one JSON document', () => {
    const r = cli('claim', 'sqrt(a)^2 = a', '--param', 'a > 0', '--json');
    expect(r.code).toBe(0);
    const doc = json(r);
    expect(doc.verdict).toBe('proved');
    expect(doc.relation).toBe('=');
    expect(doc.lhs).toBe('sqrt(a)^2');
    expect(doc.rhs).toBe('a');
    expect(typeof doc.method).toBe('string');
    expect(Array.isArray(doc.evidence)).toBe(true);
    expect(doc.ms).toBeGreaterThanOrEqual(0);
  });

  it('sqrt(x^2) = x over the reals is refuted at a negative x: exit 1', () => {
    const r = cli('claim', 'sqrt(x^2) = x', '--json');
    expect(r.code).toBe(1);
    const doc = json(r);
    expect(doc.verdict).toBe('refuted');
    expect(Number(doc.counterexample.params.x)).toBeLessThan(0);
    expect(doc.counterexample.lhs).not.toBe(doc.counterexample.rhs);
  });

  it('the DDPM posterior variance is not β_t: refuted, with both sides', () => {
    const r = cli('claim', '(1-a)*(1-b)/(1-a*b) = 1-a', '--param', 'a in (0,1)', '--param', 'b in (0,1)', '--json');
    expect(r.code).toBe(1);
    const c = json(r).counterexample;
    expect(c.params).toHaveProperty('a');
    expect(c.params).toHaveProperty('b');
  });

  it('sin(x)^2 + cos(x)^2 = 1 is verified, not proved: exit 0', () => {
    const r = cli('claim', 'sin(x)^2 + cos(x)^2 = 1', '--json');
    expect(r.code).toBe(0);
    expect(json(r).verdict).toBe('verified');
  });

  it('the human form names the verdict and the counterexample', () => {
    const r = cli('claim', 'sqrt(x^2) = x');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/verdict\s+refuted/);
    expect(r.stdout).toMatch(/counterexample/);
  });

  it('an unknown function is bad input: exit 2, one line naming it and its position', () => {
    const r = cli('claim', 'foo(a) = a');
    expect(isOneLineError(r)).toBe(true);
    expect(r.stderr).toMatch(/unknown function 'foo'/);
    expect(r.stderr).toMatch(/position 1/);
  });

  it('an empty interval is bad input', () => {
    const r = cli('claim', 'a = a', '--param', 'a in (1,0)');
    expect(isOneLineError(r)).toBe(true);
    expect(r.stderr).toMatch(/empty interval/);
  });

  it('a symbol declared twice inconsistently is bad input', () => {
    const r = cli('claim', 'a = a', '--param', 'a > 1', '--param', 'a < 0');
    expect(isOneLineError(r)).toBe(true);
    expect(r.stderr).toMatch(/inconsistently/);
  });

  it('a claim without a relation is bad input', () => {
    const r = cli('claim', 'a + 1');
    expect(isOneLineError(r)).toBe(true);
    expect(r.stderr).toMatch(/relation/);
  });

  it('an unknown option is a usage error', () => {
    expect(isOneLineError(cli('claim', 'a = a', '--frobnicate'))).toBe(true);
  });
});
