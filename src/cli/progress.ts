// The live display of `derivcheck check`: derivation by derivation, step by
// step. On a terminal the current step is shown in place while it is being
// decided; in a log (no TTY) each finished step is one plain line.
import type { Derivation } from '../check/derivation.js';
import type { DerivationResult, StepResult } from '../check/checker.js';
import { paint } from './colour.js';
import { refutationLines } from './explain-step.js';

export const MARK: Record<string, string> = { proved: '✓', verified: '≈', refuted: '✗', unknown: '?' };

export function stepMark(s: StepResult): string {
  if (s.expect === 'refuted') return s.ok ? '✓' : '✗';
  return MARK[s.verdict];
}

const shorten = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

export function createProgress(out: NodeJS.WriteStream, opts: { replay?: (d: Derivation, s: StepResult) => string } = {}) {
  const tty = Boolean(out.isTTY);
  const p = paint(out);
  const width = Math.max(60, (out.columns ?? 100) - 2);
  return {
    start(d: Derivation) {
      out.write(`${d.id}  ${d.title}\n`);
    },
    onStepStart(_d: Derivation, index: number, total: number) {
      if (tty) out.write(`\r\x1b[K  … step ${index + 1}/${total}`);
    },
    onStepDone(d: Derivation, s: StepResult) {
      const expect = s.expect === 'refuted' ? ` (expected refuted${s.ok ? '' : ', but it HOLDS'})` : '';
      const head = `  ${p[s.ok ? 'green' : s.verdict === 'unknown' ? 'yellow' : 'red'](stepMark(s))} ${String(s.index).padStart(2)}. ${s.verdict}${expect}  [${s.justificationId}]  ${s.ms.toFixed(0)} ms  `;
      const line = head + shorten(s.text, Math.max(20, width - head.length));
      out.write(`${tty ? '\r\x1b[K' : ''}${line}\n`);
      if (!s.ok && s.counterexample) out.write(refutationLines(s, d, opts.replay).join('\n') + '\n');
      if (!s.ok && s.reason) out.write(`       why: ${s.reason}\n`);
    },
    finish(r: DerivationResult) {
      const status = r.ok ? '' : r.verdict === 'unknown' ? ' (UNDECIDED)' : ' (DOES NOT HOLD)';
      out.write(`  → ${r.verdict}${status} in ${(r.ms / 1000).toFixed(2)} s\n`);
    },
  };
}
