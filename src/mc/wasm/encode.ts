// A small WebAssembly binary encoder: just what the cpu kernel needs (one
// memory, function imports, functions with i32/i64/f64/v128 locals, the
// fixed-width SIMD instructions). No dependency, no text format: the kernel
// generator calls the methods of `Fn` in the order of the instructions.
//
// Binary format (WebAssembly core spec §5): a module is the magic and version
// followed by sections (id, byte length, contents); integers are LEB128,
// vectors a length then the elements; SIMD instructions are the prefix 0xFD
// followed by the opcode as an unsigned LEB128.

export const I32 = 0x7f;
export const I64 = 0x7e;
export const F64 = 0x7c;
export const V128 = 0x7b;
export type ValType = typeof I32 | typeof I64 | typeof F64 | typeof V128;

/** Block type "no result". */
export const VOID = 0x40;

function uleb(out: number[], v: number): void {
  do {
    let b = v & 0x7f;
    v = Math.floor(v / 128);
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
}

function sleb(out: number[], v: bigint): void {
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) {
      out.push(b);
      return;
    }
    out.push(b | 0x80);
  }
}

const bytesOf = (a: ArrayBufferView): number[] => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

/** Core opcodes used by the generator (one byte each). */
/** i8x16.shuffle lane lists. */
const LO_DWORDS = [0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27];
const HI_DWORDS = [4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31];
const LOW_F64S = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];
const HIGH_F64S = [8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31];
export const SHUFFLE = { LO_DWORDS, HI_DWORDS, LOW_F64S, HIGH_F64S };

export const OP = {
  block: 0x02, loop: 0x03, if: 0x04, else: 0x05, end: 0x0b, br: 0x0c, brIf: 0x0d, call: 0x10, drop: 0x1a, select: 0x1b,
  i32Load: 0x28, f64Load: 0x2b, i32Store: 0x36, f64Store: 0x39,
  i32Eqz: 0x45, i64Eqz: 0x50, i32Eq: 0x46, i32Ne: 0x47, i32LtU: 0x49, i32GeU: 0x4f,
  f64Eq: 0x61, f64Ne: 0x62, f64Lt: 0x63, f64Gt: 0x64, f64Le: 0x65, f64Ge: 0x66,
  i32Ctz: 0x68, i32Add: 0x6a, i32Sub: 0x6b, i32Mul: 0x6c, i32And: 0x71, i32Or: 0x72, i32Xor: 0x73, i32Shl: 0x74, i32ShrS: 0x75, i32ShrU: 0x76,
  i64Add: 0x7c,
  f64Abs: 0x99, f64Neg: 0x9a, f64Sqrt: 0x9f, f64Add: 0xa0, f64Sub: 0xa1, f64Mul: 0xa2, f64Div: 0xa3, f64Min: 0xa4, f64Max: 0xa5,
  i32TruncF64U: 0xab, f64ConvertI32U: 0xb8, f64ConvertI64U: 0xba,
} as const;

/** SIMD opcodes (after the 0xFD prefix). */
export const SIMD = {
  load: 0x00, load64Splat: 0x0a, store: 0x0b, const: 0x0c, shuffle: 0x0d, swizzle: 0x0e,
  i32x4Splat: 0x11, i64x2Splat: 0x12, f64x2Splat: 0x14,
  i32x4ExtractLane: 0x1b, i64x2ExtractLane: 0x1d, f64x2ExtractLane: 0x21, f64x2ReplaceLane: 0x22,
  i32x4Eq: 0x37, i32x4GtU: 0x3c,
  f64x2Eq: 0x47, f64x2Ne: 0x48, f64x2Lt: 0x49, f64x2Gt: 0x4a, f64x2Le: 0x4b, f64x2Ge: 0x4c,
  not: 0x4d, and: 0x4e, andnot: 0x4f, or: 0x50, xor: 0x51, bitselect: 0x52, anyTrue: 0x53,
  load64Lane: 0x57, load64Zero: 0x5d,
  i32x4Shl: 0xab, i32x4ShrS: 0xac, i32x4ShrU: 0xad, i32x4Add: 0xae, i32x4Sub: 0xb1, i32x4Mul: 0xb5,
  i64x2ExtendLowI32x4S: 0xc7, i64x2Shl: 0xcb, i64x2Add: 0xce,
  i64x2ExtmulLowI32x4U: 0xde, i64x2ExtmulHighI32x4U: 0xdf,
  f64x2Abs: 0xec, f64x2Neg: 0xed, f64x2Sqrt: 0xef, f64x2Add: 0xf0, f64x2Sub: 0xf1, f64x2Mul: 0xf2, f64x2Div: 0xf3,
  f64x2Min: 0xf4, f64x2Max: 0xf5,
  i32x4TruncSatF64x2SZero: 0xfc, f64x2ConvertLowI32x4S: 0xfe, f64x2ConvertLowI32x4U: 0xff,
} as const;

