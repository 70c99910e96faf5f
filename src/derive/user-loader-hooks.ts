// Module hooks (node:module register) for the user's derivation files, run in
// Node's loader thread. They make a user's file load as it reads, wherever it
// is:
//   - .ts/.mts files (outside node_modules) are ES modules, compiled by the
//     TypeScript compiler with an inline source map, whatever the folder's
//     package.json says ("type": "module" or not); a .js file with import or
//     export syntax in a CommonJS folder is loaded as an ES module too;
//   - `import '../check/helper.js'` finds helper.ts, as TypeScript itself resolves it;
//   - `derivcheck` and `derivcheck/vitest` resolve to the running package
//     when the user's folder has no copy of its own.
// A syntax error is reported with its file:line:col.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

interface Data {
  /** derivcheck's own entry points: specifier → file URL. */
  readonly self: Record<string, string>;
}

let self: Record<string, string> = {};

export function initialize(data: Data): void {
  self = data.self;
}

type Next = (specifier: string, context?: unknown) => Promise<{ url: string; format?: string | null; source?: unknown; shortCircuit?: boolean }>;

const notFound = (e: unknown) => {
  const code = (e as { code?: string })?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED';
};

const isUserTs = (url: string) => url.startsWith('file:') && /\.m?ts$/.test(url) && !url.includes('/node_modules/') && !url.endsWith('.d.ts');

export async function resolve(specifier: string, context: { parentURL?: string }, next: Next) {
  try {
    return await next(specifier, context);
  } catch (e) {
    if (!notFound(e)) throw e;
    if (specifier in self) return { url: self[specifier], shortCircuit: true };
    // TypeScript's convention: './x.js' in the source means './x.ts' on disk.
    if (context.parentURL && /^\.{1,2}\//.test(specifier)) {
      for (const alt of [specifier.replace(/\.js$/, '.ts'), specifier.replace(/\.mjs$/, '.mts'), `${specifier}.ts`]) {
        if (alt === specifier) continue;
        try {
          return await next(alt, context);
        } catch (e2) {
          if (!notFound(e2)) throw e2;
        }
      }
    }
    throw e;
  }
}

// The loader thread is an ES module: TypeScript (CommonJS) comes through createRequire, loaded on first use.
const require_ = createRequire(import.meta.url);
let ts: typeof import('typescript') | undefined;

/** TypeScript to an ES module, or a SyntaxError naming file:line:col. */
function compile(url: string): string {
  const file = fileURLToPath(url);
  const source = readFileSync(file, 'utf8');
  ts ??= (require_('typescript') as typeof import('typescript'));
  const out = ts.transpileModule(source, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      inlineSourceMap: true,
      inlineSources: true,
      verbatimModuleSyntax: false,
      isolatedModules: true,
    },
  });
  const d = out.diagnostics?.find((x) => x.category === ts!.DiagnosticCategory.Error);
  if (d && d.file && d.start !== undefined) {
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    const err = new SyntaxError(`${file}:${line + 1}:${character + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    throw err;
  }
  return out.outputText;
}


export async function load(url: string, context: { format?: string | null }, next: Next) {
  if (isUserTs(url)) return { format: 'module', source: compile(url), shortCircuit: true };
  // A .js file written with import/export, in a folder that package.json calls
  // CommonJS (or says nothing): an ES module, without Node's reparsing warning.
  if (url.startsWith('file:') && !url.includes('/node_modules/') && url.endsWith('.js')) {
    const source = readFileSync(fileURLToPath(url), 'utf8');
    if (/^\s*(import\s*[\w{*'"]|export\s)/m.test(source) && !/\brequire\s*\(|module\.exports|\bexports\.\w+\s*=/.test(source)) {
      return { format: 'module', source, shortCircuit: true };
    }
  }
  return next(url, context);
}
