// Declarations on the command line: reserved names, cycles, dimensions,
// unused parameters and number limits, each with its exit code.
import { describe, expect, it } from 'vitest';
import { cli, isOneLineError } from './run-cli.js';

describe('claim: declarations that cannot mean what they say are bad input', () => {
  it("--param 'e in (0,1)' is refused (e would stay Euler's number), suggesting eps", () => {
    const r = cli('claim', 'e^2 = exp(2)', '--param', 'e in (0,1)');
    expect(isOneLineError(r)).toBe(true);
    expect(r.stderr).toMatch(/'e' is reserved.*eps/);
  });
  it("--param 'pi > 3' and --random 'N ~ N(0,1)' are refused", () => {
    expect(isOneLineError(cli('claim', 'pi = 3', '--param', 'pi > 3'))).toBe(true);
    expect(isOneLineError(cli('claim', 'E[x] = 0', '--random', 'x ~ N(0,1)', '--random', 'N ~ N(0,1)'))).toBe(true);
  });
  it('E[dot(u, v)] with dimensions 3 and 5 is refused, not proved 0', () => {
    const r = cli('claim', 'E[dot(u, v)] = 0', '--random', 'u ~ N(0,1,3)', '--random', 'v ~ N(0,1,5)');
    expect(isOneLineError(r)).toBe(true);
    expect(r.stderr).toMatch(/different dimensions/);
  });
  it('the same claim with equal dimensions is proved', () => {
    expect(cli('claim', 'E[dot(u, v)] = 0', '--random', 'u ~ N(0,1,3)', '--random', 'v ~ N(0,1,3)').code).toBe(0);
  });
  it('mc refuses mismatched dimensions too', () => {
    expect(isOneLineError(cli('mc', 'dot(u, v)', '--random', 'u ~ N(0,1,3)', '--random', 'v ~ N(0,1,5)', '--samples', '1000', '--backend', 'cpu'))).toBe(true);
  });
  it('a cycle x ~ N(y,1), y ~ N(x,1) is refused, not refuted "at y = -2"', () => {
    const r = cli('claim', 'E[x] = 0', '--random', 'x ~ N(y, 1)', '--random', 'y ~ N(x, 1)');
    expect(isOneLineError(r)).toBe(true);
    expect(r.stderr).toMatch(/cycle/);
  });
  it('a self-reference x ~ N(x, 1) is refused, not unknown', () => {
    const r = cli('claim', 'E[x] = 0', '--random', 'x ~ N(x, 1)');
    expect(isOneLineError(r)).toBe(true);
    expect(r.stderr).toMatch(/itself/);
  });
  it('a forward reference without a cycle is reordered and decided: E[x] = 0 for x ~ N(y,1), y ~ N(0,1)', () => {
    expect(cli('claim', 'E[x^2] = 2', '--random', 'x ~ N(y, 1)', '--random', 'y ~ N(0, 1)').code).toBe(0);
    expect(cli('claim', 'E[x^2] = 1', '--random', 'x ~ N(y, 1)', '--random', 'y ~ N(0, 1)').code).toBe(1);
  });
  it('a --param the claim does not use is accepted with a warning on stderr', () => {
    const r = cli('claim', 'x + 1 = 1 + x', '--param', 'y in (0,1)');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: --param y is declared but the claim does not use 'y'/);
  });
  it('a parameter used only in a distribution counts as used', () => {
    const r = cli('claim', 'E[x] = m', '--random', 'x ~ N(m, 1)', '--param', 'm in (0,1)');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('claim: numbers and nesting beyond the limits are bad input with a position', () => {
  it('1e99999999999 (no BigInt of 10^11 digits)', () => {
    const r = cli('claim', 'x = 1e99999999999');
    expect(isOneLineError(r)).toBe(true);
    expect(r.stderr).toMatch(/position 5: the number '1e99999999999' is outside the range/);
  });
  it('a parameter bound of 1e400', () => {
    expect(isOneLineError(cli('claim', 'x >= 0', '--param', 'x in (0, 1e400)'))).toBe(true);
  });
  for (const depth of [1500, 5000]) {
    it(`${depth}-deep parentheses: "nesting deeper than 200" at position 201`, () => {
      const r = cli('claim', '('.repeat(depth) + 'x' + ')'.repeat(depth) + ' = x');
      expect(isOneLineError(r)).toBe(true);
      expect(r.stderr).toMatch(/position 201: nesting deeper than 200/);
    });
  }
  it('a 100 kB claim is refused by its length', () => {
    const r = cli('claim', 'x+'.repeat(50_000) + 'x = x');
    expect(isOneLineError(r)).toBe(true);
    expect(r.stderr).toMatch(/the limit is 10000/);
  });
  it('exponent towers are decided or unknown, never a hang', () => {
    for (const c of ['2^2^2^2^2^2 = 1', '10^10^10 = 1', '2^(10^300) = 1', '(x+1)^100000 = 1']) {
      const r = cli('claim', c);
      expect([0, 1, 3], c).toContain(r.code);
    }
  });
});
