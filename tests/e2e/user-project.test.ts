// A user's own project, outside this repository, as a new user makes it:
// `derivcheck init`, then `derivcheck check` and vitest. And the ways a
// user's file can go wrong, each reported at its file:line:col.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = resolve('.');
const BIN = join(REPO, 'bin', 'derivcheck.js');
let dir: string;
let cache: string;

function run(args: string[], cwd = dir) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 180_000, env: { ...process.env, DERIVCHECK_CACHE_DIR: cache, NO_COLOR: '1' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const write = (rel: string, text: string) => {
  mkdirSync(join(dir, rel, '..'), { recursive: true });
  writeFileSync(join(dir, rel), text);
};

const ONE = (id: string) => `import { add, by, calc, derivation, sym } from 'derivcheck';
const a = sym('a');
export default derivation({ id: '${id}', title: 't', source: 's', assumptions: { ha: 'a real' }, strategy: '', chains: [calc(add(a, 1)).eq(add(1, a), by.algebra())] });
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'derivcheck-user-'));
  cache = mkdtempSync(join(tmpdir(), 'derivcheck-cache-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
});

describe('derivcheck init, then check and vitest, outside the repository', () => {
  it('init writes the starter files and says what to run next', () => {
    const r = run(['init', dir], tmpdir());
    expect(r.code).toBe(0);
    for (const f of ['package.json', 'tsconfig.json', 'derivations/example.ts', 'tests/example.test.ts']) expect(existsSync(join(dir, f)), f).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).type).toBe('module');
    expect(r.stdout).toMatch(/derivcheck check derivations/);
  });

  it('init again refuses to overwrite (exit 2, nothing written); --force overwrites', () => {
    writeFileSync(join(dir, 'derivations/example.ts'), readFileSync(join(dir, 'derivations/example.ts'), 'utf8') + '// mine\n');
    const r = run(['init', '.']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/already exist.*--force/);
    expect(readFileSync(join(dir, 'derivations/example.ts'), 'utf8')).toMatch(/\/\/ mine\n$/);
    expect(run(['init', '.', '--force']).code).toBe(0);
    expect(readFileSync(join(dir, 'derivations/example.ts'), 'utf8')).not.toMatch(/\/\/ mine/);
  });

  it('derivcheck check derivations holds, with derivcheck resolved to the running copy (no node_modules)', () => {
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);
    const r = run(['check', 'derivations', '--json', '--backend', 'cpu']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).derivations.map((d: { id: string }) => d.id).sort()).toEqual(['example.forward-variance', 'example.posterior-variance']);
  });

  it('the type check was cached by content', () => {
    expect(readdirSync(cache).length).toBeGreaterThan(0);
  });

  it('vitest runs the starter test (derivcheck installed as a link, as npm install would)', () => {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(REPO, join(dir, 'node_modules', 'derivcheck'), 'dir');
    const r = spawnSync(process.execPath, [join(REPO, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', dir], { cwd: dir, encoding: 'utf8', timeout: 180_000 });
    expect(r.stdout + r.stderr).toMatch(/3 passed/);
    expect(r.status).toBe(0);
    rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
  });
});

describe("a user's files load as ES modules wherever they are", () => {
  it('a folder whose package.json has no "type": "module": .ts, .mts and .js files with import/export load', () => {
    write('cjs/package.json', '{ "name": "plain" }\n');
    write('cjs/a.ts', ONE('cjs.ts-file'));
    write('cjs/b.mts', ONE('cjs.mts-file'));
    write('cjs/c.js', ONE('cjs.js-file'));
    const r = run(['check', 'cjs', '--json', '--backend', 'cpu']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).derivations).toHaveLength(3);
  });

  it("import './helper.js' finds helper.ts, as TypeScript resolves it", () => {
    write('helpers/h.ts', "import { sym } from 'derivcheck';\nexport const a = sym('a');\n");
    write('helpers/d.ts', "import { add, by, calc, derivation } from 'derivcheck';\nimport { a } from './h.js';\nexport default derivation({ id: 'helpers.one', title: 't', source: 's', assumptions: {}, strategy: '', chains: [calc(add(a, 1)).eq(add(1, a), by.algebra())] });\n");
    const r = run(['check', 'helpers/d.ts', '--backend', 'cpu']);
    expect([r.code, r.stderr]).toEqual([0, '']);
  });
});

describe("a user's file that does not load says where", () => {
  it('a type error is bad input at file:line:col, before anything runs', () => {
    write('typo/d.ts', "import { add, by, calc, derivation, sym } from 'derivcheck';\nconst a = sym('a');\nexport default derivation({ id: 'typo.one', title: 't', source: 's', assumptions: {}, strategy: '',\n  chains: [calc(add(a, 1)).eq('one', by.algebra())] });\n");
    const r = run(['check', 'typo']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/typo\/d\.ts:4:\d+: type error TS2345/);
    expect(r.stderr).toMatch(/--no-typecheck/);
  });

  it('--no-typecheck loads it anyway: the error is then a load error, with its place', () => {
    const r = run(['check', 'typo', '--no-typecheck']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/failed to load: .* \(at typo\/d\.ts:4:\d+\)/);
  });

  it('a file fixed after a cached success, then broken, is checked again (the cache is by content)', () => {
    write('cached/d.ts', ONE('cached.one'));
    expect(run(['check', 'cached', '--backend', 'cpu']).code).toBe(0);
    write('cached/d.ts', ONE('cached.one').replace("add(1, a)", "add(1, 'a')"));
    const r = run(['check', 'cached']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cached\/d\.ts:3:\d+: type error/);
  });

  it('a change in an imported file alone is checked again too', () => {
    write('dep/h.ts', "import { sym } from 'derivcheck';\nexport const a = sym('a');\n");
    write('dep/d.ts', "import { add, by, calc, derivation } from 'derivcheck';\nimport { a } from './h.js';\nexport default derivation({ id: 'dep.one', title: 't', source: 's', assumptions: {}, strategy: '', chains: [calc(add(a, 1)).eq(add(1, a), by.algebra())] });\n");
    expect(run(['check', 'dep/d.ts', '--backend', 'cpu']).code).toBe(0);
    write('dep/h.ts', "export const a = 'not an expression';\n");
    const r = run(['check', 'dep/d.ts']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dep\/d\.ts:3:\d+: type error/);
  });

  it.each([
    ['a syntax error in .ts', 'syn/d.ts', "import { sym } from 'derivcheck';\nconst a = sym('a');\nexport const x = (;\n", /syn\/d\.ts:3:\d+/],
    ['a syntax error in .js', 'synjs/d.js', "import { sym } from 'derivcheck';\nconst a = sym('a');\nexport const x = (;\n", /synjs\/d\.js:3:\d+/],
    ['a throw inside an imported helper', 'thr/d.ts', "import { boom } from './h.js';\nexport const x = boom();\n", /at thr\/h\.ts:1:\d+, from thr\/d\.ts:2:\d+/],
    ['a package that is not installed', 'miss/d.ts', "// @ts-nocheck\nimport { f } from 'no-such-package-anywhere';\nexport const x = f();\n", /Cannot find package 'no-such-package-anywhere'/],
  ])('%s', (_what, file, text, where) => {
    write(file, text);
    if (file.startsWith('thr/')) write('thr/h.ts', "export function boom(): number { throw new TypeError('inside the helper'); }\n");
    const r = run(['check', file, '--no-typecheck']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toMatch(where);
    expect(r.stderr).not.toMatch(/in a cycle/);
  });
});
