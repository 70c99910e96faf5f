// dawn.node polls for finished GPU work by re-arming setImmediate; on
// lavapipe that busy loop took a CPU core from the "GPU". These tests hold
// `quietly` to its laws: polling slows to about one call per millisecond
// after a short spin, the native functions come back afterwards, and
// overlapping waits share one installation.
import { describe, expect, it } from 'vitest';
import { quietly } from '../../src/mc/quiet-wait.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Re-arms itself with setImmediate (as dawn.node's poller does) until stopped; returns call times. */
function poller(): { times: number[]; stop(): void } {
  const times: number[] = [];
  let on = true;
  const tick = (): void => {
    if (!on) return;
    times.push(performance.now());
    setImmediate(tick);
  };
  setImmediate(tick);
  return { times, stop: () => { on = false; } };
}

describe('quietly', () => {
  it('a self-re-arming setImmediate loop runs about once a millisecond after the spin window', async () => {
    let p: ReturnType<typeof poller> | undefined;
    const t0 = performance.now();
    await quietly(async () => {
      p = poller();
      await sleep(60);
    });
    p!.stop();
    const late = p!.times.filter((t) => t > t0 + 10).length;
    expect(late).toBeGreaterThan(5); // it still polls
    expect(late).toBeLessThan(120); // ≈ 50 at one per millisecond; a native loop makes thousands
  });

  it('without it the same loop spins (the behaviour being worked around)', async () => {
    const t0 = performance.now();
    const p = poller();
    await sleep(60);
    p.stop();
    expect(p.times.filter((t) => t > t0 + 10).length).toBeGreaterThan(500);
  });

  it('restores the native setImmediate and clearImmediate, also when the wait throws', async () => {
    const si = globalThis.setImmediate;
    const ci = globalThis.clearImmediate;
    await quietly(() => sleep(1));
    expect(globalThis.setImmediate).toBe(si);
    await expect(quietly(() => Promise.reject(new Error('lost')))).rejects.toThrow('lost');
    expect(globalThis.setImmediate).toBe(si);
    expect(globalThis.clearImmediate).toBe(ci);
  });

  it('overlapping waits keep the deferral until the last one ends', async () => {
    const si = globalThis.setImmediate;
    let release!: () => void;
    const long = quietly(() => new Promise<void>((r) => { release = r; }));
    await quietly(() => sleep(5));
    expect(globalThis.setImmediate).not.toBe(si);
    release();
    await long;
    expect(globalThis.setImmediate).toBe(si);
  });

  it('clearImmediate cancels a deferred callback', async () => {
    let ran = false;
    await quietly(async () => {
      await sleep(5); // past the spin window: the next setImmediate is a timer
      const h = setImmediate(() => { ran = true; });
      clearImmediate(h);
      await sleep(10);
    });
    expect(ran).toBe(false);
  });

  it('passes arguments through to deferred callbacks', async () => {
    const got: unknown[] = [];
    await quietly(async () => {
      await sleep(5);
      await new Promise<void>((r) => setImmediate((a: number, b: string) => { got.push(a, b); r(); }, 7, 'x'));
    });
    expect(got).toEqual([7, 'x']);
  });
});
