// The derivcheck command line. Each command lives in its own file and is
// imported only when asked for, so that `derivcheck claim` does not pay for
// the Monte Carlo engine or the checker at start-up.
//
// Exit codes, the same for every command:
//   0 holds, 1 refuted, 2 bad input, 3 unknown, 4 internal error.
// Bad input is any BadInput (src/errors.ts): one line on stderr. Anything else
// is a bug of derivcheck: one line naming the error and "please report", the
// stack only with --debug or DERIVCHECK_DEBUG=1.
import { isBadInput } from '../errors.js';
import { UsageError } from './usage-error.js';
import { COMMANDS } from './spec.js';
import { commandHelp, mainHelp } from './help.js';
import { didYouMean } from './suggest.js';
import { VERSION } from './version.js';
import { disableColour, paint } from './colour.js';

type Command = (argv: string[]) => Promise<number>;

export const EXIT = { holds: 0, refuted: 1, badInput: 2, unknown: 3, internal: 4 } as const;

const LOADERS: Record<string, () => Promise<Command>> = {
  check: async () => (await import('./check.js')).checkCommand,
  sheet: async () => (await import('./sheet.js')).sheetCommand,
  claim: async () => (await import('./claim.js')).claimCommand,
  mc: async () => (await import('./mc.js')).mcCommand,
  eval: async () => (await import('./eval.js')).evalCommand,
  init: async () => (await import('./init.js')).initCommand,
  reparam: async () => (await import('./reparam.js')).reparamCommand,
};

const unknownCommand = (name: string) =>
  new UsageError(`unknown command '${oneLine(name)}'${didYouMean(name, Object.keys(COMMANDS))} (commands: ${Object.keys(COMMANDS).join(', ')}; see derivcheck --help)`);

/** Is this a request for help (before any `--`, after which everything is an argument)? */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  // No command is the main job (issue 12): check the suite and write the formula sheets.
  if (name === undefined) return (await LOADERS.sheet())([]);
  if (name === '--help' || name === '-h') {
    process.stdout.write(mainHelp() + '\n');
    return EXIT.holds;
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write(`${VERSION}\n`);
    return EXIT.holds;
  }
  if (name === 'help') {
    const topic = rest[0];
    if (topic === undefined) process.stdout.write(mainHelp() + '\n');
    else if (COMMANDS[topic]) process.stdout.write(commandHelp(topic) + '\n');
    else throw unknownCommand(topic);
    return EXIT.holds;
  }
  if (!COMMANDS[name] || !LOADERS[name]) {
    if (name.startsWith('-')) throw new UsageError(`expected a command before '${oneLine(name)}'${didYouMean(name.replace(/^-+/, ''), ['version', 'help'], {}, '--')} (see derivcheck --help)`);
    throw unknownCommand(name);
  }
  if (asksForHelp(rest)) {
    process.stdout.write(commandHelp(name) + '\n');
    return EXIT.holds;
  }
  return (await LOADERS[name]())(rest);
}

/** The first line of a message, without control characters, of bounded length: stderr stays one readable line. */
export function oneLine(text: string, max = 300): string {
  // Escaped, not cut at a newline: a claim or a --param may contain one.
  // eslint-disable-next-line no-control-regex
  const line = String(text).trimEnd().replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '\\n' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/** The one line for an error that is not bad input: what it is and where to send it. */
export function internalErrorLine(e: unknown): string {
  const name = e instanceof Error ? e.name : typeof e;
  const message = e instanceof Error ? e.message : String(e);
  return `derivcheck: internal error: ${name}: ${oneLine(message)} — this is a bug in derivcheck, please report it with the command line (rerun with --debug for the stack)`;
}

let reported = false;

/**
 * Something ended the process before `run` reported (a derivation file that
 * calls process.exit(0), a promise that never settles and leaves the event
 * loop empty): never exit 0, or 13, for a run that said nothing.
 */
function guardEarlyExit(code: number): void {
  if (reported) return;
  process.stderr.write(`derivcheck: the run ended (exit ${code}) before it reported: ${earlyExitCause ?? 'something called process.exit or left a promise unsettled'}\n`);
  process.exitCode = EXIT.badInput;
}

let earlyExitCause: string | undefined;
/** What is running now, named in the message if the process ends before reporting (e.g. 'while loading f.ts'). */
export function setEarlyExitCause(cause: string | undefined): void {
  earlyExitCause = cause;
}

/** Writes the one line for an error that ended the run; returns the exit code. */
function report(e: unknown, debug: boolean): number {
  const p = paint(process.stderr);
  if (isBadInput(e)) {
    const detail = (e as { detail?: unknown }).detail;
    process.stderr.write(`${p.red('derivcheck:')} ${oneLine((e as Error).message)}\n${typeof detail === 'string' ? detail + '\n' : ''}`);
    return EXIT.badInput;
  }
  process.stderr.write(p.red(internalErrorLine(e)) + '\n');
  if (debug) process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  return EXIT.internal;
}

/**
 * `derivcheck check | head`: when the reader closes the pipe, stop quietly
 * (exit 141, 128 + SIGPIPE, as a program killed by the signal would) instead
 * of a stack trace for EPIPE. Any other stream error is still reported.
 */
function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      reported = true;
      process.exit(141);
    });
  }
}

export async function run(argv: string[]): Promise<void> {
  const debug = argv.includes('--debug') || /^(1|true|yes)$/i.test(process.env.DERIVCHECK_DEBUG ?? '');
  const end = argv.indexOf('--');
  const common = (a: string, i: number) => (end < 0 || i < end) && (a === '--debug' || a === '--no-color');
  if (argv.some((a, i) => common(a, i) && a === '--no-color')) disableColour();
  const args = argv.filter((a, i) => !common(a, i));
  // One switch for the whole process: the Monte Carlo layer reads it to let the GPU driver's warnings through.
  if (debug) process.env.DERIVCHECK_DEBUG = '1';
  reported = false;
  process.on('exit', guardEarlyExit);
  quietOnClosedPipe();
  // An error thrown where no one awaits it (a timer in a derivation file, a
  // stray promise) ends the run with the same one line as any other.
  const fatal = (e: unknown) => {
    if (!reported) {
      reported = true;
      report(e, debug);
    }
    process.exit(isBadInput(e) ? EXIT.badInput : EXIT.internal);
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  let code: number;
  try {
    code = await main(args);
  } catch (e) {
    if (reported) return; // already reported by `fatal`
    code = report(e, debug);
  }
  reported = true;
  process.exitCode = code;
}
