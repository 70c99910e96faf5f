// The arrows of docs/ARCHITECTURE.md, enforced: each folder of src/ may
// import only from the folders below it in LAYERS. A new folder must be
// placed in the table before it can import anything, so the layering is a
// decision, not an accident. Relative imports are read from the sources
// (static `import … from`, `export … from` and dynamic `import('…')`).
// Type-only imports (`import type`, erased by the compiler) are exempt but
// for cli: the function table's facets name algebra's and mc's types without
// loading either, which is what keeps expr below them at run time.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Each unit of src/ and what it may import (besides itself). Root files are units of their own. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  'errors.ts': [],
  'verdict.ts': [],
  'package.ts': [],
  expr: ['errors.ts'],
  algebra: ['expr', 'errors.ts', 'verdict.ts'],
  calculus: ['expr', 'algebra', 'errors.ts', 'verdict.ts'],
  prob: ['expr', 'algebra', 'errors.ts', 'verdict.ts'],
  mc: ['expr', 'prob', 'errors.ts', 'verdict.ts'],
  expect: ['expr', 'algebra', 'prob', 'mc', 'errors.ts', 'verdict.ts'],
  arbitraries: ['expr', 'algebra', 'prob', 'expect', 'errors.ts', 'verdict.ts'],
  derive: ['expr', 'algebra', 'calculus', 'prob', 'mc', 'expect', 'arbitraries', 'errors.ts', 'verdict.ts', 'package.ts'],
  reparam: ['expr', 'algebra', 'prob', 'mc', 'expect', 'derive', 'errors.ts', 'verdict.ts'],
  sheet: ['expr', 'algebra', 'calculus', 'prob', 'mc', 'expect', 'derive', 'reparam', 'errors.ts', 'verdict.ts', 'package.ts'],
  'index.ts': ['expr', 'algebra', 'calculus', 'prob', 'mc', 'expect', 'arbitraries', 'derive', 'reparam', 'sheet', 'errors.ts', 'verdict.ts', 'package.ts'],
  'vitest.ts': ['expr', 'algebra', 'prob', 'mc', 'expect', 'derive', 'errors.ts', 'verdict.ts'],
  cli: ['expr', 'algebra', 'calculus', 'prob', 'mc', 'expect', 'arbitraries', 'derive', 'reparam', 'sheet', 'errors.ts', 'verdict.ts', 'index.ts', 'package.ts'],
};

const SRC = resolve('src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : /\.m?ts$/.test(f) && !f.endsWith('.d.ts') ? [p] : [];
  });
}

/** The unit of src/ a path is in: its first folder, or the root file itself. */
function unitOf(path: string): string | undefined {
  const rel = relative(SRC, path);
  if (rel.startsWith('..')) return undefined;
  return rel.split(/[\\/]/)[0];
}

// Group 1: `type` when the whole import is type-only; 2: a static specifier; 3: a dynamic one.
const SPEC = /(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.\.?\/[^'"]+)['"]|import\(\s*['"](\.\.?\/[^'"]+)['"]\s*\)/g;

interface Edge { from: string; to: string; file: string; spec: string; typeOnly: boolean }

/** The file a relative specifier names (`./x.js` is x.ts in the sources), or undefined (text that only looks like an import). */
function target(file: string, spec: string): string | undefined {
  const p = resolve(dirname(file), spec);
  for (const c of [p, p.replace(/\.js$/, '.ts'), p.replace(/\.mjs$/, '.mts'), join(p, 'index.ts')]) if (existsSync(c)) return c;
  return undefined;
}

function edges(): Edge[] {
  const out: Edge[] = [];
  for (const file of filesUnder(SRC)) {
    const from = unitOf(file)!;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(SPEC)) {
      const spec = m[2] ?? m[3];
      const path = target(file, spec);
      const to = path && unitOf(path);
      if (to === undefined || to === from) continue;
      out.push({ from, to, file: relative(SRC, file), spec, typeOnly: m[1] !== undefined });
    }
  }
  return out;
}

describe('imports follow the arrows of docs/ARCHITECTURE.md', () => {
  const all = edges();

  it('every unit of src/ has a place in the layering table', () => {
    const units = new Set(readdirSync(SRC).filter((f) => f !== '.DS_Store'));
    const missing = [...units].filter((u) => !(u in MAY_IMPORT));
    expect(missing, 'add these to MAY_IMPORT (and to docs/ARCHITECTURE.md)').toEqual([]);
  });

  it('no unit imports one it may not (nothing imports cli; expr imports no decider; …)', () => {
    const bad = all
      .filter((e) => !(e.typeOnly && e.to !== 'cli') && !(MAY_IMPORT[e.from] ?? []).includes(e.to))
      .map((e) => `${e.file} → ${e.spec} (${e.from} → ${e.to})`);
    expect(bad).toEqual([]);
  });

  it('nothing imports cli, not even a type', () => {
    expect(all.filter((e) => e.to === 'cli' && e.from !== 'cli').map((e) => `${e.file} → ${e.spec}`)).toEqual([]);
  });

  it('the table has no cycle', () => {
    const seen = new Map<string, 'open' | 'done'>();
    const visit = (u: string, path: string[]): void => {
      if (seen.get(u) === 'done') return;
      if (seen.get(u) === 'open') throw new Error(`cycle: ${[...path, u].join(' → ')}`);
      seen.set(u, 'open');
      for (const v of MAY_IMPORT[u] ?? []) visit(v, [...path, u]);
      seen.set(u, 'done');
    };
    for (const u of Object.keys(MAY_IMPORT)) visit(u, []);
  });

  it('the test sees imports at all (a regex that matched nothing would pass vacuously)', () => {
    expect(all.length).toBeGreaterThan(100);
    expect(all.some((e) => e.from === 'cli' && e.to === 'derive')).toBe(true);
  });
});
