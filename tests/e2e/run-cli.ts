// Runs the built CLI as a user would (node bin/derivcheck.js …).
import { spawnSync } from 'node:child_process';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function cli(...args: string[]): CliResult {
  return cliWith({}, ...args);
}

/** The CLI with extra environment variables (NO_COLOR, FORCE_COLOR, …); none of the caller's colour settings leak in. */
export function cliWith(env: Record<string, string>, ...args: string[]): CliResult {
  const base = { ...process.env };
  delete base.NO_COLOR;
  delete base.FORCE_COLOR;
  const r = spawnSync(process.execPath, ['bin/derivcheck.js', ...args], { encoding: 'utf8', timeout: 120_000, env: { ...base, ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The one JSON document a --json run prints, parsed (fails if there is anything else). */
export function json(r: CliResult): Record<string, any> {
  const lines = r.stdout.trim().split('\n');
  if (lines.length !== 1) throw new Error(`expected one line of JSON, got ${lines.length}: ${r.stdout.slice(0, 500)}`);
  return JSON.parse(lines[0]);
}

/**
 * A usage error: exit 2, one line on stderr naming the problem (for an error
 * inside the user's text, followed by that text and a caret line under the
 * place), no stack trace.
 */
export function isOneLineError(r: CliResult): boolean {
  const lines = r.stderr.replace(/\n$/, '').split('\n');
  const caret = lines.length === 3 && /^ {2}/.test(lines[1]) && /^ {2} *\^$/.test(lines[2]);
  return r.code === 2 && (lines.length === 1 || caret) && /^derivcheck/.test(lines[0]) && !/\n\s+at /.test(r.stderr);
}

/** The caret line's column under the shown input, or -1. */
export function caretColumn(r: CliResult): number {
  const lines = r.stderr.replace(/\n$/, '').split('\n');
  return lines.length === 3 ? lines[2].indexOf('^') - 2 : -1;
}
