// Long runs from the command line (issue 8, hole 9): --samples syntax and
// limits, the --max-seconds budget (exit 3, samples done reported), SIGINT /
// SIGTERM (exit 130 / 143 within about a second), constant memory, and a
// stdout that holds exactly the one JSON line whatever the device says.
import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cli, isOneLineError, json } from './run-cli.js';
import { webgpuAdapter, REQUIRE_WEBGPU } from '../mc/webgpu-gate.js';

const X = ['x^2', '--random', 'x ~ N(0, 1)'];

describe('--samples and --max-seconds syntax', () => {
  it.each(['-1', '0', '1.5', '2.5e0', '1e400', '1e16', '9007199254740992', '0x10', 'abc', '', '1e', 'Infinity', ' '])(
    '--samples %j is bad input: exit 2, one line naming the accepted range', (v) => {
      // --samples=v: a value like -1 after a separate --samples is an option to parseArgs.
      const r = cli('mc', ...X, `--samples=${v}`, '--backend', 'cpu');
      expect(isOneLineError(r)).toBe(true);
      expect(r.stderr).toMatch(/--samples must be a whole number from 1 to 2\^53/);
      expect(r.stdout).toBe('');
    });

  it.each([['100000', 100000], ['1e5', 100000], ['2.5e5', 250000], ['1E5', 100000]])('--samples %s draws %d samples', (v, n) => {
    const r = cli('mc', ...X, '--samples', v, '--backend', 'cpu', '--json');
    expect(r.code).toBe(0);
    expect(json(r).samples).toBe(n);
  });

  it.each(['0', '-1', 'abc', 'Infinity', '1e999', ''])('--max-seconds %j is bad input: exit 2, one line', (v) => {
    const r = cli('mc', ...X, `--max-seconds=${v}`, '--backend', 'cpu');
    expect(isOneLineError(r)).toBe(true);
    expect(r.stderr).toMatch(/--max-seconds must be a positive number/);
  });

  it('claim takes the same --samples syntax', () => {
    const r = cli('claim', 'E[x^2] = 1', '--random', 'x ~ N(0, 1)', '--samples', '1.5');
    expect(isOneLineError(r)).toBe(true);
  });
});

