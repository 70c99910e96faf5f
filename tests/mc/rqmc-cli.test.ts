// `derivcheck mc --method`: rqmc and auto say which method ran (and with how
// many randomizations and points), JSON included; a bad method is a usage
// error (exit 2, one line naming the accepted values).
import { describe, expect, it } from 'vitest';
import { cli, json } from '../e2e/run-cli.js';

describe('mc --method', () => {
  it('rqmc: the estimate, its method line, and method/randomizations/points/dof in JSON', () => {
    const r = cli('mc', 'x^2', '--random', 'x ~ N(0.5, 2)', '--method', 'rqmc', '--samples', '1048576', '--backend', 'cpu', '--json');
    expect(r.code).toBe(0);
    const doc = json(r);
    expect(doc.method).toBe('rqmc');
    expect(doc.randomizations).toBe(32);
    expect(doc.points).toBe(32768);
    expect(doc.dof).toBe(31);
    expect(Math.abs(doc.mean - 2.25)).toBeLessThan(8.35 * doc.stderr);
    expect(doc.stderr).toBeLessThan(1e-3); // plain Monte Carlo: 0.003
  });

  it('auto: plain Monte Carlo for abs(x), with the reason on the method line', () => {
    const r = cli('mc', 'abs(x)', '--random', 'x ~ N(0, 1)', '--method', 'auto', '--samples', '1048576', '--backend', 'cpu');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/method: plain Monte Carlo \(abs\(…\) in the integrand is not smooth\)/);
  });

  it('a method that does not exist is a usage error naming the accepted ones', () => {
    const r = cli('mc', 'x', '--random', 'x ~ N(0, 1)', '--method', 'qmc');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--method must be mc, rqmc or auto');
  });
});
