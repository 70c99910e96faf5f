// Tokens of the claim language (mathjs syntax plus `E[...]` and `~`), each
// with its position so that every error can point at the offending character.
//
// Limits, each a ParseError with a position rather than a crash or a hang far
// downstream: an input longer than MAX_INPUT_LENGTH characters, a number
// literal with more than MAX_NUMBER_DIGITS digits, or one whose magnitude is
// outside what a double can carry (every numeric method evaluates in
// doubles somewhere, so 1e400 would silently become Infinity).
import { BadInput } from '../errors.js';

export type TokenType = 'num' | 'ident' | 'op' | 'end';

export interface Token {
  readonly type: TokenType;
  readonly text: string;
  /** 0-based offset of the first character. */
  readonly pos: number;
}

export class ParseError extends BadInput {
  /** 0-based offset into the text. */
  readonly position: number;
  constructor(message: string, position: number) {
    super(message);
    this.name = 'ParseError';
    this.position = position;
  }
}

/** Claims are formulas, not files: longer inputs are refused before any work. */
export const MAX_INPUT_LENGTH = 10_000;
/** Brackets open at once; the parser's MAX_NESTING (the same number) bounds every other kind of nesting. */
export const MAX_BRACKET_DEPTH = 200;
/** Digits of a number literal (mantissa and exponent together): a double has 17. */
export const MAX_NUMBER_DIGITS = 100;
/** |decimal exponent| of a nonzero literal's value: doubles reach about 1e±308. */
export const MAX_DECIMAL_EXPONENT = 300;

// Longest first, so that `<=` is not read as `<` then `=`.
const OPERATORS = ['==', '<=', '>=', '+', '-', '*', '/', '^', '(', ')', '[', ']', ',', '=', '~', '<', '>'];
// Sticky: each match starts exactly at lastIndex, so tokenizing is linear.
const NUMBER = /(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/y;
const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const SPACE = /\s+/y;

/**
 * Checks a decimal literal ("12.5e-3", optionally signed) against the number
 * limits; `pos` is where it starts in the user's text.
 */
export function checkNumberLiteral(text: string, pos: number): void {
  const m = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) throw new ParseError(`bad number '${clip(text)}'`, pos);
  const [, int = '', frac = '', exp = '0'] = m;
  if (int.length + frac.length + (m[3] ?? '').replace(/^[+-]/, '').length > MAX_NUMBER_DIGITS) {
    throw new ParseError(`the number '${clip(text)}' has more than ${MAX_NUMBER_DIGITS} digits`, pos);
  }
  const digits = (int + frac).replace(/^0+/, '');
  if (digits === '') return; // zero
  // value = d1.d2… × 10^(magnitude − 1)
  const leadingZerosOfFrac = int.replace(/^0+/, '') === '' ? frac.length - frac.replace(/^0+/, '').length : 0;
  const magnitude = Number(exp) + (int.replace(/^0+/, '').length || -leadingZerosOfFrac);
  if (magnitude - 1 > MAX_DECIMAL_EXPONENT || magnitude - 1 < -MAX_DECIMAL_EXPONENT) {
    throw new ParseError(`the number '${clip(text)}' is outside the range of double precision (magnitudes 1e-${MAX_DECIMAL_EXPONENT} to 1e${MAX_DECIMAL_EXPONENT})`, pos);
  }
}

const clip = (s: string) => (s.length > 24 ? `${s.slice(0, 12)}…${s.slice(-8)}` : s);

/** A character as a message shows it: printable as itself, anything else as its code point. */
export function showChar(text: string, i: number): string {
  const cp = text.codePointAt(i) ?? 0;
  const ch = String.fromCodePoint(cp);
  return cp < 0x20 || cp === 0x7f || (cp >= 0xd800 && cp <= 0xdfff) || /\p{C}|\p{Z}/u.test(ch) ? `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` : `'${ch}'`;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  // Brackets are counted here too, so that a deeply nested input is refused
  // at the bracket that goes too deep, before its length is (the parser
  // counts every kind of nesting; this is the cheap early warning).
  let depth = 0;
  const at = (re: RegExp): string | undefined => {
    re.lastIndex = i;
    return re.exec(text)?.[0];
  };
  while (i < text.length) {
    if (i >= MAX_INPUT_LENGTH) {
      throw new ParseError(`the input is ${text.length} characters long; the limit is ${MAX_INPUT_LENGTH}`, MAX_INPUT_LENGTH);
    }
    const space = at(SPACE);
    if (space) {
      i += space.length;
      continue;
    }
    const n = at(NUMBER);
    if (n) {
      checkNumberLiteral(n, i);
      tokens.push({ type: 'num', text: n, pos: i });
      i += n.length;
      continue;
    }
    const id = at(IDENT);
    if (id) {
      tokens.push({ type: 'ident', text: id, pos: i });
      i += id.length;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      if (op === '(' || op === '[') {
        if (++depth > MAX_BRACKET_DEPTH) throw new ParseError(`nesting deeper than ${MAX_BRACKET_DEPTH}`, i);
      } else if (op === ')' || op === ']') depth--;
      tokens.push({ type: 'op', text: op, pos: i });
      i += op.length;
      continue;
    }
    throw new ParseError(`unexpected character ${showChar(text, i)}`, i);
  }
  tokens.push({ type: 'end', text: '', pos: text.length });
  return tokens;
}
