// Finds and loads derivation files. A file may export one derivation as its
// default export or several as named exports. TypeScript files load through
// derivcheck's own loader hooks (user-loader-hooks.ts), so users run their own
// derivations without a build step, in any folder.
//
// A derivation file is the user's code running inside the checker, so
// loading it is guarded: every way it can fail is bad input naming the file
// (a DerivationFileError, exit 2), never a crash and never a silent exit 0:
//   - it throws, anything (an Error, a string, undefined);
//   - it calls process.exit while loading: process.exit is replaced while
//     the file's module evaluates, by a function that throws instead. This
//     stops the exit where it happens (nothing after it runs) and lets us
//     name the file; the CLI's 'exit' guard (cli/main.ts) covers what this
//     cannot (an exit from a timer after loading, process.reallyExit): a run
//     that ends before it reported exits 2, never 0;
//   - it never finishes loading (a top-level await that never settles):
//     a timeout, 30 s by default;
//   - it exports something with `type: 'derivation'` that derivation() did
//     not make (a hand-built object would crash the checker);
//   - a folder holds a symbolic-link loop.
import { compiled, compiledTwin, DIST_ROOT, PACKAGE_ROOT } from '../package.js';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire, register } from 'node:module';
import { BadInput } from '../errors.js';
import { isDerivation, type Derivation } from './derivation.js';
import { isGeneralChain, malformedGeneralChain } from './general.js';
import { isFamilyName } from '../expr/families/registry.js';
import { isFunctionName } from '../expr/kinds.js';

const EXTENSIONS = new Set(['.ts', '.mts', '.js', '.mjs']);

/** A derivation file (or a path on the way to one) that cannot be used. */
export class DerivationFileError extends BadInput {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${shown(file)}: ${message}`);
    this.name = 'DerivationFileError';
  }
}

const shown = (file: string): string => {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
};

function fsProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ELOOP') return 'a symbolic link loop';
  if (code === 'ENOENT') return 'no such file (a broken symbolic link?)';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENAMETOOLONG') return 'the path is too long (a symbolic link loop?)';
  return `cannot read it (${code ?? (e instanceof Error ? e.message : String(e))})`;
}

/** Derivation files under the given paths (files as given, folders recursively), sorted. */
export function findDerivationFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (p: string, ancestors: ReadonlySet<string>) => {
    let st;
    let real;
    try {
      st = statSync(p);
      real = realpathSync(p);
    } catch (e) {
      throw new DerivationFileError(resolve(p), fsProblem(e));
    }
    if (st.isDirectory()) {
      // A link back to a folder we are inside would make the walk endless.
      if (ancestors.has(real)) throw new DerivationFileError(resolve(p), `a symbolic link loop (it leads back to ${shown(real)})`);
      const inside = new Set(ancestors).add(real);
      let names;
      try {
        names = readdirSync(p).sort();
      } catch (e) {
        throw new DerivationFileError(resolve(p), fsProblem(e));
      }
      for (const name of names) {
        if (name.startsWith('.') || name === 'node_modules') continue;
        walk(join(p, name), inside);
      }
    } else if (EXTENSIONS.has(extname(p)) && !p.endsWith('.d.ts')) {
      out.push(resolve(p));
    }
  };
  for (const p of paths) walk(p, new Set());
  return out;
}

// The package's layout (its root, dist/, the compiled twins) is package.ts's.
const here = dirname(fileURLToPath(import.meta.url));
const packageRoot = PACKAGE_ROOT;
const distRoot = DIST_ROOT;

export { PACKAGE_ROOT };

/** Does this file need a type check before it loads (a user's TypeScript, not one the package's build compiled)? */
export function needsTypecheck(file: string): boolean {
  return /\.m?ts$/.test(file) && !file.endsWith('.d.ts') && compiledTwin(resolve(file)) === undefined;
}

let hooksRegistered = false;

/**
 * The loader hooks for users' files (user-loader-hooks.ts), registered once:
 * TypeScript and import/export syntax load as ES modules wherever the file
 * is, and `derivcheck` resolves to this package when the user has no copy.
 */
function registerUserHooks(): void {
  if (hooksRegistered) return;
  hooksRegistered = true;
  // Stack traces of the user's code (load errors, a step's file:line) in its own lines and columns.
  process.setSourceMapsEnabled(true);
  const hooks = pathToFileURL(join(here.startsWith(join(distRoot, 'src')) ? here : compiled('derive'), 'user-loader-hooks.js')).href;
  const self = {
    derivcheck: pathToFileURL(compiled('index.js')).href,
    'derivcheck/vitest': pathToFileURL(compiled('vitest.js')).href,
  };
  register(hooks, { parentURL: import.meta.url, data: { self } });
}

async function importFile(file: string): Promise<Record<string, unknown>> {
  if (file.endsWith('.ts') || file.endsWith('.mts')) {
    const twin = compiledTwin(file);
    if (twin) return (await import(pathToFileURL(twin).href)) as Record<string, unknown>;
  }
  registerUserHooks();
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}

/** Thrown in place of exiting, while a file loads. */
class ExitWhileLoading extends Error {
  constructor(readonly code: unknown) {
    super(`process.exit(${code === undefined ? '' : String(code)})`);
    this.name = 'ExitWhileLoading';
  }
}

/** How a thrown value reads in one line, whatever it is. */
function describeThrown(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message.split('\n')[0]}`;
  let s: string;
  try {
    s = typeof e === 'string' ? JSON.stringify(e) : String(e);
  } catch {
    s = Object.prototype.toString.call(e);
  }
  return `a non-Error value was thrown: ${s.length > 120 ? `${s.slice(0, 120)}…` : s}`;
}

