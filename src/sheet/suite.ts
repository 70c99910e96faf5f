// Checks the suite for the sheet with the checker `derivcheck check` uses:
// the same loading (type-check, guarded import, unique ids) and the same
// checkDerivation per derivation, then turns the results into SheetData.
import { relative } from 'node:path';
import { checkDerivation, type CheckEvents, type DerivationResult } from '../derive/checker.js';
import type { Derivation } from '../derive/derivation.js';
import { DEFAULT_LOAD_TIMEOUT_MS, findDerivationFiles, loadDerivations, needsTypecheck, PACKAGE_ROOT, type LoadedDerivation } from '../derive/load.js';
import type { BackendChoice } from '../mc/index.js';
import { VERSION } from '../package.js';
import { derivationFormulas } from './formulas.js';
import type { SheetData } from './model.js';
import { compareTopics, topicOf } from './topics.js';

export interface SuiteEvents extends CheckEvents {
  /** Before each derivation: its position (0-based) among `total`. */
  onDerivationStart?(d: Derivation, position: number, total: number): void;
  onDerivationDone?(r: DerivationResult, position: number, total: number): void;
  /** While loading: which file (undefined when done). */
  onFile?(file: string | undefined): void;
}

export interface SuiteOptions {
  readonly paths?: readonly string[];
  readonly seed?: number;
  readonly samples?: number;
  readonly backend?: BackendChoice;
  readonly typecheck?: boolean;
  readonly loadTimeoutMs?: number;
  readonly events?: SuiteEvents;
  /** The time stamp written into the sheet (tests pass a fixed one). */
  readonly now?: Date;
}

export interface CheckedSuite {
  readonly loaded: readonly LoadedDerivation[];
  readonly results: readonly DerivationResult[];
  readonly data: SheetData;
  readonly ms: number;
}

/** Loads the derivation files under `paths`, in topic order (the seed's), then by file. */
export async function loadSuite(paths: readonly string[], opts: Pick<SuiteOptions, 'typecheck' | 'loadTimeoutMs' | 'events'> = {}): Promise<LoadedDerivation[]> {
  const files = findDerivationFiles(paths);
  if (opts.typecheck !== false) {
    const users = files.filter(needsTypecheck);
    if (users.length) {
      const { typecheckFiles } = await import('../derive/typecheck.js');
      typecheckFiles(users, { packageRoot: PACKAGE_ROOT, version: VERSION });
    }
  }
  const loaded = await loadDerivations(files, { timeoutMs: opts.loadTimeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS, onFile: opts.events?.onFile });
  // A stable order: by topic in the seed's order, then as the files come (findDerivationFiles sorts them).
  return loaded
    .map((l, i) => ({ l, i }))
    .sort((a, b) => compareTopics(topicOf(a.l.derivation.id), topicOf(b.l.derivation.id)) || a.i - b.i)
    .map(({ l }) => l);
}

/** Checks every derivation of `loaded` and collects the sheet. */
export async function checkSuite(loaded: readonly LoadedDerivation[], opts: SuiteOptions = {}): Promise<CheckedSuite> {
  const seed = opts.seed ?? 1;
  const ev = opts.events ?? {};
  const t0 = performance.now();
  const { resolveBackend, shutdownGpu } = await import('../mc/index.js');
  const results: DerivationResult[] = [];
  let used: { backend: 'webgpu' | 'cpu'; adapter: string };
  try {
    // As `check`: `auto` with estimates too small to pay for starting the GPU is the cpu (mc/backend-choice.ts).
    const { backendForRun } = await import('../mc/backend-choice.js');
    const { DEFAULT_SAMPLES } = await import('../expect/decide-expectation.js');
    used = await resolveBackend(backendForRun(opts.backend ?? 'auto', opts.samples || DEFAULT_SAMPLES));
    for (const [i, { derivation }] of loaded.entries()) {
      ev.onDerivationStart?.(derivation, i, loaded.length);
      const r = await checkDerivation(derivation, { seed, samples: opts.samples || undefined, backend: used.backend }, ev);
      ev.onDerivationDone?.(r, i, loaded.length);
      results.push(r);
    }
  } finally {
    await shutdownGpu();
  }
  const run = { seed, backend: used.backend, adapter: used.adapter };
  const data: SheetData = {
    formulas: loaded.flatMap(({ derivation }, i) => derivationFormulas(derivation, results[i], run)),
    derivations: loaded.map(({ derivation: d, file }, i) => ({
      id: d.id,
      title: d.title,
      source: d.source,
      strategy: d.strategy,
      topic: topicOf(d.id),
      file: relative(PACKAGE_ROOT, file).startsWith('..') ? relative(process.cwd(), file) : relative(PACKAGE_ROOT, file),
      verdict: results[i].verdict,
      ms: results[i].ms,
    })),
    generated: (opts.now ?? new Date()).toISOString(),
    seed,
    backend: used.backend,
    adapter: used.adapter,
    version: VERSION,
  };
  return { loaded, results, data, ms: performance.now() - t0 };
}
