// Command-line options through node:util's parseArgs, with its errors turned
// into UsageErrors (exit 2) and the common options read in one place.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.js';
import { COMMANDS, COMMON_OPTIONS, type OptionSpec } from './spec.js';
import { didYouMean } from './suggest.js';
import type { BackendChoice } from '../mc/index.js';

function parseOptionsOf(_command: string, specs: Readonly<Record<string, OptionSpec>>): Options {
  const out: Options = {};
  for (const [name, o] of Object.entries(specs)) out[name] = { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) };
  return out;
}

export type Options = NonNullable<ParseArgsConfig['options']>;

/** The values parseArgs gives for options O. */
export type Values<O extends Options> = {
  [K in keyof O]?: O[K] extends { multiple: true } ? string[] : O[K] extends { type: 'boolean' } ? boolean : string;
};

export function readArgs<O extends Options>(command: string, argv: string[], options: O): { values: Values<O>; positionals: string[] } {
  const spec = COMMANDS[command]?.options;
  // The help and the README list the spec's options: a command that reads others has drifted from them (a bug).
  if (spec && Object.keys(spec).sort().join() !== Object.keys(options).sort().join()) {
    throw new Error(`${command}: the options read (${Object.keys(options).join(', ')}) are not the ones its help lists (${Object.keys(spec).join(', ')})`);
  }
  const known = { ...options, ...parseOptionsOf(command, COMMON_OPTIONS) };
  try {
    const r = parseArgs({ args: argv, options: known, allowPositionals: true, strict: true });
    return { values: r.values as Values<O>, positionals: r.positionals };
  } catch (e) {
    throw new UsageError(`${command}: ${argsMessage(e as Error & { code?: string }, Object.keys(known))} (see derivcheck ${command} --help)`);
  }
}

/** parseArgs' message, first line, with the nearest option for an unknown one. */
function argsMessage(e: Error & { code?: string }, names: readonly string[]): string {
  const first = e.message.split('\n')[0];
  const unknown = /^Unknown option '(-{1,2})([^'=]*)'/.exec(first);
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) {
    // A lone '-x' may be a negative number meant as a positional: say how to pass it.
    const hint = unknown[1] === '-' ? ` (to pass '-${unknown[2]}' as an argument, put it after --)` : '';
    return `unknown option '${unknown[1]}${unknown[2]}'${didYouMean(unknown[2], names, {}, unknown[1])}${hint}`;
  }
  // "Option '--seed' argument is ambiguous": the value starts with a dash (--seed -5). parseArgs' own
  // last line says how to pass it; keep it, in our words.
  const ambiguous = /^Option '(--?[\w-]+)' argument is ambiguous/.exec(first);
  if (ambiguous) return `the value after ${ambiguous[1]} starts with '-': write ${ambiguous[1]}=VALUE for a value that begins with a dash`;
  return first;
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

export type { BackendChoice };

export function backendOption(command: string, value: string | undefined): BackendChoice {
  const v = value ?? 'auto';
  if (v !== 'auto' && v !== 'webgpu' && v !== 'cpu') {
    throw new UsageError(`${command}: --backend must be auto, webgpu or cpu, not '${v}'`);
  }
  return v;
}
