// The independent re-check (issue 12 item 4): SymPy re-decides the committed
// sheet's formulas. Done when 0 are contradicted and at least 40 agree; every
// documented mistake on a testbed that SymPy can read comes out false there too
// ("contradicted as expected"). A tampered sheet must be caught, or the re-check proves nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SHEET = 'docs/sheet/formula-sheet.json';
const probe = spawnSync('python3', ['-c', 'import sympy, mpmath; print(sympy.__version__)'], { encoding: 'utf8' });
const hasSympy = probe.status === 0;
if (!hasSympy) console.log(`tests/sheet/recheck-sympy.test.ts: skipped: python3 with SymPy is not available here (${(probe.stderr || probe.error?.message || '').trim().split('\n').pop()}); Debian: apt-get install python3-sympy`);

const root = mkdtempSync(join(tmpdir(), 'sheet-recheck-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Report { counts: Record<string, number>; formulas: { id: string; outcome: string }[] }
const recheck = (file: string): { code: number | null; report: Report } => {
  const r = spawnSync('python3', ['scripts/recheck-sheet.py', file, '--json'], { encoding: 'utf8', timeout: 1_500_000 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`recheck-sheet.py failed (${r.status}): ${r.stderr}`);
  return { code: r.status, report: JSON.parse(r.stdout) as Report };
};

type Formula = { id: string; scope: string; relation: string; verdict: string; rhs: string; lhs: string };
const sheet = JSON.parse(readFileSync(SHEET, 'utf8')) as { formulas: Formula[] };

describe.skipIf(!hasSympy)('SymPy re-checks the formula sheet', () => {
  it('the committed sheet: 0 contradicted, at least 40 agreed, no testbed mistake agreed (at least 10 contradicted as expected)', () => {
    const { code, report } = recheck(SHEET);
    expect(report.counts.contradicted).toBe(0);
    expect(code).toBe(0);
    expect(report.counts.agreed).toBeGreaterThanOrEqual(40);
    const outcome = new Map(report.formulas.map((f) => [f.id, f.outcome]));
    const mistakes = sheet.formulas.filter((f) => f.verdict === 'refuted-as-expected' && f.scope === 'testbed');
    expect(mistakes.length).toBeGreaterThan(0);
    // A documented mistake SymPy can read must come out false there too; one it cannot read (an
    // expectation over a distribution, say) is not parseable — never agreed.
    for (const f of mistakes) expect(['contradicted as expected', 'not parseable'], f.id).toContain(outcome.get(f.id));
    expect(mistakes.filter((f) => outcome.get(f.id) === 'contradicted as expected').length).toBeGreaterThanOrEqual(10);
  }, 1_500_000);

  it('a tampered sheet is caught: a proved identity off by a factor 1 + 10^-6, an inequality reversed, a mistake marked proved', () => {
    const identity = sheet.formulas.find((f) => f.scope === 'testbed' && f.relation === '=' && f.verdict === 'proved' && f.rhs.length < 200)!;
    const inequality = sheet.formulas.find((f) => f.scope === 'testbed' && f.relation !== '=' && f.verdict === 'proved' && f.rhs.length < 400)!;
    const mistake = sheet.formulas.find((f) => f.scope === 'testbed' && f.verdict === 'refuted-as-expected' && f.rhs.length < 400)!;
    const tampered = [
      { ...identity, rhs: `(${identity.rhs}) * (1 + 1/1000000)` },
      // lhs ≤ rhs everywhere, so lhs − 1 ≥ rhs nowhere (and the other way round).
      { ...inequality, relation: inequality.relation === '<=' ? '>=' : '<=', lhs: `(${inequality.lhs}) ${inequality.relation === '<=' ? '-' : '+'} 1` },
      { ...mistake, verdict: 'proved' },
    ];
    const file = join(root, 'tampered.json');
    writeFileSync(file, JSON.stringify({ ...sheet, formulas: tampered }));
    const { code, report } = recheck(file);
    expect(report.formulas.map((f) => f.outcome)).toEqual(['contradicted', 'contradicted', 'contradicted']);
    expect(code).toBe(1);
  }, 600_000);
});
