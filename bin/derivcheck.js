#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm ci` through the prepare script),
// so no TypeScript is compiled at start-up.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('derivcheck: not built yet: run `npm ci` (or `npm run build`) in the derivcheck folder\n');
  process.exit(2);
}
const { run } = await import(entry.href);
await run(process.argv.slice(2));
