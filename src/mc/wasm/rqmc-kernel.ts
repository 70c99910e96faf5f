// The cpu RQMC kernel as WebAssembly SIMD: the points, normals and integrand
// of rqmc-js.ts, four points at a time.
//
// Points i … i + 3 (i a multiple of 4) of one randomization: coordinate d of
// point i + l is X_d ⊕ G_l, X_d the (bit-reversed) linearly scrambled
// coordinate of point i and G = (0, C_0, C_0 ⊕ C_1, C_1) its Gray-code steps
// (gray(i + 1) = gray(i) ⊕ 1, gray(i + 2) = gray(i) ⊕ 3, gray(i + 3) =
// gray(i) ⊕ 2), one i32x4; then X_d ⊕= C_1 ⊕ C_ctz(i + 4) (d a Sobol
// dimension: a one-coordinate integrand's coordinate interlaces dimensions 0
// and 1, sobol/interlace.ts, in i32x4 too). The nested
// scramble (sobol/nested-scramble.ts) runs on the i32x4 (its bit reversal by
// two nibble-table swizzles and a byte shuffle), the uniforms p and the
// AS241 normals (sobol/normal-quantile.ts) in two f64x2 streams — points
// (i, i + 1) and (i + 2, i + 3) — as the plain kernel's two samples of a
// unit, so the integrand is the plain kernel's own (kernel.ts `integrand`).
// The rare points in the outermost cells (p < 2^-12) get their sub-cell bits
// from the imported `rqlow`, the JS kernel's own $lowP (rqmc-js.ts JS_LOW_P). The tail of AS241
// (15 % of normals) is computed only when a lane needs it.
//
// Every operation is the JS kernel's (the same Horner order, the same $log
// and $exp algorithms and tables), so the values agree to the last bit or so;
// the sums are Neumaier's per lane, merged on the host.
//
// Exports run(iStart, iEnd, r, stream, k0, k1): points iStart … iEnd − 1,
// both multiples of 4, from the state in memory (the tables and X written by
// the host, X advanced by the run), adding to the accumulators in memory.
import { SOBOL_BITS } from '../sobol/sobol.js';
import { PPND16 } from '../sobol/normal-quantile.js';
import { nestedScrambleConstants, reverseBits32 as rev } from '../sobol/nested-scramble.js';
import { coordOffsets, interlacing, LOW_CELLS, lowP, sobolDims, type RqmcKernel } from '../rqmc-js.js';
import { SPREAD_STEPS } from '../sobol/interlace.js';
import type { Spec } from '../specialize.js';
import { encodeModule, F64, Fn, I32, type Import, type Local, OP, SIMD, V128 } from './encode.js';
import { VecMath, type V } from './math.js';
import { compileWasm, type WasmInstance } from './api.js';
import { importParams, IMPORTS, MEM, wasmRuntime } from './memory.js';
import { IMPORT_INDEX, integrand, type Drawn } from './kernel.js';

/** Points per call: short calls let V8 tier the kernel up early in a run (memory.ts GROUPS_PER_CALL). */
const CALL_POINTS = 4096;

interface Layout {
  readonly rvAt: readonly number[];
  readonly QV: number;
  readonly CR: number;
  readonly XS: number;
  readonly NSV: number;
  readonly ACC: number;
  readonly pages: number;
}

function layoutOf(spec: Spec): Layout {
  const a = spec.analysis;
  const D = sobolDims(spec);
  const nv = 2 * a.rvs.length + (a.host.length - a.slotBase);
  let top = Math.ceil((MEM.SLOTS + 8 * nv) / 16) * 16;
  const rvAt = a.rvs.map((rv, r) => {
    const at = top;
    if (rv.vector) top += 32 * spec.dims[r];
    return at;
  });
  const take = (bytes: number): number => {
    const at = top;
    top += bytes;
    return at;
  };
  const QV = take(16 * D);
  const CR = take(4 * SOBOL_BITS * D);
  const XS = take(4 * D);
  top = Math.ceil(top / 16) * 16;
  const NSV = take(32 * D);
  const ACC = take(128);
  return { rvAt, QV, CR, XS, NSV, ACC, pages: Math.ceil(top / 65536) };
}

/** The rqlow import's index: after the kernels' common imports. */
const RQLOW = IMPORTS.length;

