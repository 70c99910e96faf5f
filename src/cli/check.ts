// derivcheck check [PATH…] [--json] [--lenient] [--seed N] [--samples N] [--backend auto|webgpu|cpu] [--load-timeout SECONDS]
// Checks every derivation under PATHs (default derivations/), step by step.
// Exit: 0 every step holds; 1 a step is refuted (and not expected to be), an
// expected refutation holds, or a step is unjustified (it holds, but its rule
// does not witness it; --lenient lets those pass); 3 nothing refuted but some
// step undecided; 2 a derivation file cannot be loaded (named); 4 the checker
// failed (a bug). Every verdict carries its scope: general (the calculus) or
// the testbed it was decided on; the summary counts both.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { checkDerivation, type DerivationResult, type StepVerdict } from '../derive/checker.js';
import { DEFAULT_LOAD_TIMEOUT_MS, DerivationFileError, findDerivationFiles, loadDerivations, needsTypecheck, PACKAGE_ROOT } from '../derive/load.js';
import { isBadInput } from '../errors.js';
import type { VerdictName } from '../verdict.js';
import type { Derivation } from '../derive/derivation.js';
import { backendOption, intOption, readArgs } from './args.js';
import { createProgress } from './progress.js';
import { formatTable } from './table.js';
import { excerpt, UsageError } from './usage-error.js';
import { jsonDocument, VERSION } from './version.js';
import { shellQuote } from '../derive/explain.js';
import { didYouMean } from './suggest.js';
import { EXIT, oneLine, setEarlyExitCause } from './main.js';

const OPTIONS = {
  json: { type: 'boolean' },
  lenient: { type: 'boolean' },
  seed: { type: 'string' },
  samples: { type: 'string' },
  backend: { type: 'string' },
  'load-timeout': { type: 'string' },
  'test-name-pattern': { type: 'string', short: 't' },
  bail: { type: 'boolean' },
  'no-typecheck': { type: 'boolean' },
  format: { type: 'string' },
  watch: { type: 'boolean' },
  jobs: { type: 'string', short: 'j' },
} as const;

/** The exit code of a suite: refuted beats undecided beats holds; a bug of the checker beats all. */
export function suiteExitCode(results: readonly DerivationResult[], lenient = false): number {
  if (results.some((r) => r.steps.some((s) => s.internalError))) return EXIT.internal;
  if (results.some((r) => r.verdict === 'refuted')) return EXIT.refuted;
  // A step that holds but not by the rule it cites fails like a refutation, unless --lenient.
  const failing = results.flatMap((r) => r.steps.filter((s) => !s.ok));
  if (!lenient && failing.some((s) => s.verdict === 'unjustified')) return EXIT.refuted;
  // Undecided steps, or a derivation whose two witnesses disagree, stay undecided even with --lenient.
  if (failing.some((s) => s.verdict !== 'unjustified') || results.some((r) => r.verdict === 'unknown')) return EXIT.unknown;
  return EXIT.holds;
}

