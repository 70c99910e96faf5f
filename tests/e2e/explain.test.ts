// A refuted step explains itself on the terminal: where it is written, both
// sides at the counterexample (exact), lhs − rhs there and in normal form, the
// definitions' values there, and commands that replay it, which do.
import { describe, expect, it } from 'vitest';
import { cli, isOneLineError, json } from './run-cli.js';

const FILE = 'tests/fixtures/select/three.ts';

describe('check: a refuted step shows its evidence', () => {
  const r = cli('check', FILE, '--backend', 'cpu');
  it('exit 1; the step\'s file:line; the sides; the normal form; the definition\'s value', () => {
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`at ${FILE}:22:`);
    expect(r.stdout).toMatch(/lhs − rhs = .*x0.*eps/);
    expect(r.stdout).toMatch(/where +xt = /);
    expect(r.stdout).toMatch(/lhs − rhs +-?[\d./]+ \(exact\)/);
  });
  it('the replay lines are commands that run and agree', () => {
    const evalLine = /replay +derivcheck (eval .*)$/m.exec(r.stdout)![1];
    const difference = /lhs − rhs +(-?[\d./]+) \(exact\)/.exec(r.stdout)![1];
    const args = [...evalLine.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]);
    const e = cli(...args);
    expect(e.code).toBe(0);
    expect(e.stdout.split(/\s+/)[0]).toBe(difference);
    const rerun = /rerun +derivcheck (check .*)$/m.exec(r.stdout)![1];
    const again = cli(...[...rerun.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]), '--backend', 'cpu');
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('select.b-reparam');
    expect(again.stdout).not.toContain('select.a-first');
  });
  it('--json carries the explanation and the location', () => {
    const doc = json(cli('check', FILE, '--backend', 'cpu', '--json'));
    const step = doc.derivations.find((d: any) => d.id === 'select.b-reparam').steps[0];
    expect(step.location).toMatch(/three\.ts:22:\d+$/);
    expect(step.explanation.normalForm).toMatch(/x0/);
    expect(step.explanation.definitions[0].name).toBe('xt');
  });
});

describe('check -t and --bail', () => {
  it('-t selects by id or title (a regular expression, case-insensitive)', () => {
    const byId = json(cli('check', FILE, '-t', '^select\\.c-last$', '--json'));
    expect(byId.derivations.map((d: any) => d.id)).toEqual(['select.c-last']);
    const byTitle = json(cli('check', FILE, '--test-name-pattern', 'SUM COMMUTES', '--json'));
    expect(byTitle.derivations.map((d: any) => d.id)).toEqual(['select.a-first']);
    expect(byTitle.ok).toBe(true);
  });
  it('-t matching nothing, or not a regular expression, is a usage error', () => {
    expect(isOneLineError(cli('check', FILE, '-t', 'nothing-like-this'))).toBe(true);
    expect(isOneLineError(cli('check', FILE, '-t', '('))).toBe(true);
  });
  it('--bail stops after the first derivation that does not hold', () => {
    const all = json(cli('check', FILE, '--json'));
    expect(all.derivations).toHaveLength(3);
    const order = all.derivations.map((d: any) => d.id);
    const bail = json(cli('check', FILE, '--bail', '--json'));
    expect(bail.derivations.map((d: any) => d.id)).toEqual(order.slice(0, order.indexOf('select.b-reparam') + 1));
    expect(bail.derivations.length).toBeLessThan(3); // the fixture's failure is not last in check order
    expect(cli('check', FILE, '--bail').code).toBe(1);
  });
});

describe('eval: any expression at a point', () => {
  it.each([
    [['sqrt(x^2) - x', '--at', 'x=-1'], '2'],
    [['(a + b)^2 - (a^2 + b^2)', '--at', 'a=1/3,b=0.25'], '1/6  (≈ 0.16666666666666666)'],
    [['a*b', '--at', 'a=0.1', '--at', 'b=0.2'], '0.02'],
    [['1/3 - 0.3333333333333333'], '1/30000000000000000  (≈ 3.3333333333333335e-17)'],
  ])('%j → %s (exact)', (args, out) => {
    const r = cli('eval', ...(args as string[]));
    expect([r.code, r.stdout.trim(), r.stderr]).toEqual([0, out, '']);
  });
  it('an irrational value is a double with a rigorous error bound', () => {
    const r = cli('eval', 'sqrt(x)', '--at', 'x=2');
    expect(r.stdout).toMatch(/^≈ 1\.4142135623730951 +\(double arithmetic, \|error\| ≤ \d/);
  });
  it('undefined at the point: exit 3', () => {
    expect(cli('eval', 'log(x)', '--at', 'x=0').code).toBe(3);
    expect(cli('eval', '1/(x-1)', '--at', 'x=1').code).toBe(3);
  });
  it('--json: the exact value as text, with the header', () => {
    const doc = json(cli('eval', 'x/3', '--at', 'x=1', '--json'));
    expect(doc).toMatchObject({ derivcheck: expect.any(String), schema: 1, value: '1/3', exact: true });
  });
  it.each([
    [['x + y', '--at', 'x=1'], /'y' has no value/],
    [['x', '--at', 'x=1,x=2'], /given twice/],
    [['x', '--at', 'x=abc'], /not a number/],
    [['x', '--at', 'x'], /expected 'name=value'/],
    [['E[z]', '--at', 'z=1'], /E\[\.\.\.\]|random/],
    [['x', '--at', 'x=1/0'], /not a number/],
  ])('bad input %j', (args, message) => {
    const r = cli('eval', ...(args as string[]));
    expect(isOneLineError(r), r.stderr).toBe(true);
    expect(r.stderr).toMatch(message);
  });
  it('a misspelt name in --at is pointed out', () => {
    expect(cli('eval', 'alpha + 1', '--at', 'alpah=1').stderr).toMatch(/'alpha' has no value.*alpah/);
  });
});
