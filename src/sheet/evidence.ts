// What backs a formula, as label/value rows a person reads: the methods and
// their details, then the numbers that matter for a test (points tested,
// Monte Carlo samples, standard error, z), where it ran and with which seed.
// Shared by the HTML and Markdown sheets.
import { formatPoint } from '../verdict.js';
import type { SheetFormula } from './model.js';

const num = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);
const fmt = (x: number) => (Math.abs(x) >= 1e-3 && Math.abs(x) < 1e6 ? String(Number(x.toPrecision(4))) : x.toExponential(3));

export function evidenceRows(f: SheetFormula): [string, string][] {
  const e = f.evidence;
  const rows: [string, string][] = [];
  rows.push(['rule', e.justification]);
  for (const m of e.methods) rows.push([`method: ${m.method}`, m.detail]);
  const tests = e.methods.reduce((n, m) => n + (m.tests ?? 0), 0);
  if (tests) rows.push(['points tested', String(tests)]);
  const mc = e.methods.filter((m) => m.method === 'monte-carlo' && m.data);
  for (const m of mc) {
    const d = m.data!;
    const samples = num(d.samples);
    if (samples !== undefined) rows.push(['Monte Carlo samples', `${samples} per expectation${num(d.draws) !== undefined ? `, at ${d.draws} parameter points` : ''}`]);
    const se = num(d.stderr);
    if (se !== undefined) rows.push(['standard error', fmt(se)]);
    const z = num(d.maxZ);
    if (z !== undefined) rows.push(['largest |z|', `${fmt(z)} (a refutation needs 6)`]);
    const k = num(d.tailIndex);
    if (k !== undefined) rows.push(['tail index k̂', `${fmt(k)} (≤ 0.7: the standard error is reliable)`]);
  }
  const c = e.counterexample;
  if (c) {
    rows.push(['counterexample', `${formatPoint(c.params, '(no parameters)')}: lhs = ${fmt(c.lhs)}, rhs = ${fmt(c.rhs)}, lhs − rhs = ${fmt(c.difference)} (${c.arithmetic} arithmetic${c.bound ? `, error bound ${fmt(c.bound)}` : ''})`]);
    if (c.z) rows.push(['z', `${fmt(c.z[0])}, then ${fmt(c.z[1])} on a fresh stream`]);
  }
  if (e.reason && !e.methods.some((m) => m.detail === e.reason)) rows.push(['why', e.reason]);
  if (e.steps?.length) rows.push(['steps', e.steps.join(', ')]);
  const mcBackend = mc[0]?.data;
  const backend = typeof mcBackend?.backend === 'string' ? mcBackend.backend : e.backend;
  const adapter = typeof mcBackend?.adapter === 'string' ? mcBackend.adapter : e.adapter;
  rows.push(['backend', `${backend}${adapter ? ` (${adapter})` : ''}${mc.length ? '' : '; no Monte Carlo in this decision'}`]);
  rows.push(['seed', String(typeof mcBackend?.seed === 'number' ? mcBackend.seed : e.seed)]);
  return rows;
}
