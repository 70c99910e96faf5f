// Fuzzing the front door. Whatever the text, option or path, derivcheck
// answers: a parse, or bad input (exit 2, exactly one line on stderr). Never
// a stack trace, a hang, or an internal error (exit 4 fails these tests: it is
// a bug, and the bugs this found are fixed).
//
// The parsers run in-process with many draws; the CLI is spawned (about
// 0.3 s each) for a modest number of random cases plus fixed adversarial ones.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isBadInput } from '../../src/errors.js';
import { parse, parseClaim, parseDist, parseRandom } from '../../src/expr/parse.js';
import { buildDomain, parseParam } from '../../src/expr/params.js';
import { orderBindings, checkDimensions } from '../../src/prob/validate.js';
import type { Binding } from '../../src/expr/ast.js';

// ---------------------------------------------------------------- inputs

/** Pieces of the claim language and of its near misses. */
const TOKENS = [
  'x', 'y', 'a', 'e', 'pi', 'E', 'N', 'U', 'LogitNormal', 'KL', 'logpdf', 'dot', 'norm2', 'sum', 'sqrt', 'exp', 'log', 'sin', 'min', 'max', 'sigmoid',
  '0', '1', '2.5', '.5', '1e3', '1e-7', '1e400', '1e99999999999', '9'.repeat(120), '0.000', '3/4',
  '+', '-', '*', '/', '^', '(', ')', '[', ']', ',', '=', '==', '<=', '>=', '<', '>', '~', ' ', '  ', '\t', '\n',
  '$', '@', '#', '\\', '"', "'", '`', '{', '}', '|', '&', '!', '?', ';', ':', '%', '\u0000', '\u00a0', 'ε', '∑', '😀', '\ud800', '\u202e',
];

const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((ts) => ts.join(''));
/** Mostly-grammatical text: well-formed pieces glued by random tokens. */
const nearClaim = fc
  .tuple(fc.constantFrom('x', 'sqrt(a)^2', 'E[x]', 'exp(-x^2/2)', 'dot(u, v)', 'KL(N(0,1), N(m, 1))', 'sigmoid(t)'), fc.constantFrom(...TOKENS), tokenSoup, fc.constantFrom('=', '<=', '>=', ''), tokenSoup)
  .map((parts) => parts.join(' '));
const anyText = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  tokenSoup,
  nearClaim,
);
const deep = (n: number, open: string, close: string, inner = 'x') => open.repeat(n) + inner + close.repeat(n);

/** Fixed adversarial texts, beyond what random draws reach. */
const ADVERSARIAL = [
  '', ' ', '=', '==', '= =', 'x =', '= x', 'x = = x', 'x <= >= y', 'x ~ N(0,1)', 'E[]', 'E[x', 'E[[x]]', 'N()', 'N(0)', 'N(0,1,2,3)', 'U(1)', 'KL(x, y)', 'logpdf(x)',
  'dot(x)', 'f(x) = 1', 'sqrt()', 'sqrt(,)', '(,)', '1..2', '1e', '1e+', '.', '..', '1.2.3', '0x10', '1_000', 'x^', '^x', 'x^^2', '--x', '+-+-x', 'e^e^e^e^e^e',
  deep(1500, '(', ')'), deep(5000, '(', ')'), deep(5000, 'sqrt(', ')'), deep(3000, 'E[', ']'), '-'.repeat(5000) + 'x', Array(5000).fill('x').join('^'),
  '1e99999999999', '1e-99999999999', '9'.repeat(100_000), '0.' + '0'.repeat(5000) + '1', 'x'.repeat(1_000_000), 'x+'.repeat(500_000) + 'x = x',
  '\u0000', 'x\u0000 = 1', '\ud800\udc00', '\udfff', '\u202ex = 1', 'ｘ = 1', 'x = 1\n= 2',
];

// ---------------------------------------------------------------- in-process

