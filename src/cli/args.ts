// Command-line options through node:util's parseArgs, with its errors turned
// into UsageErrors (exit 2) and the common options read in one place.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.js';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** The values parseArgs gives for options O. */
export type Values<O extends Options> = {
  [K in keyof O]?: O[K] extends { multiple: true } ? string[] : O[K] extends { type: 'boolean' } ? boolean : string;
};

export function readArgs<O extends Options>(command: string, argv: string[], options: O): { values: Values<O>; positionals: string[] } {
  try {
    const r = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: r.values as Values<O>, positionals: r.positionals };
  } catch (e) {
    throw new UsageError(`${command}: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** A non-negative safe integer option, or the fallback. */
export function intOption(command: string, name: string, value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\s*\d+(e\d+)?\s*$/i.test(value) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`${command}: --${name} must be an integer >= ${min}, not '${value}'`);
  }
  return n;
}

export type BackendChoice = 'auto' | 'webgpu' | 'cpu';

export function backendOption(command: string, value: string | undefined): BackendChoice {
  const v = value ?? 'auto';
  if (v !== 'auto' && v !== 'webgpu' && v !== 'cpu') {
    throw new UsageError(`${command}: --backend must be auto, webgpu or cpu, not '${v}'`);
  }
  return v;
}
