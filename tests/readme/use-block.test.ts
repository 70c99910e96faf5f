// Docs that run: every `npx derivcheck …  # verdict` line of the README's
// "Use" block is run here, as a user would run it, and must give the verdict
// written beside it. The comment's grammar:
//
//   # proved | verified | refuted | unknown | holds | bad input | exit N  [details]
//
// proved/verified/holds mean exit 0, refuted exit 1, bad input exit 2,
// unknown exit 3; a verdict word must also be what the command printed. A
// detail `name = value` (a counterexample) must appear in the output, and an
// `mc --json` detail `E[…] = value` must lie within 6 standard errors of the
// estimate. A line of the block without such a comment fails the test: docs
// that cannot be checked are how docs drift.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const EXIT: Record<string, number> = { proved: 0, verified: 0, holds: 0, refuted: 1, 'bad input': 2, unknown: 3 };

/** Shell-like words: double- or single-quoted strings stay one argument. */
function words(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

interface UseLine {
  readonly line: string;
  readonly args: string[];
  readonly verdict: string;
  readonly exit: number;
  readonly details: string;
}

function useLines(readme: string): UseLine[] {
  const block = /## Use\s+```sh\n([\s\S]*?)```/.exec(readme);
  if (!block) throw new Error('README has no "## Use" block with a ```sh fence');
  return block[1]
    .split('\n')
    .filter((l) => l.trim() && !l.trim().startsWith('#'))
    .map((line) => {
      const m = /^npx derivcheck(.*?)\s+#\s*(proved|verified|refuted|unknown|holds|bad input|exit (\d))\b[,:;]?\s*(.*)$/.exec(line);
      if (!m) throw new Error(`README Use line without a checkable verdict comment: ${line}`);
      const verdict = m[3] !== undefined ? 'exit' : m[2];
      return { line, args: words(m[1]), verdict, exit: m[3] !== undefined ? Number(m[3]) : EXIT[verdict], details: m[4] };
    });
}

// The whole suite's `check` takes about a minute on a loaded 2-core machine: a long limit, not a flaky one.
const LIMIT_MS = 900_000;

function cli(...args: string[]) {
  const env = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, ['bin/derivcheck.js', ...args], { encoding: 'utf8', timeout: LIMIT_MS, env });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const readme = readFileSync('README.md', 'utf8');
const lines = useLines(readme);

describe('README "Use" block: each command gives the verdict written beside it', () => {
  it('the block has commands for claim, mc and check', () => {
    const commands = new Set(lines.map((l) => l.args[0]));
    for (const c of ['claim', 'mc', 'check']) expect(commands.has(c), c).toBe(true);
  });

  for (const l of lines) {
    it(l.line.replace(/\s+#.*/, '').replace(/^npx /, ''), () => {
      const r = cli(...l.args);
      const out = r.stdout + r.stderr;
      expect(r.code, out.slice(0, 2000)).toBe(l.exit);
      if (['proved', 'verified', 'refuted', 'unknown'].includes(l.verdict)) {
        const printed = l.args.includes('--json') ? JSON.parse(r.stdout).verdict : /^verdict\s+(\w+)/m.exec(r.stdout)?.[1];
        expect(printed).toBe(l.verdict);
      }
      // A counterexample written beside the line (x = -1) is the one printed.
      for (const m of l.details.matchAll(/\b([A-Za-z_]\w*) = (-?\d+(?:\.\d+)?)\b(?!\s*±)/g)) {
        if (l.args[0] === 'mc') continue;
        expect(out.replace(/\s+/g, ''), `${m[0]} in the output`).toContain(`${m[1]}=${m[2]}`);
      }
      // An mc estimate written beside the line is within 6 standard errors.
      const est = /E\[[^\]]*\] = (-?\d+(?:\.\d+)?)/.exec(l.details);
      if (l.args[0] === 'mc' && est && l.args.includes('--json')) {
        const j = JSON.parse(r.stdout);
        expect(Math.abs(j.mean - Number(est[1]))).toBeLessThanOrEqual(6 * j.stderr);
      }
    }, LIMIT_MS);
  }
});
