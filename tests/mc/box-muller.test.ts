// Box–Muller's forms (src/mc/box-muller.ts) agree with its reference: the
// radius uniform of the whole word a, and below the split (a < 2^16) of the
// extension word b drawn from the group's extension call. Each kernel's form
// is checked on radius words far below, just below, at and just above the
// split, and at the extreme words (the JS form directly on chosen words; the
// wasm and JS kernels, and WGSL where an adapter is present, at the samples
// of a stream whose radius words fall in those classes).
import { describe, expect, it } from 'vitest';
import {
  extensionWord, JS_BOX_MULLER_TABLES, JS_RADIUS_EXT, jsBoxMuller, RADIUS_SPLIT, radiusUniformOf, referenceBoxMuller,
} from '../../src/mc/box-muller.js';
import { JS_HELPERS } from '../../src/mc/js.js';
import { layoutOf, philox4x32, referenceDraws, sampleValues } from '../../src/mc/index.js';
import { draw, normal, sym } from '../../src/expr/build.js';
import { BACKENDS } from './webgpu-gate.js';

/** The JS kernel's Box–Muller as a function of its words and the extension call's coordinates. */
const jsPair = new Function(`"use strict";${JS_HELPERS}${JS_BOX_MULLER_TABLES}${JS_RADIUS_EXT}
return (w1, w2, ug, ux, k0, k1, stream) => { let za = 0, zb = 0; ${jsBoxMuller('w1', 'w2', 'za', 'zb', 'ug', 'ux')} return [za, zb]; };`)() as
  (w1: number, w2: number, g: number, x: number, k0: number, k1: number, stream: number) => [number, number];

const close = (got: number, want: number, rel: number): boolean => Math.abs(got - want) <= rel * Math.max(1, Math.abs(want));

const SPLIT = RADIUS_SPLIT;
const RADIUS_WORDS = [0, 1, 2, 46, 4095, SPLIT - 2, SPLIT - 1, SPLIT, SPLIT + 1, SPLIT + 255, SPLIT + 256, 2 ** 24, 2 ** 31, 0xfffffffe, 0xffffffff];
const ANGLE_WORDS = [0, 255, 256, 2 ** 23, 2 ** 31 - 1, 2 ** 31, 0xc0000000, 0xffffffff];

describe('the reference radius uniform is the rule', () => {
  it('whole word at and above the split, whole word and extension word below it, continuous across it', () => {
    expect(radiusUniformOf(SPLIT, 7)).toBe((SPLIT + 0.5) * 2 ** -32);
    expect(radiusUniformOf(SPLIT - 1, 7)).toBe(((SPLIT - 1) * 2 ** 32 + 7.5) * 2 ** -64);
    // Just below the split the largest value is the grid point next to the split's.
    expect(radiusUniformOf(SPLIT - 1, 0xffffffff)).toBeLessThan(radiusUniformOf(SPLIT, 0));
    expect(radiusUniformOf(SPLIT, 0) - radiusUniformOf(SPLIT - 1, 0xffffffff)).toBeLessThan(2 ** -32);
  });
});

describe('the JS kernel form on chosen words', () => {
  const keys: Array<[number, number, number, number, number]> = [[0, 0, 0, 0, 0], [123456, 5, 7, 0xdeadbeef, 3], [2 ** 40 + 17, 2, 1, 99, 0xffffffff]];
  it('agrees with the reference (Math.log, Math.cos, Math.sin, the extension word by philox4x32) to 1e-13 relative', () => {
    for (const [g, x, k0, k1, stream] of keys) {
      for (const a of RADIUS_WORDS) {
        const b = a < SPLIT ? extensionWord(g, stream, x, k0, k1) : 0;
        for (const w2 of ANGLE_WORDS) {
          const want = referenceBoxMuller(a, b, w2);
          const got = jsPair(a, w2, g, x, k0, k1, stream);
          for (let k = 0; k < 2; k++) expect(close(got[k], want[k], 1e-13), `a=${a} w2=${w2} g=${g}: ${got[k]} vs ${want[k]}`).toBe(true);
        }
      }
    }
  });

  it('below the split it uses the extension word (b = 0 instead would give another radius: the test has teeth)', () => {
    const [g, x, k0, k1, stream] = keys[1];
    const b = extensionWord(g, stream, x, k0, k1);
    expect(b).not.toBe(0);
    const [za, zb] = jsPair(46, 0, g, x, k0, k1, stream);
    expect(Math.abs(Math.hypot(za, zb) - Math.sqrt(-2 * Math.log(radiusUniformOf(46, b))))).toBeLessThan(1e-12);
    expect(Math.abs(Math.hypot(za, zb) - Math.sqrt(-2 * Math.log(radiusUniformOf(46, 0))))).toBeGreaterThan(1e-4);
  });

  it('the extension word is word x mod 4 of the call RADIUS_EXT_CALL + floor(x / 4)', () => {
    const out = new Uint32Array(4);
    for (const x of [0, 1, 2, 3, 4, 7, 9]) {
      philox4x32(77, 3, 0x80000000 + Math.floor(x / 4), 0, 11, 12, out);
      expect(extensionWord(77, 3, x, 11, 12)).toBe(out[x % 4]);
    }
  });
});

/** Samples (group, which of the pair) of seed/stream whose radius word falls in [lo, hi): a few of each class. */
function samplesWithRadiusIn(seed: number, lo: number, hi: number, want: number): number[] {
  const L = layoutOf(1, 0);
  const out = new Uint32Array(4);
  const found: number[] = [];
  for (let g = 0; g < 1 << 20 && found.length < want; g++) {
    philox4x32(g, 0, 0, 0, seed, 0, out);
    for (let u = 0; u < L.unitsPerGroup; u++) {
      const a = out[u * L.unitWords];
      if (a >= lo && a < hi) found.push(g * L.samplesPerGroup + 2 * u);
    }
  }
  return found;
}

describe('the kernels at samples whose radius word is near or below the split', () => {
  const seed = 5;
  const classes: Array<[string, number, number]> = [
    ['far below the split (a < 2^12)', 0, 2 ** 12],
    ['just below the split', SPLIT - 2 ** 14, SPLIT],
    ['at or just above the split', SPLIT, SPLIT + 2 ** 14],
  ];
  const x = sym('x');
  for (const [name, lo, hi] of classes) {
    const firsts = samplesWithRadiusIn(seed, lo, hi, 3);
    for (const backend of BACKENDS) {
      const kernels = backend === 'cpu' ? [['wasm', { wasm: true }], ['js', { wasm: false }]] as const : [['wgsl', {}]] as const;
      for (const [kernel, cpu] of kernels) {
        it(`${name}: the ${kernel} kernel draws the reference's pair (${kernel === 'wgsl' ? 'f32' : '1e-12'})`, async () => {
          expect(firsts.length).toBeGreaterThan(0);
          const L = layoutOf(1, 0);
          for (const first of firsts) {
            const got = await sampleValues(x, [draw('x', normal(0, 1))], {}, { first, count: 2, seed, backend }, { cpu });
            for (let k = 0; k < 2; k++) {
              const want = referenceDraws(L, seed, 0, first + k).gaussians[0];
              expect(close(got[k], want, kernel === 'wgsl' ? 2e-5 : 1e-12), `${kernel} at sample ${first + k}: ${got[k]} vs ${want}`).toBe(true);
            }
          }
        });
      }
    }
  }
});
