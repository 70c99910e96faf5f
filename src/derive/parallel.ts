// `check` on several cores: the steps of the derivations are decided by
// worker threads (check-worker.ts), the results put back in order.
//
// Why steps and not derivations: a few steps cost most of the time (the
// Monte Carlo ones: up to ~5 s each, against < 0.1 s for most algebra), and
// one derivation holds several of them; handing out steps, the costliest
// first, keeps both cores busy to the end. Every step is decided by
// checkStepAt with the same seed and options as in one thread, and a step's
// decision depends on nothing decided before it, so the results — verdicts,
// evidence, every figure — are those of the sequential check; only the
// timings differ (a derivation's `ms` is then the sum of its steps').
//
// The workers load the derivation files themselves (they cannot be sent: a
// derivation holds classes and closures). They run the compiled package
// (dist/), so this is used only when this module runs from there too (the
// CLI): from the sources (tests, tsx) the check stays in one thread.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compiled, DIST_ROOT } from '../package.js';
import type { Node } from '../expr/ast.js';
import { checkStepAt, derivationResult, stepItems, type DerivationResult, type StepItem, type StepResult } from './checker.js';
import type { Derivation } from './derivation.js';
import { expand } from './derivation.js';
import type { LoadedDerivation } from './load.js';
import type { DecideRelationOptions } from '../expect/decide-relation.js';
import { needsExpectation } from '../expect/decide-relation.js';

/** Worker threads by default: one per core, at most 4 (each runs its own Monte Carlo threads too). */
export const defaultJobs = (): number => Math.max(1, Math.min(4, availableParallelism()));

/** The cost (costOf) of a step with expectations, against 1 for an algebra step. */
const EXPECTATION_COST = 100;

/**
 * Below this estimated cost (costOf, summed: about 8 steps with
 * expectations) a check stays in one thread. A worker loads the package and
 * the files again before its first step: ~0.5 s for the package's own
 * derivations, ~2 s for a user's TypeScript (transpiled again in each
 * thread), while a step with expectations takes 0.1–5 s (0.25 s on average
 * over derivations/).
 */
export const PARALLEL_MIN_COST = 8 * EXPECTATION_COST;

/** Outermost E, KL and logpdf heads of a side (each is an estimate or a closed form to cross-check). */
function heads(node: Node): number {
  if (node.op === 'E' || (node.op === 'call' && (node.fn === 'KL' || node.fn === 'logpdf'))) return 1;
  return 'args' in node ? node.args.reduce((s, a) => s + heads(a), 0) : 0;
}

/**
 * A rough cost of deciding a step, to hand out the costly ones first: a step
 * with expectations runs Monte Carlo (its cost grows with the estimates), a
 * step in general or of plain algebra is cheap. Only the order depends on it.
 */
export function costOf(d: Derivation, item: StepItem): number {
  if (item.general) return 2;
  const step = item.step as { lhs: Node; rhs: Node };
  const lhs = expand(d, step.lhs);
  const rhs = expand(d, step.rhs);
  if (!needsExpectation(lhs) && !needsExpectation(rhs)) return 1;
  return EXPECTATION_COST + heads(lhs) + heads(rhs);
}

/** The summed cost of checking `loaded` (to decide whether workers pay). */
export function totalCost(loaded: readonly LoadedDerivation[]): number {
  return loaded.reduce((t, l) => t + stepItems(l.derivation).reduce((u, it) => u + costOf(l.derivation, it), 0), 0);
}

/** Can this process check in worker threads (it runs from the compiled package, and the worker file is there)? */
export function parallelAvailable(): boolean {
  return fileURLToPath(import.meta.url).startsWith(DIST_ROOT) && existsSync(compiled('derive', 'check-worker.js'));
}

export interface ParallelOptions {
  readonly jobs: number;
  readonly loadTimeoutMs: number;
  /** Called for each derivation's result, in order, as soon as it and all before it are done. */
  readonly onResult?: (index: number, r: DerivationResult) => void;
  /** Stop after the first derivation that does not hold (as --bail). */
  readonly bail?: boolean;
}

interface Job {
  readonly job: number;
  readonly derivation: number;
  readonly step: number;
  readonly cost: number;
}

