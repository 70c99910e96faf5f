// Tokens of the claim language (mathjs syntax plus `E[...]` and `~`), each
// with its position so that every error can point at the offending character.

export type TokenType = 'num' | 'ident' | 'op' | 'end';

export interface Token {
  readonly type: TokenType;
  readonly text: string;
  /** 0-based offset of the first character. */
  readonly pos: number;
}

export class ParseError extends Error {
  /** 0-based offset into the text. */
  readonly position: number;
  constructor(message: string, position: number) {
    super(message);
    this.name = 'ParseError';
    this.position = position;
  }
}

// Longest first, so that `<=` is not read as `<` then `=`.
const OPERATORS = ['==', '<=', '>=', '+', '-', '*', '/', '^', '(', ')', '[', ']', ',', '=', '~', '<', '>'];
const NUMBER = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = text.slice(i);
    const n = NUMBER.exec(rest);
    if (n) {
      tokens.push({ type: 'num', text: n[0], pos: i });
      i += n[0].length;
      continue;
    }
    const id = IDENT.exec(rest);
    if (id) {
      tokens.push({ type: 'ident', text: id[0], pos: i });
      i += id[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => rest.startsWith(o));
    if (op) {
      tokens.push({ type: 'op', text: op, pos: i });
      i += op.length;
      continue;
    }
    throw new ParseError(`unexpected character '${c}'`, i);
  }
  tokens.push({ type: 'end', text: '', pos: text.length });
  return tokens;
}
