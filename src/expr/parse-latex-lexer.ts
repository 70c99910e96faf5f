// Tokens of the LaTeX subset a formula pasted from a paper uses (see
// parse-latex.ts for the grammar). Every token keeps its 0-based position so
// that errors point at the LaTeX the user wrote.
import { checkNumberLiteral, MAX_INPUT_LENGTH, ParseError, showChar } from './lexer.js';

export type LatexTokenType = 'cmd' | 'num' | 'letter' | 'char' | 'end';

export interface LatexToken {
  readonly type: LatexTokenType;
  /** cmd: the name without the backslash (`frac`, `,`, `|`); num: digits; letter: one letter; char: one character. */
  readonly text: string;
  readonly pos: number;
  /** Whitespace before the token (TeX ignores it, except to tell `x_1 2` from `x_12`). */
  readonly spaced: boolean;
}

/** Spacing and size commands that change nothing about the formula's meaning. */
export const IGNORED_COMMANDS = new Set([
  ',', ';', ':', '!', ' ', 'quad', 'qquad', 'displaystyle', 'textstyle', 'scriptstyle', 'limits', 'nolimits',
  'big', 'Big', 'bigg', 'Bigg', 'bigl', 'bigr', 'Bigl', 'Bigr', 'biggl', 'biggr', 'Biggl', 'Biggr', 'thinspace', 'medspace', 'thickspace',
]);

const CHARS = new Set(['{', '}', '^', '_', '(', ')', '[', ']', '|', '+', '-', '*', '/', '=', '<', '>', ',', ';', '.', '\'', '!', '&']);

// Sticky: matches exactly at lastIndex, so a long command is read in linear time.
const LETTERS = /[A-Za-z]+/y;
const DIGITS = /\d+\.?\d*|\.\d+/y;

export function tokenizeLatex(text: string): LatexToken[] {
  if (text.length > MAX_INPUT_LENGTH) {
    throw new ParseError(`the input is ${text.length} characters long; the limit is ${MAX_INPUT_LENGTH}`, MAX_INPUT_LENGTH);
  }
  const out: LatexToken[] = [];
  let i = 0;
  let spaced = false;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c) || c === '~') {
      // ~ is TeX's unbreakable space
      spaced = true;
      i++;
      continue;
    }
    const pos = i;
    if (c === '\\') {
      LETTERS.lastIndex = i + 1;
      const m = LETTERS.exec(text);
      let name: string;
      if (m) name = m[0];
      else if (i + 1 < text.length) name = text[i + 1];
      else throw new ParseError('a backslash at the end of the input', i);
      i += 1 + name.length;
      if (IGNORED_COMMANDS.has(name)) {
        spaced = true;
        continue;
      }
      out.push({ type: 'cmd', text: name, pos, spaced });
    } else if (/[0-9.]/.test(c) && (c !== '.' || /[0-9]/.test(text[i + 1] ?? ''))) {
      DIGITS.lastIndex = i;
      const m = DIGITS.exec(text)!;
      checkNumberLiteral(m[0], i);
      out.push({ type: 'num', text: m[0], pos, spaced });
      i += m[0].length;
    } else if (/[A-Za-z]/.test(c)) {
      out.push({ type: 'letter', text: c, pos, spaced });
      i++;
    } else if (CHARS.has(c)) {
      out.push({ type: 'char', text: c, pos, spaced });
      i++;
    } else if (c === '$') {
      throw new ParseError("'$' is not part of the formula: paste what is between the dollars", i);
    } else {
      throw new ParseError(`unexpected character ${showChar(text, i)}`, i);
    }
    spaced = false;
  }
  out.push({ type: 'end', text: '', pos: text.length, spaced });
  return out;
}
