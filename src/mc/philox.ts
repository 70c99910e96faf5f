// Philox4x32-10 (Salmon et al. 2011, Random123), in JS and in WGSL.
//
// A counter-based generator: the output is a pure function of a 128-bit
// counter and a 64-bit key, so sample i can be drawn without drawing samples
// 0..i-1, by any thread of any backend. Both implementations build the
// 32×32→64-bit products from 16-bit halves (WGSL has no 64-bit integers; in
// JS every partial product of two 16-bit halves is exact in a double).
//
// One round, with (hi, lo) the two halves of a full 64-bit product:
//   (hi0, lo0) = M0·c0, (hi1, lo1) = M1·c2
//   c ← (hi1 ⊕ c1 ⊕ k0, lo1, hi0 ⊕ c3 ⊕ k1, lo0)
// and the key is bumped by (W0, W1) before every round but the first.
// tests/mc/philox.test.ts checks the three Random123 known-answer vectors on
// both backends.

export const PHILOX_M0 = 0xd2511f53;
export const PHILOX_M1 = 0xcd9e8d57;
export const PHILOX_W0 = 0x9e3779b9;
export const PHILOX_W1 = 0xbb67ae85;
export const PHILOX_ROUNDS = 10;

const M0L = PHILOX_M0 & 0xffff;
const M0H = PHILOX_M0 >>> 16;
const M1L = PHILOX_M1 & 0xffff;
const M1H = PHILOX_M1 >>> 16;

/** 2^-24: uniforms are odd multiples of it, so never 0 and never 1. */
export const UNIFORM_SCALE = 5.9604644775390625e-8;

/** The high 32 bits of a·b for unsigned 32-bit a and b = bh·2^16 + bl. */
function mulhi(a: number, bl: number, bh: number): number {
  const al = a & 0xffff;
  const ah = a >>> 16;
  const ll = al * bl;
  const lh = al * bh;
  const hl = ah * bl;
  const hh = ah * bh;
  // Each partial product is < 2^32 and exact in a double; `mid` collects the
  // bits 16..31 contributions whose carry reaches bit 32.
  const mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  return (hh + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) >>> 0;
}

/**
 * Philox4x32-10 of counter (c0, c1, c2, c3) under key (k0, k1), written to
 * out[0..3] as unsigned 32-bit words. Inputs are taken modulo 2^32.
 */