export async function checkCommand(argv: string[]): Promise<number> {
  const { values, positionals } = readArgs('check', argv, OPTIONS);
  const seed = intOption('check', 'seed', values.seed, 1);
  const samples = intOption('check', 'samples', values.samples, 0);
  const backend = backendOption('check', values.backend);
  const loadTimeout = intOption('check', 'load-timeout', values['load-timeout'], DEFAULT_LOAD_TIMEOUT_MS / 1000, 1);
  const format = formatOption(values.format, values.json);
  const paths = positionals.length ? positionals : ['derivations'];
  for (const p of paths) if (!existsSync(p)) throw new UsageError(`check: no such file or folder: ${excerpt(p)}`);
  if (values.watch) {
    // Every run in a fresh process, with the same options (less --watch).
    const options = Object.entries(values).flatMap(([k, v]) => (k === 'watch' || v === undefined || v === false ? [] : v === true ? [`--${k}`] : [`--${k}`, String(v)]));
    const { watchCheck } = await import('./watch.js');
    return watchCheck(paths, () => findDerivationFiles(paths), options);
  }
  let loaded;
  try {
    const files = findDerivationFiles(paths);
    if (!values['no-typecheck']) {
      const users = files.filter(needsTypecheck);
      if (users.length) {
        const { typecheckFiles } = await import('../derive/typecheck.js');
        typecheckFiles(users, { packageRoot: PACKAGE_ROOT, version: VERSION });
      }
    }
    loaded = await loadDerivations(files, {
      timeoutMs: loadTimeout * 1000,
      onFile: (f) => setEarlyExitCause(f && `while loading ${relative(process.cwd(), f)} (does it call process.exit?)`),
    });
  } catch (e) {
    // A file that does not load or type-check (DerivationFileError, TypeCheckError: both BadInput) is the user's to fix.
    if (isBadInput(e)) throw new UsageError(`check: ${(e as Error).message}`);
    throw e;
  }
  setEarlyExitCause('after the derivation files loaded (did a timer or callback in one of them call process.exit?)');
  if (loaded.length === 0) throw new UsageError(`check: no derivations found in ${paths.map((p) => excerpt(p)).join(', ')}`);
  loaded = selectDerivations(loaded, values['test-name-pattern']);

  const t0 = performance.now();
  const progress = format !== 'text' ? undefined : createProgress(process.stdout, { replay: (d) => replayCommand(d, loaded.find((l) => l.derivation === d)?.file, seed) });
  const results: DerivationResult[] = [];
  const { shutdownGpu, withRunLimits } = await import('../mc/index.js');
  const { resolveBackend } = await import('../mc/index.js');
  // `auto` with runs too small to pay for starting the GPU is the cpu (mc/backend-choice.ts).
  const { backendForRun } = await import('../mc/backend-choice.js');
  const { DEFAULT_SAMPLES } = await import('../expect/decide-expectation.js');
  const used = await resolveBackend(backendForRun(backend, samples || DEFAULT_SAMPLES));
  const opts = { seed, samples: samples || undefined, backend: used.backend };
  const parallel = await import('../derive/parallel.js');
  const jobs = intOption('check', 'jobs', values.jobs, parallel.defaultJobs(), 1);
  /** Worker threads that decided steps (1: this thread alone). */
  let threads = 1;
  try {
    // Worker threads where they pay: several cores, a cpu run (one GPU is not shared by threads), and
    // enough Monte Carlo steps to repay starting them (derive/parallel.ts); the results are the same.
    if (jobs > 1 && used.backend === 'cpu' && parallel.parallelAvailable() && parallel.totalCost(loaded) >= parallel.PARALLEL_MIN_COST) {
      threads = jobs;
      try {
        await parallel.checkParallel(loaded, opts, {
          jobs,
          loadTimeoutMs: loadTimeout * 1000,
          bail: values.bail,
          onResult: (k, r) => {
            if (progress) replayProgress(progress, loaded[k].derivation, r);
            results.push(r);
          },
        });
      } catch (e) {
        // A worker that cannot start (or stops) is no verdict: what is left is checked here.
        if (!(e instanceof parallel.ParallelUnavailable)) throw e;
        threads = 1;
      }
    }
    for (const { derivation, file } of loaded.slice(results.length)) {
      if (values.bail && results.some((r) => !r.ok)) break;
      setEarlyExitCause(`while checking ${derivation.id} from ${relative(process.cwd(), file)} (does it call process.exit?)`);
      progress?.start(derivation);
      const decide = () => checkDerivation(derivation, opts, progress ?? {});
      // On a terminal, every Monte Carlo chunk of the step being decided reports to the step line.
      const r = progress ? await withRunLimits({ onProgress: (p) => progress.onSamples(p) }, decide) : await decide();
      progress?.finish(r);
      results.push(r);
      if (values.bail && !r.ok) break;
    }
  } finally {
    await shutdownGpu();
  }
  const ms = performance.now() - t0;
  const summary: Record<StepVerdict, number> = { proved: 0, verified: 0, refuted: 0, unjustified: 0, unknown: 0 };
  for (const r of results) for (const s of r.steps) summary[s.verdict]++;
  // The same counts split by scope (issue 10 item 6): decided in general, or on a testbed.
  const byScope = { general: { ...ZERO }, testbed: { ...ZERO } };
  for (const r of results) for (const s of r.steps) byScope[s.scope.kind][s.verdict]++;
  const code = suiteExitCode(results, Boolean(values.lenient));
  const ok = code === EXIT.holds;
  setEarlyExitCause(undefined);

  if (format === 'latex' || format === 'md') {
    const { derivationLatex, derivationMarkdown } = await import('./format-doc.js');
    const render = format === 'latex' ? derivationLatex : derivationMarkdown;
    process.stdout.write(results.map((r, i) => render(loaded[i].derivation, r)).join('\n\n') + '\n');
  } else if (format === 'json') {
    const doc = {
      derivations: results.map((r, i) => ({ ...r, file: relative(process.cwd(), loaded[i].file) })),
      summary,
      summaryByScope: byScope,
      ok,
      backend: used.backend,
      adapter: used.adapter,
      seed,
      jobs: threads,
      ms: Math.round(ms),
    };
    process.stdout.write(JSON.stringify(jsonDocument(doc)) + '\n');
  } else {
    process.stdout.write('\n' + formatTable(results) + '\n');
    const counts = Object.entries(summary).filter(([k, n]) => n || k !== 'unjustified').map(([k, n]) => `${n} ${k}`).join(', ');
    const scopeCounts = (['general', 'testbed'] as const)
      .map((k) => `${k === 'general' ? 'in general' : 'on testbeds'}: ${Object.entries(byScope[k]).filter(([, n]) => n).map(([v, n]) => `${n} ${v}`).join(', ') || 'none'}`)
      .join('; ');
    process.stdout.write(
      `\n${results.length} derivations, ${counts} steps (${scopeCounts}); ${SUMMARY[code]}${code === EXIT.refuted && summary.unjustified && !summary.refuted ? ' (unjustified steps; --lenient lets them pass)' : ''} ` +
        `(backend ${used.backend}${used.adapter ? ` on ${used.adapter}` : ''}, seed ${seed}, ${(ms / 1000).toFixed(1)} s)\n`,
    );
  }
  for (const r of results) {
    for (const st of r.steps) {
      if (st.internalError) process.stderr.write(`derivcheck: internal error in ${r.id}, step ${st.index}: ${oneLine(st.internalError)} — this is a bug in derivcheck, please report it\n`);
    }
  }
  return code;
}

