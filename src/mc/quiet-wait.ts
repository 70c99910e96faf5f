// Waiting for GPU work without a busy loop on the main thread.
//
// dawn.node completes a pending mapAsync / onSubmittedWorkDone by polling:
// while any such promise is pending, it re-arms `setImmediate` with a call to
// wgpuInstanceProcessEvents, so the main thread spins at 100% for as long as
// the GPU works. On a discrete GPU that only wastes a core; on lavapipe the
// "GPU" is the CPU, and on a 2-core machine the spinning thread took a third
// of the machine from llvmpipe's two worker threads (measured: 620 ms of main
// thread CPU during a 1049 ms run of 4·10^8 samples).
//
// While a quiet wait is in progress, `setImmediate` is replaced by a version
// that answers at once for the first SPIN_MS (short runs stay fast: the
// checker runs many small estimates) and after that defers each callback by a
// 1 ms timer, so polling costs a few microseconds per millisecond. Everybody
// else's setImmediate callbacks in that window are deferred the same way,
// which delays them but never reorders them with respect to each other.
// Nested and concurrent waits share one installation (a counter).

const SPIN_MS = 2;

let active = 0;
let native: typeof setImmediate | undefined;
let nativeClear: typeof clearImmediate | undefined;
let since = 0;

function install(): void {
  native = globalThis.setImmediate;
  nativeClear = globalThis.clearImmediate;
  const n = native;
  const nc = nativeClear;
  since = performance.now();
  const deferred = function (this: unknown, fn: (...a: unknown[]) => void, ...args: unknown[]) {
    if (performance.now() - since < SPIN_MS) return n(fn, ...args);
    return setTimeout(fn, 1, ...args);
  } as unknown as typeof setImmediate;
  // A deferred callback is a Timeout: clearing it must still work.
  const clear = ((h: unknown) => {
    if (h && typeof h === 'object' && 'hasRef' in h && 'refresh' in h) clearTimeout(h as NodeJS.Timeout);
    else nc(h as NodeJS.Immediate);
  }) as typeof clearImmediate;
  globalThis.setImmediate = deferred;
  globalThis.clearImmediate = clear;
}

function uninstall(): void {
  if (native) globalThis.setImmediate = native;
  if (nativeClear) globalThis.clearImmediate = nativeClear;
  native = undefined;
  nativeClear = undefined;
}

/** Awaits `start()` (a Dawn promise) with dawn.node's polling slowed to one poll per millisecond after SPIN_MS. */
export async function quietly<T>(start: () => Promise<T>): Promise<T> {
  if (active++ === 0) install();
  try {
    return await start();
  } finally {
    if (--active === 0) uninstall();
  }
}
