// A worker thread of `check` (parallel.ts): loads the derivation files it is
// given, then decides the steps it is sent, one at a time, and posts each
// step's result back. It decides exactly as the main thread would
// (checkStepAt, with the same seed and options): a step's result depends on
// nothing decided before it.
import { parentPort, workerData } from 'node:worker_threads';
import { loadDerivations } from './load.js';
import { checkStepAt, stepItems, type StepItem } from './checker.js';
import type { Derivation } from './derivation.js';
import type { DecideRelationOptions } from '../expect/decide-relation.js';
import { setInlineRanges } from '../mc/cpu.js';

interface Data {
  readonly files: readonly string[];
  readonly timeoutMs: number;
  readonly opts: DecideRelationOptions;
}

const port = parentPort;
if (!port) throw new Error('check-worker.ts runs as a worker thread of parallel.ts');
const data = workerData as Data;
// The check's workers keep the cores busy: a Monte Carlo run's ranges are decided on this thread (mc/cpu.ts).
setInlineRanges(true);

const byId = new Map<string, { d: Derivation; items: StepItem[] }>();
try {
  for (const { derivation: d } of await loadDerivations(data.files, { timeoutMs: data.timeoutMs })) byId.set(d.id, { d, items: stepItems(d) });
  port.postMessage({ ready: true });
} catch (e) {
  port.postMessage({ fatal: e instanceof Error ? e.message : String(e) });
}

port.on('message', async (m: { job: number; id: string; step: number }) => {
  try {
    const x = byId.get(m.id);
    if (!x) throw new Error(`derivation ${m.id} is not in this worker's files`);
    const result = await checkStepAt(x.d, m.step, data.opts, x.items);
    port.postMessage({ job: m.job, result });
  } catch (e) {
    // Not the step's verdict (checkStepAt catches those): the result could not
    // be made or posted. The main thread decides this step itself.
    port.postMessage({ job: m.job, error: e instanceof Error ? e.message : String(e) });
  }
});
