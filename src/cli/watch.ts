// check --watch: check, then on every change of a derivation file (or of a
// file one imports) check again the files it affects: the changed file and,
// transitively, the derivation files that import it. Each run is a fresh
// process, so a changed module is never served from the module cache.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, watch, type FSWatcher } from 'node:fs';
import { dirname, extname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = new Set(['.ts', '.mts', '.js', '.mjs']);

/** Relative imports of a file, resolved to files that exist ('./x.js' may be x.ts). */
export function localImports(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s+(?:[^'";]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)) {
    const spec = resolve(dirname(file), m[1] ?? m[2]);
    for (const candidate of [spec, spec.replace(/\.js$/, '.ts'), spec.replace(/\.mjs$/, '.mts'), `${spec}.ts`]) {
      if (existsSync(candidate) && statSync(candidate).isFile()) {
        out.push(candidate);
        break;
      }
    }
  }
  return out;
}

/** The derivation files to check again when `changed` changed: those that import it, directly or not, and itself. */
export function affected(changed: string, derivationFiles: readonly string[]): string[] {
  const deps = new Map<string, Set<string>>();
  const closure = (f: string): Set<string> => {
    const known = deps.get(f);
    if (known) return known;
    const seen = new Set<string>();
    deps.set(f, seen);
    const todo = [f];
    while (todo.length) {
      for (const g of localImports(todo.pop()!)) {
        if (!seen.has(g)) {
          seen.add(g);
          todo.push(g);
        }
      }
    }
    return seen;
  };
  return derivationFiles.filter((f) => f === changed || closure(f).has(changed));
}

/** Runs `check` on `files` in a child process with the same options; resolves to its exit code. */
function runCheck(files: readonly string[], options: readonly string[]): Promise<number> {
  const bin = fileURLToPath(new URL('../../../bin/derivcheck.js', import.meta.url));
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, 'check', ...files.map((f) => relative(process.cwd(), f) || f), ...options], { stdio: 'inherit' });
    child.on('exit', (code) => done(code ?? 4));
  });
}

/**
 * Watches `paths` until interrupted. `findFiles` lists the derivation files
 * (again after each change: a new file is picked up).
 */
export async function watchCheck(paths: readonly string[], findFiles: () => string[], options: readonly string[]): Promise<number> {
  const say = (s: string) => process.stderr.write(`\nderivcheck check --watch: ${s}\n`);
  await runCheck(findFiles(), options);
  say('watching for changes (Ctrl-C to stop)');
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  const flush = async () => {
    if (running) return;
    running = true;
    const changed = [...pending];
    pending = new Set();
    const files = findFiles();
    const rerun = [...new Set(changed.flatMap((c) => affected(c, files)))];
    if (rerun.length) {
      if (process.stdout.isTTY) process.stdout.write('\x1b[2J\x1b[H');
      say(`${changed.map((c) => relative(process.cwd(), c)).join(', ')} changed: checking ${rerun.length} file${rerun.length === 1 ? '' : 's'}`);
      await runCheck(rerun, options);
      say('watching for changes (Ctrl-C to stop)');
    }
    running = false;
    if (pending.size) void flush();
  };
  const watchers: FSWatcher[] = [];
  for (const p of paths) {
    const root = resolve(p);
    const dir = statSync(root).isDirectory() ? root : dirname(root);
    watchers.push(
      watch(dir, { recursive: true }, (_event, name) => {
        if (!name) return;
        const file = resolve(dir, name.toString());
        if (!SOURCE.has(extname(file)) || file.includes('/node_modules/')) return;
        pending.add(file);
        clearTimeout(timer);
        timer = setTimeout(() => void flush(), 150); // editors write a file in several events
      }),
    );
  }
  return new Promise((done) => {
    const stop = () => {
      for (const w of watchers) w.close();
      done(130);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
