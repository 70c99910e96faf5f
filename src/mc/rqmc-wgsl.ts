// The WGSL kernel of randomized quasi-Monte Carlo (f32 on the device): the
// same scrambled Sobol points as the cpu kernel (rqmc-js.ts), bit for bit,
// whatever the dispatch shape.
//
// Work: the run's R randomizations × n points are split into blocks of `blk`
// consecutive indices (blk = min(block, n), both powers of 2); invocation T
// of the run takes block b = T mod (n/blk) of randomization T div (n/blk).
// It starts from the point iStart = b·blk, the shift XOR the scrambled
// direction numbers of gray(iStart)'s set bits (as scrambledInt does), and
// then runs the Gray-code recursion x ⊕= C_{ctz(i)} over its block, one XOR
// per coordinate per point; each coordinate read then goes through the
// nested scramble (sobol/nested-scramble.ts, with WGSL's reverseBits). The
// scrambling tables (C, E and the nested seeds) of every randomization are
// computed on the host by scrambleOf and uploaded: the device draws no
// scrambling bits, so its coordinates ARE the cpu's.
//
// Uniforms as on the cpu: p = (min(y, ~y) + f)·2^-32 ≤ 1/2 from the nearer
// end, f = 1/2 except in the outermost LOW_CELLS cells, where f is uniform
// from Philox at the same counters (i, r, stream, LOW_TAG + d) — in f32, the
// top 24 bits of the word the cpu reads first. (c + 1/2)·2^-32 is formed
// from two parts exact in f32, so p is rounded once. Normals ±Φ⁻¹(p) by
// Wichura's AS241 PPND7 (the single-precision member, relative error ≈
// 1e-7), its centre evaluated at q = p − 1/2 formed in integers; against the
// float64 PPND16 of the same points: max |Δz| 9.8e-7, max relative 3.5e-7
// (tests/mc/rqmc-webgpu.test.ts, lavapipe).
//
// Reduction: each invocation sums its block's finite values in f32 as
// deviations from a shift the host supplies — its float64 estimate of the
// mean from the points it computes anyway for the rounding check (rqmc.ts) —
// so the f32 sum holds small deviations whose partial sums stay small over a
// low-discrepancy block, not the mean; it writes (count, non-finite count,
// shift, sum) — one partial per invocation; the host adds count·shift + sum
// per randomization in float64. No f32 sum spans more than one block (256
// points by default), and no workgroup merge in f32.
import { emitIr, powiSteps } from './emit.js';
import type { Spec } from './specialize.js';
import { HELPERS, wgslLang } from './wgsl.js';
import { WGSL_PHILOX } from './philox.js';
import { WGSL_LOG_RADIUS } from './box-muller.js';
import { LOW_CELLS, coordOffsets, interlacing, sobolDims } from './rqmc-js.js';
import { LOW_TAG, SOBOL_BITS } from './sobol/sobol.js';
import { WGSL_NESTED_SCRAMBLE } from './sobol/nested-scramble.js';
import { WGSL_INTERLACE } from './sobol/interlace.js';

/** What a dispatch writes: per-invocation partials, the integrand's f32 values, or the raw 32-bit coordinates (tests). */
export type RqmcMode = 'reduce' | 'values' | 'coords';

export interface RqmcWgslShape {
  /** Invocations per workgroup. */
  readonly workgroupSize: number;
}

/** Bytes of the control block. */
export const RQMC_CTL_BYTES = 48;
/** Bytes of one partial (n, nonFinite, shift, sum). */
export const RQMC_PARTIAL_BYTES = 16;
/** Words of one randomization's table: D·32 scrambled direction numbers, then D shifts, then D nested-scramble seeds. */
export const tableWords = (D: number): number => D * (SOBOL_BITS + 2);
/** Direction numbers copied to private memory up to this many coordinates (4 bytes × 32 each). */
const PRIVATE_DIMS = 8;
/** Unrolled per-coordinate code up to this many coordinates (llvmpipe keeps constant-index arrays in registers). */
const UNROLL = 32;

/** Uniform buffer bytes: the control block and the device slots as vec4s. */
export function rqmcUniformBytes(spec: Spec): number {
  const a = spec.analysis;
  const slots = 2 * a.rvs.length + (a.host.length - a.slotBase);
  return RQMC_CTL_BYTES + 16 * Math.max(1, Math.ceil(slots / 4));
}

