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

/**
 * The high 32 bits of a·b for unsigned 32-bit a and b = bh·2^16 + bl. With
 * a = ah·2^16 + al, every partial product is < 2^32, and so are the two
 * running sums: al·bh + (al·bl >> 16) ≤ (2^16 − 1)² + 2^16 − 1 < 2^32, and the
 * same for ah·bl + (t1 mod 2^16). Exact in doubles, and in u32 on the GPU.
 */
function mulhi(a: number, bl: number, bh: number): number {
  const al = a & 0xffff;
  const ah = a >>> 16;
  const t1 = al * bh + ((al * bl) >>> 16);
  const t2 = ah * bl + (t1 & 0xffff);
  return (ah * bh + (t1 >>> 16) + (t2 >>> 16)) >>> 0;
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

/**
 * The radius of Box–Muller needs more than 24 bits: r = sqrt(−2 ln u) with
 * u ≥ 2^-24 stops at |z| ≤ 5.77, and E[exp(5|x|)] then comes out 22% low.
 * Its uniform is drawn from the whole radius word a and, below 2^-16, from
 * a second word b (layout.ts):
 *   u = (a + 1/2)·2^-32                 for a ≥ 2^16,
 *   u = (a·2^32 + b + 1/2)·2^-64        for a < 2^16,
 * the midpoints of a grid of relative spacing ≤ 2^-16 everywhere, down to
 * u = 2^-65 (|z| ≤ 9.49; P(|z| > 9.49) = 2.3e-21). The second word is
 * needed by one radius in 2^16, so it is drawn only then, from the
 * group's extension calls (RADIUS_EXT_CALL): the cost stays near that of
 * one-word uniforms.
 * Both forms are exact in float64; in f32 they round once or twice.
 */
export const RADIUS_SPLIT = 65536;
/**
 * The extension words of a group: Gaussian x (0 ≤ x < units·G) takes word
 * x mod 4 of the Philox call with counter word 2 = RADIUS_EXT_CALL + floor(x / 4)
 * (layout.ts), so one call serves four radii (the webgpu kernel makes the
 * calls once per group, and only when one of its radius words is below 2^16).
 */
export const RADIUS_EXT_CALL = 0x80000000;
const TWO_M32 = 2.3283064365386963e-10;
const TWO_M64 = 5.421010862427522e-20;

/** The radius uniform of words a and (used only when a < 2^16) b. */
export const radiusUniformOf = (a: number, b: number): number => {
  a >>>= 0;
  return a >= RADIUS_SPLIT ? (a + 0.5) * TWO_M32 : (a * 4294967296 + (b >>> 0) + 0.5) * TWO_M64;
};

/**
 * JS source of `$rext(g, x, k0, k1, stream, a)`: the radius uniform of a
 * word a < 2^16 of group g's Gaussian x, with its extension word (word
 * x mod 4 of Philox at counter (g mod 2^32, stream, RADIUS_EXT_CALL +
 * floor(x / 4), g / 2^32)). For the generated kernels (js.ts) and the wasm
 * kernel's import (memory.ts), which call it for the rare radius only.
 */
export const JS_RADIUS_EXT = `
function $mulhi(a, bl, bh) {
  const al = a & 0xffff, ah = a >>> 16;
  const t1 = al * bh + ((al * bl) >>> 16), t2 = ah * bl + (t1 & 0xffff);
  return (ah * bh + (t1 >>> 16) + (t2 >>> 16)) >>> 0;
}
function $rext(g, x, k0, k1, stream, a) {
  let c0 = (g % 4294967296) >>> 0, c1 = stream >>> 0, c2 = (${RADIUS_EXT_CALL} + (x >>> 2)) >>> 0, c3 = Math.floor(g / 4294967296) >>> 0;
  k0 >>>= 0; k1 >>>= 0;
  for (let r = 0; r < ${PHILOX_ROUNDS}; r++) {
    if (r > 0) { k0 = (k0 + ${PHILOX_W0}) >>> 0; k1 = (k1 + ${PHILOX_W1}) >>> 0; }
    const hi0 = $mulhi(c0, ${M0L}, ${M0H}), lo0 = Math.imul(c0, ${PHILOX_M0}) >>> 0;
    const hi1 = $mulhi(c2, ${M1L}, ${M1H}), lo1 = Math.imul(c2, ${PHILOX_M1}) >>> 0;
    c0 = (hi1 ^ c1 ^ k0) >>> 0; c1 = lo1; c2 = (hi0 ^ c3 ^ k1) >>> 0; c3 = lo0;
  }
  const b = (x & 3) === 0 ? c0 : (x & 3) === 1 ? c1 : (x & 3) === 2 ? c2 : c3;
  return ((a >>> 0) * 4294967296 + b + 0.5) * ${TWO_M64};
}
`;

/**
 * JS source of two Philox4x32-10 evaluations side by side, unrolled, for the
 * generated kernels: counters in the int32 variables c0..c3 and d0..d3
 * (overwritten with the outputs), round keys in K0_r / K1_r (see
 * `jsRoundKeyDecls`). Two independent dependency chains keep the CPU's ports
 * busy: 22 ns per evaluation instead of 29 for one at a time, which was
 * already 10% faster than a loop over rounds, and the two-running-sums form
 * of `mulhi` another 10% faster than the textbook four-term one.
 */
export function jsPhilox2Body(): string {
  const prod = (x: string, y: string, l: number, h: number, hi: string, hj: string, v: string): string =>
    `const ${v}al = ${x} & 0xffff, ${v}ah = ${x} >>> 16, ${v}bl = ${y} & 0xffff, ${v}bh = ${y} >>> 16;\n` +
    `const ${v}t1 = ${v}al * ${h} + ((${v}al * ${l}) >>> 16), ${v}u1 = ${v}bl * ${h} + ((${v}bl * ${l}) >>> 16);\n` +
    `const ${v}t2 = ${v}ah * ${l} + (${v}t1 & 0xffff), ${v}u2 = ${v}bh * ${l} + (${v}u1 & 0xffff);\n` +
    `const ${hi} = ${v}ah * ${h} + (${v}t1 >>> 16) + (${v}t2 >>> 16), ${hj} = ${v}bh * ${h} + (${v}u1 >>> 16) + (${v}u2 >>> 16);\n`;
  let s = '';
  for (let r = 0; r < PHILOX_ROUNDS; r++) {
    s += '{\n' +
      prod('c0', 'd0', M0L, M0H, 'hi0', 'hj0', 'p') +
      prod('c2', 'd2', M1L, M1H, 'hi1', 'hj1', 'q') +
      `const lo0 = Math.imul(c0, ${PHILOX_M0 | 0}), lo1 = Math.imul(c2, ${PHILOX_M1 | 0}), lj0 = Math.imul(d0, ${PHILOX_M0 | 0}), lj1 = Math.imul(d2, ${PHILOX_M1 | 0});\n` +
      `c0 = hi1 ^ c1 ^ K0_${r}; c1 = lo1; c2 = hi0 ^ c3 ^ K1_${r}; c3 = lo0;\n` +
      `d0 = hj1 ^ d1 ^ K0_${r}; d1 = lj1; d2 = hj0 ^ d3 ^ K1_${r}; d3 = lj0;\n}\n`;
  }
  return s;
}

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
 * 16-bit halves as in `mulhi` above; the low word comes from the same partial
 * products, (t2·2^16 + (al·bl mod 2^16)) mod 2^32, without a fifth multiply.
 */
export const WGSL_PHILOX = /* wgsl */ `
fn philox_mul(a: u32, bl: u32, bh: u32) -> vec2<u32> {
  let al = a & 0xffffu;
  let ah = a >> 16u;
  let ll = al * bl;
  let t1 = al * bh + (ll >> 16u);
  let t2 = ah * bl + (t1 & 0xffffu);
  let hi = ah * bh + (t1 >> 16u) + (t2 >> 16u);
  let lo = (t2 << 16u) | (ll & 0xffffu);
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

// ln R(a, b), the log of the radius uniform (philox.ts radiusUniformOf):
// (a + 1/2)·2^-32, or below 2^16 (a·2^32 + b + 1/2)·2^-64, with b the
// extension word (the caller has drawn it where a < 2^16; else it is unused).
// Branch-free: a branch per radius cost 10% of the cheapest kernels on
// lavapipe. Above the split f32(a) would round away the low 8 bits, and
// r = sqrt(−2 ln R) is ill-conditioned next to R = 1 (r ≈ 0), so there
// R = hi + lo with hi = (a >> 8)·2^-24 and lo = ((a & 255) + 1/2)·2^-32 both
// exact in f32, ln R = ln hi + ln(1 + e), e = lo/hi ≤ 2^-8, ln(1 + e) =
// e − e²/2 to 2^-25 absolute: ln R to f32's relative precision everywhere.
fn log_radius(a: u32, b: u32) -> f32 {
  let small = a < ${RADIUS_SPLIT}u;
  let hi = f32(a >> 8u) * 5.9604644775390625e-8;
  let rs = f32(a) * ${TWO_M32} + (f32(b) + 0.5) * ${TWO_M64};
  let e = select((f32(a & 255u) + 0.5) * ${TWO_M32} / hi, 0.0, small);
  return log(select(hi, rs, small)) + e * (1.0 - 0.5 * e);
}
`;