/** Nibble tables for the bit reversal: rev4(v) << 4 and rev4(v), v = 0 … 15. */
const rev4 = (v: number): number => ((v & 1) << 3) | ((v & 2) << 1) | ((v & 4) >> 1) | ((v & 8) >> 3);
const NIB_HI = Array.from({ length: 16 }, (_, v) => rev4(v) << 4);
const NIB_LO = Array.from({ length: 16 }, (_, v) => rev4(v));
const BYTE_SWAP = [3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12];
const HIGH_I32S = [8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];
const bytesI32 = (xs: readonly number[]): [number, number, number, number] => {
  const b = new Int32Array(new Uint8Array(xs).buffer);
  return [b[0], b[1], b[2], b[3]];
};

export function rqmcWasmBytes(spec: Spec): Uint8Array {
  const L = layoutOf(spec);
  return encodeModule({
    imports: [
      ...IMPORTS.map((name): Import => ({ module: 'm', name, params: importParams(name), results: [F64] })),
      { module: 'm', name: 'rqlow', params: [F64, I32, I32, I32, I32, I32, I32], results: [F64] },
    ],
    funcs: [runFn(spec, L)],
    pages: L.pages,
    exports: { run: 0 },
  });
}

function runFn(spec: Spec, L: Layout): Fn {
  const a = spec.analysis;
  const D = sobolDims(spec);
  const off = coordOffsets(spec);
  const f = new Fn([I32, I32, I32, I32, I32, I32], []);
  const m = new VecMath(f, IMPORT_INDEX);
  const [iStart, iEnd, rr, stream, k0, k1] = [0, 1, 2, 3, 4, 5].map((i) => f.param(i));
  const { M1, M2, M3 } = nestedScrambleConstants;
  const v = (): Local => f.local(V128);

  // Accumulators per stream: n, sum, comp, nf (f64x2 each).
  const acc = [0, 1].map((s) => [0, 1, 2, 3].map((k) => {
    const l = v();
    f.i32(0).simdMem(SIMD.load, L.ACC + 64 * s + 16 * k).set(l);
    return l;
  }));

  const i = f.local(I32);
  f.get(iStart).set(i);
  f.ctl(OP.block).ctl(OP.loop);
  f.get(i).get(iEnd).op(OP.i32GeU).br(OP.brIf, 1);

  const q = interlacing(spec);
  /** The Sobol dimension `coordinate` reads, and the coordinate number pOf's sub-cell bits are drawn for. */
  const dl = f.local(I32);
  const dc = f.local(I32);
  /** Sobol dimension dl of the four points: nested-scrambled, normal bit order (i32x4 local). */
  const coordinate = (): Local => {
    const n = v();
    f.get(dl).i32(2).op(OP.i32Shl).mem(OP.i32Load, L.XS).simd(SIMD.i32x4Splat)
      .get(dl).i32(4).op(OP.i32Shl).simdMem(SIMD.load, L.QV).simd(SIMD.xor).set(n);
    f.get(n).get(n).i32x4(M1).simd(SIMD.i32x4Mul).simd(SIMD.xor).set(n);
    f.get(n).get(dl).i32(5).op(OP.i32Shl).simdMem(SIMD.load, L.NSV).simd(SIMD.i32x4Add).set(n);
    f.get(n).get(dl).i32(5).op(OP.i32Shl).simdMem(SIMD.load, L.NSV + 16).simd(SIMD.i32x4Mul).set(n);
    f.get(n).get(n).i32x4(M2).simd(SIMD.i32x4Mul).simd(SIMD.xor).set(n);
    f.get(n).get(n).i32x4(M3).simd(SIMD.i32x4Mul).simd(SIMD.xor).set(n);
    // Bit reversal: each byte's bits by nibble tables, then the bytes of each lane.
    const y = v();
    f.i32x4(...bytesI32(NIB_HI)).get(n).i32x4(0x0f0f0f0f).simd(SIMD.and).simd(SIMD.swizzle)
      .i32x4(...bytesI32(NIB_LO)).get(n).i32(4).simd(SIMD.i32x4ShrU).i32x4(0x0f0f0f0f).simd(SIMD.and).simd(SIMD.swizzle)
      .simd(SIMD.or).set(y);
    f.get(y).get(y).shuffle(BYTE_SWAP).set(y);
    return y;
  };
  /**
   * Coordinate dc of the four points (dc set by the caller): Sobol dimension
   * dc, or with interlacing the digits of dimensions 2dc and 2dc + 1
   * alternately (sobol/interlace.ts $il).
   */
  const word = (): Local => {
    if (q === 1) {
      f.get(dc).set(dl);
      return coordinate();
    }
    const spread = (j: number): Local => {
      f.get(dc).i32(1).op(OP.i32Shl).i32(j).op(OP.i32Add).set(dl);
      const t = coordinate();
      f.get(t).i32(16).simd(SIMD.i32x4ShrU).set(t);
      for (const [sh, mask] of SPREAD_STEPS) f.get(t).get(t).i32(sh).simd(SIMD.i32x4Shl).simd(SIMD.or).i32x4(mask).simd(SIMD.and).set(t);
      return t;
    };
    const a = spread(0);
    const b = spread(1);
    const y = v();
    f.get(a).i32(1).simd(SIMD.i32x4Shl).get(b).simd(SIMD.or).set(y);
    return y;
  };
  /** The i32x4 lanes 0, 1 and 2, 3 of x as two f64x2 (signed). */
  const halves = (x: Local): [Local, Local] => {
    f.get(x).simd(SIMD.f64x2ConvertLowI32x4S);
    const lo = m.save();
    f.get(x).get(x).shuffle(HIGH_I32S).simd(SIMD.f64x2ConvertLowI32x4S);
    return [lo, m.save()];
  };
  /** p ≤ 1/2 of the coordinate y (pOf of rqmc-js.ts), as two f64x2. */
  const pOf = (y: Local): V => {
    const c = v();
    f.get(y).get(y).i32(31).simd(SIMD.i32x4ShrS).simd(SIMD.xor).set(c);
    const p = halves(c).map((h) => {
      f.get(h).f64x2(0.5).simd(SIMD.f64x2Add).f64x2(2.3283064365386963e-10).simd(SIMD.f64x2Mul);
      return m.save();
    });
    // The outermost cells: Philox sub-cell bits from the JS code, lane by lane.
    const low = v();
    f.i32x4(LOW_CELLS).get(c).simd(SIMD.i32x4GtU).set(low);
    f.get(low).simd(SIMD.anyTrue).ctl(OP.if);
    for (let lane = 0; lane < 4; lane++) {
      const ps = p[lane >> 1];
      f.get(low).lane(SIMD.i32x4ExtractLane, lane).ctl(OP.if);
      f.get(ps)
        .get(c).lane(SIMD.i32x4ExtractLane, lane).op(OP.f64ConvertI32U)
        .get(i).i32(lane).op(OP.i32Add).get(rr).get(stream).get(dc).get(k0).get(k1)
        .call(RQLOW).lane(SIMD.f64x2ReplaceLane, lane & 1).set(ps);
      f.op(OP.end);
    }
    f.op(OP.end);
    return p;
  };
  /** ±Φ⁻¹(p), the sign from y's top bit (AS241 PPND16 as in normal-quantile.ts). */
  const normal = (y: Local, p: V): V => {
    const q = m.each(2, (s) => f.get(p[s]).f64x2(0.5).simd(SIMD.f64x2Sub));
    const centre = m.each(2, (s) => f.get(q[s]).f64x2(-0.425).simd(SIMD.f64x2Ge));
    const r = m.each(2, (s) => f.f64x2(0.180625).get(q[s]).get(q[s]).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Sub));
    const num = m.hornerAdd(r, PPND16.centreNum);
    const den = m.hornerAdd(r, PPND16.centreDen);
    const z = m.each(2, (s) => f.get(q[s]).get(num[s]).simd(SIMD.f64x2Mul).get(den[s]).simd(SIMD.f64x2Div));
    f.get(centre[0]).get(centre[1]).simd(SIMD.and).simd(SIMD.not).simd(SIMD.anyTrue).ctl(OP.if);
    {
      const lg = m.log(p);
      const t = m.each(2, (s) => f.get(lg[s]).simd(SIMD.f64x2Neg).simd(SIMD.f64x2Sqrt));
      const tail = (shift: number, cn: readonly number[], cd: readonly number[]): V => {
        const u = m.each(2, (s) => f.get(t[s]).f64x2(shift).simd(SIMD.f64x2Sub));
        const nn = m.hornerAdd(u, cn);
        const dd = m.hornerAdd(u, cd);
        return m.each(2, (s) => f.get(nn[s]).get(dd[s]).simd(SIMD.f64x2Div).simd(SIMD.f64x2Neg));
      };
      const near = tail(1.6, PPND16.nearNum, PPND16.nearDen);
      const far = m.each(2, (s) => f.get(t[s]).f64x2(5).simd(SIMD.f64x2Gt));
      f.get(far[0]).get(far[1]).simd(SIMD.or).simd(SIMD.anyTrue).ctl(OP.if);
      {
        const fz = tail(5, PPND16.farNum, PPND16.farDen);
        for (let s = 0; s < 2; s++) f.get(fz[s]).get(near[s]).get(far[s]).simd(SIMD.bitselect).set(near[s]);
      }
      f.op(OP.end);
      for (let s = 0; s < 2; s++) f.get(z[s]).get(near[s]).get(centre[s]).simd(SIMD.bitselect).set(z[s]);
    }
    f.op(OP.end);
    const sgn = v();
    f.get(y).i32(31).simd(SIMD.i32x4ShrS).i32x4(1).simd(SIMD.or).set(sgn);
    const sg = halves(sgn);
    return m.each(2, (s) => f.get(z[s]).get(sg[s]).simd(SIMD.f64x2Mul));
  };
  const slot = (k: number): Local => {
    f.i32(0).simdMem(SIMD.load64Splat, MEM.SLOTS + 8 * k, 3);
    return m.save();
  };

  const drawn: Drawn = a.rvs.map((rv, r) => {
    const A = slot(2 * r);
    const B = slot(2 * r + 1);
    const affine = (x: V): V => m.each(2, (s) => f.get(A).get(B).get(x[s]).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Add));
    if (rv.vector) {
      const dim = spec.dims[r];
      const k = f.local(I32);
      f.i32(0).set(k);
      f.ctl(OP.loop);
      f.get(k).i32(off[r]).op(OP.i32Add).set(dc);
      const y = word();
      const x = affine(normal(y, pOf(y)));
      f.get(k).i32(4).op(OP.i32Shl).get(x[0]).simdMem(SIMD.store, L.rvAt[r]);
      f.get(k).i32(4).op(OP.i32Shl).get(x[1]).simdMem(SIMD.store, L.rvAt[r] + 16 * dim);
      f.get(k).i32(1).op(OP.i32Add).tee(k).i32(dim).op(OP.i32LtU).br(OP.brIf, 0);
      f.op(OP.end);
      return undefined;
    }
    f.i32(off[r]).set(dc);
    const y = word();
    const p = pOf(y);
    if (rv.family === 'U') {
      // p from the nearer end: 1 − p above 1/2 (y's top bit), as rqmc-js.ts.
      const neg = v();
      f.get(y).i32(31).simd(SIMD.i32x4ShrS).set(neg);
      const masks = [neg, v()];
      f.get(neg).get(neg).shuffle(HIGH_I32S).set(masks[1]);
      const u = m.each(2, (s) => f.f64x2(1).get(p[s]).simd(SIMD.f64x2Sub).get(p[s]).get(masks[s]).simd(SIMD.i64x2ExtendLowI32x4S).simd(SIMD.bitselect));
      return affine(u);
    }
    const x = affine(normal(y, p));
    return rv.family === 'N' ? x : m.sigmoid(x);
  });

  const fv = integrand(m, { spec, rvAt: L.rvAt }, drawn);
  for (let s = 0; s < 2; s++) {
    const [n, sum, comp, nf] = acc[s];
    const fin = v();
    f.get(fv[s]).get(fv[s]).simd(SIMD.f64x2Sub).f64x2(0).simd(SIMD.f64x2Eq).set(fin);
    const x = v();
    f.get(fv[s]).get(fin).simd(SIMD.and).set(x);
    const t = v();
    f.get(sum).get(x).simd(SIMD.f64x2Add).set(t);
    // Neumaier: comp += |sum| ≥ |x| ? (sum − t) + x : (x − t) + sum.
    f.get(comp)
      .get(sum).get(t).simd(SIMD.f64x2Sub).get(x).simd(SIMD.f64x2Add)
      .get(x).get(t).simd(SIMD.f64x2Sub).get(sum).simd(SIMD.f64x2Add)
      .get(sum).simd(SIMD.f64x2Abs).get(x).simd(SIMD.f64x2Abs).simd(SIMD.f64x2Ge)
      .simd(SIMD.bitselect).simd(SIMD.f64x2Add).set(comp);
    f.get(t).set(sum);
    f.get(n).f64x2(1).get(fin).simd(SIMD.and).simd(SIMD.f64x2Add).set(n);
    f.get(nf).f64x2(1).get(fin).simd(SIMD.andnot).simd(SIMD.f64x2Add).set(nf);
  }

  // X_d ⊕= C_1 ⊕ C_ctz(i + 4), every coordinate.
  const ctz = f.local(I32);
  f.get(i).i32(4).op(OP.i32Add).op(OP.i32Ctz).i32(2).op(OP.i32Shl).set(ctz);
  f.i32(0).set(dl);
  f.ctl(OP.loop);
  const row = f.local(I32);
  f.get(dl).i32(7).op(OP.i32Shl).set(row);
  f.get(dl).i32(2).op(OP.i32Shl)
    .get(dl).i32(2).op(OP.i32Shl).mem(OP.i32Load, L.XS)
    .get(row).mem(OP.i32Load, L.CR + 4).op(OP.i32Xor)
    .get(row).get(ctz).op(OP.i32Add).mem(OP.i32Load, L.CR).op(OP.i32Xor)
    .mem(OP.i32Store, L.XS);
  f.get(dl).i32(1).op(OP.i32Add).tee(dl).i32(D).op(OP.i32LtU).br(OP.brIf, 0);
  f.op(OP.end);

  f.get(i).i32(4).op(OP.i32Add).set(i);
  f.br(OP.br, 0);
  f.op(OP.end).op(OP.end);
  acc.forEach((ls, s) => ls.forEach((l, k) => f.i32(0).get(l).simdMem(SIMD.store, L.ACC + 64 * s + 16 * k)));
  return f;
}

