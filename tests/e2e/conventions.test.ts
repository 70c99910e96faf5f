// The conventions of a command-line tool that users rely on without thinking
// (clig.dev): --version, help for every command on stdout, usage errors on
// stderr that suggest the nearest name, a caret under the place of an error in
// the user's text, colour only for a terminal, quiet on a closed pipe, and
// JSON documents that say which version and layout wrote them.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { caretColumn, cli, cliWith, isOneLineError, json } from './run-cli.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const COMMANDS = ['check', 'claim', 'mc'];
const ESC = '\x1b[';

describe('--version and help', () => {
  it('--version prints the package version on stdout, exit 0', () => {
    const r = cli('--version');
    expect([r.code, r.stdout, r.stderr]).toEqual([0, `${pkg.version}\n`, '']);
  });

  it.each(COMMANDS)('help %s, %s --help and %s -h print the same help on stdout, exit 0', (c) => {
    const a = cli('help', c);
    const b = cli(c, '--help');
    const h = cli(c, '-h');
    for (const r of [a, b, h]) expect([r.code, r.stderr]).toEqual([0, '']);
    expect(b.stdout).toBe(a.stdout);
    expect(h.stdout).toBe(a.stdout);
    expect(a.stdout).toMatch(new RegExp(`^usage: derivcheck ${c}`));
    expect(a.stdout).toMatch(/^exit codes:/m);
  });

  it('--help after -- is an argument, not a request for help', () => {
    const r = cli('claim', '--', '--help');
    expect(r.stdout).not.toMatch(/^usage:/);
    expect(isOneLineError(r)).toBe(true);
  });

  it.each(COMMANDS)('every option %s --help lists is one the command accepts', (c) => {
    const options = [...cli(c, '--help').stdout.matchAll(/^ {2}(?:-\w, )?(--[a-z][a-z-]*)/gm)].map((m) => m[1]);
    expect(options.length).toBeGreaterThan(3);
    for (const o of options) {
      if (o === '--help') continue;
      const r = cli(c, o, ...(o === '--debug' || o === '--no-color' || o === '--json' ? [] : ['1']), '--', 'x', 'y', 'z');
      expect(r.stderr, `${c} ${o}`).not.toMatch(/unknown option/);
    }
  });

  it('the claim and mc helps give the grammar: functions, distributions, parameters', () => {
    const h = cli('claim', '--help').stdout;
    for (const word of ['sqrt', 'sigmoid', 'logit', 'norm2', 'N(mean, VARIANCE)', 'U(a, b)', 'LogitNormal(m, s)', '"a in (0,1)"', '"m = 0.3"', 'E[expr]']) expect(h).toContain(word);
    expect(cli('mc', '--help').stdout).toContain('N(mean, variance, dim)');
  });
});

