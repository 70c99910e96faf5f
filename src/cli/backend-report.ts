// Which Monte Carlo backend `auto` resolves to on this machine, and its
// adapter, for the report: one tiny estimate on the engine answers both.
import { estimate } from '../mc/index.js';
import { draw, normal, sym } from '../expr/build.js';
import type { BackendChoice } from './args.js';

export async function resolveBackend(choice: BackendChoice): Promise<{ backend: 'webgpu' | 'cpu'; adapter: string }> {
  const r = await estimate(sym('z'), [draw('z', normal(0, 1))], {}, { samples: 256, seed: 1, backend: choice });
  return { backend: r.backend, adapter: r.adapter };
}
