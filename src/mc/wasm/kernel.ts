// The cpu kernel as WebAssembly with 128-bit SIMD, generated from the same
// lowered IR and the same stream layout (layout.ts) as the JS kernel.
//
// A block of 4Q groups at a time (Q = 2 when a group takes one Philox call,
// else 1):
//   Philox: one i32x4 per counter word, lane l = group 4q + l of the block,
//     so one pass of the 10 rounds makes one call for four groups; the
//     32×32→64-bit products by i64x2.extmul_{low,high}_i32x4_u, their high and
//     low words gathered by a shuffle. Two independent calls go through the
//     rounds side by side (two quads, or calls j and j + 1), which hides
//     most of the latency of the round chain. Word a of quad q's four groups
//     is stored at W + 64Bq + 16a.
//   Samples: f64x2, lane l = group 2h + l of the block (a pair h). For each
//     pair and unit u the random variables are drawn (a Box–Muller pair gives
//     the unit's two samples: za → sample 2u, zb → sample 2u + 1), then the
//     integrand runs for both samples.
// Every sample's draws and integrand are those of the JS kernel operation
// for operation (math.ts), so the two agree to the last bit or so; only the
// order of accumulation differs (per-lane shifted sums, Chan merges).
//
// Exports `reduce` and `dump`, both (gStart, gEnd, lo, hi: f64, k0, k1, stream: i32):
// groups gStart … gEnd − 1, samples lo ≤ i < min(hi, gEnd·Sg). `reduce` adds to
// the state in memory (memory.ts), `dump` writes f(sample i) at DUMP + 8(i − lo).

import { powiSteps } from '../emit.js';
import type { Ir } from '../plan.js';
import { isVec } from '../plan.js';
import type { Spec } from '../specialize.js';
import { PHILOX_M0, PHILOX_M1, PHILOX_ROUNDS, PHILOX_W0, PHILOX_W1 } from '../philox.js';
import { encodeModule, F64, Fn, I32, I64, type Local, OP, SIMD, V128 } from './encode.js';
import { SHUFFLE, VecMath, type ImportIndex, type V } from './math.js';
import { compileWasm, instantiate } from './api.js';
import { fnNamed } from '../../expr/functions/index.js';
import { importParams, IMPORTS, MEM } from './memory.js';
import { wasmBoxMuller } from '../box-muller.js';

/** A chunk of per-lane sums merges into the running moments after this many samples per lane. */
const CHUNK = 4096;

export interface Frame {
  readonly spec: Spec;
  /** Quads (of 4 groups) per block. */
  readonly Q: number;
  /** Byte address of the Philox words. */
  readonly W: number;
  /** Byte address of each vector random variable's values (2 × dim × 16 bytes). */
  readonly rvAt: readonly number[];
  readonly pages: number;
}

function frameOf(spec: Spec): Frame {
  const a = spec.analysis;
  const nv = 2 * a.rvs.length + (a.host.length - a.slotBase);
  const Q = spec.layout.callsPerGroup === 1 ? 2 : 1;
  let top = MEM.SLOTS + 8 * nv;
  top = Math.ceil(top / 16) * 16;
  const W = top;
  top += 64 * Q * spec.layout.callsPerGroup;
  const rvAt = a.rvs.map((rv, r) => {
    const at = top;
    if (rv.vector) top += 32 * spec.dims[r];
    return at;
  });
  return { spec, Q, W, rvAt, pages: Math.ceil(top / 65536) };
}

const IMPORT_INDEX_OF: Readonly<Record<string, number>> = Object.fromEntries(IMPORTS.map((n, i) => [n, i]));
export const IMPORT_INDEX = IMPORT_INDEX_OF as unknown as ImportIndex;

/** The module's bytes: imports (memory.ts IMPORTS), `reduce`, `dump`, `mem`. */
export function wasmKernelBytes(spec: Spec): Uint8Array {
  const fr = frameOf(spec);
  return encodeModule({
    imports: IMPORTS.map((name) => ({ module: 'm', name, params: importParams(name), results: [F64] })),
    funcs: [kernelFn(fr, 'reduce'), kernelFn(fr, 'dump')],
    pages: fr.pages,
    exports: { reduce: 0, dump: 1 },
  });
}

