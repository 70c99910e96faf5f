// Runs the built CLI as a user would (node bin/derivcheck.js …).
import { spawnSync } from 'node:child_process';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function cli(...args: string[]): CliResult {
  const r = spawnSync(process.execPath, ['bin/derivcheck.js', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The one JSON document a --json run prints, parsed (fails if there is anything else). */
export function json(r: CliResult): Record<string, any> {
  const lines = r.stdout.trim().split('\n');
  if (lines.length !== 1) throw new Error(`expected one line of JSON, got ${lines.length}: ${r.stdout.slice(0, 500)}`);
  return JSON.parse(lines[0]);
}

/** A usage error: exit 2, one line on stderr, no stack trace. */
export function isOneLineError(r: CliResult): boolean {
  const lines = r.stderr.trim().split('\n');
  return r.code === 2 && lines.length === 1 && !/\n\s+at /.test(r.stderr);
}
