// Law: `check` with worker threads (--jobs N, the default on several cores)
// reports exactly what the check in one thread (--jobs 1) reports — every
// verdict, every evidence figure, the order, the exit code, the text lines —
// except the timings; --bail stops at the same derivation; a check too small
// to repay starting workers stays in one thread; --jobs takes integers ≥ 1.
import { describe, expect, it } from 'vitest';
import { cli, isOneLineError, json } from './run-cli.js';

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

  it('a check with few steps stays in this thread (jobs 1 in the JSON) whatever --jobs says', () => {
    const r = cli('check', 'tests/fixtures/derivations/broken.ts', '--json', '--jobs', '4');
    expect(r.code).toBe(1);
    expect(json(r).jobs).toBe(1);
  });

  it.each(['0', '-1', '1.5', 'two', ''])('--jobs %j is a usage error', (v) => {
    expect(isOneLineError(cli('check', 'tests/fixtures/derivations/broken.ts', '--jobs', v))).toBe(true);
  });
});