/** Per random variable, the values of a unit's two samples: locals (scalars) or memory (vectors). */
export type Drawn = ReadonlyArray<V | undefined>;

function kernelFn(fr: Frame, mode: 'reduce' | 'dump'): Fn {
  const spec = fr.spec;
  const L = spec.layout;
  const f = new Fn([F64, F64, F64, F64, I32, I32, I32], []);
  const m = new VecMath(f, IMPORT_INDEX);
  const [gStart, gEnd, lo, hi, k0, k1, stream] = [0, 1, 2, 3, 4, 5, 6].map((i) => f.param(i));
  const P = L.unitsPerGroup;
  const SG = L.samplesPerGroup;
  const Q = fr.Q;
  const BLOCK = 4 * Q;

  const iEnd = f.local(F64);
  f.get(hi).get(gEnd).f64(SG).op(OP.f64Mul).op(OP.f64Min).set(iEnd);

  // Reduction state: per lane n, mean, M2, (unused), and the open chunk's count, shift, Σd, Σd².
  const st = mode === 'reduce' ? Array.from({ length: 8 }, () => f.local(V128)) : [];
  const [sN, sMean, sM2, , sCn, sSh, sCs, sCq] = st;
  st.forEach((l, k) => f.i32(0).simdMem(SIMD.load, MEM.STATE + 16 * k).set(l));

  const g = f.local(F64);
  f.get(gStart).set(g);
  f.ctl(OP.block).ctl(OP.loop);
  f.get(g).get(gEnd).op(OP.f64Ge).br(OP.brIf, 1);

  philoxBlock(f, fr, g, k0, k1, stream);

  // full: every sample of the block counts (no per-lane index test).
  const full = f.local(I32);
  f.get(g).f64(SG).op(OP.f64Mul).get(lo).op(OP.f64Ge).get(g).f64(BLOCK).op(OP.f64Add).f64(SG).op(OP.f64Mul).get(iEnd).op(OP.f64Le)
    .op(OP.i32And).set(full);

  // t runs over the (pair h, unit u) of the block.
  const t = f.local(I32);
  f.i32(0).set(t);
  f.ctl(OP.loop);
  const h = f.local(I32);
  const u = f.local(I32);
  if (P === 1) f.get(t).set(h).i32(0).set(u);
  else f.get(t).i32(1).op(OP.i32ShrU).set(h).get(t).i32(1).op(OP.i32And).set(u);
  // p: byte offset of the unit's word 0 for pair h: 64B·(h >> 1) + 16·Wu·u + 8·(h & 1).
  const p = f.local(I32);
  f.get(h).i32(1).op(OP.i32ShrU).i32(64 * L.callsPerGroup).op(OP.i32Mul)
    .get(u).i32(16 * L.unitWords).op(OP.i32Mul).op(OP.i32Add)
    .get(h).i32(1).op(OP.i32And).i32(8).op(OP.i32Mul).op(OP.i32Add).set(p);
  // The radius extension (box-muller.ts): lane l's group g + 2h + l, and Gaussian x = u·G + q.
  const g0 = f.local(F64);
  f.get(g).get(h).op(OP.f64ConvertI32U).f64(2).op(OP.f64Mul).op(OP.f64Add).set(g0);
  const drawn = drawUnit(m, fr, p, { g0, u, k0, k1, stream });

  // Sample index of lane 0 for the unit's first sample: (g + 2h)·Sg + 2u.
  const i0 = f.local(F64);
  f.get(g).get(h).op(OP.f64ConvertI32U).f64(2).op(OP.f64Mul).op(OP.f64Add).f64(SG).op(OP.f64Mul)
    .get(u).op(OP.f64ConvertI32U).f64(2).op(OP.f64Mul).op(OP.f64Add).set(i0);

  // The integrand of both samples of the unit, side by side (math.ts V).
  const fvs = integrand(m, fr, drawn);
  for (let half = 0; half < 2; half++) {
    const fv = fvs[half];
    // idx: the lanes' sample indices; valid: lo ≤ idx < iEnd.
    const index = (): Local => {
      f.get(i0).f64(half).op(OP.f64Add).simd(SIMD.f64x2Splat).f64x2(0, SG).simd(SIMD.f64x2Add);
      return m.save();
    };
    const validOf = (idx: Local): void => {
      f.get(idx).get(lo).simd(SIMD.f64x2Splat).simd(SIMD.f64x2Ge).get(idx).get(iEnd).simd(SIMD.f64x2Splat).simd(SIMD.f64x2Lt).simd(SIMD.and);
    };
    if (mode === 'reduce') {
      f.get(full).ctl(OP.if, V128).i32x4(-1).op(OP.else);
      validOf(index());
      f.op(OP.end);
      const valid = m.save();
      // Shifted sums per lane (shift = the chunk's first finite value); a
      // non-finite value (f − f ≠ 0) is left out (the runtime counts those as
      // samples minus finite ones).
      f.get(fv).get(fv).simd(SIMD.f64x2Sub).f64x2(0).simd(SIMD.f64x2Eq).get(valid).simd(SIMD.and);
      const fin = m.save();
      f.get(fv).get(sSh).get(fin).get(sCn).f64x2(0).simd(SIMD.f64x2Eq).simd(SIMD.and).simd(SIMD.bitselect).set(sSh);
      f.get(fv).get(sSh).simd(SIMD.f64x2Sub).get(fin).simd(SIMD.and);
      const d = m.save();
      f.get(sCn).f64x2(1).get(fin).simd(SIMD.and).simd(SIMD.f64x2Add).set(sCn);
      f.get(sCs).get(d).simd(SIMD.f64x2Add).set(sCs);
      f.get(sCq).get(d).get(d).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Add).set(sCq);
    } else {
      const idx = index();
      validOf(idx);
      const valid = m.save();
      for (let lane = 0; lane < 2; lane++) {
        f.get(valid).lane(SIMD.i64x2ExtractLane, lane).op(OP.i64Eqz).op(OP.i32Eqz).ctl(OP.if);
        f.get(idx).lane(SIMD.f64x2ExtractLane, lane).get(lo).op(OP.f64Sub).op(OP.i32TruncF64U).i32(3).op(OP.i32Shl)
          .get(fv).lane(SIMD.f64x2ExtractLane, lane).mem(OP.f64Store, MEM.DUMP);
        f.op(OP.end);
      }
    }
  }

  f.get(t).i32(1).op(OP.i32Add).tee(t).i32(2 * Q * P).op(OP.i32LtU).br(OP.brIf, 0);
  f.op(OP.end);

  if (mode === 'reduce') {
    // Merge the open chunks into the running moments (Chan), lane by lane,
    // where a chunk has values: as js.ts MERGE.
    f.get(sCn).f64x2(CHUNK).simd(SIMD.f64x2Ge).simd(SIMD.anyTrue).ctl(OP.if);
    const [has] = m.bin(SIMD.f64x2Gt, [sCn], m.const(0, 1));
    f.get(sSh).get(sCs).get(sCn).simd(SIMD.f64x2Div).simd(SIMD.f64x2Add);
    const cm = m.save();
    f.get(sCq).get(sCs).get(sCs).simd(SIMD.f64x2Mul).get(sCn).simd(SIMD.f64x2Div).simd(SIMD.f64x2Sub).f64x2(0).simd(SIMD.f64x2Max);
    const cm2 = m.save();
    const [nn] = m.bin(SIMD.f64x2Add, [sN], [sCn]);
    const [dd] = m.bin(SIMD.f64x2Sub, [cm], [sMean]);
    f.get(sMean).get(dd).get(sCn).get(nn).simd(SIMD.f64x2Div).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Add)
      .get(sMean).get(has).simd(SIMD.bitselect).set(sMean);
    f.get(sM2).get(cm2).get(dd).get(dd).simd(SIMD.f64x2Mul).get(sN).get(sCn).simd(SIMD.f64x2Mul).get(nn).simd(SIMD.f64x2Div)
      .simd(SIMD.f64x2Mul).simd(SIMD.f64x2Add).simd(SIMD.f64x2Add).get(sM2).get(has).simd(SIMD.bitselect).set(sM2);
    f.get(nn).set(sN);
    for (const l of [sCn, sCs, sCq]) f.f64x2(0).set(l);
    f.op(OP.end);
  }

  f.get(g).f64(BLOCK).op(OP.f64Add).set(g);
  f.br(OP.br, 0);
  f.op(OP.end).op(OP.end);

  st.forEach((l, k) => f.i32(0).get(l).simdMem(SIMD.store, MEM.STATE + 16 * k));
  return f;
}