/** f either returns or throws bad input, within a time bound. */
function answersOrRefuses(f: () => unknown, input: string): void {
  const t0 = performance.now();
  try {
    f();
  } catch (e) {
    if (!isBadInput(e)) throw new Error(`not bad input on ${JSON.stringify(input.slice(0, 200))}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  }
  const ms = performance.now() - t0;
  if (ms > 2000) throw new Error(`took ${ms.toFixed(0)} ms on ${JSON.stringify(input.slice(0, 200))}`);
}

const random: Binding[] = [parseRandom('u ~ N(0, 1, 3)'), parseRandom('z ~ N(0, 1)')];

function allParsers(text: string): void {
  answersOrRefuses(() => parse(text), text);
  answersOrRefuses(() => {
    const c = parseClaim(text, { random });
    checkDimensions(c);
  }, text);
  answersOrRefuses(() => parseDist(text), text);
  answersOrRefuses(() => orderBindings([parseRandom(text)]), text);
  answersOrRefuses(() => parseRandom(`w ~ ${text}`, { random }), text);
  answersOrRefuses(() => parseParam(text), text);
  answersOrRefuses(() => buildDomain([text, `x in (${text})`, `${text} > 0`]), text);
}

describe('the parsers answer or refuse every text as bad input, quickly', () => {
  it('random texts, token soups and near-claims (2000 runs)', () => {
    fc.assert(fc.property(anyText, (t) => allParsers(t)), { numRuns: 2000, seed: 8 });
  });
  it('random --param specs built from the declaration grammar (1000 runs)', () => {
    const num = fc.oneof(fc.constantFrom('0', '1', '-1', '1e400', '1e-400', '1/0', '3/4', '0.5e', '1e99999999999', '9'.repeat(200), ''), fc.double().map(String));
    const spec = fc.tuple(fc.constantFrom('x', 'e', 'pi', 'E', 'sum', '1x', '', ' x'), fc.constantFrom(' in ', ' > ', ' >= ', ' < ', ' = ', ' real', ' in', ' '), fc.constantFrom('(', '[', ''), num, fc.constantFrom(',', ', ', ''), num, fc.constantFrom(')', ']', ''));
    fc.assert(fc.property(spec, (parts) => allParsers(parts.join(''))), { numRuns: 1000, seed: 8 });
  });
  for (const [i, text] of ADVERSARIAL.entries()) {
    it(`adversarial #${i}: ${JSON.stringify(text.slice(0, 30))}${text.length > 30 ? `… (${text.length} chars)` : ''}`, () => allParsers(text));
  }
});

// ---------------------------------------------------------------- the CLI

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
  readonly stdout: string;
}

function derivcheck(args: string[]): Run {
  const r = spawnSync(process.execPath, ['bin/derivcheck.js', ...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 });
  return { code: r.status, signal: r.signal, stderr: r.stderr ?? '', stdout: r.stdout ?? '' };
}

const describeRun = (args: string[], r: Run) =>
  `derivcheck ${args.map((a) => JSON.stringify(a.length > 80 ? `${a.slice(0, 80)}…(${a.length})` : a)).join(' ')} → code ${r.code} signal ${r.signal}\n${r.stderr.slice(0, 2000)}`;

/**
 * The message lines of stderr: the one line naming the problem, without the
 * quoted input and caret line that follow an error inside the user's text.
 */
function messageLines(stderr: string): string[] {
  const lines = stderr.split('\n').filter((l) => l !== '');
  return lines.length === 3 && /^ {2}/.test(lines[1]) && /^ {2} *\^$/.test(lines[2]) ? [lines[0]] : lines;
}

/** A run that must be bad input: exit 2, exactly one line on stderr (with its caret block, if any), no stack. */
function expectBadInput(args: string[]): void {
  const r = derivcheck(args);
  const lines = messageLines(r.stderr);
  expect(r.code === 2 && lines.length === 1 && !/\n\s+at /.test(r.stderr) && /^derivcheck/.test(lines[0]) && !/internal error/.test(lines[0]), describeRun(args, r)).toBe(true);
}

/** A run on input that may be valid: any verdict or bad input (one line), never exit 4, a stack trace, a hang or a crash. */
function expectAnswer(args: string[]): void {
  const r = derivcheck(args);
  expect([0, 1, 2, 3], describeRun(args, r)).toContain(r.code);
  expect(r.stderr, describeRun(args, r)).not.toMatch(/\n\s+at |internal error/);
  if (r.code === 2) expect(messageLines(r.stderr).filter((l) => !/warning/.test(l)), describeRun(args, r)).toHaveLength(1);
}

// argv cannot carry NUL bytes (the kernel's strings end there), and one
// argument holds at most 128 kB on Linux: those cases are in-process above.
const argText = anyText.map((t) => t.replace(/\u0000/g, ''));

describe('the CLI: random cases', () => {
  it('random claim texts (40 spawns): a verdict or one line of bad input, never a crash', () => {
    fc.assert(fc.property(argText, (t) => expectAnswer(['claim', t])), { numRuns: 40, seed: 8 });
  });
  it('random --param and --random specs that cannot be read (12 spawns): exit 2, one line', () => {
    const bad = fc.oneof(
      fc.constantFrom('e in (0,1)', 'pi > 0', 'x in (1,0)', 'x in (0, 1e400)', 'x <', 'x ~ N(0,1)', 'x in [0,1', '= 3', 'x in (0,1) extra'),
      fc.string({ maxLength: 20 }).map((s) => `x in (${s.replace(/\u0000/g, '')}`),
    );
    const badRandom = fc.constantFrom('x ~ N(x, 1)', 'x ~ N(0, -1)', 'x ~ Q(0,1)', 'x ~', '~ N(0,1)', 'e ~ N(0,1)', 'x ~ N(0,1,0)', 'x ~ N(0,1,2.5)', 'x ~ U(1, 0)', 'x ~ N(0, 1e400)');
    fc.assert(
      fc.property(fc.boolean(), bad, badRandom, (param, p, r) => expectBadInput(param ? ['claim', 'x >= 0', '--param', p] : ['claim', 'E[x] >= 0', '--random', r])),
      { numRuns: 12, seed: 8 },
    );
  });
  it('random unknown options (8 spawns): exit 2, one line', () => {
    const opt = fc.stringMatching(/^--[a-z][a-z-]{0,12}$/).filter((o) => !['--param', '--random', '--seed', '--samples', '--backend', '--json', '--debug', '--max-seconds', '--progress', '--load-timeout'].includes(o));
    fc.assert(fc.property(opt, fc.constantFrom('claim', 'mc', 'check'), (o, cmd) => expectBadInput([cmd, o, 'x = x'])), { numRuns: 8, seed: 8 });
  });
});

