// Where derivcheck's own files are: the package root (where its package.json
// is), its compiled twin in dist/, the compiled entry points, and its version.
// The one module that knows the package's layout; it runs from src/ (tests,
// tsx) or from dist/src/ (the CLI), and finds the root upwards either way.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: the nearest folder upwards whose package.json names derivcheck. */
function findRoot(): { root: string; version: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const p = join(dir, 'package.json');
    if (existsSync(p)) {
      const pkg = JSON.parse(readFileSync(p, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'derivcheck') return { root: dir, version: pkg.version ?? '0.0.0-unknown' };
    }
    dir = dirname(dir);
  }
  // Not inside a derivcheck package (copied out?): the folder above src/ is the best guess.
  const here = dirname(fileURLToPath(import.meta.url));
  return { root: here.includes('/dist/') ? join(here, '../..') : join(here, '..'), version: '0.0.0-unknown' };
}

const found = findRoot();

/** derivcheck's own root folder (where its package.json is). */
export const PACKAGE_ROOT: string = found.root;
/** derivcheck's version, from its package.json. */
export const VERSION: string = found.version;
/** Where the build (`tsc -p tsconfig.build.json`, run by `npm ci`) puts the compiled package. */
export const DIST_ROOT: string = join(PACKAGE_ROOT, 'dist');

/** A compiled file of the package's own source folder: `compiled('derive', 'user-loader-hooks.js')`. */
export function compiled(...parts: string[]): string {
  return join(DIST_ROOT, 'src', ...parts);
}

/**
 * The compiled twin of one of the package's own TypeScript files, when it is
 * at least as new as the source: importing it shares the CLI's modules
 * instead of compiling a second copy of src/.
 */
export function compiledTwin(file: string): string | undefined {
  const rel = relative(PACKAGE_ROOT, file);
  if (rel.startsWith('..') || rel.startsWith('dist')) return undefined;
  const twin = join(DIST_ROOT, rel.replace(/\.m?ts$/, (ext) => (ext === '.mts' ? '.mjs' : '.js')));
  return existsSync(twin) && statSync(twin).mtimeMs >= statSync(file).mtimeMs ? twin : undefined;
}