/** One Philox call of four groups: its counter (words 0 and 3 as locals, call index pushed by `j`) and where its words go. */
interface Chain {
  readonly lo: Local;
  readonly hi: Local;
  readonly j: (f: Fn) => void;
  /** Pushes the byte offset (from W) of the call's word 0. */
  readonly at: (f: Fn) => void;
}

/** Philox4x32-10, calls 0 … B−1 of the block's groups, words stored at W. */
function philoxBlock(f: Fn, fr: Frame, g: Local, k0: Local, k1: Local, stream: Local): void {
  const B = fr.spec.layout.callsPerGroup;
  const v = (): Local => f.local(V128);
  // Counter words 0 and 3 per quad: the low and high halves of the 64-bit group indices.
  const gi = f.local(I64);
  f.get(g).op(0xfc, 0x07).set(gi); // i64.trunc_sat_f64_u
  const quads = Array.from({ length: fr.Q }, (_, q) => {
    const g01 = v();
    const g23 = v();
    f.get(gi).simd(SIMD.i64x2Splat).i64x2(BigInt(4 * q), BigInt(4 * q + 1)).simd(SIMD.i64x2Add).set(g01);
    f.get(gi).simd(SIMD.i64x2Splat).i64x2(BigInt(4 * q + 2), BigInt(4 * q + 3)).simd(SIMD.i64x2Add).set(g23);
    const lo = v();
    const hi = v();
    f.get(g01).get(g23).shuffle(SHUFFLE.LO_DWORDS).set(lo);
    f.get(g01).get(g23).shuffle(SHUFFLE.HI_DWORDS).set(hi);
    return { lo, hi };
  });
  const constJ = (j: number) => (fn: Fn): void => void fn.i32(j);
  if (fr.Q === 2) {
    philoxPass(f, fr.W, k0, k1, stream, quads.map((c, q) => ({ ...c, j: constJ(0), at: (fn: Fn) => void fn.i32(64 * q) })));
    return;
  }
  const pairs = Math.floor(B / 2);
  if (pairs > 0) {
    const j = f.local(I32);
    f.i32(0).set(j);
    f.ctl(OP.loop);
    const c = quads[0];
    philoxPass(f, fr.W, k0, k1, stream, [
      { ...c, j: (fn) => void fn.get(j), at: (fn) => void fn.get(j).i32(6).op(OP.i32Shl) },
      { ...c, j: (fn) => void fn.get(j).i32(1).op(OP.i32Add), at: (fn) => void fn.get(j).i32(6).op(OP.i32Shl).i32(64).op(OP.i32Add) },
    ]);
    f.get(j).i32(2).op(OP.i32Add).tee(j).i32(2 * pairs).op(OP.i32LtU).br(OP.brIf, 0);
    f.op(OP.end);
  }
  if (B % 2 === 1) philoxPass(f, fr.W, k0, k1, stream, [{ ...quads[0], j: constJ(B - 1), at: (fn) => void fn.i32(64 * (B - 1)) }]);
}

