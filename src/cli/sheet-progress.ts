// The main job's progress: one line per derivation (count, elapsed time,
// verdict), the current step shown in place on a terminal, plain lines in a
// log. Marks, colours and the verdict wording are `derivcheck check`'s
// (src/cli/progress.ts); a step that fails is explained as `check` explains it.
import { relative } from 'node:path';
import type { Derivation } from '../derive/derivation.js';
import type { DerivationResult, StepResult } from '../derive/checker.js';
import { paint } from './colour.js';
import { refutationLines } from './explain-step.js';
import { scoped, stepMark, verdictText } from './progress.js';
import type { SuiteEvents } from '../sheet/suite.js';

export function sheetProgress(out: NodeJS.WriteStream, t0 = performance.now()): SuiteEvents {
  const tty = Boolean(out.isTTY);
  const p = paint(out);
  const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  let head = '';
  return {
    onFile(file) {
      if (tty) out.write(file ? `\r\x1b[Kloading ${relative(process.cwd(), file) || file}` : '\r\x1b[K');
    },
    onDerivationStart(d, i, n) {
      head = `[${String(i + 1).padStart(String(n).length)}/${n}] ${d.id}`;
      if (tty) out.write(`\r\x1b[K${head} …`);
    },
    onStepStart(_d, index, total) {
      if (tty) out.write(`\r\x1b[K${head} … step ${index + 1}/${total}, ${elapsed()}`);
    },
    onStepDone(d: Derivation, s: StepResult) {
      if (s.ok) return;
      // A failing step is news: say which, and why, above the progress line.
      out.write(`${tty ? '\r\x1b[K' : ''}${head}: ${p.red(stepMark(s))} step ${s.index} ${scoped(s)}${s.expect === 'refuted' ? ' (expected refuted)' : ''}: ${s.text.slice(0, 120)}\n`);
      if (s.counterexample) out.write(refutationLines(s, d).join('\n') + '\n');
      if (s.reason) out.write(`       why: ${s.reason}\n`);
    },
    onDerivationDone(r: DerivationResult) {
      const colour = r.ok ? p.green : r.verdict === 'unknown' ? p.yellow : p.red;
      out.write(`${tty ? '\r\x1b[K' : ''}${colour(r.ok ? '✓' : '✗')} ${head}  ${verdictText(r)}, ${r.steps.length} steps, ${(r.ms / 1000).toFixed(1)} s (elapsed ${elapsed()})\n`);
    },
  };
}
