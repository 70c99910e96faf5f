// Docs that run: the README's library example is this folder's
// example.test.ts, verbatim, so the example cannot drift from the code.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('README', () => {
  const readme = readFileSync('README.md', 'utf8');
  it('shows tests/readme/example.test.ts verbatim as its library example', () => {
    const example = readFileSync('tests/readme/example.test.ts', 'utf8');
    expect(readme).toContain('```ts\n' + example + '```');
  });
  it('gives the two set-up commands, the second ending in npm test', () => {
    expect(readme).toMatch(/bash scripts\/setup\.sh && npm ci && npm start/);
    expect(readme).toMatch(/bash scripts\/setup\.sh && npm ci && npm test/);
  });
});
