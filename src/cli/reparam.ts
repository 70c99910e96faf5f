// derivcheck reparam (--schedule NAME [--T N] [--zero-snr] | --alpha EXPR --sigma EXPR)
//   --target NAME|EXPR [--sampling NAME] [--weight EXPR] [--at t1,t2,…] [--json]
// derivcheck reparam compare "<objective A>" "<objective B>" [--json]
// What objective a (schedule, target, sampler, weight) really is: the analysis
// of src/reparam, printed; or whether two are the same objective.
// Exit: 0 every check holds (compare: the same objective), 1 something refuted
// (compare: not the same), 3 undecided.
import { analyze, type Analysis } from '../reparam/analyze.js';
import { compare, type Comparison } from '../reparam/compare.js';
import type { ObjectiveSpec } from '../reparam/objective.js';
import { readArgs, intOption } from './args.js';
import { UsageError } from './usage-error.js';
import { jsonDocument } from './version.js';

const OPTIONS = {
  schedule: { type: 'string' },
  T: { type: 'string' },
  'zero-snr': { type: 'boolean' },
  alpha: { type: 'string' },
  sigma: { type: 'string' },
  target: { type: 'string' },
  sampling: { type: 'string' },
  weight: { type: 'string' },
  at: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** Splits an objective string as a shell would: words, with '…' and "…" quoting. */
export function splitWords(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let any = false;
  for (const c of text) {
    if (quote) {
      if (c === quote) quote = undefined;
      else cur += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      any = true;
    } else if (/\s/.test(c)) {
      if (cur || any) out.push(cur);
      cur = '';
      any = false;
    } else cur += c;
  }
  if (quote) throw new UsageError(`reparam compare: unbalanced ${quote} in "${text}"`);
  if (cur || any) out.push(cur);
  return out;
}

function specOf(values: Record<string, unknown>, where: string): ObjectiveSpec {
  if (values.target === undefined) throw new UsageError(`reparam${where}: give --target NAME|EXPR (eps, x0, v, flow, score, or an expression linear in x0 and eps)`);
  return {
    ...(values.schedule !== undefined ? { schedule: values.schedule as string } : {}),
    ...(values.T !== undefined ? { T: intOption('reparam', 'T', values.T as string, 1000, 1) } : {}),
    ...(values['zero-snr'] ? { zeroSnr: true } : {}),
    ...(values.alpha !== undefined ? { alpha: values.alpha as string } : {}),
    ...(values.sigma !== undefined ? { sigma: values.sigma as string } : {}),
    target: values.target as string,
    ...(values.sampling !== undefined ? { sampling: values.sampling as string } : {}),
    ...(values.weight !== undefined ? { weight: values.weight as string } : {}),
  };
}

function atList(text: string | undefined): number[] {
  if (text === undefined) return [];
  return text.split(',').map((s) => {
    const x = Number(s.trim());
    if (s.trim() === '' || !Number.isFinite(x)) throw new UsageError(`reparam: --at takes numbers separated by commas, not '${s.trim()}'`);
    return x;
  });
}

const show = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : Number(x.toPrecision(10)).toString());

