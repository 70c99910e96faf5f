// One node constructor: every AST node is made by src/expr/node.ts, which
// computes its kind by the rules of kinds.ts. An `{ op: 'add', kind: … }`
// object literal, or a copy `{ ...node, args: … }` that keeps a kind the new
// children may not give, anywhere else in src/ skips those rules: this test
// reads every source file and fails on one.
import { describe, expect, it, vi } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { addNode, callNode, distNode, expectNode, mulNode, numNode, relNode, symNode } from '../../src/expr/node.js';
import { normal } from '../../src/expr/build.js';

const SRC = join(__dirname, '../../src');
const OPS = 'num|const|sym|add|mul|neg|div|pow|call|dist|E|rel';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The places in a source text that make a node without the constructor. */
export function rawNodes(text: string): string[] {
  const code = text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    // Types that NAME a node op (Extract<Node, { op: 'call' }>) make nothing.
    .replace(/Extract<\s*\w+\s*,\s*\{\s*op:\s*'[^']*'\s*\}\s*>/g, '');
  const found: string[] = [];
  for (const m of code.matchAll(new RegExp(`(?<!readonly )\\bop:\\s*'(${OPS})'`, 'g'))) found.push(m[0]);
  for (const m of code.matchAll(/\{\s*\.\.\.[\w.[\]]+\s*,\s*(args|over|kind|n|fn|family|rel)\s*:/g)) found.push(m[0]);
  return found;
}

describe('one node constructor', () => {
  it('the check finds a raw literal, a spread copy, and not a type that names an op', () => {
    expect(rawNodes("const x = { op: 'num', kind: 'scalar', n: 1n, d: 1n };")).toHaveLength(1);
    expect(rawNodes('const y = {\n  op: \'E\',\n  kind,\n};')).toHaveLength(1);
    expect(rawNodes('return { ...node, args: rest };')).toHaveLength(1);
    expect(rawNodes("const f = (n: Extract<Node, { op: 'call' }>) => n; // { op: 'add' } in a comment")).toHaveLength(0);
    expect(rawNodes("interface NumNode { readonly op: 'num'; }")).toHaveLength(0);
  });

  it('no file of src/ but src/expr/node.ts builds a node itself', () => {
    const offenders = files(SRC)
      .filter((f) => !f.endsWith(join('expr', 'node.ts')))
      .flatMap((f) => rawNodes(readFileSync(f, 'utf8')).map((m) => `${relative(SRC, f)}: ${m}`));
    expect(offenders).toEqual([]);
  });

  it('the constructor computes kinds: sums broadcast, a reduction is scalar, E has its body\'s kind', () => {
    const v = symNode('v', 'vector');
    expect(addNode([numNode(1n), v]).kind).toBe('vector');
    expect(callNode('norm2', [v]).kind).toBe('scalar');
    expect(expectNode(mulNode([v, v]), [{ name: 'v', dist: normal(0, 1, 3) }]).kind).toBe('vector');
  });

  it('and refuses what the rules refuse: a distribution in a sum, a vector family parameter, a vector ordered', () => {
    const d = distNode('N', [numNode(0n), numNode(1n)]);
    expect(() => addNode([d, numNode(1n)])).toThrow(/cannot add or subtract a dist/);
    expect(() => distNode('N', [symNode('v', 'vector'), numNode(1n)])).toThrow(/parameters of N must be scalars/);
    expect(() => distNode('N', [numNode(0n)])).toThrow(/N takes 2 or 3 arguments, not 1/);
    expect(() => distNode('Nope', [numNode(0n)])).toThrow(/unknown distribution family/);
    expect(() => relNode('<=', symNode('v', 'vector'), symNode('w', 'vector'))).toThrow(/only scalars can be ordered/);
    expect(() => relNode('=', symNode('v', 'vector'), numNode(1n))).toThrow(/cannot compare a vector with a scalar/);
    expect(() => expectNode(d, [])).toThrow(/E\[\.\.\.\] takes a scalar or a vector, not a dist/);
  });
});

describe('the import cycle constructor ↔ kind rules ↔ family table is safe in any order', () => {
  // node.ts → kinds.ts → families/registry.ts → families/*.ts → fold.ts → node.ts:
  // whichever module a program imports first, none may use another before it has loaded.
  const modules = files(join(SRC, 'expr')).map((f) => relative(__dirname, f).replace(/\.ts$/, '.js'));
  it.each(modules)('importing %s first loads, and parses a claim with a family', async (m) => {
    vi.resetModules();
    await import(m);
    const { parseClaim, parseRandom } = await import('../../src/expr/parse.js');
    const c = parseClaim('E[x^2] = 1', { random: [parseRandom('x ~ N(0, 1)')] });
    expect(c.op).toBe('rel');
  });
});
