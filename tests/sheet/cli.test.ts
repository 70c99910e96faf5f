// derivcheck sheet as a user runs it (the built CLI): the formats asked for and
// no others, plain progress lines in a log, no colour under NO_COLOR, the
// closing summary, and a bad option that leaves the previous sheet in place.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = mkdtempSync(join(tmpdir(), 'sheet-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const run = (env: Record<string, string>, ...args: string[]) => {
  const base = { ...process.env };
  delete base.NO_COLOR;
  delete base.FORCE_COLOR;
  const r = spawnSync(process.execPath, ['bin/derivcheck.js', 'sheet', ...args], { encoding: 'utf8', timeout: 300_000, env: { ...base, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('derivcheck sheet', () => {
  const out = join(root, 'sheet');

  it('writes only the formats asked for; progress in plain lines; ends with the counts and where the sheets are', () => {
    // FORCE_COLOR would colour a pipe; NO_COLOR wins over it.
    const r = run({ FORCE_COLOR: '1', NO_COLOR: '1' }, 'derivations/vdm/posterior.ts', '--out', out, '--format', 'json,md', '--backend', 'cpu');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // Markdown shows the plots as SVG files beside it; its index and the page of the one topic.
    expect(readdirSync(out).sort()).toEqual(['formula-sheet-vdm.md', 'formula-sheet.json', 'formula-sheet.md', 'plots']);
    expect(r.stdout).not.toContain('\x1b');
    expect(r.stdout).not.toContain('\r');
    expect(r.stdout).toMatch(/^✓ \[1\/1\] vdm\.posterior {2}proved, 12 steps, [\d.]+ s \(elapsed [\d.]+ s\)$/m);
    expect(r.stdout).toMatch(/^15 formulas from 1 derivation: 13 proved, 0 verified, 2 refuted as expected \(backend cpu, seed 1, [\d.]+ s\)$/m);
    expect(r.stdout).toMatch(new RegExp(`^sheets: .*formula-sheet\\.md, .*formula-sheet\\.json$`, 'm'));
    const doc = JSON.parse(readFileSync(join(out, 'formula-sheet.json'), 'utf8'));
    expect(doc.formulas).toHaveLength(15);
    expect(doc.seed).toBe(1);
  });

  it('a bad --format is one line on stderr, exit 2, and the sheet already there is untouched', () => {
    const before = readFileSync(join(out, 'formula-sheet.json'), 'utf8');
    const r = run({}, 'derivations/vdm/posterior.ts', '--out', out, '--format', 'json,pdf');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--format: unknown format 'pdf' .*formats: html, md, json, tex/);
    expect(readFileSync(join(out, 'formula-sheet.json'), 'utf8')).toBe(before);
  });
});
