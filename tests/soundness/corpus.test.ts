// The soundness corpus (corpus.ts): every claim gets the verdict a sound
// checker must give. The issue's own examples on every seed 1–20; our own
// cases on a few seeds here, and on 100 seeds in `npm run calibrate`.
import { describe, expect, it } from 'vitest';
import { cli, isOneLineError } from '../e2e/run-cli.js';
import { BACKENDS } from '../mc/webgpu-gate.js';
import { ALGEBRA_CASES, BAD_INPUT_CASES, MONTE_CARLO_CASES, type SoundnessCase } from './corpus.js';
import { decideCase, describeVerdict, meets } from './decide-claim.js';

const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);
const seedsOf = (c: SoundnessCase, own: number[]): number[] => (c.fromIssue ? range(1, 20) : own);
const label = (c: SoundnessCase): string => `${c.expect}: ${c.claim.length > 80 ? `${c.claim.slice(0, 80)}…` : c.claim}${c.params?.length ? ` [${c.params.join('; ')}]` : ''}`;

describe('algebra: a false claim is refuted, a true one never is', () => {
  for (const c of ALGEBRA_CASES) {
    it(label(c), async () => {
      for (const seed of seedsOf(c, [1, 2, 3])) {
        const v = await decideCase(c, seed);
        expect(meets(c.expect, v), `seed ${seed}: ${describeVerdict(v)} — ${c.note}`).toBe(true);
      }
    });
  }
});

describe('Monte Carlo: heavy tails are unknown, light-tailed claims decided, float32 never refutes alone', () => {
  for (const c of MONTE_CARLO_CASES) {
    const backends = c.backend === 'webgpu' ? BACKENDS.filter((b) => b === 'webgpu') : (['auto', 'cpu'] as const);
    for (const backend of backends) {
      it(`${label(c)} on ${backend}`, async () => {
        for (const seed of seedsOf(c, [1, 2])) {
          const v = await decideCase(c, seed, backend);
          expect(meets(c.expect, v), `seed ${seed}: ${describeVerdict(v)} — ${c.note}`).toBe(true);
        }
      });
    }
  }
});

describe('bad input: exit 2 and one line on stderr, never a decision', () => {
  for (const c of BAD_INPUT_CASES) {
    it(label(c).replace(/\0/g, '\\0'), () => {
      const args = ['claim', c.claim, ...(c.params ?? []).flatMap((p) => ['--param', p]), ...(c.random ?? []).flatMap((r) => ['--random', r]), ...(c.options ?? [])];
      const r = cli(...args);
      expect(isOneLineError(r), `exit ${r.code}, stderr: ${r.stderr.slice(0, 300)} — ${c.note}`).toBe(true);
    });
  }
});
