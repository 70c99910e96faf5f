// The live display of `derivcheck check`: derivation by derivation, step by
// step. On a terminal the current step is shown in place while it is being
// decided; in a log (no TTY) each finished step is one plain line.
import type { Derivation } from '../check/derivation.js';
import type { DerivationResult, StepResult } from '../check/checker.js';
import { paint } from './colour.js';
import { refutationLines } from './explain-step.js';

export const MARK: Record<string, string> = { proved: '✓', verified: '≈', refuted: '✗', unjustified: '!', unknown: '?' };

export function stepMark(s: StepResult): string {
  if (s.expect === 'refuted') return s.ok ? '✓' : '✗';
  return MARK[s.verdict];
}

/** A derivation's verdict with its scopes: `proved (general), verified on testbed` when it has both. */
export function verdictText(r: DerivationResult): string {
  const { general, testbed } = r.verdictByScope;
  if (general && testbed && r.ok) return `${general} (general), ${testbed} on testbed`;
  return general && !testbed ? `${r.verdict} (general)` : r.verdict;
}

const shorten = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

/** A verdict with its scope: `proved (general)`, `proved on testbed`. The testbed itself is printed once per derivation. */
export const scoped = (s: StepResult): string =>
  `${s.verdict}${s.scope.kind === 'general' ? ' (general)' : s.scope.short ? ` on testbed: ${s.scope.short}` : ' on testbed'}`;

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
      const head = `  ${p[s.ok ? 'green' : s.verdict === 'unknown' ? 'yellow' : 'red'](stepMark(s))} ${String(s.index).padStart(2)}. ${scoped(s)}${expect}  [${s.justificationId}]  ${s.ms.toFixed(0)} ms  `;
      const line = head + shorten(s.text, Math.max(20, width - head.length));
      out.write(`${tty ? '\r\x1b[K' : ''}${line}\n`);
      if (!s.ok && s.counterexample) out.write(refutationLines(s, d, opts.replay).join('\n') + '\n');
      if (!s.ok && s.reason) out.write(`       why: ${s.reason}\n`);
      // An expected refutation in general is explained too: the reason is the point of the step.
      if (s.ok && s.expect === 'refuted' && s.scope.kind === 'general' && s.reason) out.write(`       why: ${s.reason}\n`);
    },
    finish(r: DerivationResult) {
      const status = r.ok ? '' : r.verdict === 'unknown' ? ' (UNDECIDED)' : r.verdict === 'unjustified' ? ' (A RULE DOES NOT WITNESS ITS STEP)' : ' (DOES NOT HOLD)';
      out.write(`  → ${verdictText(r)}${status} in ${(r.ms / 1000).toFixed(2)} s\n`);
      if (r.scope.general) out.write(`    general: ${r.scope.general}\n`);
      if (r.scope.testbed) out.write(`    testbed: ${r.scope.testbed}\n`);
      const agreeing = r.agreement.filter((a) => a.agree).length;
      if (agreeing) out.write(`    general and testbed agree on ${agreeing} statement${agreeing > 1 ? 's' : ''}\n`);
      for (const a of r.agreement.filter((x) => !x.agree)) out.write(`    DISAGREE on ${a.statement}: ${a.general} in general, ${a.testbed} on the testbed\n`);
    },
  };
}
