// Type-checks the user's derivation files before they load, with the
// TypeScript compiler API, so that `calc(x).eq(normal(0, 1))` is a type error
// at its file:line:col (bad input, exit 2) instead of a crash while loading.
// The result is cached by content: a second `check` of unchanged files costs
// nothing. The package's own derivations are checked by its build instead.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { BadInput } from '../errors.js';

export class TypeCheckError extends BadInput {
  constructor(message: string) {
    super(message);
    this.name = 'TypeCheckError';
  }
}

const shown = (file: string) => {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
};

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** Where the results are kept: one file per set of checked contents. */
function cacheDir(): string {
  let user = 'user';
  try {
    user = String(userInfo().uid);
  } catch {
    /* no uid on this platform */
  }
  return process.env.DERIVCHECK_CACHE_DIR ?? join(tmpdir(), `derivcheck-${user}`, 'typecheck');
}

/** Has `derivcheck` a copy of its own in node_modules above `dir`? */
function hasOwnCopy(dir: string): boolean {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'node_modules', 'derivcheck', 'package.json'))) return true;
    if (dirname(d) === d) return false;
  }
}

export interface TypeCheckOptions {
  /** derivcheck's root (package.json's folder) and its compiled types (dist/src). */
  readonly packageRoot: string;
  readonly version: string;
}

/**
 * Type-checks `files` (TypeScript ones; others are skipped) and what they
 * import; throws a TypeCheckError naming the first error's file:line:col.
 */
export function typecheckFiles(files: readonly string[], opts: TypeCheckOptions): void {
  const roots = files.filter((f) => /\.m?ts$/.test(f) && !f.endsWith('.d.ts')).map((f) => resolve(f));
  if (roots.length === 0) return;
  const key = sha(JSON.stringify([opts.version, roots, roots.map((f) => sha(readFileSync(f, 'utf8')))]));
  const entry = join(cacheDir(), `${key}.json`);
  if (existsSync(entry)) {
    try {
      const deps = JSON.parse(readFileSync(entry, 'utf8')) as Record<string, string>;
      if (Object.entries(deps).every(([f, h]) => existsSync(f) && sha(readFileSync(f, 'utf8')) === h)) return;
    } catch {
      /* a damaged entry: check again */
    }
  }
  const ts = createRequire(import.meta.url)('typescript') as typeof import('typescript');
  const dist = join(opts.packageRoot, 'dist', 'src');
  const paths: Record<string, string[]> = {};
  if (!roots.every((f) => hasOwnCopy(dirname(f)))) {
    paths.derivcheck = [join(dist, 'index.d.ts')];
    paths['derivcheck/vitest'] = [join(dist, 'vitest.d.ts')];
  }
  const typeRoot = join(opts.packageRoot, 'node_modules', '@types');
  const hasNodeTypes = existsSync(join(typeRoot, 'node', 'package.json'));
  const options: import('typescript').CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    skipLibCheck: true,
    esModuleInterop: true,
    // console and timers: Node's types where derivcheck has them, the DOM's otherwise.
    lib: hasNodeTypes ? ['lib.es2022.d.ts'] : ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: hasNodeTypes ? ['node'] : [],
    ...(hasNodeTypes ? { typeRoots: [typeRoot] } : {}),
    paths,
  };
  const program = ts.createProgram(roots, options);
  const mine = (f: string) => !f.includes(`${sep}node_modules${sep}`) && !f.startsWith(dist + sep) && !f.endsWith('.d.ts');
  const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error && (!d.file || mine(d.file.fileName)));
  if (diagnostics.length) {
    const d = diagnostics[0];
    const text = ts.flattenDiagnosticMessageText(d.messageText, ' ').replace(/\s+/g, ' ').replace(/\.$/, '');
    let where = '';
    if (d.file && d.start !== undefined) {
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      where = `${shown(d.file.fileName)}:${line + 1}:${character + 1}: `;
    }
    const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : '';
    throw new TypeCheckError(`${where}type error TS${d.code}: ${text.length > 300 ? `${text.slice(0, 300)}…` : text}${more}; --no-typecheck skips the check`);
  }
  const deps: Record<string, string> = {};
  for (const sf of program.getSourceFiles()) if (mine(sf.fileName)) deps[sf.fileName] = sha(sf.text);
  try {
    mkdirSync(dirname(entry), { recursive: true });
    writeFileSync(entry, JSON.stringify(deps));
  } catch {
    /* no cache where it cannot be written: the check still ran */
  }
}
