// Importing derivcheck loads only what it uses: the static import graph of
// the library's entry points reaches no heavy package (mathjs, the
// TypeScript compiler, tsx, the GPU driver). Those load, if at all, through
// dynamic import() when a feature needs them. A timing test would be flaky;
// the graph is exact. (npm run bench:import measures the time itself.)
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Bare package specifiers reachable from `entry` by static imports (`import … from`, `export … from`, `import '…'`). */
function staticPackages(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const todo = [resolve(entry)];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\s+(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
      const spec = m[1];
      if (spec.startsWith('.')) {
        const next = resolve(dirname(file), spec);
        if (existsSync(next)) todo.push(next);
      } else if (!spec.startsWith('node:')) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    }
  }
  return packages;
}

const HEAVY = ['mathjs', 'typescript', 'tsx', 'webgpu', 'vitest'];

describe('the library loads only what it uses', () => {
  it('dist/src/index.js statically reaches none of the heavy packages', () => {
    const reached = staticPackages('dist/src/index.js');
    for (const p of HEAVY) expect(reached.has(p), `${p} is imported statically`).toBe(false);
  });
  it('the CLI entry statically reaches none of them either (commands load on demand)', () => {
    const reached = staticPackages('dist/src/cli/main.js');
    for (const p of HEAVY) expect(reached.has(p), `${p} is imported statically`).toBe(false);
  });
});
