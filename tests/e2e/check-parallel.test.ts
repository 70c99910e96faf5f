// Law: `check` with worker threads (--jobs N, the default on several cores)
// reports exactly what the check in one thread (--jobs 1) reports — every
// verdict, every evidence figure, the order, the exit code, the text lines —
// except the timings; --bail stops at the same derivation; a check too small
// to repay starting workers stays in one thread; --jobs takes integers ≥ 1.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, isOneLineError, json } from './run-cli.js';

/**
 * A user's TypeScript derivation outside the package (loaded through the
 * loader hooks, in each worker too): eight Monte Carlo steps, enough for
 * workers, one of them a documented mistake that must stay refuted.
 */
function userProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'derivcheck-parallel-'));
  writeFileSync(join(dir, 'moments.ts'), `import { by, calc, derivation, E, draw, normal, sym, exp, pow, mul, add, num, sqrt, div, pi, abs, wrong } from 'derivcheck';
const x = sym('x');
const over = [draw('x', normal(0, 1))];
const halfNormal = sqrt(div(2, pi));
export default derivation({
  id: 'user.moments',
  title: 'absolute moments of a standard normal',
  source: 'textbook',
  strategy: 'sample them',
  assumptions: {},
  chains: [
    calc(E(abs(x), over)).eq(halfNormal, by.monteCarlo()),
    calc(E(exp(mul(0.5, x)), over)).eq(exp(num(0.125)), by.monteCarlo()),
    calc(E(pow(abs(x), 3), over)).eq(mul(2, halfNormal), by.monteCarlo()),
    calc(E(add(abs(x), pow(x, 2)), over)).eq(add(1, halfNormal), by.monteCarlo()),
    calc(E(pow(x, 4), over)).eq(num(3), by.monteCarlo()),
    calc(E(mul(x, abs(x)), over)).eq(num(0), by.monteCarlo()),
    calc(E(exp(abs(x)), over)).ge(num(1), by.monteCarlo()),
    wrong(E(abs(x), over), '=', num(0.9), by.monteCarlo(), 'E|x| is √(2/π) ≈ 0.798, not 0.9'),
  ],
});
`);
  return dir;
}

/** The document without its timings (every `ms`) and without `jobs`. */
const timeless = (doc: Record<string, unknown>): string => JSON.stringify(doc, (k, v) => (k === 'ms' || k === 'jobs' ? undefined : v));
/** Text output without the per-step and total times (a step line is cut to the terminal's width after its time, so it is compared up to the time; the table's last column is seconds). */
const untimed = (s: string): string =>
  s.replace(/ \d+ ms .*$/gm, ' T ms').replace(/\s+\d+\.\d+\s*$/gm, ' T').replace(/, [\d.]+ s\)/g, ', T s)').replace(/\s+\d+(\.\d+)? s(?=\s|$)/g, ' T s');

describe('check in worker threads reports what the check in one thread reports', () => {
  it('derivations/vae (22 steps with expectations): the same JSON but for timings, jobs 2 against 1', () => {
    const one = cli('check', 'derivations/vae', '--json', '--jobs', '1');
    const two = cli('check', 'derivations/vae', '--json', '--jobs', '2');
    expect(one.code).toBe(0);
    expect(two.code).toBe(one.code);
    const a = json(one);
    const b = json(two);
    expect(a.jobs).toBe(1);
    expect(b.jobs).toBe(2);
    expect(timeless(b)).toBe(timeless(a));
    expect(b.derivations.map((d: { id: string }) => d.id)).toEqual(a.derivations.map((d: { id: string }) => d.id));
  }, 240_000);

  it('the text report: the same lines in the same order but for timings', () => {
    const one = cli('check', 'derivations/vae', '--jobs', '1');
    const two = cli('check', 'derivations/vae', '--jobs', '2');
    expect(two.code).toBe(one.code);
    expect(untimed(two.stdout)).toBe(untimed(one.stdout));
  }, 240_000);

  it('--bail stops after the same failing derivation (a refuted fixture first), with exit 1', () => {
    const one = cli('check', 'tests/fixtures/derivations/broken.ts', 'derivations/vae', '--json', '--bail', '--jobs', '1');
    const two = cli('check', 'tests/fixtures/derivations/broken.ts', 'derivations/vae', '--json', '--bail', '--jobs', '2');
    expect(one.code).toBe(1);
    expect(two.code).toBe(1);
    expect(json(two).derivations.map((d: { id: string }) => d.id)).toEqual(json(one).derivations.map((d: { id: string }) => d.id));
    expect(json(two).derivations).toHaveLength(1);
  }, 240_000);

  it("a user's TypeScript project outside the package: the same JSON with workers (the loader hooks run in each)", () => {
    const dir = userProject();
    const one = cli('check', dir, '--json', '--jobs', '1');
    const two = cli('check', dir, '--json', '--jobs', '2');
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    expect(json(two).jobs).toBe(2);
    expect(timeless(json(two))).toBe(timeless(json(one)));
    expect(json(two).summary.refuted).toBe(1);
  }, 240_000);

  it('a check with few steps stays in this thread (jobs 1 in the JSON) whatever --jobs says', () => {
    const r = cli('check', 'tests/fixtures/derivations/broken.ts', '--json', '--jobs', '4');
    expect(r.code).toBe(1);
    expect(json(r).jobs).toBe(1);
  });

  it.each(['0', '-1', '1.5', 'two', ''])('--jobs %j is a usage error', (v) => {
    expect(isOneLineError(cli('check', 'tests/fixtures/derivations/broken.ts', '--jobs', v))).toBe(true);
  });
});
