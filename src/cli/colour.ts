// Colour only where a person reads it: a terminal, without NO_COLOR
// (https://no-color.org: set and not empty), without --no-color, and not on
// TERM=dumb. FORCE_COLOR=1 turns it on for a pipe (a pager that shows it).
const CODES = { red: 31, green: 32, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;
export type Paint = Record<keyof typeof CODES, (s: string) => string>;

let disabled = false;
/** --no-color: no colour on any stream for the rest of the run. */
export function disableColour(): void {
  disabled = true;
}

export function colourEnabled(stream: { isTTY?: boolean }): boolean {
  if (disabled) return false;
  const env = process.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** Painters for one stream: the identity when colour is off. */
export function paint(stream: { isTTY?: boolean }): Paint {
  const on = colourEnabled(stream);
  const out = {} as Paint;
  for (const [k, code] of Object.entries(CODES)) out[k as keyof typeof CODES] = on ? (s: string) => `\x1b[${code}m${s}\x1b[0m` : (s: string) => s;
  return out;
}

/** The colour of a verdict word. */
export function verdictColour(p: Paint, verdict: string): (s: string) => string {
  return verdict === 'proved' || verdict === 'verified' ? p.green : verdict === 'refuted' ? p.red : p.yellow;
}

/** SGR escape sequences (colours): zero width on a terminal. */
const SGR = /\x1b\[[0-9;]*m/g;

/** The width a string takes on a terminal: its characters without colour codes. */
export const visibleLength = (s: string): number => [...s.replace(SGR, '')].length;

/** padEnd / padStart by visible width, so that coloured cells line up. */
export const padEndVisible = (s: string, w: number): string => s + ' '.repeat(Math.max(0, w - visibleLength(s)));
export const padStartVisible = (s: string, w: number): string => ' '.repeat(Math.max(0, w - visibleLength(s))) + s;
