// How a verdict reads on a terminal, and the exit code it maps to.
import type { Domain } from '../expr/domain.js';
import { formatInterval } from '../expr/domain.js';
import type { Verdict } from '../verdict.js';
import { verdictColour, type Paint } from './colour.js';
import { explanationLines, formatNumber, type Explanation } from '../derive/explain.js';

export function exitCodeOf(v: Verdict): number {
  switch (v.verdict) {
    case 'proved':
    case 'verified':
      return 0;
    case 'refuted':
      return 1;
    case 'unknown':
      return 3;
  }
}

// Shortest round-trip decimals: what is printed reads back as the same double.
const fmt = formatNumber;

export function formatVerdict(claim: string, domain: Domain, v: Verdict, ms: number, p?: Paint, explanation?: Explanation): string {
  const lines = [`claim    ${claim}`];
  if (domain.size > 0) {
    lines.push(`params   ${[...domain].map(([n, i]) => `${n} ∈ ${formatInterval(i)}`).join(', ')}`);
  }
  lines.push(`verdict  ${p ? verdictColour(p, v.verdict)(v.verdict) : v.verdict}`);
  for (const e of v.evidence) lines.push(`  ${e.method}: ${e.detail}`);
  if (v.verdict === 'unknown') lines.push(`  why: ${v.reason}`);
  if (v.verdict === 'refuted') {
    const c = v.counterexample;
    const params = Object.entries(c.params).map(([k, x]) => `${k} = ${typeof x === 'number' ? fmt(x) : x}`).join(', ');
    lines.push(`counterexample (${c.arithmetic} arithmetic${c.arithmetic === 'exact' ? '' : `, error bound ${formatNumber(c.bound)}`}, seed ${c.seed})`);
    if (explanation) lines.push(...explanationLines(explanation));
    else {
      if (params) lines.push(`  at   ${params}`);
      lines.push(`  lhs  ${formatNumber(c.lhs)}`, `  rhs  ${formatNumber(c.rhs)}`, `  lhs − rhs = ${formatNumber(c.difference)}`);
    }
    if (c.z) lines.push(`  z = ${c.z[0].toFixed(2)} on the first stream, ${c.z[1].toFixed(2)} on a fresh one`);
  }
  lines.push(`time     ${ms.toFixed(1)} ms`);
  return lines.join('\n');
}
