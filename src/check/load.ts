// Finds and loads derivation files. A file may export one derivation as its
// default export or several as named exports. TypeScript files load through
// tsx's loader, so users run their own derivations without a build step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDerivation, type Derivation } from './derivation.js';

const EXTENSIONS = new Set(['.ts', '.mts', '.js', '.mjs']);

/** Derivation files under the given paths (files as given, folders recursively), sorted. */
export function findDerivationFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (name.startsWith('.') || name === 'node_modules') continue;
        walk(join(p, name));
      }
    } else if (EXTENSIONS.has(extname(p)) && !p.endsWith('.d.ts')) {
      out.push(resolve(p));
    }
  };
  for (const p of paths) walk(p);
  return out;
}

// This module runs from dist/src/check/ (the CLI) or src/check/ (tests).
const here = dirname(fileURLToPath(import.meta.url));
const packageRoot = here.includes(`${sep}dist${sep}`) ? resolve(here, '../../..') : resolve(here, '../..');
const distRoot = join(packageRoot, 'dist');

/**
 * The compiled twin of one of the package's own TypeScript files (built by
 * `npm ci`), when it is at least as new as the source: importing it shares
 * the CLI's modules instead of compiling a second copy of src/.
 */
function compiledTwin(file: string): string | undefined {
  const rel = relative(packageRoot, file);
  if (rel.startsWith('..') || rel.startsWith('dist')) return undefined;
  const twin = join(distRoot, rel.replace(/\.m?ts$/, (ext) => (ext === '.mts' ? '.mjs' : '.js')));
  return existsSync(twin) && statSync(twin).mtimeMs >= statSync(file).mtimeMs ? twin : undefined;
}

let tsxRegistered = false;

async function importFile(file: string): Promise<Record<string, unknown>> {
  if (file.endsWith('.ts') || file.endsWith('.mts')) {
    const twin = compiledTwin(file);
    if (twin) return (await import(pathToFileURL(twin).href)) as Record<string, unknown>;
    // Users' own derivations: tsx's loader, registered once, so every file
    // shares one module graph.
    if (!tsxRegistered) {
      const { register } = await import('tsx/esm/api');
      register();
      tsxRegistered = true;
    }
  }
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}

export interface LoadedDerivation {
  readonly file: string;
  readonly derivation: Derivation;
}

/** Loads every derivation the files export; ids must be unique. */
export async function loadDerivations(files: readonly string[]): Promise<LoadedDerivation[]> {
  const out: LoadedDerivation[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const mod = await importFile(file);
    const values = new Set(Object.values(mod).filter(isDerivation));
    for (const d of values) {
      const other = seen.get(d.id);
      if (other) throw new Error(`derivation id '${d.id}' is used twice: ${other} and ${file}`);
      seen.set(d.id, file);
      out.push({ file, derivation: d });
    }
  }
  return out;
}