/** A worker that could not start or stopped: the caller checks in one thread instead. */
export class ParallelUnavailable extends Error {
  override name = 'ParallelUnavailable';
}

/**
 * Checks `loaded` with `jobs` worker threads; the results are in the order of
 * `loaded`. Throws ParallelUnavailable when a worker cannot load the files.
 */
export async function checkParallel(loaded: readonly LoadedDerivation[], opts: DecideRelationOptions, p: ParallelOptions): Promise<DerivationResult[]> {
  const items = loaded.map((l) => stepItems(l.derivation));
  const jobs: Job[] = [];
  for (const [k, l] of loaded.entries()) {
    for (let i = 0; i < items[k].length; i++) jobs.push({ job: jobs.length, derivation: k, step: i, cost: costOf(l.derivation, items[k][i]) });
  }
  // The costliest first (stable: in file order among equals).
  const queue = [...jobs].sort((a, b) => b.cost - a.cost || a.job - b.job);
  const steps: (StepResult | undefined)[][] = items.map((it) => new Array(it.length));
  const left = items.map((it) => it.length);
  const results: DerivationResult[] = [];
  const files = [...new Set(loaded.map((l) => l.file))];
  const decide = { seed: opts.seed, samples: opts.samples, backend: opts.backend, ...(opts.method ? { method: opts.method } : {}) };
  const workers: Worker[] = [];
  let stopped = false;

  return new Promise<DerivationResult[]>((resolve, reject) => {
    const finish = (err?: Error) => {
      if (stopped) return;
      stopped = true;
      for (const w of workers) void w.terminate();
      if (err) reject(err);
      else resolve(results);
    };
    /** Emits the derivations that are complete, in order; ends when all are (or at the first failure under bail). */
    const emit = () => {
      while (results.length < loaded.length && left[results.length] === 0) {
        const k = results.length;
        const s = steps[k] as StepResult[];
        const r = derivationResult(loaded[k].derivation, s, s.reduce((t, x) => t + x.ms, 0));
        results.push(r);
        p.onResult?.(k, r);
        if (p.bail && !r.ok) return finish();
      }
      if (results.length === loaded.length) finish();
    };
    const done = (j: Job, r: StepResult) => {
      steps[j.derivation][j.step] = r;
      left[j.derivation]--;
      emit();
    };
    // Derivations without steps are complete already (and with no step at all there is nothing to start).
    emit();
    if (stopped) return;
    const n = Math.max(1, Math.min(p.jobs, queue.length));
    for (let w = 0; w < n; w++) {
      const worker = new Worker(compiled('derive', 'check-worker.js'), {
        workerData: { files, timeoutMs: p.loadTimeoutMs, opts: decide },
        // The files were loaded once in the main thread already: what they print while loading is not printed again.
        stdout: true,
        stderr: true,
      });
      worker.stdout.resume();
      worker.stderr.resume();
      workers.push(worker);
      let current: Job | undefined;
      const next = () => {
        current = queue.shift();
        if (current) worker.postMessage({ job: current.job, id: loaded[current.derivation].derivation.id, step: current.step });
      };
      worker.on('message', (m: { ready?: boolean; fatal?: string; job?: number; result?: StepResult; error?: string }) => {
        if (stopped) return;
        if (m.fatal !== undefined) return finish(new ParallelUnavailable(`a check worker could not load the files: ${m.fatal}`));
        if (m.ready) return next();
        const j = current as Job;
        if (m.result) {
          done(j, m.result);
          if (!stopped) next();
          return;
        }
        // The worker could not return this step (its result did not cross the thread): decide it here.
        const d = loaded[j.derivation].derivation;
        checkStepAt(d, j.step, opts, items[j.derivation]).then((r) => {
          if (stopped) return;
          done(j, r);
          if (!stopped) next();
        }, (e: unknown) => finish(e instanceof Error ? e : new Error(String(e))));
      });
      worker.on('error', (e) => finish(new ParallelUnavailable(`a check worker failed: ${e instanceof Error ? e.message : String(e)}`)));
      worker.on('exit', (code) => {
        if (!stopped) finish(new ParallelUnavailable(`a check worker stopped (exit code ${code}; did a derivation call process.exit?)`));
      });
    }
  });
}
