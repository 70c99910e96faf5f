// The README, `derivcheck --help` and every `<command> --help` list the same
// commands and the same options: a test, so that neither can drift.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const help = (...args: string[]) => spawnSync(process.execPath, ['bin/derivcheck.js', ...args], { encoding: 'utf8' }).stdout;
const readme = readFileSync('README.md', 'utf8');
const section = readme.slice(readme.indexOf('## Commands and options'), readme.indexOf('\n## ', readme.indexOf('## Commands and options') + 3));

/** The options of the help's "options:" block. */
function helpOptions(text: string): string[] {
  const block = text.slice(text.indexOf('\noptions:\n') + 10).split('\n\n')[0];
  return [...block.matchAll(/^ {2}(?:-(\w), )?(--[a-z][a-z-]*)/gm)].flatMap((m) => [m[2], ...(m[1] ? [`-${m[1]}`] : [])]).sort();
}

/** The options in the first column of the README table under a heading. */
function readmeOptions(heading: string): string[] {
  const at = section.indexOf(heading);
  expect(at, `README has "${heading}"`).toBeGreaterThanOrEqual(0);
  const table = section.slice(at).split('\n\n').find((b) => b.startsWith('| option'))!;
  return table.split('\n').slice(2).filter((row) => row.startsWith('|')).flatMap((row) => [...row.split('|')[1].matchAll(/`(--?[a-z][a-z-]*)/g)].map((m) => m[1])).sort();
}

const commands = [...help('--help').split('\ncommands:\n')[1].split('\n\n')[0].matchAll(/^ {2}(\w+)/gm)].map((m) => m[1]);

describe('the README and the help agree', () => {
  it('the README has a section for each command of derivcheck --help, and no other', () => {
    expect(commands.length).toBeGreaterThanOrEqual(3);
    const documented = [...section.matchAll(/^### `derivcheck (\w+)/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...commands].sort());
  });

  it('the options of every command are listed alike in the README', () => {
    const common = readmeOptions('Options of every command');
    for (const c of commands) {
      const inHelp = helpOptions(help(c, '--help'));
      const inReadme = [...readmeOptions(`### \`derivcheck ${c}`), ...common].sort();
      expect(inReadme, c).toEqual(inHelp);
    }
  });

  it('the main help lists the common options and --version, as the README does', () => {
    const inHelp = helpOptions(help('--help'));
    expect(inHelp).toEqual(['--version', ...readmeOptions('Options of every command')].sort());
    expect(section).toContain('derivcheck --version');
  });

  it('every exit code of the help is in the README', () => {
    for (const m of help('--help').matchAll(/^ {2}(\d+(?:\/\d+)?) +\S/gm)) {
      for (const code of m[1].split('/')) expect(readme, `exit ${code}`).toMatch(new RegExp(`\\b${code}\\b`));
    }
  });
});
