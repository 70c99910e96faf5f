// The derivcheck command line. Each command lives in its own file and is
// imported only when asked for, so that `derivcheck claim` does not pay for
// the Monte Carlo engine or the checker at start-up.
import { UsageError } from './usage-error.js';

type Command = (argv: string[]) => Promise<number>;

// Errors that mean the input is bad (a negative variance, a dimension that is
// not an integer): exit 2 with their message, like a UsageError.
const BAD_INPUT = new Set(['DistributionError', 'McParamError', 'KindError', 'ParseError']);

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  check: { summary: 'check derivations step by step (default: derivations/)', load: async () => (await import('./check.js')).checkCommand },
  claim: { summary: 'decide one claim: derivcheck claim "<lhs> = <rhs>" [--param SPEC]…', load: async () => (await import('./claim.js')).claimCommand },
  mc: { summary: 'estimate an expectation: derivcheck mc "<expr>" --random "x ~ N(0, 1)"…', load: async () => (await import('./mc.js')).mcCommand },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)}${c.summary}`);
  return ['usage: derivcheck <command> [options]', '', 'commands:', ...lines, '', 'Every command takes --json. Exit: 0 holds, 1 refuted, 2 bad input, 3 unknown.'].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command '${name}' (try: ${Object.keys(COMMANDS).join(', ')})`);
  return (await command.load())(rest);
}

export async function run(argv: string[]): Promise<void> {
  let code: number;
  try {
    code = await main(argv);
  } catch (e) {
    if (e instanceof UsageError || BAD_INPUT.has((e as Error)?.name)) {
      process.stderr.write(`derivcheck: ${(e as Error).message.split('\n')[0]}\n`);
      code = 2;
    } else {
      const err = e as Error;
      process.stderr.write(`derivcheck: internal error: ${err?.message ?? String(e)}\n`);
      if (process.env.DERIVCHECK_DEBUG) process.stderr.write(`${err?.stack}\n`);
      code = 2;
    }
  }
  process.exitCode = code;
}
