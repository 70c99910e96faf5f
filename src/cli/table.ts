// The final table of `derivcheck check`: one row per derivation.
import type { DerivationResult } from '../derive/checker.js';
import { padEndVisible, padStartVisible, visibleLength } from './colour.js';
import { verdictText } from './progress.js';

export function formatTable(results: readonly DerivationResult[]): string {
  const rows = results.map((r) => {
    const n = (v: string) => r.steps.filter((s) => s.verdict === v).length;
    const expected = r.steps.filter((s) => s.expect === 'refuted').length;
    const general = r.steps.filter((s) => s.scope.kind === 'general').length;
    const scope = general === r.steps.length ? 'general' : general ? `general ${general} + testbed ${r.steps.length - general}` : 'testbed';
    return [r.id, r.ok ? verdictText(r) : `${r.verdict} ✗`, scope, `${r.steps.length}`, `${n('proved')}`, `${n('verified')}`, `${n('refuted')}${expected ? ` (${expected} expected)` : ''}`, `${n('unjustified')}`, `${n('unknown')}`, `${(r.ms / 1000).toFixed(2)}`];
  });
  const head = ['derivation', 'verdict', 'scope', 'steps', 'proved', 'verified', 'refuted', 'unjustified', 'unknown', 'seconds'];
  // Widths as a terminal shows them: colour codes take no room.
  const widths = head.map((h, i) => Math.max(visibleLength(h), ...rows.map((r) => visibleLength(r[i]))));
  const line = (cells: string[]) => cells.map((c, i) => (i <= 2 ? padEndVisible(c, widths[i]) : padStartVisible(c, widths[i]))).join('  ');
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
