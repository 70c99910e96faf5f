// derivcheck check [PATH…] [--json] [--seed N] [--samples N] [--backend auto|webgpu|cpu]
// Checks every derivation under PATHs (default derivations/), step by step.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { checkDerivation, type DerivationResult } from '../check/checker.js';
import { findDerivationFiles, loadDerivations } from '../check/load.js';
import type { VerdictName } from '../verdict.js';
import { backendOption, intOption, readArgs } from './args.js';
import { createProgress } from './progress.js';
import { formatTable } from './table.js';
import { UsageError } from './usage-error.js';

const OPTIONS = {
  json: { type: 'boolean' },
  seed: { type: 'string' },
  samples: { type: 'string' },
  backend: { type: 'string' },
} as const;

export async function checkCommand(argv: string[]): Promise<number> {
  const { values, positionals } = readArgs('check', argv, OPTIONS);
  const seed = intOption('check', 'seed', values.seed, 1);
  const samples = intOption('check', 'samples', values.samples, 0);
  const backend = backendOption('check', values.backend);
  const paths = positionals.length ? positionals : ['derivations'];
  for (const p of paths) if (!existsSync(p)) throw new UsageError(`check: no such file or folder: ${p}`);
  const files = findDerivationFiles(paths);
  let loaded;
  try {
    loaded = await loadDerivations(files);
  } catch (e) {
    throw new UsageError(`check: ${(e as Error).message.split('\n')[0]}`);
  }
  if (loaded.length === 0) throw new UsageError(`check: no derivations found in ${paths.join(', ')}`);

  const t0 = performance.now();
  const progress = values.json ? undefined : createProgress(process.stdout);
  const results: DerivationResult[] = [];
  const { shutdownGpu } = await import('../mc/index.js');
  const { resolveBackend } = await import('./backend-report.js');
  const used = await resolveBackend(backend);
  try {
    for (const { derivation } of loaded) {
      progress?.start(derivation);
      const r = await checkDerivation(derivation, { seed, samples: samples || undefined, backend: used.backend }, progress ?? {});
      progress?.finish(r);
      results.push(r);
    }
  } finally {
    await shutdownGpu();
  }
  const ms = performance.now() - t0;
  const summary: Record<VerdictName, number> = { proved: 0, verified: 0, refuted: 0, unknown: 0 };
  for (const r of results) for (const s of r.steps) summary[s.verdict]++;
  const ok = results.every((r) => r.ok);

  if (values.json) {
    const doc = {
      derivations: results.map((r, i) => ({ ...r, file: relative(process.cwd(), loaded[i].file) })),
      summary,
      ok,
      backend: used.backend,
      adapter: used.adapter,
      seed,
      ms: Math.round(ms),
    };
    process.stdout.write(JSON.stringify(doc) + '\n');
  } else {
    process.stdout.write('\n' + formatTable(results) + '\n');
    const counts = Object.entries(summary).map(([k, n]) => `${n} ${k}`).join(', ');
    process.stdout.write(
      `\n${results.length} derivations, ${counts} steps; ${ok ? 'all hold' : 'SOME DO NOT HOLD'} ` +
        `(backend ${used.backend}${used.adapter ? ` on ${used.adapter}` : ''}, seed ${seed}, ${(ms / 1000).toFixed(1)} s)\n`,
    );
  }
  return ok ? 0 : 1;
}
