// The live display of `derivcheck check`: derivation by derivation, step by
// step. On a terminal the current step is shown in place while it is being
// decided; in a log (no TTY) each finished step is one plain line.
import type { Derivation } from '../derive/derivation.js';
import type { DerivationResult, StepResult } from '../derive/checker.js';
import type { Progress as McProgress } from '../mc/index.js';
import { paint, visibleLength } from './colour.js';
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

/** 1234567 → 1.23M: sample counts and rates at a glance. */
export function compactCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const a = Math.abs(n);
  if (a < 1e3) return String(Math.round(n));
  for (const [v, u] of [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']] as const) {
    if (a >= v) return `${Number((n / v).toPrecision(3))}${u}`;
  }
  return String(n);
}

/** Seconds as `0.4 s`, `12 s`, `3 min 5 s`. */
export function duration(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '?';
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 60) return `${Math.round(s)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/**
 * The live Monte Carlo part of the step line: the estimates run so far in this step, the samples
 * drawn, the rate, and the current estimate's samples left as an ETA (the number of estimates a
 * decision needs depends on what it finds, so only the current one has a known end).
 */
export function samplesText(m: { estimates: number; samples: number }, p: McProgress): string {
  const left = p.samples - p.done;
  const eta = left > 0 && p.samplesPerSecond > 0 ? `, ETA ${duration(left / p.samplesPerSecond)}` : '';
  return `Monte Carlo: estimate ${m.estimates}, ${compactCount(p.done)}/${compactCount(p.samples)} samples ` +
    `(${compactCount(m.samples)} this step, ${compactCount(p.samplesPerSecond)}/s${eta})`;
}

/** A verdict with its scope: `proved (general)`, `proved on testbed`. The testbed itself is printed once per derivation. */
export const scoped = (s: StepResult): string =>
  `${s.verdict}${s.scope.kind === 'general' ? ' (general)' : s.scope.short ? ` on testbed: ${s.scope.short}` : ' on testbed'}`;

export function createProgress(out: NodeJS.WriteStream, opts: { replay?: (d: Derivation, s: StepResult) => string } = {}) {
  const tty = Boolean(out.isTTY);
  const p = paint(out);
  const width = Math.max(60, (out.columns ?? 100) - 2);
  let step = '';
  let mc = { estimates: 0, samples: 0, lastDone: 0, lastSamples: 0, written: 0 };
  return {
    start(d: Derivation) {
      out.write(`${d.id}  ${d.title}\n`);
    },
    onStepStart(_d: Derivation, index: number, total: number) {
      step = `  … step ${index + 1}/${total}`;
      mc = { estimates: 0, samples: 0, lastDone: 0, lastSamples: 0, written: 0 };
      if (tty) out.write(`\r\x1b[K${step}`);
    },
    /** After every Monte Carlo chunk of the step being decided (the ambient onProgress of withRunLimits). */
    onSamples(p: McProgress) {
      // The same estimate goes on while its size stays and `done` grows; anything else is a new one.
      const same = p.samples === mc.lastSamples && p.done > mc.lastDone;
      if (!same) mc.estimates++;
      mc.samples += same ? p.done - mc.lastDone : p.done;
      mc.lastDone = p.done;
      mc.lastSamples = p.samples;
      const now = performance.now();
      if (!tty || now - mc.written < 100) return; // at most ten redraws a second
      mc.written = now;
      out.write(`\r\x1b[K${shorten(`${step}  ${samplesText(mc, p)}`, width)}`);
    },
    onStepDone(d: Derivation, s: StepResult) {
      const expect = s.expect === 'refuted' ? ` (expected refuted${s.ok ? '' : ', but it HOLDS'})` : '';
      const head = `  ${p[s.ok ? 'green' : s.verdict === 'unknown' ? 'yellow' : 'red'](stepMark(s))} ${String(s.index).padStart(2)}. ${scoped(s)}${expect}  [${s.justificationId}]  ${s.ms.toFixed(0)} ms  `;
      // The head's colour codes take no room on the terminal: measure what shows.
      const line = head + shorten(s.text, Math.max(20, width - visibleLength(head)));
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
