// check --watch: after the first run, a change to a helper reruns exactly the
// derivation files that import it; Ctrl-C ends it with 130.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { affected } from '../../src/cli/watch.js';

const one = (id: string, imports = '') => `import { add, by, calc, derivation, sym } from 'derivcheck';
${imports}
const a = sym('a');
export default derivation({ id: '${id}', title: 't', source: 's', assumptions: {}, strategy: '', chains: [calc(add(a, 1)).eq(add(1, a), by.algebra())] });
`;

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'derivcheck-watch-'));
  writeFileSync(join(dir, 'h.ts'), 'export const k = 1;\n');
  writeFileSync(join(dir, 'mid.ts'), "export { k } from './h.js';\n");
  writeFileSync(join(dir, 'a.ts'), one('watch.alone'));
  writeFileSync(join(dir, 'b.ts'), one('watch.user', "import { k } from './mid.js';\nvoid k;"));
  return dir;
}

describe('which files a change affects', () => {
  it('the changed file, and the files importing it directly or through another', () => {
    const dir = project();
    const files = ['a.ts', 'b.ts', 'h.ts', 'mid.ts'].map((f) => join(dir, f));
    expect(affected(join(dir, 'h.ts'), files).map((f) => f.slice(dir.length + 1)).sort()).toEqual(['b.ts', 'h.ts', 'mid.ts']);
    expect(affected(join(dir, 'a.ts'), files).map((f) => f.slice(dir.length + 1))).toEqual(['a.ts']);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('derivcheck check --watch', () => {
  it('reruns what a change affects, then stops on SIGINT with 130', async () => {
    const dir = project();
    const child = spawn(process.execPath, [resolve('bin/derivcheck.js'), 'check', '.', '--watch', '--backend', 'cpu', '--no-typecheck'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const waitFor = async (re: RegExp, from: number) => {
      for (let i = 0; i < 1200 && !re.test(out.slice(from)); i++) await new Promise((r) => setTimeout(r, 100));
      expect(out.slice(from), out).toMatch(re);
    };
    await waitFor(/watching for changes/, 0);
    expect(out).toMatch(/watch\.alone/);
    const mark = out.length;
    writeFileSync(join(dir, 'h.ts'), 'export const k = 2;\n');
    await waitFor(/h\.ts changed: checking \d files?[\s\S]*watching for changes/, mark);
    const rerun = out.slice(mark);
    expect(rerun).toMatch(/watch\.user/);
    expect(rerun).not.toMatch(/watch\.alone/);
    const code = await new Promise<number | null>((done) => {
      child.on('exit', (c) => done(c));
      child.kill('SIGINT');
    });
    expect(code).toBe(130);
    rmSync(dir, { recursive: true, force: true });
  });
});
