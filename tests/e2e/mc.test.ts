import { describe, expect, it } from 'vitest';
import { cli, isOneLineError, json } from './run-cli.js';

describe('derivcheck mc', () => {
  it('E[x^2] for x ~ N(0.5, 2) is 0.25 + 2 within 6 standard errors', () => {
    const r = cli('mc', 'x^2', '--random', 'x ~ N(0.5, 2)', '--samples', '1000000', '--seed', '7', '--json');
    expect(r.code).toBe(0);
    const doc = json(r);
    for (const k of ['mean', 'stderr', 'variance', 'samples', 'nonFinite', 'backend', 'adapter', 'seed', 'ms', 'samplesPerSecond']) {
      expect(doc).toHaveProperty(k);
    }
    expect(Math.abs(doc.mean - 2.25)).toBeLessThan(6 * doc.stderr);
    expect(doc.samples).toBeGreaterThanOrEqual(1000000);
    expect(doc.seed).toBe(7);
    expect(doc.nonFinite).toBe(0);
  });

  it('parameters fix values: E[exp(s z)] = exp(s²/2)', () => {
    const r = cli('mc', 'exp(s*z)', '--random', 'z ~ N(0, 1)', '--param', 's=0.7', '--samples', '1000000', '--json', '--backend', 'cpu');
    expect(r.code).toBe(0);
    const doc = json(r);
    expect(doc.backend).toBe('cpu');
    expect(Math.abs(doc.mean - Math.exp(0.49 / 2))).toBeLessThan(6 * doc.stderr);
  });

  it('non-finite samples give exit 3 and are counted', () => {
    const r = cli('mc', 'log(x)', '--random', 'x ~ N(0, 1)', '--samples', '100000', '--json');
    expect(r.code).toBe(3);
    expect(json(r).nonFinite).toBeGreaterThan(0);
  });

  it('a negative variance is bad input', () => {
    const r = cli('mc', 'x', '--random', 'x ~ N(0, -1)');
    expect(isOneLineError(r)).toBe(true);
  });

  it('a symbol without a value is bad input naming it', () => {
    const r = cli('mc', 'x*q', '--random', 'x ~ N(0, 1)');
    expect(isOneLineError(r)).toBe(true);
    expect(r.stderr).toMatch(/'q'/);
  });
});