/** A local variable (its index) of one value type. */
export interface Local {
  readonly index: number;
  readonly type: ValType;
}

/**
 * A function body under construction. Locals come from `local(type)`;
 * the instruction methods append bytes. `end()` is written by `finish`.
 */
export class Fn {
  readonly code: number[] = [];
  private readonly extra: ValType[] = [];
  /** Code run first: the v128 constants into their locals. */
  private readonly prologue: number[] = [];
  private readonly consts = new Map<string, Local>();

  constructor(readonly params: readonly ValType[], readonly results: readonly ValType[]) {}

  param(i: number): Local {
    return { index: i, type: this.params[i] };
  }

  local(type: ValType): Local {
    this.extra.push(type);
    return { index: this.params.length + this.extra.length - 1, type };
  }

  op(...bytes: number[]): this {
    this.code.push(...bytes);
    return this;
  }

  get(l: Local): this {
    this.code.push(0x20);
    uleb(this.code, l.index);
    return this;
  }

  set(l: Local): this {
    this.code.push(0x21);
    uleb(this.code, l.index);
    return this;
  }

  tee(l: Local): this {
    this.code.push(0x22);
    uleb(this.code, l.index);
    return this;
  }

  i32(v: number): this {
    this.code.push(0x41);
    sleb(this.code, BigInt(v | 0));
    return this;
  }

  f64(v: number): this {
    this.code.push(0x44, ...bytesOf(new Float64Array([v])));
    return this;
  }

  /** Control: block/loop/if with a block type (VOID or a value type). */
  ctl(op: typeof OP.block | typeof OP.loop | typeof OP.if, type: number = VOID): this {
    this.code.push(op, type);
    return this;
  }

  br(op: typeof OP.br | typeof OP.brIf, depth: number): this {
    this.code.push(op);
    uleb(this.code, depth);
    return this;
  }

  call(func: number): this {
    this.code.push(OP.call);
    uleb(this.code, func);
    return this;
  }

  /** A scalar load or store with a constant offset (natural alignment). */
  mem(op: number, offset: number): this {
    this.code.push(op, op === OP.f64Load || op === OP.f64Store ? 3 : 2);
    uleb(this.code, offset);
    return this;
  }

  simd(op: number): this {
    this.code.push(0xfd);
    uleb(this.code, op);
    return this;
  }

  /** SIMD load/store with memarg (align as log2 bytes). */
  simdMem(op: number, offset: number, align = 4): this {
    this.simd(op);
    this.code.push(align);
    uleb(this.code, offset);
    return this;
  }

  /** v128.load64_lane: memarg then lane. */
  loadLane64(offset: number, lane: number): this {
    this.simd(SIMD.load64Lane);
    this.code.push(3);
    uleb(this.code, offset);
    this.code.push(lane);
    return this;
  }

  /** extract_lane / replace_lane with their lane immediate. */
  lane(op: number, lane: number): this {
    this.simd(op);
    this.code.push(lane);
    return this;
  }

  shuffle(lanes: readonly number[]): this {
    if (lanes.length !== 16) throw new Error('internal: a shuffle takes 16 lane indices');
    this.simd(SIMD.shuffle);
    this.code.push(...lanes);
    return this;
  }