/** The 10 rounds of the given calls side by side, then their words to memory. */
function philoxPass(f: Fn, W: number, k0: Local, k1: Local, stream: Local, chains: readonly Chain[]): void {
  const cs = chains.map((ch) => {
    const c1 = f.local(V128);
    const c2 = f.local(V128);
    f.get(stream).simd(SIMD.i32x4Splat).set(c1);
    ch.j(f);
    f.simd(SIMD.i32x4Splat).set(c2);
    return [ch.lo, c1, c2, ch.hi];
  });
  const out = philoxRounds(f, k0, k1, cs);
  chains.forEach((ch, i) => {
    const at = f.local(I32);
    ch.at(f);
    f.set(at);
    out[i].forEach((w, k) => f.get(at).get(w).simdMem(SIMD.store, W + 16 * k));
  });
}

/**
 * Philox4x32-10 rounds on counters cs[i] = (c0, c1, c2, c3) (i32x4 locals,
 * four independent counters per chain) under the key (k0, k1) (i32 locals);
 * returns the output words.
 */
function philoxRounds(f: Fn, k0: Local, k1: Local, cs: Local[][]): Local[][] {
  const v = (): Local => f.local(V128);
  const kk0 = v();
  const kk1 = v();
  f.get(k0).simd(SIMD.i32x4Splat).set(kk0);
  f.get(k1).simd(SIMD.i32x4Splat).set(kk1);
  // (hi, lo) of M·x for the four lanes: the 64-bit products of lanes 0, 1
  // and of lanes 2, 3, their odd (high) and even (low) 32-bit words.
  const product = (x: Local, M: number): [Local, Local] => {
    const pl = v();
    const ph = v();
    f.get(x).i32x4(M | 0).simd(SIMD.i64x2ExtmulLowI32x4U).set(pl);
    f.get(x).i32x4(M | 0).simd(SIMD.i64x2ExtmulHighI32x4U).set(ph);
    const hiW = v();
    const loW = v();
    f.get(pl).get(ph).shuffle(SHUFFLE.HI_DWORDS).set(hiW);
    f.get(pl).get(ph).shuffle(SHUFFLE.LO_DWORDS).set(loW);
    return [hiW, loW];
  };
  for (let r = 0; r < PHILOX_ROUNDS; r++) {
    if (r > 0) {
      f.get(kk0).i32x4(PHILOX_W0 | 0).simd(SIMD.i32x4Add).set(kk0);
      f.get(kk1).i32x4(PHILOX_W1 | 0).simd(SIMD.i32x4Add).set(kk1);
    }
    cs = cs.map((c) => {
      const [hi0, lo0] = product(c[0], PHILOX_M0);
      const [hi1, lo1] = product(c[2], PHILOX_M1);
      const n0 = v();
      const n2 = v();
      f.get(hi1).get(c[1]).simd(SIMD.xor).get(kk0).simd(SIMD.xor).set(n0);
      f.get(hi0).get(c[3]).simd(SIMD.xor).get(kk1).simd(SIMD.xor).set(n2);
      return [n0, lo1, n2, lo0];
    });
  }
  return cs;
}

