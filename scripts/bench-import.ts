// npm run bench:import — what a user waits for before derivcheck does
// anything: importing the library, and the CLI's quickest paths. Each number
// is the median over fresh processes (module caches cold in each), from the
// compiled dist/ (npm run build first).
//
// For reference it also times importing mathjs whole, which the library did
// until its derivative was done on its own trees (2.2–2.6 s here, before;
// issue 13): the library must stay well below it.
//
//   npm run bench:import [-- --runs 7]
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 7;
const root = resolve('.');
const probe = join(mkdtempSync(join(tmpdir(), 'derivcheck-bench-')), 'import.mjs');
writeFileSync(probe, 'const t = performance.now(); await import(process.argv[2]); process.stdout.write(String(performance.now() - t));\n');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function importMs(specifier: string): number {
  return median(
    Array.from({ length: RUNS }, () => {
      const r = spawnSync(process.execPath, [probe, specifier], { encoding: 'utf8', cwd: root });
      if (r.status !== 0) throw new Error(`importing ${specifier} failed: ${r.stderr}`);
      return Number(r.stdout);
    }),
  );
}

function cliMs(cliArgs: string[]): number {
  return median(
    Array.from({ length: RUNS }, () => {
      const t = performance.now();
      spawnSync(process.execPath, [join(root, 'bin', 'derivcheck.js'), ...cliArgs], { encoding: 'utf8' });
      return performance.now() - t;
    }),
  );
}

const rows: [string, number][] = [
  ["import('derivcheck') (dist/src/index.js)", importMs(pathToFileURL(join(root, 'dist', 'src', 'index.js')).href)],
  ["import('mathjs') whole, for reference", importMs(pathToFileURL(createRequire(join(root, 'package.json')).resolve('mathjs')).href)],
  ['derivcheck --version (whole process)', cliMs(['--version'])],
  ['derivcheck claim "sqrt(a)^2 = a" --param "a > 0" (whole process)', cliMs(['claim', 'sqrt(a)^2 = a', '--param', 'a > 0'])],
];
const width = Math.max(...rows.map(([k]) => k.length));
console.log(`median of ${RUNS} fresh processes, node ${process.version}`);
for (const [k, ms] of rows) console.log(`${k.padEnd(width)}  ${ms.toFixed(0).padStart(6)} ms`);
