// Bad input or usage: exit code 2 with one line on stderr naming the problem
// and where it is. Never a stack trace.
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Points at a position in a piece of input: `claim "a +* b": position 3: …`. */
export function at(what: string, text: string, position: number, message: string): UsageError {
  return new UsageError(`${what} "${text}": position ${position + 1}: ${message}`);
}
