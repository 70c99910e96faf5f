// How a verdict reads on a terminal, and the exit code it maps to.
import type { Domain } from '../expr/domain.js';
import { formatInterval } from '../expr/domain.js';
import type { Verdict } from '../verdict.js';
import { verdictColour, type Paint } from './colour.js';

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

const fmt = (x: number): string => (Number.isInteger(x) ? `${x}` : x.toPrecision(12).replace(/^(-?\d+\.\d*?)0*(e|$)/, '$1$2').replace(/\.(e|$)/, '$1'));

export function formatVerdict(claim: string, domain: Domain, v: Verdict, ms: number, p?: Paint): string {
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
    lines.push(`counterexample (${c.arithmetic} arithmetic, seed ${c.seed})`);
    if (params) lines.push(`  at   ${params}`);
    lines.push(`  lhs  ${fmt(c.lhs)}`, `  rhs  ${fmt(c.rhs)}`, `  lhs − rhs = ${fmt(c.difference)} (error bound ${fmt(c.bound)})`);
    if (c.z) lines.push(`  z = ${c.z[0].toFixed(2)} on the first stream, ${c.z[1].toFixed(2)} on a fresh one`);
  }
  lines.push(`time     ${ms.toFixed(1)} ms`);
  return lines.join('\n');
}