function printAnalysis(a: Analysis): void {
  const lines = [
    `schedule      ${a.schedule}`,
    `target        ${a.target}`,
    `sampling      ${a.sampling}`,
    `weight        ${a.weight}`,
    `weightEps     ${a.weightEps}`,
    `weightX0      ${a.weightX0}`,
    `weightLambda  ${a.weightLambda ?? '— (not a function of lambda)'}`,
    `degenerate    ${a.degenerate.where} (b*alpha - a*sigma = ${a.degenerate.formula})`,
    'conversions (given xt and the target u):',
    ...Object.entries(a.conversions).map(([k, v]) => `  ${k.padEnd(6)} = ${v}`),
  ];
  if (a.endpoints.length) lines.push('endpoints:', ...a.endpoints.map((e) => `  ${e.where}: ${e.quantity} is ${e.value}${e.limit !== null ? ` (limit ${show(e.limit)})` : ''}${e.quantity === 'weight' ? ` — ${e.note}` : ''}`));
  if (a.at.length) {
    const discrete = a.at[0].alphaBar !== undefined;
    lines.push('values:', `  ${['t', ...(discrete ? ['beta', 'alphaBar'] : []), 'alpha', 'sigma', 'lambda', 'weightEps', 'weightX0', 'weightLambda', 'valid'].map((h) => h.padEnd(14)).join(' ')}`);
    for (const r of a.at) lines.push(`  ${[show(r.t), ...(discrete ? [show(r.beta), show(r.alphaBar)] : []), show(r.alpha), show(r.sigma), show(r.lambda), show(r.weightEps), show(r.weightX0), show(r.weightLambda), String(r.valid)].map((h) => h.padEnd(14)).join(' ')}`);
  }
  lines.push('checks:', ...a.checks.map((c) => `  ${c.verdict.padEnd(9)} ${c.claim}`));
  process.stdout.write(lines.join('\n') + '\n');
}

function exitOf(verdicts: readonly string[]): number {
  if (verdicts.includes('refuted')) return 1;
  if (verdicts.includes('unknown')) return 3;
  return 0;
}

async function compareCommand(positionals: string[], json: boolean): Promise<number> {
  if (positionals.length !== 3) throw new UsageError(`reparam compare: expected two objectives in quotes, e.g. derivcheck reparam compare "--schedule cosine --target eps" "--schedule cosine --target v --weight 'alpha^2'" (got ${positionals.length - 1})`);
  const specs = positionals.slice(1).map((text, i) => {
    const { values, positionals: extra } = readArgs('reparam', splitWords(text), OPTIONS);
    const where = ` compare (objective ${i === 0 ? 'A' : 'B'})`;
    if (extra.length) throw new UsageError(`reparam${where}: unexpected '${extra[0]}'`);
    if (values.at !== undefined || values.json) throw new UsageError(`reparam${where}: --at and --json go outside the objectives`);
    return specOf(values, where);
  });
  const c: Comparison = compare(specs[0], specs[1]);
  if (json) process.stdout.write(JSON.stringify(jsonDocument({ same: c.same, verdict: c.verdict, constant: c.constant, differAt: c.differAt })) + '\n');
  else {
    process.stdout.write(
      [
        `same objective  ${c.same ? 'yes' : 'no'}`,
        `verdict         ${c.verdict}`,
        `constant        ${c.constant === null ? '—' : `w_A/w_B = ${show(c.constant)}`}`,
        ...(c.differAt ? [`differ at       ${c.differAt.map((d) => `lambda = ${show(d.lambda)}: w_A/w_B = ${show(d.ratio)}`).join('; ')}`] : []),
        `why             ${c.reason}`,
      ].join('\n') + '\n',
    );
  }
  return c.same ? (c.verdict === 'unknown' ? 3 : 0) : c.verdict === 'refuted' ? 1 : 3;
}

export async function reparamCommand(argv: string[]): Promise<number> {
  // The objectives of compare begin with '--': they are arguments, not options.
  if (argv[0] === 'compare') {
    const rest = argv.slice(1).filter((a) => a !== '--');
    const json = rest.includes('--json');
    return compareCommand(['compare', ...rest.filter((a) => a !== '--json')], json);
  }
  const { values, positionals } = readArgs('reparam', argv, OPTIONS);
  if (positionals.length) throw new UsageError(`reparam: unexpected '${positionals[0]}' (options take --name VALUE; to compare two objectives: derivcheck reparam compare "A" "B")`);
  const a = analyze(specOf(values, ''), atList(values.at));
  if (values.json) process.stdout.write(JSON.stringify(jsonDocument({ ...a })) + '\n');
  else printAnalysis(a);
  return exitOf(a.checks.map((c) => c.verdict));
}
