// A derivation file is the user's code running inside `check`: whatever it
// does while loading (exit, hang, throw anything, export a fake), the run is
// bad input naming the file (exit 2, one line), and a run that ends before
// it reported never exits 0.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, isOneLineError } from './run-cli.js';
import { malformedNode } from '../../src/derive/load.js';
import { add, exp, mul, sym } from '../../src/expr/build.js';

const root = mkdtempSync(join(tmpdir(), 'derivcheck-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const lib = pathToFileURL(resolve('dist/src/index.js')).href;

/** A folder holding one file with the given source; returns the folder. */
function fixture(name: string, source: string, file = 'd.mjs'): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), source);
  return dir;
}

const derivationOf = (id: string, chain: string) => `
import { add, by, calc, derivation, pow, sym } from '${lib}';
export default derivation({ id: '${id}', title: 't', source: 's', assumptions: {}, strategy: '', chains: [${chain}] });
`;

function badInputNaming(r: ReturnType<typeof cli>, what: RegExp) {
  expect(isOneLineError(r), r.stderr).toBe(true);
  expect(r.stderr).toMatch(/d\.mjs|up|loop/);
  expect(r.stderr).toMatch(what);
}

describe('check: derivation files that misbehave while loading are bad input naming the file', () => {
  it('process.exit(0) while loading: exit 2, not a silent green run', () => {
    badInputNaming(cli('check', fixture('exit0', 'process.exit(0);\n')), /calls process\.exit\(0\) while loading/);
  });
  it('process.exit() with no code and process.exit(1) alike', () => {
    badInputNaming(cli('check', fixture('exit-none', 'process.exit();\n')), /process\.exit\(\)/);
    badInputNaming(cli('check', fixture('exit1', 'process.exit(1);\n')), /process\.exit\(1\)/);
  });
  it('a top-level await that never settles: the loading timeout, not exit 13', () => {
    const r = cli('check', fixture('tla', 'await new Promise(() => {});\nexport default 1;\n'), '--load-timeout', '1');
    badInputNaming(r, /did not finish loading within 1 s/);
  });
  it("throw 'x' (not an Error) is reported with the value", () => {
    badInputNaming(cli('check', fixture('throw-string', "throw 'x';\n")), /non-Error value was thrown: "x"/);
  });
  it('throw undefined and throw of an object without toString are reported too', () => {
    badInputNaming(cli('check', fixture('throw-undefined', 'throw undefined;\n')), /non-Error value was thrown: undefined/);
    badInputNaming(cli('check', fixture('throw-null-proto', 'throw Object.create(null);\n')), /non-Error value was thrown/);
  });
  it('a syntax error is bad input naming the file', () => {
    badInputNaming(cli('check', fixture('syntax', 'export default = ;\n')), /failed to load: SyntaxError/);
  });
  it('an export that only looks like a derivation is refused, not a crash', () => {
    badInputNaming(cli('check', fixture('fake', "export default { type: 'derivation', id: 'a.b' };\n")), /export 'default' looks like a derivation but is not one/);
    const chains = "export const d = { type: 'derivation', id: 'a.b', title: 't', source: 's', domain: new Map(), definitions: new Map(), chains: [{ steps: [{ rel: '=', lhs: 1, rhs: 2 }] }] };\n";
    badInputNaming(cli('check', fixture('fake-steps', chains)), /export 'd' .*chain 1, step 1: 1 is not an expression/);
  });
  it('a hand-made step with an unknown operation, or an expression that contains itself, is refused before checking', () => {
    const head = "const j = { id: 'algebra', label: 'algebra' }; const one = { op: 'num', kind: 'scalar', n: 1n, d: 1n };\n";
    const d = (lhs: string) =>
      `${head}export default { type: 'derivation', id: 'a.b', title: 't', source: 's', domain: new Map(), definitions: new Map(), chains: [{ steps: [{ rel: '=', lhs: ${lhs}, rhs: one, justification: j }] }] };\n`;
    badInputNaming(cli('check', fixture('fake-op', d("{ op: 'bogus', kind: 'scalar' }"))), /unknown operation 'bogus'/);
    const cyclic = "(() => { const a = { op: 'neg', kind: 'scalar', args: [] }; a.args.push(a); return a; })()";
    badInputNaming(cli('check', fixture('fake-cycle', d(cyclic))), /contains itself/);
  });
  it('a symbolic-link loop under a derivations folder is bad input naming the link', () => {
    const dir = join(root, 'loop');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    symlinkSync('..', join(dir, 'sub', 'up'));
    badInputNaming(cli('check', dir), /symbolic link loop/);
    const dir2 = join(root, 'loop2');
    mkdirSync(dir2);
    symlinkSync('b.mjs', join(dir2, 'a.mjs'));
    symlinkSync('a.mjs', join(dir2, 'b.mjs'));
    expect(isOneLineError(cli('check', dir2))).toBe(true);
  });
  it('process.exit(0) from a timer after loading: the run never exits 0 unreported', () => {
    const src = derivationOf('fixture.late-exit', "calc(sym('x')).eq(sym('x'), by.algebra())") + 'setTimeout(() => process.exit(0), 1);\n';
    const r = cli('check', fixture('late-exit', src), '--backend', 'cpu');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the run ended \(exit 0\) before it reported/);
  });
});

