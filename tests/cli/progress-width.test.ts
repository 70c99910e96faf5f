// Laws of `check`'s live display:
//  - colour escape codes take no room on a terminal, so they never count toward a line's width
//    (a coloured line is cut where the plain one would be; coloured table cells line up);
//  - during Monte Carlo the step line shows the estimate, samples done of the estimate's total,
//    the samples of the step so far, the rate and an ETA, redrawn in place at most ten times a
//    second; in a log (no TTY) nothing of it is written.
import { describe, expect, it } from 'vitest';
import { padEndVisible, padStartVisible, visibleLength } from '../../src/cli/colour.js';
import { compactCount, createProgress, duration, samplesText } from '../../src/cli/progress.js';
import type { Progress } from '../../src/mc/index.js';

/** A fake terminal: what was written, with a width and colour on. */
function terminal(tty: boolean, columns = 100) {
  const chunks: string[] = [];
  const out = { isTTY: tty, columns, write: (s: string) => (chunks.push(s), true) } as unknown as NodeJS.WriteStream;
  return { out, chunks };
}

const progress = (done: number, samples: number, rate = 2e6): Progress =>
  ({ done, samples, mean: 0.5, stderr: 1e-3, seconds: done / rate, samplesPerSecond: rate });

describe('colour codes have no width', () => {
  it('visibleLength ignores SGR sequences and counts code points', () => {
    expect(visibleLength('\x1b[32m✓\x1b[0m proved')).toBe('✓ proved'.length);
    expect(visibleLength('\x1b[1;31mx\x1b[0m')).toBe(1);
    expect(visibleLength('𝔼[x]')).toBe(4);
    expect(visibleLength('')).toBe(0);
  });
  it('padding by visible width lines coloured and plain cells up', () => {
    const coloured = padEndVisible('\x1b[31mrefuted\x1b[0m', 10);
    const plain = padEndVisible('refuted', 10);
    expect(visibleLength(coloured)).toBe(10);
    expect(coloured.replace(/\x1b\[[0-9;]*m/g, '')).toBe(plain);
    expect(visibleLength(padStartVisible('\x1b[2m12\x1b[0m', 6))).toBe(6);
    // Never shorter than the text itself.
    expect(padEndVisible('abcdef', 3)).toBe('abcdef');
  });
});

describe('numbers of the live line', () => {
  it('compact counts keep three significant digits', () => {
    expect(compactCount(999)).toBe('999');
    expect(compactCount(1_048_576)).toBe('1.05M');
    expect(compactCount(2 ** 40)).toBe('1.1T');
    expect(compactCount(12_345)).toBe('12.3k');
    expect(compactCount(NaN)).toBe('NaN');
  });
  it('durations read as seconds, then minutes', () => {
    expect(duration(0.42)).toBe('0.4 s');
    expect(duration(42.4)).toBe('42 s');
    expect(duration(185)).toBe('3 min 5 s');
    expect(duration(Infinity)).toBe('?');
    expect(duration(-1)).toBe('?');
  });
  it('the ETA is the current estimate\'s samples left over the rate, and absent when it is done', () => {
    const text = samplesText({ estimates: 3, samples: 5e6 }, progress(524_288, 1_048_576, 1_048_576));
    expect(text).toMatch(/estimate 3, 524k\/1\.05M samples \(5M this step, 1\.05M\/s, ETA 0\.5 s\)/);
    expect(samplesText({ estimates: 1, samples: 1 }, progress(10, 10))).not.toMatch(/ETA/);
  });
});

describe('the step line during Monte Carlo', () => {
  const d = { id: 'a.b', title: 't' } as never;
  it('on a terminal: redrawn in place with the running counts, a new estimate counted when done falls back', async () => {
    const { out, chunks } = terminal(true);
    const p = createProgress(out);
    p.onStepStart(d, 3, 7);
    p.onSamples(progress(2 ** 20, 2 ** 21));
    await new Promise((r) => setTimeout(r, 120));
    p.onSamples(progress(2 ** 21, 2 ** 21)); // the same estimate, finished
    await new Promise((r) => setTimeout(r, 120));
    p.onSamples(progress(2 ** 20, 2 ** 21)); // a new one
    const lines = chunks.filter((c) => c.includes('Monte Carlo'));
    expect(lines.length).toBe(3);
    expect(lines[0]).toMatch(/^\r\x1b\[K {2}… step 4\/7 {2}Monte Carlo: estimate 1, 1\.05M\/2\.1M samples/);
    expect(lines[1]).toMatch(/estimate 1, 2\.1M\/2\.1M samples \(2\.1M this step/);
    expect(lines[2]).toMatch(/estimate 2, 1\.05M\/2\.1M samples \(3\.15M this step/);
    for (const l of lines) expect(visibleLength(l.replace(/^\r\x1b\[K/, ''))).toBeLessThanOrEqual(98);
  });
  it('at most ten redraws a second', () => {
    const { out, chunks } = terminal(true);
    const p = createProgress(out);
    p.onStepStart(d, 0, 1);
    for (let i = 1; i <= 50; i++) p.onSamples(progress(i * 1000, 100_000));
    expect(chunks.filter((c) => c.includes('Monte Carlo')).length).toBe(1);
  });
  it('a new step starts its counts afresh', () => {
    const { out, chunks } = terminal(true);
    const p = createProgress(out);
    p.onStepStart(d, 0, 2);
    p.onSamples(progress(2 ** 20, 2 ** 20));
    p.onStepStart(d, 1, 2);
    p.onSamples(progress(2 ** 10, 2 ** 20));
    expect(chunks.filter((c) => c.includes('Monte Carlo')).at(-1)).toMatch(/step 2\/2 {2}Monte Carlo: estimate 1, 1\.02k\/1\.05M samples \(1\.02k this step/);
  });
  it('in a log (no TTY) nothing of the live line is written', () => {
    const { out, chunks } = terminal(false);
    const p = createProgress(out);
    p.onStepStart(d, 0, 1);
    p.onSamples(progress(2 ** 20, 2 ** 21));
    expect(chunks.join('')).toBe('');
  });
});