/**
 * The wasm kernel with the JS kernel's signature; calls whose range is not
 * made of whole quadruples of points go to the JS kernel, compiled on the
 * first such call (`fallback` makes it).
 */
export function wasmRqmcKernel(spec: Spec, fallback: () => RqmcKernel): RqmcKernel {
  const L = layoutOf(spec);
  const D = sobolDims(spec);
  const inst: WasmInstance = wasmRuntime().instance(compileWasm(rqmcWasmBytes(spec)), { rqlow: lowP });
  const run = inst.exports.run as (a: number, b: number, r: number, s: number, k0: number, k1: number) => void;
  const mem = inst.exports.mem as { buffer: ArrayBuffer };
  return (V, C, E, N, k0, k1, stream, r, iStart, iEnd, out) => {
    if (iStart % 4 !== 0 || iEnd % 4 !== 0) {
      fallback()(V, C, E, N, k0, k1, stream, r, iStart, iEnd, out);
      return;
    }
    const buf = mem.buffer;
    new Float64Array(buf, MEM.SLOTS, V.length).set(V);
    const cr = new Int32Array(buf, L.CR, D * SOBOL_BITS);
    for (let q = 0; q < D * SOBOL_BITS; q++) cr[q] = rev(C[q]);
    const qv = new Int32Array(buf, L.QV, 4 * D);
    const xs = new Int32Array(buf, L.XS, D);
    const ns = new Int32Array(buf, L.NSV, 8 * D);
    const g = (iStart ^ Math.floor(iStart / 2)) >>> 0;
    for (let d = 0; d < D; d++) {
      const c0 = cr[d * SOBOL_BITS];
      const c1 = cr[d * SOBOL_BITS + 1];
      qv.set([0, c0, c0 ^ c1, c1], 4 * d);
      let x = E[d];
      for (let k = 0; k < SOBOL_BITS; k++) if ((g >>> k) & 1) x ^= C[d * SOBOL_BITS + k];
      xs[d] = rev(x);
      const s = N[d] | 0;
      ns.fill(s, 8 * d, 8 * d + 4);
      ns.fill((s >>> 16) | 1, 8 * d + 4, 8 * d + 8);
    }
    const acc = new Float64Array(buf, L.ACC, 16);
    acc.fill(0);
    for (let a = iStart; a < iEnd; a += CALL_POINTS) run(a, Math.min(iEnd, a + CALL_POINTS), r, stream, k0, k1);
    // Lanes: stream s, lane l at acc[8s + 2k + l] for n, sum, comp, nf (k = 0 … 3); Neumaier over the four sums.
    let n = 0;
    let nf = 0;
    let sum = 0;
    let comp = 0;
    for (let s = 0; s < 2; s++) {
      for (let l = 0; l < 2; l++) {
        n += acc[8 * s + l];
        nf += acc[8 * s + 6 + l];
        comp += acc[8 * s + 4 + l];
        const x = acc[8 * s + 2 + l];
        const t = sum + x;
        comp += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
        sum = t;
      }
    }
    out[0] = n;
    out[1] = sum + comp;
    out[2] = nf;
  };
}
