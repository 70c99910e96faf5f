// Progress of long runs on a terminal (src/cli/budget.ts ProgressLine): only
// when stderr is a TTY, rewritten in place at most 4 times a second, erased
// before the result is printed.
import { describe, expect, it } from 'vitest';
import { ProgressLine } from '../../src/cli/budget.js';

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = { isTTY, write: (s: string) => (written.push(s), true) } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

const P = (done: number) => ({ done, samples: 1e12, mean: 1.2345678, stderr: 0.001, samplesPerSecond: 2.5e8 });

describe('ProgressLine', () => {
  it('is off when stderr is not a terminal: no callback, nothing written', () => {
    const { stream, written } = fakeStream(false);
    const p = new ProgressLine('mc', stream);
    expect(p.callback).toBeUndefined();
    p.clear();
    expect(written).toEqual([]);
  });

  it('on a terminal writes one carriage-returned line with samples done, rate and the running estimate ± stderr', () => {
    const { stream, written } = fakeStream(true);
    const p = new ProgressLine('mc E[x]', stream);
    p.callback!(P(5e9));
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^\r\x1b\[K/);
    expect(written[0]).toMatch(/mc E\[x\]: 5\.00e\+9 of 1\.00e\+12 samples \(0\.50%\), 2\.50e\+8\/s, estimate 1\.234568e\+0 ± 1\.00e-3/);
    expect(written[0]).not.toMatch(/\n/);
  });

  it('updates at most every 250 ms, but always shows the last chunk', () => {
    const { stream, written } = fakeStream(true);
    const p = new ProgressLine('mc', stream);
    p.update(P(1));
    p.update(P(2));
    p.update(P(3));
    expect(written).toHaveLength(1);
    p.update({ ...P(1e12) });
    expect(written).toHaveLength(2);
  });

  it('clear() erases the line once', () => {
    const { stream, written } = fakeStream(true);
    const p = new ProgressLine('mc', stream);
    p.update(P(1));
    p.clear();
    p.clear();
    expect(written.slice(1)).toEqual(['\r\x1b[K']);
  });
});