/**
 * Where in the user's files a load error happened, from its stack: the first
 * frame in the file itself (or, failing that, in another file of the user's
 * outside node_modules and derivcheck), as ` (at file:line:col)`. A message
 * that already names a place (a syntax error from the compiler) needs none.
 */
export function whereThrown(e: unknown, file: string): string {
  if (!(e instanceof Error) || typeof e.stack !== 'string') return '';
  if (/:\d+:\d+/.test(e.message.split('\n')[0])) return '';
  // Paths start a line or follow a space or '(' ("at f (file:///a.ts:2:7)", "file:///a.js:3" over a syntax error).
  const frames = [...e.stack.matchAll(/(?:^|(?<=[\s(]))((?:file:\/\/)?\/[^\s():]+):(\d+)(?::(\d+))?/gm)].map((m) => {
    const path = m[1].startsWith('file://') ? fileURLToPath(m[1]) : m[1];
    return { path, at: `${shown(path)}:${m[2]}${m[3] ? `:${m[3]}` : ''}` };
  });
  const own = (p: string) => p.startsWith(packageRoot + sep) && !p.startsWith(join(packageRoot, 'derivations') + sep) && !p.startsWith(join(packageRoot, 'tests') + sep);
  const user = frames.filter((f) => !f.path.includes(`${sep}node_modules${sep}`) && !own(f.path));
  const inFile = user.find((f) => f.path === file);
  // Where it was thrown, and the line of the file being loaded that led there.
  if (user.length === 0) return e.name === 'SyntaxError' ? syntaxErrorAt(file) : '';
  if (!inFile || user[0] === inFile) return ` (at ${user[0].at})`;
  return ` (at ${user[0].at}, from ${inFile.at})`;
}

/** Node's syntax errors of ES modules carry no position: the TypeScript parser finds it. */
function syntaxErrorAt(file: string): string {
  try {
    const ts = createRequire(import.meta.url)('typescript') as typeof import('typescript');
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, file.endsWith('.js') || file.endsWith('.mjs') ? ts.ScriptKind.JS : ts.ScriptKind.TS);
    const d = (source as unknown as { parseDiagnostics?: { start?: number }[] }).parseDiagnostics?.[0];
    if (d?.start === undefined) return '';
    const { line, character } = source.getLineAndCharacterOfPosition(d.start);
    return ` (at ${shown(file)}:${line + 1}:${character + 1})`;
  } catch {
    return '';
  }
}

