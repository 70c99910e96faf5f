// Device errors (issue 8, hole 9): dawn.node prints errors that reach the
// device's default handler to stdout, from native code, and a run went on
// to return `mean: null`. Every GPU operation of the engine runs inside
// error scopes (gpu.ts deviceScoped): an error is thrown, as McDeviceError,
// and nothing is printed.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { deviceScoped, getGpu, McDeviceError } from '../../src/mc/gpu.js';
import { describeWebgpu } from './webgpu-gate.js';

describeWebgpu('device errors are thrown, never printed', () => {
  it('a buffer beyond the device limit inside deviceScoped throws McDeviceError naming the error', async () => {
    const gpu = (await getGpu())!;
    const err = await deviceScoped(gpu.device, 'testing', async () => {
      gpu.device.createBuffer({ size: 2 ** 45, usage: gpu.usage.STORAGE });
      return 1;
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(McDeviceError);
    expect((err as Error).message).toMatch(/while testing: .*max buffer size/i);
  });

  it('an error thrown by the work itself is passed on as it is, and the scopes are popped (the next call is clean)', async () => {
    const gpu = (await getGpu())!;
    await expect(deviceScoped(gpu.device, 'testing', async () => {
      throw new RangeError('ours');
    })).rejects.toThrow(RangeError);
    await expect(deviceScoped(gpu.device, 'testing', async () => 7)).resolves.toBe(7);
  });

  it('in a fresh process, the same error leaves stdout empty (without the scope it prints there)', () => {
    const script = (scoped: boolean): string => `
      const { getGpu, deviceScoped } = await import('./dist/src/mc/gpu.js');
      const gpu = await getGpu();
      const f = async () => { gpu.device.createBuffer({ size: 2 ** 45, usage: gpu.usage.STORAGE }); };
      if (${scoped}) await deviceScoped(gpu.device, 'x', f).catch(() => undefined); else await f();
      await new Promise((r) => setTimeout(r, 100));
      gpu.device.destroy();`;
    const run = (scoped: boolean) => spawnSync(process.execPath, ['--input-type=module', '-e', script(scoped)], { encoding: 'utf8', timeout: 60_000 });
    const scoped = run(true);
    expect(scoped.status).toBe(0);
    expect(scoped.stdout).toBe('');
    // Teeth: dawn.node's default handler does print to stdout.
    expect(run(false).stdout).toMatch(/max buffer size/i);
  });
});

describe('McDeviceError', () => {
  it('is not an McError (a device error is not bad input: the CLI does not exit 2 for it)', () => {
    const e = new McDeviceError('x');
    expect(e.name).toBe('McDeviceError');
    expect(e.name).not.toBe('McError');
  });
});
