// `auto` resolves in one place (mc's resolveBackend), without running a kernel:
// the report of which backend a run will use and the run itself cannot disagree.
import { afterAll, describe, expect, it } from 'vitest';
import { estimate, resolveBackend, shutdownGpu } from '../../src/mc/index.js';
import { draw, normal, sym } from '../../src/expr/build.js';

afterAll(shutdownGpu);

describe('resolveBackend', () => {
  it('cpu is cpu, with its kernel in the adapter', async () => {
    const r = await resolveBackend('cpu');
    expect(r.backend).toBe('cpu');
    expect(r.adapter).toMatch(/float64/);
  });

  it('auto resolves to the backend an estimate then runs on', async () => {
    const r = await resolveBackend('auto');
    const e = await estimate(sym('z'), [draw('z', normal(0, 1))], {}, { samples: 256, seed: 1, backend: 'auto' });
    expect(e.backend).toBe(r.backend);
    expect(e.adapter).toBe(r.adapter);
  });

  it('an unknown choice is an error naming the choices', async () => {
    await expect(resolveBackend('gpu' as never)).rejects.toThrow(/use auto, webgpu or cpu/);
  });
});