/** Default time a file may take to load (its top-level code, awaits included). */
export const DEFAULT_LOAD_TIMEOUT_MS = 30_000;

export interface LoadOptions {
  /** How long one file may take to load; default DEFAULT_LOAD_TIMEOUT_MS. */
  readonly timeoutMs?: number;
  /** Told which file is loading (the CLI names it if the process ends early). */
  readonly onFile?: (file: string | undefined) => void;
}

/** Imports one file under the guards above. */
async function guardedImport(file: string, timeoutMs: number): Promise<Record<string, unknown>> {
  const realExit = process.exit;
  let timer: NodeJS.Timeout | undefined;
  process.exit = ((code?: unknown) => {
    throw new ExitWhileLoading(code);
  }) as typeof process.exit;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DerivationFileError(file, `did not finish loading within ${timeoutMs / 1000} s (a top-level await that never settles?)`)), timeoutMs);
    });
    return await Promise.race([importFile(file), timeout]);
  } catch (e) {
    if (e instanceof DerivationFileError) throw e;
    if (e instanceof ExitWhileLoading) throw new DerivationFileError(file, `calls ${e.message} while loading: a derivation file must not end the process`);
    throw new DerivationFileError(file, `failed to load: ${describeThrown(e)}${whereThrown(e, file)}`);
  } finally {
    clearTimeout(timer);
    process.exit = realExit;
  }
}

/**
 * Why a value marked `type: 'derivation'` is not one derivation() made (so
 * the checker cannot read it), or undefined when it is well formed.
 */
export function malformedDerivation(x: Derivation): string | undefined {
  const d = x as unknown as Record<string, unknown>;
  for (const k of ['id', 'title', 'source'] as const) {
    if (typeof d[k] !== 'string') return `its ${k} is not a string`;
  }
  if (!(d.domain instanceof Map)) return 'it has no domain: make it with derivation({...})';
  if (!(d.definitions instanceof Map)) return 'it has no definitions: make it with derivation({...})';
  if (!Array.isArray(d.chains) || d.chains.length === 0) return 'its chains are not a non-empty array';
  for (const [i, c] of (d.chains as unknown[]).entries()) {
    const steps = (c as { steps?: unknown })?.steps;
    if (!Array.isArray(steps)) return `chain ${i + 1} is not a chain: start it with calc(...)`;
    // A chain in general (general.ts) holds expressions of the calculus, checked there.
    if (isGeneralChain(c)) {
      const bad = malformedGeneralChain(c);
      if (bad) return `chain ${i + 1} (in general): ${bad}`;
      continue;
    }
    for (const [j, s] of steps.entries()) {
      const step = s as Record<string, unknown>;
      const where = `chain ${i + 1}, step ${j + 1}`;
      if (!step || typeof step !== 'object') return `${where} is not a step`;
      if (step.rel !== '=' && step.rel !== '<=' && step.rel !== '>=') return `${where} has no relation =, <= or >=`;
      const side = malformedNode(step.lhs) ?? malformedNode(step.rhs);
      if (side) return `${where}: ${side}`;
      const j_ = step.justification as Record<string, unknown> | undefined;
      if (!j_ || typeof j_.id !== 'string' || typeof j_.label !== 'string') return `${where} has no justification (by.…)`;
    }
  }
  return undefined;
}

const KINDS = new Set(['scalar', 'vector', 'dist', 'bool']);
const ARITY: Record<string, [number, number]> = { add: [1, Infinity], mul: [1, Infinity], neg: [1, 1], div: [2, 2], pow: [2, 2], call: [1, 2], dist: [2, 3], E: [1, 1] };

