// The exact core gives up by throwing Unsupported, with a reason a person
// reads; decide() then falls back to numeric tests, or answers unknown.
export class Unsupported extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'Unsupported';
  }
}
