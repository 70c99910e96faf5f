import { BadInput } from '../errors.js';

// Bad input or usage: exit code 2 with one line on stderr naming the problem
// and where it is. Never a stack trace.
export class UsageError extends BadInput {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Longest piece of the user's text quoted in a message. */
const EXCERPT = 60;

/**
 * The user's text as a one-line message quotes it: control characters
 * escaped, and, when long, only the part around `position` (…).
 */
export function excerpt(text: string, position = 0): string {
  let s = text;
  let from = 0;
  if (s.length > EXCERPT) {
    from = Math.max(0, Math.min(position - EXCERPT / 2, s.length - EXCERPT));
    s = `${from > 0 ? '…' : ''}${s.slice(from, from + EXCERPT)}${from + EXCERPT < text.length ? '…' : ''}`;
  }
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Points at a position in a piece of input: `claim "a +* b": position 3: …`. */
export function at(what: string, text: string, position: number, message: string): UsageError {
  return new UsageError(`${what} "${excerpt(text, position)}": position ${position + 1}: ${message}`);
}