describe('usage errors go to stderr and suggest the nearest name', () => {
  const cases: [string, string[], RegExp][] = [
    ['a mistyped command', ['chek'], /unknown command 'chek' \(did you mean 'check'\?\)/],
    ['a transposed command', ['cliam', 'x = x'], /did you mean 'claim'\?/],
    ['help for a mistyped command', ['help', 'mcc'], /did you mean 'mc'\?/],
    ['a mistyped option', ['claim', 'x = x', '--parm', 'x > 0'], /unknown option '--parm' \(did you mean '--param'\?\)/],
    ['a mistyped option of mc', ['mc', 'x', '--radnom', 'x ~ N(0,1)'], /did you mean '--random'\?/],
    ['a mistyped function', ['claim', 'sinn(x) = 1'], /unknown function 'sinn' \(did you mean 'sin'\?\)/],
    ['a function in the wrong case', ['claim', 'Exp(x) = 1'], /did you mean 'exp'\?/],
    ["SciPy's name of a distribution", ['claim', 'E[x] = 0', '--random', 'x ~ Normal(0, 1)'], /unknown function 'Normal' \(did you mean 'N'\?\)/],
    ["NumPy's uniform", ['mc', 'x', '--random', 'x ~ uniform(0, 1)'], /did you mean 'U'\?/],
    ['ln for log', ['claim', 'ln(x) = 1'], /did you mean 'log'\?/],
  ];
  it.each(cases)('%s', (_what, args, message) => {
    const r = cli(...args);
    expect(isOneLineError(r), r.stderr).toBe(true);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('nothing is suggested when nothing is close', () => {
    for (const args of [['xyzzy'], ['claim', 'frobnicate(x) = 1'], ['claim', 'x = x', '--qqqqqq']]) {
      const r = cli(...args);
      expect(isOneLineError(r)).toBe(true);
      expect(r.stderr).not.toMatch(/did you mean/);
    }
  });
});

describe('an error in the claim shows the input and a caret under the place', () => {
  it('a short claim is shown whole, the caret under the bad token', () => {
    const r = cli('claim', 'x + sinn(x) = 1');
    expect(isOneLineError(r)).toBe(true);
    expect(r.stderr.split('\n')[1]).toBe('  x + sinn(x) = 1');
    expect(caretColumn(r)).toBe(4);
  });

  it('a 120 000-character claim: its error (over the limit) is one bounded line with the place shown', () => {
    const r = cli('claim', 'x+'.repeat(60_000) + ' = 1');
    expect(isOneLineError(r)).toBe(true);
    expect(r.stderr).toMatch(/limit is 10000/);
    expect(r.stderr.length).toBeLessThan(400);
  });

  it('a long claim is shown around the place, in a line of bounded length', () => {
    const text = 'x+'.repeat(2_400) + '$' + '+x'.repeat(2_400) + ' = 1';
    const r = cli('claim', text);
    expect(isOneLineError(r)).toBe(true);
    const [, shown, caret] = r.stderr.split('\n');
    expect(shown.length).toBeLessThan(80);
    expect(shown).toMatch(/^ {2}….*\$.*…$/);
    expect(shown[caret.indexOf('^')]).toBe('$');
    expect(r.stderr.length).toBeLessThan(400);
  });

  it('invisible and control characters are shown escaped, the caret under the escape', () => {
    for (const [ch, esc] of [['\u200b', '\\u200b'], ['\u202e', '\\u202e'], ['\u0007', '\\u0007'], ['\u2066', '\\u2066']]) {
      const r = cli('claim', `x${ch} = x`);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toContain(ch);
      const [, shown, caret] = r.stderr.split('\n');
      expect(shown).toContain(esc);
      expect(shown.slice(caret.indexOf('^'))).toMatch(/^\\u/);
    }
  });

  it('the caret counts an emoji before the place as one column', () => {
    const r = cli('claim', 'x + 😀 = 1');
    const [, shown, caret] = r.stderr.split('\n');
    expect(isOneLineError(r)).toBe(true);
    expect(Array.from(shown)[caret.indexOf('^')]).toBe('😀');
  });

  it('invisible characters elsewhere in a long claim are escaped too, not only at the place', () => {
    const r = cli('claim', 'x\u200b' + '+x'.repeat(20) + ' = $');
    expect(r.stderr).not.toContain('\u200b');
  });

  it('an error in a --random declaration points into that declaration', () => {
    const r = cli('mc', 'x', '--random', 'x ~ N(0, 1))');
    expect(isOneLineError(r)).toBe(true);
    expect(r.stderr.split('\n')[1]).toBe('  x ~ N(0, 1))');
    expect(caretColumn(r)).toBe(11);
  });
});

describe('colour only for a terminal', () => {
  it('a pipe gets no escape codes, on stdout or stderr', () => {
    const ok = cli('claim', 'x = x');
    const bad = cli('claim', 'x = x', '--parm', 'x');
    expect(ok.stdout + bad.stderr).not.toContain(ESC);
  });
  it('FORCE_COLOR=1 colours the verdict; NO_COLOR and --no-color win over it', () => {
    expect(cliWith({ FORCE_COLOR: '1' }, 'claim', 'x = x').stdout).toContain(`${ESC}32mproved`);
    expect(cliWith({ FORCE_COLOR: '1' }, 'claim', 'x = x', '--parm', 'x').stderr).toContain(ESC);
    expect(cliWith({ FORCE_COLOR: '1', NO_COLOR: '1' }, 'claim', 'x = x').stdout).not.toContain(ESC);
    expect(cliWith({ FORCE_COLOR: '1' }, 'claim', 'x = x', '--no-color').stdout).not.toContain(ESC);
  });
  it('an empty NO_COLOR does not turn colour off (no-color.org)', () => {
    expect(cliWith({ FORCE_COLOR: '1', NO_COLOR: '' }, 'claim', 'x = x').stdout).toContain(ESC);
  });
});

describe('a closed pipe ends the run quietly', () => {
  it('check | head -1: no EPIPE, no stack, no "ended before it reported"', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" bin/derivcheck.js check derivations/vae 2>err.$$ | head -1; code=$?; cat err.$$ >&2; rm -f err.$$; exit $code`], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toBe('');
    expect([0, 141]).toContain(r.status);
  });
});

describe('every --json document says which derivcheck and which layout wrote it', () => {
  it.each([
    ['claim', ['claim', 'sqrt(x^2) = x', '--json']],
    ['mc', ['mc', 'x^2', '--random', 'x ~ N(0, 1)', '--samples', '4096', '--backend', 'cpu', '--json']],
    ['check', ['check', 'derivations/vae/gaussian-kl.ts', '--backend', 'cpu', '--json']],
  ])('%s --json', (_c, args) => {
    const doc = json(cli(...args));
    expect(doc.derivcheck).toBe(pkg.version);
    expect(doc.schema).toBe(1);
    expect(Object.keys(doc).slice(0, 2)).toEqual(['derivcheck', 'schema']);
  });
});

describe('the caret block in edge cases', () => {
  it('an empty claim: one line, nothing to point into', () => {
    const r = cli('claim', '');
    expect(isOneLineError(r)).toBe(true);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
  it('leading spaces are kept, so the caret stays under the place', () => {
    const r = cli('claim', '   x + = 1');
    expect(isOneLineError(r)).toBe(true);
    const [, shown, caret] = r.stderr.split('\n');
    expect(shown).toBe('     x + = 1');
    expect(shown[caret.indexOf('^')]).toBe('=');
  });
});
