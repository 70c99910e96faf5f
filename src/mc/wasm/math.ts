// exp, log, Box–Muller and the composite functions of the integrands in
// f64x2, inlined into the kernel: the same algorithms, constants and order
// of operations as the JS kernel's $exp / $log / Box–Muller (src/mc/js.ts),
// so the two kernels agree bit for bit on almost every sample (wasm has no
// fused multiply-add, and every operation here is an IEEE-754 one).
//
// Table lookups go through lane extracts (wasm has no gather); the powers of
// two that the JS code reads from $P2K are built from their bits instead,
// which gives the same values over the fast ranges. Lanes outside the fast
// ranges call the imported Math.exp / Math.log, as the JS code does.

import { Fn, I32, type Local, OP, SHUFFLE, SIMD, V128 } from './encode.js';
import { MEM } from './memory.js';

/** Function indices of the imports (see `IMPORTS` in memory.ts). */
export interface ImportIndex {
  readonly exp: number;
  readonly log: number;
  readonly sin: number;
  readonly cos: number;
  readonly tan: number;
  readonly tanh: number;
  readonly pow: number;
  readonly rext: number;
}

const { LO_DWORDS, HI_DWORDS, LOW_F64S, HIGH_F64S } = SHUFFLE;
export { SHUFFLE };

/** 2^1022: $log's fast range ends here (so that 2^-e is a normal number). */
export const LOG_FAST_MAX = 2 ** 1022;

/**
 * Values of several independent streams (one local each), computed
 * operation by operation side by side: the integrand of a unit's two
 * samples is one long dependency chain (a division, log, exp, …), and two
 * chains interleaved keep the CPU busy where one would wait on latencies.
 */
export type V = readonly Local[];

/** An emitter of f64x2 arithmetic into one function, value by value in locals. */
export class VecMath {
  constructor(readonly f: Fn, readonly imp: ImportIndex) {}

  /** Pops the stack top into a fresh v128 local. */
  save(): Local {
    const l = this.f.local(V128);
    this.f.set(l);
    return l;
  }

  /** For each of k streams: `push(i)` leaves one v128 on the stack, saved to a local. */
  each(k: number, push: (i: number) => void): Local[] {
    return Array.from({ length: k }, (_, i) => {
      push(i);
      return this.save();
    });
  }

  const(v: number, k: number): Local[] {
    return this.each(k, () => this.f.f64x2(v));
  }

  bin(op: number, a: V, b: V): Local[] {
    return this.each(a.length, (i) => this.f.get(a[i]).get(b[i]).simd(op));
  }

  un(op: number, a: V): Local[] {
    return this.each(a.length, (i) => this.f.get(a[i]).simd(op));
  }

  /** c0 + t·(c1 + t·(… + t·cn)) */
  hornerAdd(t: V, cs: readonly number[]): Local[] {
    let acc = this.const(cs[cs.length - 1], t.length);
    for (let j = cs.length - 2; j >= 0; j--) {
      const prev = acc;
      acc = this.each(t.length, (i) => this.f.get(t[i]).get(prev[i]).simd(SIMD.f64x2Mul).f64x2(cs[j]).simd(SIMD.f64x2Add));
    }
    return acc;
  }