  /**
   * A v128 constant. V8 builds one from immediates with three or four
   * instructions wherever it appears (inside the hot loops too), so each
   * distinct constant is set once, in the function's prologue, and read
   * from a local (a register, or a memory operand) where used.
   */
  private v128(bytes: number[]): this {
    const key = bytes.join(',');
    let l = this.consts.get(key);
    if (!l) {
      l = this.local(V128);
      this.consts.set(key, l);
      this.prologue.push(0xfd);
      uleb(this.prologue, SIMD.const);
      this.prologue.push(...bytes, 0x21);
      uleb(this.prologue, l.index);
    }
    return this.get(l);
  }

  f64x2(a: number, b: number = a): this {
    return this.v128(bytesOf(new Float64Array([a, b])));
  }

  i32x4(a: number, b: number = a, c: number = a, d: number = a): this {
    return this.v128(bytesOf(new Int32Array([a, b, c, d])));
  }

  i64x2(a: bigint, b: bigint = a): this {
    return this.v128(bytesOf(new BigInt64Array([a, b])));
  }

  /** The body as the code section wants it: locals (run-length by type), code, end. */
  finish(): number[] {
    const out: number[] = [];
    const runs: Array<[number, ValType]> = [];
    for (const t of this.extra) {
      const last = runs[runs.length - 1];
      if (last && last[1] === t) last[0]++;
      else runs.push([1, t]);
    }
    uleb(out, runs.length);
    for (const [n, t] of runs) {
      uleb(out, n);
      out.push(t);
    }
    for (const b of this.prologue) out.push(b);
    for (const b of this.code) out.push(b);
    out.push(OP.end);
    const sized: number[] = [];
    uleb(sized, out.length);
    return sized.concat(out);
  }
}

export interface Import {
  readonly module: string;
  readonly name: string;
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}

export interface ModuleSpec {
  readonly imports: readonly Import[];
  /** Defined functions; their indices follow the imports'. */
  readonly funcs: readonly Fn[];
  /** Memory size in 64 KiB pages (exported as `mem`). */
  readonly pages: number;
  /** Exported functions: name → index in `funcs`. */
  readonly exports: Readonly<Record<string, number>>;
}

const name = (out: number[], s: string): void => {
  const b = Array.from(new TextEncoder().encode(s));
  uleb(out, b.length);
  out.push(...b);
};

function section(out: number[], id: number, body: number[]): void {
  out.push(id);
  uleb(out, body.length);
  for (const b of body) out.push(b);
}

export function encodeModule(m: ModuleSpec): Uint8Array {
  // Types: one per distinct signature.
  const sigs: string[] = [];
  const typeBody: number[] = [];
  const typeOf = (params: readonly ValType[], results: readonly ValType[]): number => {
    const key = `${params.join(',')}>${results.join(',')}`;
    let i = sigs.indexOf(key);
    if (i < 0) {
      i = sigs.push(key) - 1;
      typeBody.push(0x60);
      uleb(typeBody, params.length);
      typeBody.push(...params);
      uleb(typeBody, results.length);
      typeBody.push(...results);
    }
    return i;
  };
  const importTypes = m.imports.map((im) => typeOf(im.params, im.results));
  const funcTypes = m.funcs.map((f) => typeOf(f.params, f.results));

  const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const types: number[] = [];
  uleb(types, sigs.length);
  section(out, 1, types.concat(typeBody));

  const imports: number[] = [];
  uleb(imports, m.imports.length);
  m.imports.forEach((im, i) => {
    name(imports, im.module);
    name(imports, im.name);
    imports.push(0x00);
    uleb(imports, importTypes[i]);
  });
  section(out, 2, imports);

  const funcs: number[] = [];
  uleb(funcs, funcTypes.length);
  for (const t of funcTypes) uleb(funcs, t);
  section(out, 3, funcs);

  const mem: number[] = [1, 0x00];
  uleb(mem, m.pages);
  section(out, 5, mem);

  const exps: number[] = [];
  const entries = Object.entries(m.exports);
  uleb(exps, entries.length + 1);
  for (const [n, i] of entries) {
    name(exps, n);
    exps.push(0x00);
    uleb(exps, m.imports.length + i);
  }
  name(exps, 'mem');
  exps.push(0x02, 0x00);
  section(out, 7, exps);

  const code: number[] = [];
  uleb(code, m.funcs.length);
  for (const f of m.funcs) {
    for (const b of f.finish()) code.push(b);
  }
  section(out, 10, code);
  return new Uint8Array(out);
}
