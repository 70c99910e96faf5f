// Where the user wrote a step: the first stack frame outside derivcheck's own
// code when calc(...).eq(...) ran, as an absolute `file:line:col` (source maps
// make it the .ts line under tsx and vitest). Captured when the step is built,
// because by the time it is checked the user's frames are gone.
import { fileURLToPath } from 'node:url';

/** derivcheck's own source folder (src/ or dist/src/): frames in it are ours. */
const OWN = fileURLToPath(new URL('..', import.meta.url));

const FRAME = /\(?((?:file:\/\/)?\/[^():]*|[A-Za-z]:\\[^():]*):(\d+):(\d+)\)?\s*$/;

export function callerLocation(): string | undefined {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 30;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  for (const line of stack.split('\n').slice(1)) {
    const m = FRAME.exec(line.trim());
    if (!m) continue;
    const file = m[1].startsWith('file://') ? fileURLToPath(m[1]) : m[1];
    if (file.startsWith(OWN) || file.includes('/node_modules/')) continue;
    return `${file}:${m[2]}:${m[3]}`;
  }
  return undefined;
}
