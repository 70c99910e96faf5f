// Dawn's native warnings at adapter creation ("Warning: max… artificially
// reduced …", written to fd 2 by fprintf) are muted where fd 2 can be put
// back afterwards (terminal, pipe, file; gpu.ts withStderrMuted), shown with
// DERIVCHECK_DEBUG=1, and stderr works as before once the device is up.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeWebgpu, webgpuAdapter } from './webgpu-gate.js';

const SCRIPT = `
  const { getGpu, destroyGpu } = await import('./dist/src/mc/gpu.js');
  process.stderr.write('before\\n');
  const gpu = await getGpu();
  process.stderr.write('after ' + (gpu ? 'gpu' : 'none') + '\\n');
  console.error('console.error still works');
  await destroyGpu();`;

/** Runs SCRIPT with stderr redirected to a file (fd 2 a regular file); returns the file's text. */
function stderrToFile(env: NodeJS.ProcessEnv): string {
  const dir = mkdtempSync(join(tmpdir(), 'derivcheck-'));
  const path = join(dir, 'stderr.txt');
  const fd = openSync(path, 'w');
  try {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', SCRIPT], { stdio: ['ignore', 'pipe', fd], env, timeout: 60_000 });
    expect(r.status).toBe(0);
  } finally {
    closeSync(fd);
  }
  return readFileSync(path, 'utf8');
}

describeWebgpu('Dawn\'s adapter warnings', () => {
  it('are muted on a redirected stderr, and stderr still receives what is written before and after', () => {
    const env = { ...process.env };
    delete env.DERIVCHECK_DEBUG;
    const text = stderrToFile(env);
    expect(text).toBe('before\nafter gpu\nconsole.error still works\n');
  });

  it('are shown with DERIVCHECK_DEBUG=1 (the test above has teeth on this driver)', () => {
    const text = stderrToFile({ ...process.env, DERIVCHECK_DEBUG: '1' });
    expect(text).toMatch(/^before\n/);
    expect(text).toMatch(/after gpu\nconsole.error still works\n$/);
    // lavapipe makes Dawn print them; another driver may have nothing to say.
    if (/llvmpipe/i.test(webgpuAdapter ?? '')) expect(text).toMatch(/Warning: .*artificially reduced/);
  });
});
