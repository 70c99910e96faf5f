// The one line between "your input is wrong" and "derivcheck is wrong".
// Every error a user can cause (a typo in a claim, a negative variance, a
// derivation file that does not load) is a BadInput: the CLI prints its
// message on one line and exits 2. Anything else that escapes is a bug of
// derivcheck: exit 4, "please report". Deciding by class, not by name, means
// a new user-facing error cannot be misfiled by forgetting a list.

export class BadInput extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadInput';
  }
}

/** Is e an error the user caused (exit 2), whatever copy of this module threw it? */
export function isBadInput(e: unknown): e is BadInput {
  // A derivation file loaded through tsx may use a second copy of src/, whose
  // BadInput is a different class: the brand survives that, instanceof does not.
  return e instanceof BadInput || (typeof e === 'object' && e !== null && (e as { [BAD_INPUT]?: unknown })[BAD_INPUT] === true);
}

const BAD_INPUT = Symbol.for('derivcheck.bad-input');
Object.defineProperty(BadInput.prototype, BAD_INPUT, { value: true });
