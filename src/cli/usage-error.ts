import { BadInput } from '../errors.js';
import { withLanguageSuggestion } from './suggest.js';

// Bad input or usage: exit code 2, a line on stderr naming the problem and
// where it is (for an error inside the user's text, that text and a caret
// under the place). Never a stack trace.
export class UsageError extends BadInput {
  /** Lines shown under the message: the input around the position and a caret. */
  readonly detail?: string;
  constructor(message: string, detail?: string) {
    super(message);
    this.name = 'UsageError';
    if (detail !== undefined) this.detail = detail;
  }
}

/** Longest piece of the user's text quoted in a message. */
const EXCERPT = 60;

/**
 * Characters a terminal does not show, or shows as something else: C0/C1
 * controls, zero-width and joiner characters, bidirectional overrides (which
 * reorder what is shown), line and paragraph separators, the byte-order mark
 * and the no-break space (which looks like a space and is not one to the parser).
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00a0\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\ufff9-\ufffb]/;

/** One character as the user should see it: itself, or escaped (\n, \t, \u200b). */
function show(c: string): string {
  if (!INVISIBLE.test(c)) return c;
  if (c === '\n') return '\\n';
  if (c === '\t') return '\\t';
  if (c === '\r') return '\\r';
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * The user's text around `position` as a message shows it: at most EXCERPT
 * characters (… where cut), invisible characters escaped, and the column at
 * which `position` is shown (for a caret under it).
 */
export function excerptAt(text: string, position = 0): { text: string; column: number } {
  const chars = Array.from(text); // code points: an emoji is one column, not two halves
  // position is a UTF-16 index (the parser's): convert to a code-point index.
  let cp = 0;
  for (let u = 0; cp < chars.length && u < position; cp++) u += chars[cp].length;
  let from = 0;
  let to = chars.length;
  if (chars.length > EXCERPT) {
    from = Math.max(0, Math.min(cp - EXCERPT / 2, chars.length - EXCERPT));
    to = from + EXCERPT;
  }
  let out = from > 0 ? '…' : '';
  let column = out.length;
  for (let i = from; i < to; i++) {
    if (i === cp) column = out.length;
    out += show(chars[i]);
  }
  if (cp >= to) column = out.length;
  if (to < chars.length) out += '…';
  return { text: out, column };
}

/** The user's text as a one-line message quotes it (escaped, shortened around `position`). */
export function excerpt(text: string, position = 0): string {
  return excerptAt(text, position).text;
}

/** The input and a caret under the position, indented: the lines under an error message. */
export function caretLines(text: string, position: number): string {
  const { text: shown, column } = excerptAt(text, position);
  return `  ${shown}\n  ${' '.repeat(column)}^`;
}

/** Points at a position in a piece of input: `claim: position 3: …`, then the input and a caret. */
export function at(what: string, text: string, position: number, message: string): UsageError {
  // An empty (or blank) input has nothing to point into.
  const detail = text.trim() === '' ? undefined : caretLines(text, position);
  return new UsageError(`${what}: position ${position + 1}: ${withLanguageSuggestion(message)}`, detail);
}