/**
 * Philox4x32-10 through the wasm kernel's rounds (for the known-answer
 * tests): each input is (c0, c1, c2, c3, k0, k1); four inputs per call.
 */
export function wasmPhilox(inputs: ReadonlyArray<readonly [number, number, number, number, number, number]>): Uint32Array[] {
  const f = new Fn([I32, I32], []);
  const cs = [0, 1, 2, 3].map((k) => {
    const l = f.local(V128);
    f.i32(0).simdMem(SIMD.load, 16 * k).set(l);
    return l;
  });
  const out = philoxRounds(f, f.param(0), f.param(1), [cs]);
  out[0].forEach((w, k) => f.i32(0).get(w).simdMem(SIMD.store, 16 * k));
  const inst = instantiate(compileWasm(encodeModule({ imports: [], funcs: [f], pages: 1, exports: { philox: 0 } })), {});
  const mem = new Uint32Array((inst.exports.mem as { buffer: ArrayBuffer }).buffer, 0, 16);
  const run = inst.exports.philox as (k0: number, k1: number) => void;
  return inputs.map(([c0, c1, c2, c3, k0, k1]) => {
    // The same counter in all four lanes, but for lane 2, which gets a
    // different one (the lanes must not mix).
    for (let l = 0; l < 4; l++) {
      const c = l === 2 ? [~c0, ~c1, ~c2, ~c3] : [c0, c1, c2, c3];
      c.forEach((w, k) => (mem[4 * k + l] = w >>> 0));
    }
    run(k0 | 0, k1 | 0);
    const lane = (l: number): number[] => [0, 1, 2, 3].map((k) => mem[4 * k + l]);
    const a = lane(0);
    for (const l of [1, 3]) if (lane(l).some((w, k) => w !== a[k])) throw new Error('internal: Philox lanes disagree');
    return Uint32Array.from(a);
  });
}

