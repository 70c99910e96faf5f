// One table of exit codes for every command: 0 holds, 1 refuted, 2 bad input,
// 3 unknown, 4 internal error (one line naming the error and asking for a
// report; the stack only with --debug or DERIVCHECK_DEBUG=1).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, isOneLineError } from './run-cli.js';
import { internalErrorLine, oneLine } from '../../src/cli/main.js';
import { BadInput, isBadInput } from '../../src/errors.js';
import { ParseError } from '../../src/expr/parse.js';
import { KindError } from '../../src/expr/kinds.js';
import { DistributionError } from '../../src/prob/validate.js';
import { McError, McParamError } from '../../src/mc/plan.js';
import { ParamError } from '../../src/expr/params.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { DerivationFileError } from '../../src/derive/load.js';

const root = mkdtempSync(join(tmpdir(), 'derivcheck-exit-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const lib = pathToFileURL(resolve('dist/src/index.js')).href;

describe('claim: the four verdict codes', () => {
  it('0 proved', () => expect(cli('claim', 'sqrt(a)^2 = a', '--param', 'a > 0').code).toBe(0));
  it('1 refuted', () => expect(cli('claim', 'sqrt(x^2) = x').code).toBe(1));
  it('2 bad input', () => expect(isOneLineError(cli('claim', 'x +* 1 = 2'))).toBe(true));
  it('3 unknown', () => expect(cli('claim', '2^2^2^2^2^2 = 1').code).toBe(3));
  it('no command is the main job (issue 12): in a folder without derivations/ one line on stderr, exit 2; --help: on stdout, exit 0, the exit codes listed', () => {
    const empty = mkdtempSync(join(root, 'empty-'));
    const r = spawnSync(process.execPath, [resolve('bin/derivcheck.js')], { cwd: empty, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^derivcheck: sheet: no such file or folder: derivations \(run derivcheck in a folder with derivations\/, or name the files/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const h = cli('--help');
    expect(h.code).toBe(0);
    expect(h.stderr).toBe('');
    for (const code of ['0', '1', '2', '3', '4']) expect(h.stdout).toMatch(new RegExp(`^  ${code} +\\S`, 'm'));
    expect(h.stdout).toMatch(/^ {2}3 +unknown/m);
    expect(h.stdout).toMatch(/^ {2}4 +internal error/m);
  });
});

describe('every user-facing error is a BadInput, decided by class', () => {
  const errors = [
    new UsageError('u'),
    new ParseError('p', 0),
    new ParamError('q', 0, 0),
    new KindError('k'),
    new DistributionError('d'),
    new McError('m'),
    new McParamError('mp'),
    new DerivationFileError('/x/f.ts', 'f'),
  ];
  for (const e of errors) it(`${e.name} is bad input`, () => expect(e instanceof BadInput && isBadInput(e)).toBe(true));
  it('a TypeError, a RangeError and a thrown string are not', () => {
    for (const e of [new TypeError('t'), new RangeError('Maximum call stack size exceeded'), 'x', undefined]) expect(isBadInput(e)).toBe(false);
  });
  it('a BadInput from a second copy of the module (same brand) is still bad input', () => {
    const foreign = Object.assign(Object.create({ [Symbol.for('derivcheck.bad-input')]: true }), { message: 'm' });
    expect(isBadInput(foreign)).toBe(true);
  });
});

describe('internal errors: exit 4, one line naming the error, stack only on request', () => {
  it('the line names the class and message and asks for a report', () => {
    const line = internalErrorLine(new TypeError('cannot read properties of undefined'));
    expect(line).toMatch(/^derivcheck: internal error: TypeError: cannot read properties of undefined — this is a bug in derivcheck, please report it/);
    expect(line).not.toMatch(/\n/);
  });
  it('oneLine escapes newlines and control characters and bounds the length', () => {
    expect(oneLine('a\nb\u0000c')).toBe('a\\nb\\u0000c');
    expect(oneLine('x'.repeat(1000)).length).toBeLessThanOrEqual(301);
  });

  // A hostile object whose `chains` getter works while loading (validation)
  // and throws a TypeError afterwards: a vehicle for an error that is not
  // bad input escaping the checker, so the plumbing of exit 4 is tested end to end.
  const dir = join(root, 'getter');
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'd.mjs'),
    `import { by, calc, derivation, sym } from '${lib}';
const real = derivation({ id: 'fixture.getter', title: 't', source: 's', assumptions: {}, strategy: '', chains: [calc(sym('x')).eq(sym('x'), by.algebra())] });
let reads = 0;
export default Object.defineProperty({ ...real }, 'chains', { get() { if (++reads > 1) throw new TypeError('boom from a getter'); return real.chains; } });
`,
  );
  it('exit 4 and one line, no stack without --debug', () => {
    const r = cli('check', dir, '--backend', 'cpu');
    expect(r.code).toBe(4);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/internal error: TypeError: boom from a getter .*please report/);
  });
  it('--debug adds the stack', () => {
    const r = cli('check', dir, '--backend', 'cpu', '--debug');
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/\n\s+at /);
  });
  it('DERIVCHECK_DEBUG=1 adds the stack', () => {
    const r = spawnSync(process.execPath, ['bin/derivcheck.js', 'check', dir, '--backend', 'cpu'], { encoding: 'utf8', env: { ...process.env, DERIVCHECK_DEBUG: '1' } });
    expect(r.status).toBe(4);
    expect(r.stderr).toMatch(/\n\s+at /);
  });
});