/** Function-memory bytes of the kernel: the point's coordinates and the vector random variables. */
export function rqmcPrivateBytes(spec: Spec): number {
  const a = spec.analysis;
  const D = sobolDims(spec);
  return 8 * D + (D <= PRIVATE_DIMS ? 4 * SOBOL_BITS * D : 0) + a.rvs.reduce((n, rv, r) => n + (rv.vector ? 4 * spec.dims[r] : 0), 0) + 64;
}

/**
 * Control block (48 bytes):
 *   key: vec2<u32>   seed's Philox key
 *   stream: u32
 *   tBase: u32       first invocation of the dispatch (counted over the run)
 *   tCount: u32      invocations in the dispatch
 *   tpr: u32         invocations per randomization (n / blk)
 *   blk: u32         points per invocation
 *   r0: u32          randomization number of table 0 (Philox counter of the sub-cell bits)
 *   nan, inf: f32    run-time NaN and +∞
 *   shift: f32       the sums' shift (the host's float64 estimate of the mean, rounded)
 *   pad
 */
const CTL = /* wgsl */ `
struct Ctl {
  key: vec2<u32>,
  stream: u32,
  tBase: u32,
  tCount: u32,
  tpr: u32,
  blk: u32,
  r0: u32,
  nan: f32,
  inf: f32,
  shift: f32,
  pad1: u32,
}
`;

/**
 * Coordinates c = min(y, ~y) from which p = (c + 1/2)·2^-32 ≥ 0.075, AS241's
 * central region (|q| ≤ 0.425): the same split as the cpu's float64 test.
 */
export const CENTRE_CELLS = 322122547;

/**
 * AS241 PPND7 in f32, in two halves: the central rational in q = p − 1/2
 * (the caller forms q from the coordinate's integer, so z keeps f32's
 * relative precision next to 0, which p − 0.5 in f32 would not), and the
 * tails in p ≤ 0.075 (Φ⁻¹(p) < 0).
 */
export const WGSL_PPND7 = /* wgsl */ `
fn ppnd_centre(q: f32) -> f32 {
  let r = 0.180625 - q * q;
  return q * (((59.10937472 * r + 159.29113202) * r + 50.434271938) * r + 3.3871327179)
    / (((67.1875636 * r + 78.757757664) * r + 17.895169469) * r + 1.0);
}
fn ppnd_tail(p: f32) -> f32 {
  var r = sqrt(-log(p));
  if (r <= 5.0) {
    r = r - 1.6;
    return -((((0.17023821103 * r + 1.3067284816) * r + 2.75681539) * r + 1.4234372777)
      / ((0.12021132975 * r + 0.7370016425) * r + 1.0));
  }
  r = r - 5.0;
  return -((((0.017337203997 * r + 0.42868294337) * r + 3.081226386) * r + 6.657905115)
    / ((0.012258202635 * r + 0.24197894225) * r + 1.0));
}
`;

