// npm run bench:algebra — decides every identity of the corpus
// (tests/fixtures/algebra-corpus.json) with derivcheck and, in the same run,
// with SymPy (`simplify(lhs - rhs) == 0`, symbols declared positive per
// domain; scripts/bench_algebra_sympy.py), and prints a table, the agreement
// with the expected answers, and the median times.
//
// derivcheck's time is one cold decision per identity (after one warm-up
// decision, so the JIT has seen the code), and the median over 5 repeats.
// SymPy's time is simplify alone (parsing excluded), after a warm-up.
//
//   npm run bench:algebra [-- --md] [-- --sympy-timeout 60]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { decide } from '../src/algebra/index.js';
import type { Verdict } from '../src/verdict.js';
import { loadCorpus, type ParsedEntry } from './algebra-corpus.js';

const args = process.argv.slice(2);
const markdown = args.includes('--md');
const timeoutAt = args.indexOf('--sympy-timeout');
const sympyTimeout = timeoutAt >= 0 ? Number(args[timeoutAt + 1]) : 60;
const REPEATS = 5;

interface Row {
  readonly entry: ParsedEntry;
  readonly verdict: Verdict['verdict'];
  readonly method: string;
  readonly coldMs: number;
  readonly warmMs: number;
  sympy?: { answer: boolean | null; ms: number; error?: string };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function timeDecide(e: ParsedEntry): { v: Verdict; ms: number } {
  const t0 = performance.now();
  const v = decide(e.lhsNode, e.rel, e.rhsNode, e.domain);
  return { v, ms: performance.now() - t0 };
}

function runDerivcheck(corpus: ParsedEntry[]): Row[] {
  timeDecide(corpus[0]);
  const rows: Row[] = corpus.map((entry) => {
    const { v, ms } = timeDecide(entry);
    return { entry, verdict: v.verdict, method: v.evidence[0]?.method ?? '', coldMs: ms, warmMs: NaN };
  });
  return rows.map((r) => ({ ...r, warmMs: median(Array.from({ length: REPEATS }, () => timeDecide(r.entry).ms)) }));
}

function runSympy(corpus: ParsedEntry[]): { version: string; rows: Map<string, NonNullable<Row['sympy']>> } | string {
  const script = fileURLToPath(new URL('./bench_algebra_sympy.py', import.meta.url));
  const input = JSON.stringify(corpus.map(({ name, lhs, rhs, rel, params }) => ({ name, lhs, rhs, rel, params })));
  const out = spawnSync('python3', [script, String(sympyTimeout)], { input, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (out.error) return `python3 is not available (${out.error.message})`;
  if (out.status !== 0) return `SymPy did not run: ${(out.stderr || '').trim().split('\n').pop()}`;
  const lines = out.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const rows = new Map<string, NonNullable<Row['sympy']>>();
  for (const l of lines.slice(1)) rows.set(l.name, { answer: l.answer, ms: l.ms, error: l.error });
  return { version: lines[0].sympy, rows };
}

const ok = (expected: boolean, verdict: string): boolean => (expected ? verdict === 'proved' || verdict === 'verified' : verdict === 'refuted');
const fmt = (ms: number): string => (Number.isNaN(ms) ? '-' : ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

function main(): void {
  const corpus = loadCorpus();
  const rows = runDerivcheck(corpus);
  const sympy = runSympy(corpus);
  if (typeof sympy === 'string') console.log(`SymPy skipped: ${sympy}\n`);
  else for (const r of rows) r.sympy = sympy.rows.get(r.entry.name);

  const header = ['identity', 'expected', 'derivcheck', 'method', 'ms (cold)', 'ms (warm)', 'SymPy', 'ms'];
  const table = rows.map((r) => [
    r.entry.name,
    r.entry.expected ? 'true' : 'false',
    `${r.verdict}${ok(r.entry.expected, r.verdict) ? '' : ' ✗'}`,
    r.method,
    fmt(r.coldMs),
    fmt(r.warmMs),
    r.sympy ? (r.sympy.answer === null ? `— (${r.sympy.error})` : `${r.sympy.answer}${r.sympy.answer === r.entry.expected ? '' : ' ✗'}`) : '-',
    r.sympy ? fmt(r.sympy.ms) : '-',
  ]);
  if (markdown) {
    console.log(`| ${header.join(' | ')} |\n| ${header.map(() => '---').join(' | ')} |`);
    for (const t of table) console.log(`| ${t.join(' | ')} |`);
  } else {
    const w = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
    const line = (t: string[]) => t.map((c, i) => (i >= 4 && i !== 6 ? c.padStart(w[i]) : c.padEnd(w[i]))).join('  ');
    console.log(line(header));
    for (const t of table) console.log(line(t));
  }

  const trueRows = rows.filter((r) => r.entry.expected);
  const agree = rows.filter((r) => ok(r.entry.expected, r.verdict)).length;
  const proved = trueRows.filter((r) => r.verdict === 'proved').length;
  console.log(`\n${rows.length} identities (${trueRows.length} true, ${rows.length - trueRows.length} false)`);
  console.log(`derivcheck: ${agree}/${rows.length} as expected (true → proved/verified, false → refuted); ${proved}/${trueRows.length} true ones proved`);
  console.log(`derivcheck median: ${fmt(median(rows.map((r) => r.coldMs)))} ms cold, ${fmt(median(rows.map((r) => r.warmMs)))} ms warm (median of ${REPEATS}); total ${fmt(rows.reduce((s, r) => s + r.coldMs, 0))} ms`);
  if (typeof sympy !== 'string') {
    const s = rows.map((r) => r.sympy).filter((x): x is NonNullable<Row['sympy']> => x !== undefined);
    const sAgree = rows.filter((r) => r.sympy?.answer === r.entry.expected).length;
    const both = rows.filter((r) => ok(r.entry.expected, r.verdict) === (r.sympy?.answer === r.entry.expected)).length;
    console.log(`SymPy ${sympy.version} simplify: ${sAgree}/${rows.length} as expected; median ${fmt(median(s.map((x) => x.ms)))} ms; total ${fmt(s.reduce((a, x) => a + x.ms, 0))} ms`);
    console.log(`derivcheck and SymPy both right or both wrong on ${both}/${rows.length}`);
    // Time ratios derivcheck / SymPy per identity (SymPy times below 1 µs are taken as 1 µs).
    for (const which of ['coldMs', 'warmMs'] as const) {
      const ratios = rows.filter((r) => r.sympy && r.sympy.answer !== null).map((r) => ({ name: r.entry.name, x: r[which] / Math.max(r.sympy!.ms, 1e-3) }));
      const slower = ratios.filter((r) => r.x > 1).sort((a, b) => b.x - a.x);
      const worst = slower.slice(0, 5).map((r) => `${r.name} ${r.x.toFixed(1)}×`).join(', ');
      console.log(
        `time ratio derivcheck (${which === 'coldMs' ? 'cold' : 'warm'}) / SymPy: median ${median(ratios.map((r) => r.x)).toFixed(3)}, max ${Math.max(...ratios.map((r) => r.x)).toFixed(1)}; slower than SymPy on ${slower.length}/${ratios.length}${worst ? ` (${worst})` : ''}`,
      );
    }
  }
  if (agree !== rows.length) process.exitCode = 1;
}

main();