  /** c0 − t·(c1 − t·(… − t·cn)) */
  hornerSub(t: V, cs: readonly number[]): Local[] {
    let acc = this.const(cs[cs.length - 1], t.length);
    for (let j = cs.length - 2; j >= 0; j--) {
      const prev = acc;
      acc = this.each(t.length, (i) => this.f.f64x2(cs[j]).get(t[i]).get(prev[i]).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Sub));
    }
    return acc;
  }

  /** Calls an imported f64 function on every lane of `args` whose `slow` mask lane is set (all lanes if slow is undefined). */
  private perLane(func: number, args: readonly Local[], into: Local, slow?: Local): void {
    const f = this.f;
    for (let lane = 0; lane < 2; lane++) {
      if (slow) f.get(slow).lane(SIMD.i64x2ExtractLane, lane).op(OP.i64Eqz).op(OP.i32Eqz).ctl(OP.if);
      f.get(into);
      for (const a of args) f.get(a).lane(SIMD.f64x2ExtractLane, lane);
      f.call(func).lane(SIMD.f64x2ReplaceLane, lane).set(into);
      if (slow) f.op(OP.end);
    }
  }

  /** Lanes where `fast` is clear get func(x) from the import. */
  private patchSlow(func: number, x: V, fast: V, res: V): void {
    const f = this.f;
    const slow = this.un(SIMD.not, fast);
    // One test for all streams: the slow path is rare.
    f.get(slow[0]);
    for (let i = 1; i < slow.length; i++) f.get(slow[i]).simd(SIMD.or);
    f.simd(SIMD.anyTrue).ctl(OP.if);
    for (let i = 0; i < x.length; i++) this.perLane(func, [x[i]], res[i], slow[i]);
    f.op(OP.end);
  }

  /** A function of the imports on both lanes (sin, cos, …). */
  imported(func: number, args: readonly V[]): Local[] {
    const res = this.const(0, args[0].length);
    res.forEach((r, i) => this.perLane(func, args.map((a) => a[i]), r));
    return res;
  }

  /** The i32 lanes 0 and `hiLane` of an i32x4 local, each into an i32 local. */
  lanes(v: Local, hiLane: number): [Local, Local] {
    const a = this.f.local(I32);
    const b = this.f.local(I32);
    this.f.get(v).lane(SIMD.i32x4ExtractLane, 0).set(a).get(v).lane(SIMD.i32x4ExtractLane, hiLane).set(b);
    return [a, b];
  }

  /** Two f64 table entries at base + the byte offsets ia, ib, as one f64x2. */
  private gather2(ia: Local, ib: Local, base: number): Local {
    this.f.get(ib).get(ia).simdMem(SIMD.load64Zero, base, 3).loadLane64(base, 1);
    return this.save();
  }

  /**
   * $exp: n = round(64x/ln 2) by the 1.5·2^52 trick, x = n·ln2/64 + r
   * (Cody–Waite), e^x = 2^(n>>6) · E2[n & 63] · (1 + p(r)). The integer n is
   * read from the bits of s = 64x/ln 2 + 1.5·2^52 (their low 51 bits are n in
   * two's complement): j from the low word, and 2^k·E2[j] by adding
   * (n << 46) with the bits below 52 cleared, i.e. k << 52, to the bits of
   * E2[j] ∈ [1, 2), exact like the JS product E2[j]·2^k over |x| < 708.
   */
  exp(x: V): Local[] {
    const f = this.f;
    const k = x.length;
    const fast = this.each(k, (i) => f.get(x[i]).f64x2(-708).simd(SIMD.f64x2Gt).get(x[i]).f64x2(708).simd(SIMD.f64x2Lt).simd(SIMD.and));
    const sh = this.each(k, (i) => f.get(x[i]).f64x2(92.33248261689366).simd(SIMD.f64x2Mul).f64x2(6755399441055744.0).simd(SIMD.f64x2Add));
    const n = this.each(k, (i) => f.get(sh[i]).f64x2(6755399441055744.0).simd(SIMD.f64x2Sub));
    const r = this.each(k, (i) => f.get(x[i]).get(n[i]).f64x2(0.01083042469326756).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Sub)
      .get(n[i]).f64x2(2.9815858269852933e-12).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Sub));
    const q = this.hornerAdd(r, [0.5, 0.16666666666666666, 0.041666666666666664, 0.008333333333333333, 0.001388888888888889]);
    const p = this.each(k, (i) => f.get(r[i]).get(r[i]).get(r[i]).simd(SIMD.f64x2Mul).get(q[i]).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Add));
    // E2[j] at byte offset 8j, j = n & 63 in the low words (i32 lanes 0 and 2).
    const j8 = this.each(k, (i) => f.get(sh[i]).i32x4(63).simd(SIMD.and).i32(3).simd(SIMD.i32x4Shl));
    const e2 = j8.map((j) => {
      const [ja, jb] = this.lanes(j, 2);
      return this.gather2(ja, jb, MEM.E2);
    });
    const t = this.each(k, (i) => f.get(e2[i]).get(sh[i]).i32(46).simd(SIMD.i64x2Shl).i64x2(-(1n << 52n)).simd(SIMD.and).simd(SIMD.i64x2Add));
    const res = this.each(k, (i) => f.get(t[i]).get(t[i]).get(p[i]).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Add));
    this.patchSlow(this.imp.exp, x, fast, res);
    return res;
  }

  /**
   * $log: x = m·2^e with m ∈ [3/4, 3/2), c the nearest table point,
   * t = (m − c)/c, ln x = e·ln 2 + ln c + t(1 − t(1/2 − t(1/3 − t(1/4 − t/5)))).
   * The LN table holds records (c, 1/c, ln c, 0) of 32 bytes. `inRange`: the
   * caller knows x ∈ [2^-1022, 2^1022) (Box–Muller's uniforms), no check.
   */
  log(x: V, inRange = false): Local[] {
    const f = this.f;
    const k = x.length;
    const fast = inRange ? undefined
      : this.each(k, (i) => f.get(x[i]).f64x2(2.2250738585072014e-308).simd(SIMD.f64x2Ge).get(x[i]).f64x2(LOG_FAST_MAX).simd(SIMD.f64x2Lt).simd(SIMD.and));
    const hw = this.each(k, (i) => f.get(x[i]).get(x[i]).shuffle([...HI_DWORDS.slice(0, 8), ...HI_DWORDS.slice(0, 8)]));
    const v = this.each(k, (i) => f.get(hw[i]).i32(9).simd(SIMD.i32x4ShrU).i32x4(2047).simd(SIMD.and));
    const up = this.each(k, (i) => f.get(v[i]).i32(10).simd(SIMD.i32x4ShrU));
    const e = this.each(k, (i) => f.get(hw[i]).i32(20).simd(SIMD.i32x4ShrU).i32x4(1023).simd(SIMD.i32x4Sub).get(up[i]).simd(SIMD.i32x4Add));
    // Record address 32·i, i = ((v + 1) >>> 1) + 1025·up (up ∈ {0, 1}).
    const rec = this.each(k, (i) => f.get(v[i]).i32x4(1).simd(SIMD.i32x4Add).i32(1).simd(SIMD.i32x4ShrU)
      .get(up[i]).i32(10).simd(SIMD.i32x4Shl).simd(SIMD.i32x4Add).get(up[i]).simd(SIMD.i32x4Add).i32(5).simd(SIMD.i32x4Shl));
    const tabs = rec.map((rc) => {
      const [ia, ib] = this.lanes(rc, 1);
      return [this.gather2(ia, ib, MEM.LN), this.gather2(ia, ib, MEM.LN + 8), this.gather2(ia, ib, MEM.LN + 16)];
    });
    // 2^-e from its bits (1023 − e) << 52.
    const scale = this.each(k, (i) => f.i32x4(1023).get(e[i]).simd(SIMD.i32x4Sub).simd(SIMD.i64x2ExtendLowI32x4S).i32(52).simd(SIMD.i64x2Shl));
    const t = this.each(k, (i) => f.get(x[i]).get(scale[i]).simd(SIMD.f64x2Mul).get(tabs[i][0]).simd(SIMD.f64x2Sub).get(tabs[i][1]).simd(SIMD.f64x2Mul));
    const q = this.hornerSub(t, [1, 0.5, 0.3333333333333333, 0.25, 0.2]);
    const res = this.each(k, (i) => f.get(e[i]).simd(SIMD.f64x2ConvertLowI32x4S).f64x2(0.6931471805599453).simd(SIMD.f64x2Mul)
      .get(tabs[i][2]).simd(SIMD.f64x2Add).get(t[i]).get(q[i]).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Add));
    if (fast) this.patchSlow(this.imp.log, x, fast, res);
    return res;
  }

  /** $sig: 1/(1 + e^−x) for x ≥ 0, e^x/(1 + e^x) below, one exp of −|x| for both. */
  sigmoid(x: V): Local[] {
    const f = this.f;
    const e = this.exp(this.each(x.length, (i) => f.get(x[i]).simd(SIMD.f64x2Abs).simd(SIMD.f64x2Neg)));
    return this.each(x.length, (i) => f.f64x2(1).get(e[i]).get(x[i]).f64x2(0).simd(SIMD.f64x2Ge).simd(SIMD.bitselect)
      .f64x2(1).get(e[i]).simd(SIMD.f64x2Add).simd(SIMD.f64x2Div));
  }

  /** $sech: 2e/(1 + e²), e = e^−|x|. */
  sech(x: V): Local[] {
    const f = this.f;
    const e = this.exp(this.each(x.length, (i) => f.get(x[i]).simd(SIMD.f64x2Abs).simd(SIMD.f64x2Neg)));
    return this.each(x.length, (i) => f.f64x2(2).get(e[i]).simd(SIMD.f64x2Mul).f64x2(1).get(e[i]).get(e[i]).simd(SIMD.f64x2Mul)
      .simd(SIMD.f64x2Add).simd(SIMD.f64x2Div));
  }

  /** $logit: log(x/(1 − x)). */
  logit(x: V): Local[] {
    return this.log(this.each(x.length, (i) => this.f.get(x[i]).f64x2(1).get(x[i]).simd(SIMD.f64x2Sub).simd(SIMD.f64x2Div)));
  }

  /** ((w >>> 8) | 1) as i32 lanes 0, 1 of the 8 bytes at addr + offset. */
  word24(addr: Local, offset: number): void {
    this.f.get(addr).simdMem(SIMD.load64Zero, offset, 3).i32(8).simd(SIMD.i32x4ShrU).i32x4(1).simd(SIMD.or);
  }

  /** The uniforms U(w) = ((w >>> 8) | 1)·2^-24 of the two words at addr + offset. */
  uniform(addr: Local, offset: number): Local {
    this.word24(addr, offset);
    this.f.simd(SIMD.f64x2ConvertLowI32x4S).f64x2(5.9604644775390625e-8).simd(SIMD.f64x2Mul);
    return this.save();
  }
}
