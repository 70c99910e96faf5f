// The three random-point profiles (src/algebra/random-points.ts) draw, for
// fixed seeds, exactly the points the three generators they replaced drew
// (recorded in sequences.json before the change): the CI seeds see the same
// parameter points in the algebra's search, the Monte Carlo tests and the
// users' arbitraries.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { record } from './sequences.js';

const before = JSON.parse(readFileSync(new URL('./sequences.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('random points are the same sequences as before they were gathered into one module', () => {
  const now = JSON.parse(JSON.stringify(record())) as Record<string, unknown>;
  for (const key of Object.keys(before)) {
    it(`${key}: identical points for every recorded seed`, () => {
      expect(now[key]).toEqual(before[key]);
    });
  }
});