/** Shows a derivation decided elsewhere (a worker thread) as the live display would have, step by step. */
function replayProgress(progress: ReturnType<typeof createProgress>, d: Derivation, r: DerivationResult): void {
  progress.start(d);
  for (const s of r.steps) progress.onStepDone(d, s);
  progress.finish(r);
}

const ZERO: Record<StepVerdict, number> = { proved: 0, verified: 0, refuted: 0, unjustified: 0, unknown: 0 };

/** --format, with --json as its synonym for json. */
function formatOption(value: string | undefined, json: boolean | undefined): 'text' | 'json' | 'latex' | 'md' {
  if (json && value !== undefined && value !== 'json') throw new UsageError(`check: --json and --format ${excerpt(value)} disagree: give one`);
  const v = value ?? (json ? 'json' : 'text');
  if (v !== 'text' && v !== 'json' && v !== 'latex' && v !== 'md') throw new UsageError(`check: --format must be text, json, latex or md, not '${excerpt(v)}'${didYouMean(v, ['text', 'json', 'latex', 'md'])}`);
  return v;
}

/** The derivations whose id or title matches -t PATTERN (a regular expression, as vitest's -t), or all. */
export function selectDerivations<T extends { derivation: { id: string; title: string } }>(loaded: readonly T[], pattern: string | undefined): T[] {
  if (pattern === undefined) return [...loaded];
  let re: RegExp;
  try {
    re = new RegExp(pattern, 'i');
  } catch (e) {
    throw new UsageError(`check: -t: not a regular expression: ${excerpt(pattern)} (${(e as Error).message})`);
  }
  const chosen = loaded.filter((l) => re.test(l.derivation.id) || re.test(l.derivation.title));
  if (chosen.length === 0) {
    throw new UsageError(`check: -t ${excerpt(pattern)} matches no derivation's id or title (there are ${loaded.length}, e.g. ${loaded.slice(0, 3).map((l) => l.derivation.id).join(', ')})`);
  }
  return chosen;
}

/** The command that checks one derivation again, with the same seed. */
export function replayCommand(d: { id: string }, file: string | undefined, seed: number): string {
  const where = file ? ` ${shellQuote(relative(process.cwd(), file) || file)}` : '';
  return `derivcheck check${where} -t ${shellQuote(`^${d.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)} --seed ${seed}`;
}

const SUMMARY: Record<number, string> = {
  [EXIT.holds]: 'all hold',
  [EXIT.refuted]: 'SOME DO NOT HOLD',
  [EXIT.unknown]: 'SOME ARE UNDECIDED (none refuted)',
  [EXIT.internal]: 'THE CHECKER FAILED ON SOME STEPS (a bug: please report)',
};