/** The kernel of a spec: bindings 0 uniform, 1 tables (u32), 2 output. */
export function rqmcWgslKernel(spec: Spec, shape: RqmcWgslShape, mode: RqmcMode): string {
  const a = spec.analysis;
  const D = sobolDims(spec);
  const off = coordOffsets(spec);
  const nrv = a.rvs.length;
  const WG = shape.workgroupSize;
  const nvec4 = (rqmcUniformBytes(spec) - RQMC_CTL_BYTES) / 16;
  const e = emitIr(a.integrand, wgslLang(), spec.dims);
  const nslots = a.host.length - a.slotBase;
  const L = SOBOL_BITS;
  const unroll = D <= UNROLL;
  const o: string[] = [];
  o.push(`struct Uni { ctl: Ctl, v: array<vec4<f32>, ${nvec4}> }`);
  o.push('@group(0) @binding(0) var<uniform> u: Uni;');
  o.push('@group(0) @binding(1) var<storage, read> tab: array<u32>;');
  if (mode === 'reduce') {
    o.push('struct Partial { n: u32, nf: u32, sh: f32, s: f32 }');
    o.push('@group(0) @binding(2) var<storage, read_write> outp: array<Partial>;');
  } else if (mode === 'values') {
    o.push('@group(0) @binding(2) var<storage, read_write> outp: array<f32>;');
  } else {
    o.push('@group(0) @binding(2) var<storage, read_write> outp: array<u32>;');
  }
  // HELPERS holds the plain kernel's box_muller, which calls log_radius: unused here, but it must resolve.
  o.push(WGSL_PHILOX + WGSL_LOG_RADIUS, CTL, HELPERS, WGSL_PPND7, WGSL_NESTED_SCRAMBLE, WGSL_INTERLACE);
  o.push('var<private> KEY: vec2<u32>;', 'var<private> STREAM: u32;', 'var<private> SHIFT: f32;');
  for (let i = 0; i < nslots; i++) o.push(`var<private> S${i}: f32;`);
  for (const n of e.powers) {
    if (n < 2) continue;
    const steps = powiSteps(n);
    o.push(`fn pw${n}(x: f32) -> f32 { ${steps.map(([r, p, q]) => `let ${r} = ${p} * ${q};`).join(' ')} return ${steps[steps.length - 1][0]}; }`);
  }
  // p ≤ 1/2 of coordinate y (coordinate number d) at point i of randomization r.
  o.push(`
fn p_of(y: u32, i: u32, r: u32, d: u32) -> f32 {
  let c = select(y, ~y, y >= 0x80000000u);
  if (c >= ${LOW_CELLS}u) {
    return (f32(i32(c & 0xffffff00u)) + (f32(i32(c & 255u)) + 0.5)) * 2.3283064365386963e-10;
  }
  let w = philox(vec4<u32>(i, r, STREAM, ${LOW_TAG}u + d), KEY);
  let f = (f32(i32(w.x >> 8u)) + 0.5) * 5.9604644775390625e-8;
  return (f32(i32(c)) + f) * 2.3283064365386963e-10;
}
fn nrm(y: u32, i: u32, r: u32, d: u32) -> f32 {
  let c = select(y, ~y, y >= 0x80000000u);
  var z: f32;
  if (c >= ${CENTRE_CELLS}u) {
    // q = p − 1/2 = −((2^31 − 1 − c) + 1/2)·2^-32, from two parts exact in f32.
    let m = 0x7fffffffu - c;
    z = ppnd_centre(-(f32(i32(m & 0xffffff00u)) + (f32(i32(m & 255u)) + 0.5)) * 2.3283064365386963e-10);
  } else {
    z = ppnd_tail(p_of(y, i, r, d));
  }
  return select(z, -z, y >= 0x80000000u);
}`);
  const params = a.rvs.map((rv, r) => (rv.vector ? `r${r}: ptr<function, array<f32, ${spec.dims[r]}>>` : `r${r}: f32`));
  o.push(`fn F(${params.join(', ')}) -> f32 {`, ...e.lines.map((l) => `  ${l}`), `  return ${e.expr};`, '}');
  if (mode === 'reduce') {
    o.push(`
struct Acc { n: u32, s: f32, nf: u32 }
fn accumulate(a: ptr<function, Acc>, f: f32) {
  let fin = is_finite(f);
  (*a).s += select(0.0, f - SHIFT, fin);
  (*a).n += select(0u, 1u, fin);
  (*a).nf += select(1u, 0u, fin);
}`);
  }
  const dev = (i: number): string => `u.v[${i >> 2}].${'xyzw'[i & 3]}`;
  // XOR of the scrambled direction number k into every coordinate.
  // Up to PRIVATE_DIMS coordinates, each invocation copies its randomization's
  // direction numbers to private memory once: llvmpipe then indexes them with
  // the loop's uniform k by one vector load instead of a bounds-checked gather per point.
  const local = D <= PRIVATE_DIMS;
  const dir = (d: number, k: string): string => (local ? `Cl[${d * L}u + ${k}]` : `tab[tb + ${d * L}u + ${k}]`);
  const xorAll = (k: string, ind: string): string[] => (unroll
    ? Array.from({ length: D }, (_, d) => `${ind}X[${d}] = X[${d}] ^ ${dir(d, k)};`)
    : [`${ind}for (var d = 0u; d < ${D}u; d = d + 1u) { X[d] = X[d] ^ tab[tb + d * ${L}u + ${k}]; }`]);
  o.push(`@compute @workgroup_size(${WG})`);
  o.push('fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {');
  o.push(`  let g = (wid.x + wid.y * nwg.x) * ${WG}u + lid;`);
  o.push('  if (g >= u.ctl.tCount) { return; }');
  o.push('  NAN = u.ctl.nan;', '  INF = u.ctl.inf;', '  KEY = u.ctl.key;', '  STREAM = u.ctl.stream;', '  SHIFT = u.ctl.shift;');
  o.push('  let T = u.ctl.tBase + g;', '  let tpr = u.ctl.tpr;', '  let rl = T / tpr;', '  let b = T - rl * tpr;', '  let blk = u.ctl.blk;',
    '  let iStart = b * blk;', '  let r = u.ctl.r0 + rl;', `  let tb = rl * ${tableWords(D)}u;`);
  for (let i = 0; i < nslots; i++) o.push(`  S${i} = ${dev(2 * nrv + i)};`);
  for (let r = 0; r < nrv; r++) o.push(`  let A${r} = ${dev(2 * r)};`, `  let B${r} = ${dev(2 * r + 1)};`);
  // The point iStart: the shifts XOR the direction numbers of gray(iStart)'s set bits.
  if (local) o.push(`  var Cl: array<u32, ${D * L}>;`, `  for (var q = 0u; q < ${D * L}u; q = q + 1u) { Cl[q] = tab[tb + q]; }`);
  o.push(`  var X: array<u32, ${D}>;`);
  o.push(`  var NS: array<u32, ${D}>;`);
  if (unroll) for (let d = 0; d < D; d++) o.push(`  X[${d}] = tab[tb + ${D * L + d}u];`, `  NS[${d}] = tab[tb + ${D * (L + 1) + d}u];`);
  else o.push(`  for (var d = 0u; d < ${D}u; d = d + 1u) { X[d] = tab[tb + ${D * L}u + d]; NS[d] = tab[tb + ${D * (L + 1)}u + d]; }`);
  o.push('  var gg = iStart ^ (iStart >> 1u);', '  while (gg != 0u) {', '    let k = countTrailingZeros(gg);', ...xorAll('k', '    '), '    gg = gg & (gg - 1u);', '  }');
  a.rvs.forEach((rv, r) => {
    if (rv.vector) o.push(`  var xv${r}: array<f32, ${spec.dims[r]}>;`);
  });
  if (mode === 'reduce') o.push('  var acc = Acc(0u, 0.0, 0u);');
  o.push('  for (var j = 0u; j < blk; j = j + 1u) {', '    let i = iStart + j;');
  // ctz(iStart + j) = ctz(j) for 0 < j < blk (iStart is a multiple of blk): the same k in every invocation.
  o.push('    if (j > 0u) {', '      let k = countTrailingZeros(j);', ...xorAll('k', '      '), '    }');
  const args: string[] = [];
  // Coordinate d's word: Sobol dimension d, or dimensions 2d and 2d + 1 interlaced (sobol/interlace.ts).
  const dim = (j: string): string => `nest(X[${j}], NS[${j}])`;
  const word = (d: string): string => (interlacing(spec) === 1 ? dim(d) : `il(${dim(`2u * (${d})`)}, ${dim(`2u * (${d}) + 1u`)})`);
  if (mode !== 'coords') a.rvs.forEach((rv, r) => {
    const d = off[r];
    if (rv.sampler.noise === 'uniform') {
      o.push(`    let y${r} = ${word(`${d}u`)};`, `    let p${r} = p_of(y${r}, i, r, ${d}u);`, `    let r${r} = A${r} + B${r} * select(p${r}, 1.0 - p${r}, y${r} >= 0x80000000u);`);
      args.push(`r${r}`);
    } else if (rv.vector) {
      o.push(`    for (var k = 0u; k < ${spec.dims[r]}u; k = k + 1u) { xv${r}[k] = A${r} + B${r} * nrm(${word(`${d}u + k`)}, i, r, ${d}u + k); }`);
      args.push(`&xv${r}`);
    } else if (rv.sampler.link === 'identity') {
      o.push(`    let r${r} = A${r} + B${r} * nrm(${word(`${d}u`)}, i, r, ${d}u);`);
      args.push(`r${r}`);
    } else {
      o.push(`    let r${r} = g_sig(A${r} + B${r} * nrm(${word(`${d}u`)}, i, r, ${d}u));`);
      args.push(`r${r}`);
    }
  });
  if (mode !== 'coords') o.push(`    let f = F(${args.join(', ')});`);
  if (mode === 'reduce') o.push('    accumulate(&acc, f);');
  else if (mode === 'values') o.push('    outp[g * blk + j] = f;');
  else if (unroll) for (let d = 0; d < D; d++) o.push(`    outp[(g * blk + j) * ${D}u + ${d}u] = nest(X[${d}], NS[${d}]);`);
  else o.push(`    for (var d = 0u; d < ${D}u; d = d + 1u) { outp[(g * blk + j) * ${D}u + d] = nest(X[d], NS[d]); }`);
  o.push('  }');
  if (mode === 'reduce') o.push('  outp[g] = Partial(acc.n, acc.nf, SHIFT, acc.s);');
  o.push('}');
  return o.join('\n');
}
