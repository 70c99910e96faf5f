// npm run bench:check — what a user waits for: the whole `derivcheck check`
// of derivations/ (29 derivations), and a claim decided by Monte Carlo at the
// default precision, each as a whole process of the compiled CLI (npm run
// build first). Issue 14's targets on a 2-core machine: check ≤ 20 s, the
// claim ≤ 0.5 s of wall time, with at least the power it had
// (RQMC on cpu: smallest detectable difference ≈ 1.6e-7).
//
// Wall time depends on what else the machine runs, so every figure comes
// with its CPU time (user + sys of the process and all its threads, from
// /usr/bin/time; wall only where that is missing) and the load average
// before and after. There is no cache on disk: every run starts from the
// same nothing, so "cold" is simply the first process after the build (the
// OS file cache not yet warm) and "warm" the median of the later ones.
//
//   npm run bench:check [-- --runs 3] [--claim-runs 7] [--sequential] [--md]
//     --runs N        check runs (default 3: one cold, two warm)
//     --claim-runs N  runs of each claim (default 7)
//     --sequential    also time `check --jobs 1` once (the check in one thread)
//     --md            the figures as a Markdown table too
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer`);
  return v;
};
const RUNS = opt('--runs', 3);
const CLAIM_RUNS = opt('--claim-runs', 7);
const root = resolve('.');
const cliPath = join(root, 'bin', 'derivcheck.js');
if (!existsSync(join(root, 'dist', 'src', 'cli', 'main.js'))) throw new Error('no dist/: run npm run build first');
const TIME = '/usr/bin/time';
const hasTime = existsSync(TIME);
const timeFile = join(mkdtempSync(join(tmpdir(), 'derivcheck-bench-check-')), 'time');

interface Run {
  readonly wall: number;
  /** user + sys seconds of the process and its threads (NaN without /usr/bin/time). */
  readonly cpu: number;
  readonly stdout: string;
  readonly code: number;
}

function run(cliArgs: string[]): Run {
  const t = performance.now();
  const r = hasTime
    ? spawnSync(TIME, ['-f', '%U %S', '-o', timeFile, process.execPath, cliPath, ...cliArgs], { encoding: 'utf8', cwd: root, maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, [cliPath, ...cliArgs], { encoding: 'utf8', cwd: root, maxBuffer: 1 << 28 });
  const wall = (performance.now() - t) / 1000;
  let cpu = NaN;
  if (hasTime) {
    const [u, s] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    cpu = u + s;
  }
  return { wall, cpu, stdout: r.stdout, code: r.status ?? -1 };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');
const f = (x: number, d = 2): string => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

console.log(`machine: ${availableParallelism()} × ${cpus()[0]?.model ?? 'unknown cpu'}; node ${process.version}; ${new Date().toISOString()}`);
console.log(`load average at the start: ${load()}${hasTime ? '' : ' (no /usr/bin/time: wall only)'}`);

// ── the check ──
const checks: (Run & { summary: string; jobs: number; loadBefore: string })[] = [];
for (let i = 0; i < RUNS; i++) {
  const loadBefore = load();
  const r = run(['check', '--json']);
  const doc = JSON.parse(r.stdout) as { summary: Record<string, number>; jobs?: number; backend: string };
  checks.push({ ...r, summary: JSON.stringify(doc.summary), jobs: doc.jobs ?? 1, loadBefore });
  console.log(`check ${i === 0 ? '(cold)' : '(warm)'}: ${f(r.wall, 1)} s wall, ${f(r.cpu, 1)} s CPU, exit ${r.code}, ${doc.jobs ?? 1} worker thread(s) on ${doc.backend}; load before ${loadBefore}; ${JSON.stringify(doc.summary)}`);
}
if (new Set(checks.map((c) => c.summary)).size > 1) console.log('WARNING: the summaries differ between runs');
let sequential: Run | undefined;
if (args.includes('--sequential')) {
  sequential = run(['check', '--json', '--jobs', '1']);
  console.log(`check --jobs 1 (one thread): ${f(sequential.wall, 1)} s wall, ${f(sequential.cpu, 1)} s CPU; load after ${load()}`);
}
const warm = checks.length > 1 ? checks.slice(1) : checks;
const cores = Math.min(availableParallelism(), Math.max(...checks.map((c) => c.jobs)));

// ── claims ──
interface ClaimRow { readonly name: string; readonly args: string[]; wall: number; cpu: number; detectable?: number; method?: string; verdict?: string }
const claims: ClaimRow[] = [
  { name: 'claim "E[sigmoid(x)] = 0.5" --random "x ~ N(0,1)" (RQMC)', args: ['claim', 'E[sigmoid(x)] = 0.5', '--random', 'x ~ N(0,1)', '--json'], wall: 0, cpu: 0 },
  { name: 'claim "E[abs(x)] = sqrt(2/pi)" --random "x ~ N(0,1)" (plain MC)', args: ['claim', 'E[abs(x)] = sqrt(2/pi)', '--random', 'x ~ N(0,1)', '--json'], wall: 0, cpu: 0 },
  { name: 'claim "x^2 >= 0" (no Monte Carlo, for reference)', args: ['claim', 'x^2 >= 0', '--json'], wall: 0, cpu: 0 },
];
for (const c of claims) {
  const rs = Array.from({ length: CLAIM_RUNS }, () => run(c.args));
  c.wall = median(rs.map((r) => r.wall));
  c.cpu = median(rs.map((r) => r.cpu));
  try {
    const doc = JSON.parse(rs[0].stdout) as { verdict?: string; evidence?: { method: string; data?: Record<string, unknown> }[] };
    c.verdict = doc.verdict;
    const mc = doc.evidence?.find((e) => e.method === 'monte-carlo');
    if (mc?.data) {
      c.detectable = Number(mc.data.detectableDifference);
      c.method = `${mc.data.method} on ${mc.data.backend}`;
    }
  } catch {
    c.verdict = `unreadable output (exit ${rs[0].code})`;
  }
  console.log(`${c.name}: median of ${CLAIM_RUNS}: ${f(c.wall)} s wall, ${f(c.cpu)} s CPU; ${c.verdict}${c.detectable !== undefined ? `, ${c.method}, smallest detectable difference ${c.detectable.toPrecision(3)}` : ''}`);
}
console.log(`load average at the end: ${load()}`);

// ── the verdict on the targets ──
const checkWall = median(warm.map((c) => c.wall));
const checkCpu = median(warm.map((c) => c.cpu));
console.log('');
console.log(`check: cold ${f(checks[0].wall, 1)} s, warm ${f(checkWall, 1)} s wall (target ≤ 20 s); ${f(checkCpu, 1)} s CPU over ${cores} core(s): ` +
  `at least ${f(checkCpu / cores, 1)} s of wall on an idle machine`);
console.log(`claim by Monte Carlo: ${f(claims[0].wall)} s wall (target ≤ 0.5 s), ${f(claims[0].cpu)} s CPU; power: smallest detectable difference ${claims[0].detectable?.toPrecision(3) ?? 'n/a'} (was 1.6e-7)`);

if (args.includes('--md')) {
  console.log('');
  console.log('| run | wall (s) | CPU (s) | note |');
  console.log('| --- | --- | --- | --- |');
  checks.forEach((c, i) => console.log(`| \`check\` ${i === 0 ? 'cold' : 'warm'} | ${f(c.wall, 1)} | ${f(c.cpu, 1)} | ${c.jobs} worker thread(s); load before ${c.loadBefore} |`));
  if (sequential) console.log(`| \`check --jobs 1\` | ${f(sequential.wall, 1)} | ${f(sequential.cpu, 1)} | one thread |`);
  for (const c of claims) console.log(`| \`${c.name.replace(/ \(.*\)$/, '')}\` (median of ${CLAIM_RUNS}) | ${f(c.wall)} | ${f(c.cpu)} | ${c.verdict ?? ''}${c.detectable !== undefined ? `; ${c.method}; detectable ${c.detectable.toPrecision(2)}` : ''} |`);
}
