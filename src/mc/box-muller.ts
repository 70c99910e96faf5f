// Box–Muller and the rule of its radius, for every kernel, side by side: a
// change to the rule is made here, in each of its forms, and
// tests/mc/box-muller.test.ts checks that the forms agree with the reference
// `radiusUniformOf` on words near and below the split.
//
//   reference (float64, layout.ts's referenceDraws)  radiusUniformOf, extensionWord, referenceBoxMuller
//   JS kernel (js.ts)                                JS_BOX_MULLER_TABLES, jsBoxMuller, JS_RADIUS_EXT ($rext)
//   wasm kernel (wasm/kernel.ts, emitted f64x2)      wasmBoxMuller (+ the import rext = JS_RADIUS_EXT, memory.ts)
//   WGSL kernel (wgsl.ts, f32)                       WGSL_LOG_RADIUS, WGSL_BOX_MULLER
//
// The angle: θ = π(2·U(w2) − 1), U(w) = ((w >>> 8) | 1)·2^-24 (philox.ts
// uniformOf). The JS and wasm kernels compute cos θ, sin θ from a table of
// 2048 exact points θ_j (JS_ANGLE_J) and short series; the WGSL kernel by
// sincospi; the reference by Math.cos / Math.sin.
//
// Imports: philox.ts and wasm/encode.ts only (memory.ts and wasm/math.ts
// import this module, so importing either back would make a cycle).
import { philox4x32, PHILOX_M0, PHILOX_M1, PHILOX_ROUNDS, PHILOX_W0, PHILOX_W1, M0H, M0L, M1H, M1L, uniformOf } from './philox.js';
import { OP, SHUFFLE, SIMD, type Fn, type Local } from './wasm/encode.js';
import type { VecMath } from './wasm/math.js';

// ------------------------------------------------------------- the rule

/**
 * The radius of Box–Muller needs more than 24 bits: r = sqrt(−2 ln u) with
 * u ≥ 2^-24 stops at |z| ≤ 5.77, and E[exp(5|x|)] then comes out 22% low.
 * Its uniform is drawn from the whole radius word a and, below 2^-16, from
 * a second word b (layout.ts; extensionWord below):
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
/** 2^-32 and 2^-64, the scales of the two forms (exact in float64 and f32). */
export const TWO_M32 = 2.3283064365386963e-10;
export const TWO_M64 = 5.421010862427522e-20;

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

/** The extension word of group g's Gaussian x (RADIUS_EXT_CALL): word x mod 4 of its Philox call. */
export function extensionWord(g: number, stream: number, x: number, k0: number, k1: number): number {
  const out = new Uint32Array(4);
  philox4x32(g % 4294967296, stream, RADIUS_EXT_CALL + Math.floor(x / 4), Math.floor(g / 4294967296), k0, k1, out);
  return out[x % 4];
}

/** The reference pair in float64 (Math.log, Math.cos, Math.sin): (r cos θ, r sin θ) from the radius words (a, b) and the angle word. */
export function referenceBoxMuller(a: number, b: number, angleWord: number): [number, number] {
  const r = Math.sqrt(-2 * Math.log(radiusUniformOf(a, b)));
  const theta = Math.PI * (2 * uniformOf(angleWord) - 1);
  return [r * Math.cos(theta), r * Math.sin(theta)];
}

// ------------------------------------------------------------------ JS

/** θ_j, the table's points, as JS source (the JS and wasm kernels fill their tables with it). */
export const JS_ANGLE_J = 'Math.PI * ((2 * j + 1) / 2048 - 1)';

/**
 * Box–Muller in float64 without Math.log / Math.cos / Math.sin, which cost
 * two thirds of a sample: r = sqrt(−2 $log(u1)) (below), and for the angle,
 * with u2 = q·2^-24,
 *   θ = π(q/2^23 − 1) = θ_j + b, θ_j = π((2j + 1)/2048 − 1) from the top 11 bits of q,
 *   |b| ≤ π·2^-11, sin b and cos b by their series to b⁵ and b⁴ (errors < 2^-70),
 *   sin θ = sin θ_j cos b + cos θ_j sin b, cos θ = cos θ_j cos b − sin θ_j sin b,
 * the table holding Math.sin / Math.cos of the exact points θ_j. The result is
 * r·cos θ, r·sin θ to a few ulps: the function the WGSL kernel computes in f32.
 */
export const JS_BOX_MULLER_TABLES = `
const $ST = new Float64Array(2048), $CT = new Float64Array(2048);
for (let j = 0; j < 2048; j++) { const th = ${JS_ANGLE_J}; $ST[j] = Math.sin(th); $CT[j] = Math.cos(th); }
const $PI23 = Math.PI * 2 ** -23;
`;

/**
 * Statements that set za, zb (declared by the caller) from the words w1
 * (radius) and w2 (angle); `grp` and `x` are the group and its Gaussian
 * index, for the radius's extension word (radiusUniformOf above).
 */
export function jsBoxMuller(w1: string, w2: string, za: string, zb: string, grp: string, x: string): string {
  return `{
const ra = ${w1} >>> 0;
const r = Math.sqrt(-2 * $log(ra >= ${RADIUS_SPLIT} ? (ra + 0.5) * ${TWO_M32} : $rext(${grp}, ${x}, k0, k1, stream, ra)));
const q = (${w2} >>> 8) | 1, j = q >>> 13, b = (q - (j << 13) - 4096) * $PI23, b2 = b * b;
const sb = b * (1 - b2 * (0.16666666666666666 - b2 * 0.008333333333333333)), cb = 1 - b2 * (0.5 - b2 * 0.041666666666666664);
const S = $ST[j], C = $CT[j];
${za} = r * (C * cb - S * sb); ${zb} = r * (S * cb + C * sb);
}`;
}

