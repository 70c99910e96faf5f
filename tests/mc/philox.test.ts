// Philox4x32-10 against the Random123 known-answer vectors (kat_vectors),
// on both backends, and the uniform map that never returns 0 or 1.
import { describe, expect, it } from 'vitest';
import { philox4x32, philoxOnGpu, uniformOf, sampleValues } from '../../src/mc/index.js';
import { sym, uniform, draw } from '../../src/expr/build.js';
import { BACKENDS, describeWebgpu } from './webgpu-gate.js';

type Kat = readonly [readonly [number, number, number, number], readonly [number, number], readonly [number, number, number, number]];

const KATS: readonly Kat[] = [
  [[0, 0, 0, 0], [0, 0], [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]],
  [[0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff], [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd]],
  [[0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0], [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1]],
];

const hex = (w: ArrayLike<number>): string[] => Array.from(w, (x) => (x >>> 0).toString(16).padStart(8, '0'));

describe('Philox4x32-10 (JS)', () => {
  it.each(KATS.map((k, i) => [i, k] as const))('matches Random123 known-answer vector %i', (_i, [c, k, want]) => {
    expect(hex(philox4x32(c[0], c[1], c[2], c[3], k[0], k[1]))).toEqual(hex(want));
  });

  it('is a function of counter and key only (changing one counter word changes every output word)', () => {
    const a = philox4x32(1, 2, 3, 4, 5, 6);
    const b = philox4x32(1, 2, 3, 5, 5, 6);
    for (let i = 0; i < 4; i++) expect(a[i]).not.toBe(b[i]);
    expect(hex(philox4x32(1, 2, 3, 4, 5, 6))).toEqual(hex(a));
  });
});

describeWebgpu('Philox4x32-10 (WGSL)', () => {
  it('matches the three Random123 known-answer vectors', async () => {
    const out = await philoxOnGpu(KATS.map(([c, k]) => [c[0], c[1], c[2], c[3], k[0], k[1]] as const));
    expect(out).not.toBeNull();
    out!.forEach((words, i) => expect(hex(words)).toEqual(hex(KATS[i][2])));
  });

  it('agrees with the JS Philox on 256 pseudo-random counters and keys', async () => {
    const inputs: Array<[number, number, number, number, number, number]> = [];
    let s = 0x12345678;
    const next = (): number => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
    for (let i = 0; i < 256; i++) inputs.push([next(), next(), next(), next(), next(), next()]);
    const out = await philoxOnGpu(inputs);
    out!.forEach((words, i) => expect(hex(words)).toEqual(hex(philox4x32(...inputs[i]))));
  });
});

describe('uniforms ((w >> 8) | 1)·2^-24', () => {
  it('map the extreme words inside (0, 1): 0 → 2^-24, 2^32 − 1 → 1 − 2^-24', () => {
    expect(uniformOf(0)).toBe(2 ** -24);
    expect(uniformOf(0xffffffff)).toBe(1 - 2 ** -24);
    expect(uniformOf(0xff)).toBe(2 ** -24);
    expect(uniformOf(0x100)).toBe(2 ** -24);
    expect(uniformOf(0x200)).toBe(3 * 2 ** -24);
  });

  it('are odd multiples of 2^-24, exact in f32', () => {
    for (const w of [0, 1, 0xabcdef12, 0x80000000, 0xffffffff]) {
      const u = uniformOf(w);
      expect(Math.fround(u)).toBe(u);
      expect((u * 2 ** 24) % 2).toBe(1);
    }
  });

  it.each(BACKENDS)('drawn by the %s kernel lie strictly inside (0, 1)', async (backend) => {
    const t = sym('t');
    const vals = await sampleValues(t, [draw('t', uniform(0, 1))], {}, { first: 0, count: 200_000, seed: 7, backend });
    let lo = 1;
    let hi = 0;
    for (const v of vals) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    expect(lo).toBeGreaterThan(0);
    expect(hi).toBeLessThan(1);
    // The draws do reach close to both ends (the test could fail if they were clamped).
    expect(lo).toBeLessThan(1e-4);
    expect(hi).toBeGreaterThan(1 - 1e-4);
  });
});