/**
 * Why x is not an expression the builders could have made, or undefined.
 * Walks the whole tree without recursion (a hand-made tree may be deep) and
 * refuses cycles (a hand-made "tree" may contain itself); shared subtrees,
 * which the builders do make, are fine.
 */
export function malformedNode(root: unknown): string | undefined {
  const done = new Set<object>();
  const onPath = new Set<object>();
  const stack: { node: unknown; exit: boolean }[] = [{ node: root, exit: false }];
  while (stack.length) {
    const { node, exit } = stack.pop()!;
    if (exit) {
      onPath.delete(node as object);
      done.add(node as object);
      continue;
    }
    if (typeof node !== 'object' || node === null) return `${String(node)} is not an expression: build it with sym, num, add, …`;
    if (done.has(node)) continue;
    if (onPath.has(node)) return 'an expression contains itself';
    const n = node as Record<string, unknown>;
    if (typeof n.op !== 'string' || typeof n.kind !== 'string' || !KINDS.has(n.kind)) return 'an object without op and kind is not an expression: build it with sym, num, add, …';
    const children: unknown[] = [];
    switch (n.op) {
      case 'num':
        if (typeof n.n !== 'bigint' || typeof n.d !== 'bigint' || n.d <= 0n) return 'a number node needs bigint n and d > 0: use num(…)';
        break;
      case 'const':
        if (n.name !== 'pi' && n.name !== 'e') return `unknown constant ${String(n.name)}`;
        break;
      case 'sym':
        if (typeof n.name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(n.name)) return 'a symbol needs a name: use sym(…)';
        break;
      default: {
        const range = ARITY[n.op];
        if (!range) return `unknown operation '${n.op.slice(0, 40)}'`;
        if (!Array.isArray(n.args) || n.args.length < range[0] || n.args.length > range[1]) return `'${n.op}' has the wrong number of arguments`;
        if (n.op === 'call' && (typeof n.fn !== 'string' || !isFunctionName(n.fn))) return `unknown function ${String(n.fn).slice(0, 40)}`;
        if (n.op === 'dist' && !isFamilyName(String(n.family))) return `unknown distribution ${String(n.family).slice(0, 40)}`;
        if (n.op === 'E') {
          if (!Array.isArray(n.over)) return 'an expectation needs its bindings';
          for (const b of n.over as unknown[]) {
            const bb = b as { name?: unknown; dist?: { op?: unknown } } | null;
            if (!bb || typeof bb.name !== 'string' || bb.dist?.op !== 'dist') return 'an expectation binding needs a name and a distribution';
            children.push(bb.dist);
          }
        }
        children.push(...(n.args as unknown[]));
      }
    }
    onPath.add(node);
    stack.push({ node, exit: true });
    for (const c of children) stack.push({ node: c, exit: false });
  }
  return undefined;
}

export interface LoadedDerivation {
  readonly file: string;
  readonly derivation: Derivation;
}

/** Loads every derivation the files export; ids must be unique. */
export async function loadDerivations(files: readonly string[], opts: LoadOptions = {}): Promise<LoadedDerivation[]> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS;
  const out: LoadedDerivation[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    opts.onFile?.(file);
    const mod = await guardedImport(file, timeoutMs);
    const values = new Set<Derivation>();
    for (const [name, value] of Object.entries(mod)) {
      if (!isDerivation(value)) continue;
      const problem = malformedDerivation(value);
      if (problem) throw new DerivationFileError(file, `export '${name}' looks like a derivation but is not one: ${problem}`);
      values.add(value);
    }
    for (const d of values) {
      const other = seen.get(d.id);
      if (other) throw new DerivationFileError(file, `derivation id '${d.id}' is used twice: ${shown(other)} and ${shown(file)}`);
      seen.set(d.id, file);
      out.push({ file, derivation: d });
    }
  }
  opts.onFile?.(undefined);
  return out;
}