describe('check: exit codes of a suite', () => {
  it('a derivation that holds: exit 0', () => {
    expect(cli('check', fixture('holds', derivationOf('fixture.holds', "calc(add(sym('x'), 1)).eq(add(1, sym('x')), by.algebra())")), '--backend', 'cpu').code).toBe(0);
  });
  it('an undecided step and nothing refuted: exit 3, "unknown", never "DOES NOT HOLD"', () => {
    const tower = 'pow(2, pow(2, pow(2, pow(2, pow(2, 2)))))';
    const r = cli('check', fixture('undecided', derivationOf('fixture.undecided', `calc(${tower}).eq(1, by.algebra())`)), '--backend', 'cpu');
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/unknown/);
    expect(r.stdout).toMatch(/UNDECIDED/);
    expect(r.stdout).not.toMatch(/DOES NOT HOLD/);
  });
  it('an undecided step next to a refuted one: exit 1 (refuted wins)', () => {
    const tower = 'pow(2, pow(2, pow(2, pow(2, pow(2, 2)))))';
    const src = derivationOf('fixture.mixed', `calc(${tower}).eq(1, by.algebra()), calc(sym('x')).eq(add(sym('x'), 1), by.algebra())`);
    expect(cli('check', fixture('mixed', src), '--backend', 'cpu').code).toBe(1);
  });
  it('--load-timeout must be a positive integer', () => {
    expect(isOneLineError(cli('check', '--load-timeout', '0', 'derivations'))).toBe(true);
  });
});

describe('malformedNode: hand-made expressions are checked to the leaves', () => {
  it('builder output passes, shared subtrees included (a DAG is not a cycle)', () => {
    const x = sym('x');
    const shared = exp(mul(x, x));
    expect(malformedNode(add(shared, mul(shared, shared)))).toBeUndefined();
  });
  it('a deep builder chain (10 000 levels) is walked without recursion', () => {
    let n = sym('x') as ReturnType<typeof add>;
    for (let i = 0; i < 10_000; i++) n = { op: 'neg', kind: 'scalar', args: [n] } as never;
    expect(malformedNode(n)).toBeUndefined();
  });
  it('numbers need bigint parts and a positive denominator', () => {
    expect(malformedNode({ op: 'num', kind: 'scalar', n: 1, d: 1 })).toMatch(/bigint/);
    expect(malformedNode({ op: 'num', kind: 'scalar', n: 1n, d: 0n })).toMatch(/d > 0/);
  });
  it('unknown functions, distributions and kinds are refused', () => {
    const x = sym('x');
    expect(malformedNode({ op: 'call', kind: 'scalar', fn: 'eval', args: [x] })).toMatch(/unknown function eval/);
    expect(malformedNode({ op: 'dist', kind: 'dist', family: 'Cauchy', args: [x, x] })).toMatch(/unknown distribution/);
    expect(malformedNode({ op: 'sym', kind: 'matrix', name: 'x' })).toMatch(/op and kind/);
  });
});
