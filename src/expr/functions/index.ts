// The function table: every named elementary function, found as the files of
// this folder (one `export default` ElementaryFunction each; files starting
// with `_` and this index are not functions). Adding a function is adding a
// file here: the parser, the kind rules, the evaluators, the normal form, the
// printers and the three Monte Carlo kernels all read this table.
// tests/expr/functions/table.test.ts walks it and fails on a missing facet.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ElementaryFunction } from './_function.js';

export type { ElementaryFunction } from './_function.js';

const here = new URL('.', import.meta.url);
const files = readdirSync(fileURLToPath(here))
  .filter((f) => /^[a-z][a-z0-9]*\.(ts|js)$/.test(f) && f !== 'index.ts' && f !== 'index.js' && !f.endsWith('.d.ts'))
  .sort();

const loaded = await Promise.all(files.map((f) => import(new URL(f, here).href) as Promise<{ default?: ElementaryFunction }>));

const table = new Map<string, ElementaryFunction>();
loaded.forEach((m, i) => {
  const f = m.default;
  if (!f || typeof f.name !== 'string') throw new Error(`internal: ${files[i]} in src/expr/functions exports no function`);
  const stem = files[i].replace(/\.(ts|js)$/, '');
  if (f.name !== stem) throw new Error(`internal: ${files[i]} defines '${f.name}' (the file must be named after its function)`);
  table.set(f.name, f);
});

/** Every named elementary function, by name (in name order). */
export const FUNCTIONS: ReadonlyMap<string, ElementaryFunction> = table;

/** The function called `name`, or undefined (vector reductions and distribution heads are not in the table). */
export const fnOf = (name: string): ElementaryFunction | undefined => table.get(name);

/** The function called `name`; throws when there is none (an internal error: the kind rules admit only table names). */
export function fnNamed(name: string): ElementaryFunction {
  const f = table.get(name);
  if (!f) throw new Error(`internal: no elementary function '${name}'`);
  return f;
}