describe('the --max-seconds budget', () => {
  it('mc --samples 1e15 --max-seconds 1: back within seconds, exit 3, the samples done and asked for, in bounded memory', () => {
    // Run through the CLI's own entry in a child that reports its peak memory.
    const code = `const { run } = await import('./dist/src/cli/main.js');
      await run(${JSON.stringify(['mc', ...X, '--samples', '1e15', '--max-seconds', '1', '--json'])});
      process.stderr.write('maxRSS ' + process.resourceUsage().maxRSS + '\\n');`;
    const t0 = Date.now();
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', timeout: 60_000 });
    const seconds = (Date.now() - t0) / 1000;
    expect(r.status).toBe(3);
    expect(seconds).toBeLessThan(15);
    const doc = json({ code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr });
    expect(doc.stopped).toBe('max-seconds');
    expect(doc.requested).toBe(1e15);
    expect(doc.samples).toBeGreaterThan(0);
    expect(doc.samples).toBeLessThan(1e15);
    expect(doc.reason).toMatch(/^budget exhausted: --max-seconds 1 ran out after \d+ of 1000000000000000 samples$/);
    expect(r.stderr).toMatch(/derivcheck: mc: budget exhausted/);
    const rss = Number(/maxRSS (\d+)/.exec(r.stderr)?.[1]); // KiB
    expect(rss).toBeGreaterThan(0);
    expect(rss).toBeLessThan(600 * 1024);
  });

  it('a run that fits in its budget is unaffected (exit 0, no reason)', () => {
    const r = cli('mc', ...X, '--samples', '1e5', '--max-seconds', '60', '--backend', 'cpu', '--json');
    expect(r.code).toBe(0);
    const doc = json(r);
    expect(doc.stopped).toBeUndefined();
    expect(doc.reason).toBeUndefined();
    // Progress goes to terminals only: none in a captured stderr.
    expect(r.stderr).not.toMatch(/ samples \(/);
  });

  it('claim: a Monte Carlo decision cut by --max-seconds is unknown, "budget exhausted", exit 3', () => {
    const r = cli('claim', 'E[exp(abs(x))] = 2', '--random', 'x ~ N(0, 1)', '--samples', '1e13', '--max-seconds', '0.5', '--json');
    expect(r.code).toBe(3);
    const doc = json(r);
    expect(doc.verdict).toBe('unknown');
    expect(doc.reason).toMatch(/^budget exhausted: 0.5 s ran out after \d+ of 10000000000000 samples/);
  });
});

async function interrupt(sig: 'SIGINT' | 'SIGTERM', backend: string): Promise<{ code: number | null; ms: number; stdout: string; stderr: string }> {
  // DERIVCHECK_PROGRESS=1: progress lines on the (non-terminal) stderr tell
  // when the run is inside its sample loop, whatever the machine's load.
  const env = { ...process.env, DERIVCHECK_PROGRESS: '1' };
  const p = spawn(process.execPath, ['bin/derivcheck.js', 'mc', ...X, '--samples', '1e14', '--backend', backend, '--json'], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stdout = '';
  let stderr = '';
  p.stdout.on('data', (d) => (stdout += d));
  const looping = new Promise<void>((resolve) => p.stderr.on('data', (d) => {
    stderr += d;
    if (/ samples \(/.test(stderr)) resolve();
  }));
  await looping;
  await new Promise((r) => setTimeout(r, 300));
  const t0 = Date.now();
  p.kill(sig);
  const code = await new Promise<number | null>((r) => p.on('exit', (c) => r(c)));
  return { code, ms: Date.now() - t0, stdout, stderr };
}

describe('signals stop a long run within about a second', () => {
  const backends = webgpuAdapter || REQUIRE_WEBGPU ? ['cpu', 'webgpu'] : ['cpu'];
  for (const backend of backends) {
    it(`${backend}: SIGINT → exit 130, nothing on stdout, one line saying how far it got`, async () => {
      const r = await interrupt('SIGINT', backend);
      expect(r.code).toBe(130);
      expect(r.ms).toBeLessThan(1500);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/derivcheck: mc: SIGINT: interrupted after \d+ of 100000000000000 samples\n$/);
    }, 30_000);
  }
  it('SIGTERM → exit 143', async () => {
    const r = await interrupt('SIGTERM', 'cpu');
    expect(r.code).toBe(143);
    expect(r.ms).toBeLessThan(1500);
  }, 30_000);
});

describe('stdout is the one JSON line', () => {
  it.each(webgpuAdapter || REQUIRE_WEBGPU ? ['webgpu', 'auto', 'cpu'] : ['cpu'])('mc --json on %s: exactly one line, parseable, finite', (backend) => {
    const r = cli('mc', ...X, '--samples', '1e6', '--backend', backend, '--json');
    expect(r.code).toBe(0);
    expect(r.stdout.endsWith('\n')).toBe(true);
    expect(r.stdout.split('\n')).toHaveLength(2);
    const doc = json(r);
    expect(Number.isFinite(doc.mean) && Number.isFinite(doc.stderr)).toBe(true);
    // Dawn's warnings never on stdout (where they go at all, it is stderr).
    expect(r.stdout).not.toMatch(/Warning|artificially/);
  });

  it('no finite estimate is not exit 0: every sample non-finite gives mean null and exit 3, with the reason', () => {
    const r = cli('mc', 'log(-1 - x^2)', '--random', 'x ~ N(0, 1)', '--samples', '1e4', '--backend', 'cpu', '--json');
    expect(r.code).toBe(3);
    const doc = json(r);
    expect(doc.mean).toBeNull();
    expect(doc.reason).toMatch(/no estimate/);
  });
});