// ---------------------------------------------------------------- WGSL

/**
 * WGSL `log_radius(a, b)`: ln of the radius uniform, in f32 (follows
 * WGSL_PHILOX, whose `unif` WGSL_BOX_MULLER uses). Its comments are shader
 * text, kept as they were (philox.ts named) so the kernels stay byte-identical.
 */
export const WGSL_LOG_RADIUS = /* wgsl */ `// ln R(a, b), the log of the radius uniform (philox.ts radiusUniformOf):
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

/** WGSL `box_muller(w1, w2, b)` (needs `sincospi` and `unif` of the kernel's helpers). */
export const WGSL_BOX_MULLER = /* wgsl */ `// Box–Muller (layout.ts): words (w1, w2) and the radius's extension word b →
// (r cos θ, r sin θ), r = sqrt(−2 ln R(w1, b)), θ = π(2 U(w2) − 1).
fn box_muller(w1: u32, w2: u32, b: u32) -> vec2<f32> {
  let r = sqrt(-2.0 * log_radius(w1, b));
  let sc = sincospi(2.0 * unif(w2) - 1.0);
  return r * vec2<f32>(sc.y, sc.x);
}
`;

// ---------------------------------------------------------------- wasm

/** What the radius's extension word needs (radiusUniformOf): lane 0's group (lane 1's is the next), the Gaussian's index x in its group (pushed as an i32), the key and stream. */
export interface RadiusExt {
  readonly g0: Local;
  readonly x: (f: Fn) => void;
  readonly k0: Local;
  readonly k1: Local;
  readonly stream: Local;
}

/**
 * The radius uniforms of the two words at addr + offset
 * (radiusUniformOf): (a + 1/2)·2^-32, and for a lane with a < 2^16 the
 * import rext (the extension word's Philox call, one radius in 2^16).
 */
function wasmRadiusUniform(m: VecMath, addr: Local, offset: number, ext: RadiusExt): Local {
  const f = m.f;
  f.get(addr).simdMem(SIMD.load64Zero, offset, 3).simd(SIMD.f64x2ConvertLowI32x4U);
  const a = m.save();
  f.get(a).f64x2(0.5).simd(SIMD.f64x2Add).f64x2(TWO_M32).simd(SIMD.f64x2Mul);
  const u = m.save();
  f.get(a).f64x2(RADIUS_SPLIT).simd(SIMD.f64x2Lt);
  const small = m.save();
  f.get(small).simd(SIMD.anyTrue).ctl(OP.if);
  for (let lane = 0; lane < 2; lane++) {
    f.get(small).lane(SIMD.i64x2ExtractLane, lane).op(OP.i64Eqz).op(OP.i32Eqz).ctl(OP.if);
    f.get(u);
    f.get(ext.g0);
    if (lane === 1) f.f64(1).op(OP.f64Add);
    ext.x(f);
    f.get(ext.k0).get(ext.k1).get(ext.stream).get(a).lane(SIMD.f64x2ExtractLane, lane);
    f.call(m.imp.rext).lane(SIMD.f64x2ReplaceLane, lane).set(u);
    f.op(OP.end);
  }
  f.op(OP.end);
  return u;
}

/**
 * Box–Muller of two units (one per lane) from the word pairs at addr + o1
 * (radius) and addr + o2 (angle): za = r cos θ, zb = r sin θ, with the
 * table of (cos θ_j, sin θ_j) records at `table` (memory.ts CS) and the
 * series of sin b, cos b (jsBoxMuller).
 */
export function wasmBoxMuller(m: VecMath, addr: Local, o1: number, o2: number, ext: RadiusExt, table: number): [Local, Local] {
  const f = m.f;
  const [l] = m.log([wasmRadiusUniform(m, addr, o1, ext)], true);
  f.f64x2(-2).get(l).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Sqrt);
  const r = m.save();
  m.word24(addr, o2);
  const q = m.save();
  f.get(q).i32x4(8191).simd(SIMD.and).i32x4(4096).simd(SIMD.i32x4Sub).simd(SIMD.f64x2ConvertLowI32x4S).f64x2(Math.PI * 2 ** -23).simd(SIMD.f64x2Mul);
  const b = m.save();
  const b2 = m.bin(SIMD.f64x2Mul, [b], [b]);
  const [sp] = m.hornerSub(b2, [1, 0.16666666666666666, 0.008333333333333333]);
  const [sb] = m.bin(SIMD.f64x2Mul, [b], [sp]);
  const [cb] = m.hornerSub(b2, [1, 0.5, 0.041666666666666664]);
  // (cos, sin) records of 16 bytes at 16·j, j = q >>> 13.
  f.get(q).i32(13).simd(SIMD.i32x4ShrU).i32(4).simd(SIMD.i32x4Shl);
  const j16 = m.save();
  const [ta, tb] = m.lanes(j16, 1);
  f.get(ta).simdMem(SIMD.load, table).get(tb).simdMem(SIMD.load, table);
  const recB = m.save();
  const recA = m.save();
  f.get(recA).get(recB).shuffle(SHUFFLE.LOW_F64S);
  const C = m.save();
  f.get(recA).get(recB).shuffle(SHUFFLE.HIGH_F64S);
  const S = m.save();
  // za = r·(C·cb − S·sb), zb = r·(S·cb + C·sb)
  f.get(r).get(C).get(cb).simd(SIMD.f64x2Mul).get(S).get(sb).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Sub).simd(SIMD.f64x2Mul);
  const za = m.save();
  f.get(r).get(S).get(cb).simd(SIMD.f64x2Mul).get(C).get(sb).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Add).simd(SIMD.f64x2Mul);
  const zb = m.save();
  return [za, zb];
}
