// The lines under a refuted step of `derivcheck check`: where it is written,
// the evidence at the counterexample, and the commands that replay it.
import { relative } from 'node:path';
import type { Derivation } from '../derive/derivation.js';
import type { StepResult } from '../derive/checker.js';
import { explanationLines, formatNumber, formatPoint } from '../derive/explain.js';

/** A location relative to the working folder, as editors and terminals link it. */
export function shortLocation(location: string): string {
  const rel = relative(process.cwd(), location);
  return rel.startsWith('..') ? location : rel;
}

export function refutationLines(s: StepResult, _d: Derivation, replay?: (d: Derivation, s: StepResult) => string): string[] {
  const c = s.counterexample!;
  const lines: string[] = [];
  if (s.location) lines.push(`       at ${shortLocation(s.location)}`);
  const how = `${c.arithmetic} arithmetic${c.arithmetic === 'exact' ? '' : `, error bound ${formatNumber(c.bound)}`}${c.z ? `, z = ${c.z[0].toFixed(2)} then ${c.z[1].toFixed(2)} on a fresh stream` : ''}, seed ${c.seed}`;
  lines.push(`       counterexample (${how})`);
  if (s.explanation) lines.push(...explanationLines(s.explanation, '         '));
  else lines.push(`         at ${formatPoint(c.params)}: lhs ${formatNumber(c.lhs)}, rhs ${formatNumber(c.rhs)}`);
  if (replay) lines.push(`         rerun      ${replay(_d, s)}`);
  return lines;
}
