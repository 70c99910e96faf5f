// derivcheck sheet [PATH…] [--out DIR] [--format html,md,json,tex] [--seed N] [--backend …]
// and the main job (`derivcheck` with no arguments, `npm start`): checks the
// suite with the checker of `derivcheck check`, writes the formula sheets
// atomically, and ends by saying where they are and how many formulas are
// proved / verified / refuted as expected. Exit codes as `check`: the sheets
// are written whatever the verdicts (a sheet shows what does not hold, too),
// and the exit code says whether everything held.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { DerivationFileError } from '../derive/load.js';
import { backendOption, intOption, readArgs } from './args.js';
import { suiteExitCode } from './check.js';
import { paint } from './colour.js';
import { EXIT, setEarlyExitCause } from './main.js';
import { didYouMean } from './suggest.js';
import { excerpt, UsageError } from './usage-error.js';

const OPTIONS = {
  out: { type: 'string' },
  format: { type: 'string' },
  seed: { type: 'string' },
  samples: { type: 'string' },
  backend: { type: 'string' },
  'no-typecheck': { type: 'boolean' },
} as const;

export const DEFAULT_SHEET_DIR = 'docs/sheet';

export async function sheetCommand(argv: string[]): Promise<number> {
  const t0 = performance.now();
  const { values, positionals } = readArgs('sheet', argv, OPTIONS);
  const seed = intOption('sheet', 'seed', values.seed, 1);
  const samples = intOption('sheet', 'samples', values.samples, 0);
  const backend = backendOption('sheet', values.backend);
  const { SHEET_FORMATS, writeSheet, checkSuite, loadSuite, verdictCounts } = await import('../sheet/index.js');
  const formats = formatsOption(values.format, SHEET_FORMATS);
  const out = values.out ?? DEFAULT_SHEET_DIR;
  const paths = positionals.length ? positionals : ['derivations'];
  for (const p of paths) {
    if (!existsSync(p)) throw new UsageError(`sheet: no such file or folder: ${excerpt(p)}${positionals.length ? '' : ' (run derivcheck in a folder with derivations/, or name the files: derivcheck sheet PATH…)'}`);
  }
  const { sheetProgress } = await import('./sheet-progress.js');
  const events = sheetProgress(process.stdout, t0);
  let loaded;
  try {
    loaded = await loadSuite(paths, { typecheck: !values['no-typecheck'], events: { onFile: (f) => { events.onFile?.(f); setEarlyExitCause(f && `while loading ${relative(process.cwd(), f)} (does it call process.exit?)`); } } });
  } catch (e) {
    if (e instanceof DerivationFileError || (e as Error)?.name === 'TypeCheckError') throw new UsageError(`sheet: ${(e as Error).message}`);
    throw e;
  }
  if (loaded.length === 0) throw new UsageError(`sheet: no derivations found in ${paths.map((p) => excerpt(p)).join(', ')}`);
  setEarlyExitCause('while checking the suite for the sheet');
  const suite = await checkSuite(loaded, { seed, samples: samples || undefined, backend, events });
  setEarlyExitCause('while writing the sheets');
  const written = await writeSheet(suite.data, out, formats);
  setEarlyExitCause(undefined);
  const counts = verdictCounts(suite.data.formulas);
  const failing = suite.data.formulas.length - counts.proved - counts.verified - counts['refuted-as-expected'];
  const code = suiteExitCode(suite.results);
  const p = paint(process.stdout);
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  process.stdout.write(
    `\n${suite.data.formulas.length} formulas from ${suite.results.length} derivation${suite.results.length === 1 ? '' : 's'}: ` +
      `${p.green(`${counts.proved} proved`)}, ${p.green(`${counts.verified} verified`)}, ${counts['refuted-as-expected']} refuted as expected` +
      `${failing ? `, ${p.red(`${failing} DO NOT HOLD as written (see the sheet)`)}` : ''}` +
      ` (backend ${suite.data.backend}, seed ${seed}, ${seconds} s)\n` +
      `sheets: ${written.map((f) => relative(process.cwd(), f) || f).join(', ')}\n`,
  );
  return code === EXIT.holds ? EXIT.holds : code;
}

/** --format html,md,json,tex (any non-empty subset, in any order). */
function formatsOption<F extends string>(value: string | undefined, all: readonly F[]): F[] {
  if (value === undefined) return [...all];
  const asked = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (asked.length === 0) throw new UsageError(`sheet: --format needs one or more of ${all.join(', ')}`);
  for (const f of asked) {
    if (!all.includes(f as F)) throw new UsageError(`sheet: --format: unknown format '${excerpt(f)}'${didYouMean(f, [...all])} (formats: ${all.join(', ')})`);
  }
  return [...new Set(asked)] as F[];
}