/** Draws the random variables of one unit (word 0 at W + p): scalars into locals, vectors into memory. */
function drawUnit(m: VecMath, fr: Frame, p: Local, ext: { g0: Local; u: Local; k0: Local; k1: Local; stream: Local }): Drawn {
  const f = m.f;
  const spec = fr.spec;
  const a = spec.analysis;
  const L = spec.layout;
  const slot = (i: number): Local => {
    f.i32(0).simdMem(SIMD.load64Splat, MEM.SLOTS + 8 * i, 3);
    return m.save();
  };
  return a.rvs.map((rv, r) => {
    const A = slot(2 * r);
    const B = slot(2 * r + 1);
    const affine = (z: Local): Local => {
      f.get(A).get(B).get(z).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Add);
      return m.save();
    };
    if (rv.sampler.noise === 'uniform') {
      const w = fr.W + 16 * (2 * L.gaussians + 2 * spec.unifOffset[r]);
      return [affine(m.uniform(p, w)), affine(m.uniform(p, w + 16))];
    }
    if (!rv.vector) {
      const w = fr.W + 16 * 2 * spec.gaussOffset[r];
      const x = (fn: Fn): void => void fn.get(ext.u).i32(L.gaussians).op(OP.i32Mul).i32(spec.gaussOffset[r]).op(OP.i32Add);
      const [za, zb] = wasmBoxMuller(m, p, w, w + 16, { ...ext, x }, MEM.CS);
      const ya = affine(za);
      const yb = affine(zb);
      return rv.sampler.link === 'sigmoid' ? m.sigmoid([ya, yb]) : [ya, yb];
    }
    // Component k: words 2(off + k), 2(off + k) + 1; values at rvAt + 16k (the
    // unit's first sample) and rvAt + 16(dim + k) (second).
    const dim = spec.dims[r];
    const pw = f.local(I32);
    const px = f.local(I32);
    f.get(p).i32(32 * spec.gaussOffset[r]).op(OP.i32Add).set(pw);
    f.i32(0).set(px);
    f.ctl(OP.loop);
    // Component k = px / 16: Gaussian u·G + off + k of the group.
    const x = (fn: Fn): void => void fn.get(ext.u).i32(L.gaussians).op(OP.i32Mul).i32(spec.gaussOffset[r]).op(OP.i32Add)
      .get(px).i32(4).op(OP.i32ShrU).op(OP.i32Add);
    const [za, zb] = wasmBoxMuller(m, pw, fr.W, fr.W + 16, { ...ext, x }, MEM.CS);
    f.get(px).get(affine(za)).simdMem(SIMD.store, fr.rvAt[r]);
    f.get(px).get(affine(zb)).simdMem(SIMD.store, fr.rvAt[r] + 16 * dim);
    f.get(pw).i32(32).op(OP.i32Add).set(pw);
    f.get(px).i32(16).op(OP.i32Add).tee(px).i32(16 * dim).op(OP.i32LtU).br(OP.brIf, 0);
    f.op(OP.end);
    return undefined;
  });
}

/**
 * The integrand of the unit's two samples, side by side: [first, second].
 * Also the RQMC kernel's (rqmc-kernel.ts), which reads only `spec` and `rvAt`.
 */