const root = mkdtempSync(join(tmpdir(), 'derivcheck-fuzz-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the CLI: random paths', () => {
  it('check on random paths that do not exist (8 spawns): exit 2, one line', () => {
    // Under a fresh folder, so that a draw of '/' or '.' cannot walk the machine.
    const name = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).map((s) => s.replace(/\u0000/g, ''));
    fc.assert(fc.property(name, (n) => expectBadInput(['check', join(root, 'missing', n)])), { numRuns: 8, seed: 8 });
  });
});

describe('the CLI: fixed adversarial cases are bad input (exit 2, one line)', () => {
  const cases: [string, string[]][] = [
    ['1500-deep parentheses', ['claim', deep(1500, '(', ')') + ' = x']],
    ['5000-deep parentheses', ['claim', deep(5000, '(', ')') + ' = x']],
    ['5000-deep sqrt(', ['claim', deep(5000, 'sqrt(', ')') + ' = x']],
    ['a 100 kB claim', ['claim', 'x+'.repeat(50_000) + 'x = x']],
    ['a 100 kB --param', ['claim', 'x = x', '--param', 'x < ' + '1'.repeat(100_000)]],
    ['a 100 kB --random', ['claim', 'E[x] = 0', '--random', 'x ~ N(0, ' + '1+'.repeat(50_000) + '1)']],
    ['1e99999999999', ['claim', '1e99999999999 = 1']],
    ['a 1e400 parameter', ['claim', 'x = 1', '--param', 'x < 1e400']],
    ['a 1e400 variance', ['mc', 'x', '--random', 'x ~ N(0, 1e400)']],
    ['a 200-digit integer', ['claim', '9'.repeat(200) + ' = 1']],
    ['a lone surrogate', ['claim', 'x = \ud800']],
    ['a right-to-left override', ['claim', '\u202ex = 1']],
    ['a newline inside the claim', ['claim', 'x = 1\n= 2']],
    ['an unknown command', ['prove', 'x = x']],
    ['an unknown option', ['claim', '--frobnicate', 'x = x']],
    ['two claims', ['claim', 'x = x', 'y = y']],
    ['no claim', ['claim']],
    ['a --seed that is not a number', ['claim', 'x = x', '--seed', 'abc']],
    ['--samples 1e400', ['claim', 'x = x', '--samples', '1e400']],
    ['--backend quantum', ['claim', 'x = x', '--backend', 'quantum']],
    ['a missing option value', ['claim', 'x = x', '--param']],
    ['mc without --random', ['mc', 'x']],
    ['mc with a free symbol', ['mc', 'x + q', '--random', 'x ~ N(0,1)']],
    ['a cycle of random variables', ['claim', 'E[x] = 0', '--random', 'x ~ N(y, 1)', '--random', 'y ~ N(x, 1)']],
    ['mismatched dimensions', ['claim', 'E[dot(u, v)] = 0', '--random', 'u ~ N(0,1,3)', '--random', 'v ~ N(0,1,5)']],
    ['check on a missing path', ['check', 'no/such/dir']],
    ['check on a path with a NUL-free weird name', ['check', '\u202e/nowhere']],
    ['check on an empty folder', ['check', mkdirAndReturn('empty')]],
    ['check on a symlink loop', ['check', symlinkLoop()]],
    ['check on a file that is not a derivation module', ['check', fileWith('notes.ts', 'export const x = 1;\n')]],
  ];
  for (const [name, args] of cases) it(name, () => expectBadInput(args));
});

function mkdirAndReturn(name: string): string {
  const d = join(root, name);
  mkdirSync(d, { recursive: true });
  return d;
}
function symlinkLoop(): string {
  const d = mkdirAndReturn('loop');
  symlinkSync(d, join(d, 'again'));
  return d;
}
function fileWith(name: string, text: string): string {
  const d = mkdirAndReturn('file');
  writeFileSync(join(d, name), text);
  return join(d, name);
}
