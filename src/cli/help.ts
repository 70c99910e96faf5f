// The help of derivcheck and of each command, printed on stdout (exit 0) for
// `--help`, `-h` and `derivcheck help <command>`.
import { COMMANDS, COMMON_OPTIONS, DISTRIBUTIONS_HELP, EXIT_CODES, FILES_HELP, LANGUAGE_HELP, PARAMS_HELP, type OptionSpec } from './spec.js';
import { VERSION } from './version.js';

function optionLines(options: Readonly<Record<string, OptionSpec>>): string[] {
  const heads = Object.entries(options).map(([name, o]) => `${o.short ? `-${o.short}, ` : ''}--${name}${o.arg ? ` ${o.arg}` : ''}`);
  const width = Math.min(28, Math.max(...heads.map((h) => h.length)) + 2);
  return Object.values(options).map((o, i) => {
    const head = heads[i];
    return head.length + 2 > width ? `  ${head}\n  ${' '.repeat(width)}${o.help}` : `  ${head.padEnd(width)}${o.help}`;
  });
}

const exitLines = (): string[] => ['exit codes:', ...EXIT_CODES.map(([c, m]) => `  ${c.padEnd(9)}${m}`)];

export function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length)) + 2;
  return [
    `derivcheck ${VERSION}: a checker for the mathematics of diffusion models`,
    '',
    'usage: derivcheck                      check the suite and write the formula sheets to docs/sheet/',
    '       derivcheck <command> [options]',
    '       derivcheck help <command>',
    '',
    'commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`),
    '',
    'options:',
    ...optionLines({ version: { type: 'boolean', help: 'print the version, on stdout' }, ...COMMON_OPTIONS }),
    '',
    ...exitLines(),
  ].join('\n');
}

export function commandHelp(command: string): string {
  const c = COMMANDS[command];
  const sections: Record<string, readonly string[]> = { language: LANGUAGE_HELP, distributions: DISTRIBUTIONS_HELP, params: PARAMS_HELP, files: FILES_HELP };
  return [
    `usage: ${c.usage}`,
    '',
    c.description,
    '',
    'options:',
    ...optionLines({ ...c.options, ...COMMON_OPTIONS }),
    ...c.sections.flatMap((s) => ['', ...sections[s]]),
    '',
    ...exitLines(),
  ].join('\n');
}