export function integrand(m: VecMath, fr: Pick<Frame, 'spec' | 'rvAt'>, drawn: Drawn): V {
  const f = m.f;
  const spec = fr.spec;
  const a = spec.analysis;
  const nrv = a.rvs.length;
  const K = 2;
  /** A value that is the same for both samples: one local, twice. */
  const shared = (l: Local): V => [l, l];
  /** Values of non-component subtrees inside reductions, computed before the loop. */
  const hoisted = new Map<Ir, V>();

  // Table functions (src/expr/functions/): emitted f64x2 code, or their import.
  const fn = (name: string, args: V[]): V => {
    if (name === 'pow') return m.imported(IMPORT_INDEX.pow, args);
    const code = fnNamed(name).wasm;
    if ('emit' in code) return code.emit(m, args, SIMD);
    const index = IMPORT_INDEX_OF[name];
    if (index === undefined) throw new Error(`internal: no wasm code for ${name}`);
    return m.imported(index, args);
  };

  const powi = (x: V, n: number): V => {
    if (n === 0) return shared(m.const(1, 1)[0]);
    if (n === 1) return x;
    if (n === -1) return m.bin(SIMD.f64x2Div, shared(m.const(1, 1)[0]), x);
    const names = new Map<string, V>([['x', x]]);
    let last = x;
    for (const [r, p, q] of powiSteps(Math.abs(n))) {
      last = m.bin(SIMD.f64x2Mul, names.get(p) as V, names.get(q) as V);
      names.set(r, last);
    }
    return n < 0 ? m.bin(SIMD.f64x2Div, shared(m.const(1, 1)[0]), last) : last;
  };

  const combine = (ir: Ir, args: V[]): V => {
    switch (ir.t) {
      case 'add':
      case 'mul':
        return args.slice(1).reduce((acc, x) => m.bin(ir.t === 'add' ? SIMD.f64x2Add : SIMD.f64x2Mul, acc, x), args[0]);
      case 'neg':
        return m.un(SIMD.f64x2Neg, args[0]);
      case 'div':
        return m.bin(SIMD.f64x2Div, args[0], args[1]);
      case 'powi':
        return powi(args[0], ir.n);
      case 'pow':
        return fn('pow', args);
      case 'fn':
        return fn(ir.fn, args);
    }
    throw new Error(`internal: ${ir.t} is not an operation`);
  };

  const scalar = (ir: Ir): V => {
    switch (ir.t) {
      case 'lit':
        return shared(m.const(ir.v, 1)[0]);
      case 'slot':
        f.i32(0).simdMem(SIMD.load64Splat, MEM.SLOTS + 8 * (2 * nrv + ir.i), 3);
        return shared(m.save());
      case 'param':
        throw new Error('internal: a parameter in the integrand');
      case 'rv':
        return drawn[ir.rv] as V;
      case 'rvk':
        throw new Error('internal: a vector component outside a reduction');
      case 'reduce':
        return reduction(ir);
      default:
        return combine(ir, ir.args.map(scalar));
    }
  };

  const hoist = (ir: Ir): void => {
    if (!isVec(ir)) {
      if (!hoisted.has(ir)) hoisted.set(ir, scalar(ir));
      return;
    }
    if ('args' in ir) ir.args.forEach(hoist);
  };

  const component = (ir: Ir, koff: Local): V => {
    if (!isVec(ir)) return hoisted.get(ir) as V;
    if (ir.t === 'rvk') {
      const dim = spec.dims[ir.rv];
      return m.each(K, (half) => f.get(koff).simdMem(SIMD.load, fr.rvAt[ir.rv] + 16 * half * dim));
    }
    if (ir.t === 'lit' || ir.t === 'slot' || ir.t === 'param' || ir.t === 'rv' || ir.t === 'reduce') {
      throw new Error('internal: scalar node marked as a vector');
    }
    return combine(ir, ir.args.map((x) => component(x, koff)));
  };

  const reduction = (ir: Extract<Ir, { t: 'reduce' }>): V => {
    const dim = spec.dims[ir.rvs[0]];
    ir.args.forEach(hoist);
    const acc = m.const(0, K);
    const koff = f.local(I32);
    f.i32(0).set(koff);
    f.ctl(OP.loop);
    const comps = ir.args.map((x) => component(x, koff));
    const term = ir.op === 'sum' ? comps[0] : ir.op === 'dot' ? m.bin(SIMD.f64x2Mul, comps[0], comps[1]) : m.bin(SIMD.f64x2Mul, comps[0], comps[0]);
    acc.forEach((l, i) => f.get(l).get(term[i]).simd(SIMD.f64x2Add).set(l));
    f.get(koff).i32(16).op(OP.i32Add).tee(koff).i32(16 * dim).op(OP.i32LtU).br(OP.brIf, 0);
    f.op(OP.end);
    return acc;
  };

  return scalar(a.integrand);
}