export function philox4x32(
  c0: number, c1: number, c2: number, c3: number, k0: number, k1: number,
  out: Uint32Array | number[] = new Uint32Array(4),
): Uint32Array | number[] {
  c0 >>>= 0; c1 >>>= 0; c2 >>>= 0; c3 >>>= 0; k0 >>>= 0; k1 >>>= 0;
  for (let r = 0; r < PHILOX_ROUNDS; r++) {
    if (r > 0) {
      k0 = (k0 + PHILOX_W0) >>> 0;
      k1 = (k1 + PHILOX_W1) >>> 0;
    }
    const hi0 = mulhi(c0, M0L, M0H);
    const lo0 = Math.imul(c0, PHILOX_M0) >>> 0;
    const hi1 = mulhi(c2, M1L, M1H);
    const lo1 = Math.imul(c2, PHILOX_M1) >>> 0;
    c0 = (hi1 ^ c1 ^ k0) >>> 0;
    c1 = lo1;
    c2 = (hi0 ^ c3 ^ k1) >>> 0;
    c3 = lo0;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
  return out;
}

/** The uniform in (0, 1) that a 32-bit word stands for: ((w >> 8) | 1)·2^-24. */
export const uniformOf = (w: number): number => (((w >>> 8) | 1) * UNIFORM_SCALE);

/** The key schedule: (k0 + r·W0, k1 + r·W1) mod 2^32 for r = 0..9, as int32 bit patterns. */
export function roundKeys(k0: number, k1: number): { k0: Int32Array; k1: Int32Array } {
  const a = new Int32Array(PHILOX_ROUNDS);
  const b = new Int32Array(PHILOX_ROUNDS);
  for (let r = 0; r < PHILOX_ROUNDS; r++) {
    a[r] = (k0 + Math.imul(r, PHILOX_W0)) | 0;
    b[r] = (k1 + Math.imul(r, PHILOX_W1)) | 0;
  }
  return { k0: a, k1: b };
}

/**
 * JS source of an unrolled Philox4x32-10 for generated kernels: reads the
 * counter from int32 variables c0..c3 (overwriting them with the output) and
 * the round keys from K0_r / K1_r (see `jsRoundKeyDecls`). Scratch variables
 * are declared by `JS_PHILOX_SCRATCH`. Unrolling with a precomputed key
 * schedule is about 10% faster in V8 than the loop above.
 */
export function jsPhiloxBody(): string {
  let s = '';
  for (let r = 0; r < PHILOX_ROUNDS; r++) {
    s +=
      `al = c0 & 0xffff; ah = c0 >>> 16; ll = al * ${M0L}; lh = al * ${M0H}; hl = ah * ${M0L}; hh = ah * ${M0H};\n` +
      `hi0 = hh + (lh >>> 16) + (hl >>> 16) + (((ll >>> 16) + (lh & 0xffff) + (hl & 0xffff)) >>> 16);\n` +
      `al = c2 & 0xffff; ah = c2 >>> 16; ll = al * ${M1L}; lh = al * ${M1H}; hl = ah * ${M1L}; hh = ah * ${M1H};\n` +
      `hi1 = hh + (lh >>> 16) + (hl >>> 16) + (((ll >>> 16) + (lh & 0xffff) + (hl & 0xffff)) >>> 16);\n` +
      `lo0 = Math.imul(c0, ${PHILOX_M0 | 0}); lo1 = Math.imul(c2, ${PHILOX_M1 | 0});\n` +
      `c0 = hi1 ^ c1 ^ K0_${r}; c1 = lo1; c2 = hi0 ^ c3 ^ K1_${r}; c3 = lo0;\n`;
  }
  return s;
}

export const JS_PHILOX_SCRATCH = 'let al = 0, ah = 0, ll = 0, lh = 0, hl = 0, hh = 0, hi0 = 0, hi1 = 0, lo0 = 0, lo1 = 0;';

/** Declarations of K0_r, K1_r from the int32 variables `k0`, `k1`. */
export function jsRoundKeyDecls(): string {
  let s = '';
  for (let r = 0; r < PHILOX_ROUNDS; r++) {
    s += `const K0_${r} = (k0 + Math.imul(${r}, ${PHILOX_W0 | 0})) | 0, K1_${r} = (k1 + Math.imul(${r}, ${PHILOX_W1 | 0})) | 0;\n`;
  }
  return s;
}

/**
 * WGSL: `philox(c, k)` and `unif(w)`. The 64-bit products are assembled from
 * 16-bit halves; the low word is recovered from the same partial products
 * (ll + (lh + hl)·2^16 mod 2^32), which saves one 32-bit multiply per product.
 */
export const WGSL_PHILOX = /* wgsl */ `
fn philox_mul(a: u32, bl: u32, bh: u32) -> vec2<u32> {
  let al = a & 0xffffu;
  let ah = a >> 16u;
  let ll = al * bl;
  let lh = al * bh;
  let hl = ah * bl;
  let hh = ah * bh;
  let mid = (ll >> 16u) + (lh & 0xffffu) + (hl & 0xffffu);
  let hi = hh + (lh >> 16u) + (hl >> 16u) + (mid >> 16u);
  let lo = (mid << 16u) | (ll & 0xffffu);
  return vec2<u32>(hi, lo);
}

fn philox(c_in: vec4<u32>, k_in: vec2<u32>) -> vec4<u32> {
  var c = c_in;
  var k = k_in;
  for (var r = 0u; r < ${PHILOX_ROUNDS}u; r = r + 1u) {
    if (r > 0u) {
      k = k + vec2<u32>(0x${PHILOX_W0.toString(16)}u, 0x${PHILOX_W1.toString(16)}u);
    }
    let p0 = philox_mul(c.x, 0x${M0L.toString(16)}u, 0x${M0H.toString(16)}u);
    let p1 = philox_mul(c.z, 0x${M1L.toString(16)}u, 0x${M1H.toString(16)}u);
    c = vec4<u32>(p1.x ^ c.y ^ k.x, p1.y, p0.x ^ c.w ^ k.y, p0.y);
  }
  return c;
}

// 2^-24: uniforms are odd multiples of it, never 0 and never 1; exact in f32.
fn unif(w: u32) -> f32 {
  return f32((w >> 8u) | 1u) * 5.9604644775390625e-8;
}
`;
