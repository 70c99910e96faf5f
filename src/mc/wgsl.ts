// The WGSL kernel: one fused compute shader that draws the random variables
// (Philox4x32-10, Box–Muller; the layout of layout.ts), evaluates the
// integrand in f32, and reduces count / mean / M2 per workgroup.
//
// Per thread: kper consecutive groups of samples (a per-dispatch count in the
// control block, so the shader does not depend on it), accumulated as shifted sums
// (shift = the thread's first finite value, so Σd and Σd² do not cancel;
// no Kahan: compilers may reassociate it away), branch-free. Per workgroup:
// Chan merges in registers (subgroups) and workgroup memory (see Reduction).
// One partial (n, nonFinite, mean, M2) per workgroup is all that reaches
// memory; the host merges the partials in float64.
//
// Parameters live in a uniform buffer, so one pipeline serves every
// parameter point with the same vector dimensions.

import { FUNCTIONS, fnNamed } from '../expr/functions/index.js';
import type { IrFn } from './plan.js';
import { emitIr, powiSteps, type Lang } from './emit.js';
import type { Spec } from './specialize.js';
import type { KernelMode } from './js.js';
import { WGSL_PHILOX } from './philox.js';
import { RADIUS_EXT_CALL, RADIUS_SPLIT, WGSL_BOX_MULLER, WGSL_LOG_RADIUS } from './box-muller.js';

/**
 * How a workgroup combines its threads' moments:
 * - 'subgroup': subgroupAdd of (n, Σ, M2 about the subgroup mean) — a
 *   butterfly in registers — then, when the workgroup holds several
 *   subgroups, one barrier and a fan-in by thread 0 in workgroup memory;
 * - 'serial': every thread's moments in workgroup memory, one barrier, a
 *   fan-in by thread 0;
 * - 'tree': the textbook log2(WG)-level tree, one barrier per level.
 * All three merge with Chan's formula. On lavapipe every barrier is a
 * coroutine split: the tree of a 128-thread workgroup costs about 0.7 s more
 * shader compilation and 15–25% more run time than one barrier, so the
 * default is 'subgroup' where the device has subgroups, else 'serial'.
 */
export type Reduction = 'subgroup' | 'serial' | 'tree';

export interface WgslShape {
  /** Threads per workgroup (a power of two). */
  readonly workgroupSize: number;
  /**
   * Sample groups per thread: the most a dispatch uses. The kernel reads the
   * count of a dispatch from the control block, so a small run can spread
   * over more threads without another shader (see GpuShape.minWorkgroups).
   */
  readonly groupsPerThread: number;
  readonly reduction: Reduction;
  /**
   * The device's subgroup size when it is fixed (min = max); with
   * 'subgroup' and workgroupSize equal to it, a workgroup is one subgroup
   * and needs no barrier at all.
   */
  readonly subgroupSize?: number;
}

/** Bytes of the control block at the start of the uniform buffer. */
export const CTL_BYTES = 48;

/**
 * The control block (std140-like layout, 48 bytes):
 *   key: vec2<u32>       seed mod 2^32, floor(seed / 2^32)
 *   base: vec2<u32>      first group of the dispatch, low and high words
 *   stream: u32
 *   lo, hi: u32          samples lo ≤ i < hi of the dispatch, counted from base·Sg (reduce mode: lo = 0, unused)
 *   slot: u32            index of the dispatch's first partial
 *   nan, inf: f32        run-time NaN and +∞ (WGSL cannot spell them as constants)
 *   kper: u32            sample groups per thread in this dispatch (≤ groupsPerThread)
 *   pad: u32
 * (The key schedule is added up per lane: loading it from the uniform costs
 * more, since llvmpipe bounds-checks every uniform load inside the loop.)
 */
const CTL = /* wgsl */ `
struct Ctl {
  key: vec2<u32>,
  base: vec2<u32>,
  stream: u32,
  lo: u32,
  hi: u32,
  slot: u32,
  nan: f32,
  inf: f32,
  kper: u32,
  pad1: u32,
}
`;

// Read once per thread from the uniform (llvmpipe bounds-checks every uniform
// load, so nothing in the sample loop reads the uniform directly).
export const HELPERS = /* wgsl */ `
var<private> NAN: f32;
var<private> INF: f32;
fn is_finite(x: f32) -> bool { return (bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u; }
fn is_nan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn g_sqrt(x: f32) -> f32 { return select(sqrt(x), NAN, x < 0.0); }
fn g_log(x: f32) -> f32 {
  var r = log(x);
  r = select(r, -INF, x == 0.0);
  r = select(r, INF, x == INF);
  return select(r, NAN, x < 0.0 || is_nan(x));
}
fn g_pow(a: f32, b: f32) -> f32 {
  let z = select(select(INF, 1.0, b == 0.0), 0.0, b > 0.0);
  let r = select(pow(a, b), z, a == 0.0);
  return select(r, NAN, a < 0.0 || is_nan(a) || is_nan(b));
}
// (sin πv, cos πv) for v ∈ (−1, 1): exact quadrant reduction r = v − q/2,
// |πr| ≤ π/4, Cephes sinf/cosf polynomials (≈ 1 ulp), one reduction for both.
// The quadrant q ∈ {−2, …, 2} stays a float: llvmpipe scalarizes f32 → i32.
fn sincospi(v: f32) -> vec2<f32> {
  let q = round(2.0 * v);
  let x = 3.14159265358979 * (v - 0.5 * q);
  let x2 = x * x;
  let s = x + x * x2 * (-1.6666654611e-1 + x2 * (8.3321608736e-3 + x2 * -1.9515295891e-4));
  let c = 1.0 - 0.5 * x2 + x2 * x2 * (4.166664568298827e-2 + x2 * (-1.388731625493765e-3 + x2 * 2.443315711809948e-5));
  let odd = abs(q) == 1.0;
  let sn = select(s, c, odd);
  let cs = select(c, s, odd);
  // sin(x + qπ/2) is −… for q ∈ {−2, −1, 2}; cos(x + qπ/2) for q ∈ {−2, 1, 2}.
  return vec2<f32>(select(sn, -sn, q < -0.5 || q > 1.5), select(cs, -cs, q > 0.5 || q < -1.5));
}
${WGSL_BOX_MULLER}${[...FUNCTIONS.values()].map((f) => f.wgsl.helpers ?? '').join('')}`;

/** The WGSL function called for a table function (src/expr/functions/), or g_pow. */
const wgslFnName = (name: IrFn | 'pow'): string => (name === 'pow' ? 'g_pow' : fnNamed(name).wgsl.name);

/** An f32 literal (callers pass only f32-exact values in the normal range, or 0). */
export function wgslFloat(v: number): string {
  let s = String(v);
  if (!/[.e]/.test(s)) s += '.0';
  return v < 0 || Object.is(v, -0) ? `(${s}f)` : `${s}f`;
}

const COMP = 'xyzw';

export function wgslLang(): Lang {
  return {
    lit: wgslFloat,
    slot: (i) => `S${i}`,
    param: () => {
      throw new Error('internal: parameters are host values');
    },
    rv: (r) => `r${r}`,
    rvk: (r, k) => `(*r${r})[${k}]`,
    fn: (name, args) => `${wgslFnName(name)}(${args.join(', ')})`,
    powi: (x, n) => (n === 0 ? '1.0' : n === 1 ? x : n === -1 ? `(1.0 / ${x})` : n > 0 ? `pw${n}(${x})` : `(1.0 / pw${-n}(${x}))`),
    let: (name, expr) => `let ${name} = ${expr};`,
    acc: (name) => `var ${name} = 0.0;`,
    loop: (k, n, body) => [`for (var ${k} = 0u; ${k} < ${n}u; ${k} = ${k} + 1u) {`, ...body.map((l) => `  ${l}`), '}'],
    addTo: (acc, expr) => `${acc} += ${expr};`,
  };
}

/** WGSL's limit on a function's variables in the function address space (bytes). */
export const WGSL_FUNCTION_MEMORY = 8192;

/**
 * Bytes of function-address-space memory the kernel of a spec declares: the
 * Philox words of a group (when they are an array) and two samples' vector
 * random variables. Above WGSL_FUNCTION_MEMORY the shader is invalid.
 */
export function kernelPrivateBytes(spec: Spec): number {
  const a = spec.analysis;
  const words = spec.layout.callsPerGroup > 1 || a.rvs.some((rv) => rv.vector) ? 16 * spec.layout.callsPerGroup : 0;
  const ext = extCalls(spec);
  const extWords = ext > 1 ? 16 * ext : 0;
  const vectors = a.rvs.reduce((n, rv, r) => n + (rv.vector ? 8 * spec.dims[r] : 0), 0);
  return words + extWords + vectors + 64;
}

/** Extension calls of a group (philox.ts RADIUS_EXT_CALL): one per four of its radii. */
const extCalls = (spec: Spec): number => Math.ceil((spec.layout.gaussians * spec.layout.unitsPerGroup) / 4);

/** Uniform buffer size in bytes for a spec: the control block and the device slots as vec4s. */
export function uniformBytes(spec: Spec): number {
  const a = spec.analysis;
  const slots = 2 * a.rvs.length + (a.host.length - a.slotBase);
  return CTL_BYTES + 16 * Math.max(1, Math.ceil(slots / 4));
}

export function wgslKernel(spec: Spec, shape: WgslShape, mode: KernelMode): string {
  const a = spec.analysis;
  const L = spec.layout;
  const nrv = a.rvs.length;
  const WG = shape.workgroupSize;
  const nvec4 = (uniformBytes(spec) - CTL_BYTES) / 16;
  const e = emitIr(a.integrand, wgslLang(), spec.dims);
  const nslots = a.host.length - a.slotBase;

  const o: string[] = [];
  const subgroups = mode === 'reduce' && shape.reduction === 'subgroup';
  const oneSubgroup = subgroups && shape.subgroupSize === WG;
  if (subgroups) o.push('enable subgroups;');
  o.push(`struct Uni { ctl: Ctl, v: array<vec4<f32>, ${nvec4}> }`);
  o.push('@group(0) @binding(0) var<uniform> u: Uni;');
  if (mode === 'reduce') {
    o.push('struct Partial { n: u32, nf: u32, mean: f32, m2: f32 }');
    o.push('@group(0) @binding(1) var<storage, read_write> partials: array<Partial>;');
    if (!oneSubgroup) {
      o.push(`var<workgroup> wn: array<f32, ${WG}>;`, `var<workgroup> wm: array<f32, ${WG}>;`,
        `var<workgroup> wq: array<f32, ${WG}>;`, `var<workgroup> wf: array<u32, ${WG}>;`);
    }
  } else {
    o.push('@group(0) @binding(1) var<storage, read_write> vals: array<f32>;');
  }
  o.push(WGSL_PHILOX + WGSL_LOG_RADIUS, CTL, HELPERS);
  for (let i = 0; i < nslots; i++) o.push(`var<private> S${i}: f32;`);
  for (const n of e.powers) {
    if (n < 2) continue;
    const steps = powiSteps(n);
    o.push(`fn pw${n}(x: f32) -> f32 { ${steps.map(([r, p, q]) => `let ${r} = ${p} * ${q};`).join(' ')} return ${steps[steps.length - 1][0]}; }`);
  }
  const params = a.rvs.map((rv, r) => (rv.vector ? `r${r}: ptr<function, array<f32, ${spec.dims[r]}>>` : `r${r}: f32`));
  o.push(`fn F(${params.join(', ')}) -> f32 {`, ...e.lines.map((l) => `  ${l}`), `  return ${e.expr};`, '}');

  if (mode === 'reduce') {
    o.push(`
struct Acc { n: f32, sh: f32, s: f32, q: f32, nf: u32 }
// Branch-free (every lane of a SIMD batch does the same work): samples past
// the end of the dispatch add nothing; a non-finite value only counts.
fn accumulate(a: ptr<function, Acc>, f: f32, ok: bool) {
  let fin = is_finite(f);
  let take = ok && fin;
  (*a).sh = select((*a).sh, f, take && (*a).n == 0.0);
  let d = select(0.0, f - (*a).sh, take);
  (*a).n += select(0.0, 1.0, take);
  (*a).s += d;
  (*a).q += d * d;
  (*a).nf += select(0u, 1u, ok && !fin);
}`);
  } else {
    o.push(`
fn emit(f: f32, li: u32, lo: u32, hi: u32) {
  if (li >= lo && li < hi) { vals[li - lo] = f; }
}`);
  }

  const dev = (i: number): string => `u.v[${i >> 2}].${COMP[i & 3]}`;
  const B = L.callsPerGroup;
  const wordsInArray = B > 1 || a.rvs.some((rv) => rv.vector);
  const word = (i: number): string => (wordsInArray ? `w[${i}]` : `w.${COMP[i]}`);

  o.push(`@compute @workgroup_size(${WG})`);
  const sgArg = subgroups ? ', @builtin(subgroup_invocation_id) sgi: u32' : '';
  o.push(`fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>${sgArg}) {`);
  o.push(`  let wgi = wid.x + wid.y * nwg.x;`);
  o.push(`  let t = wgi * ${WG}u + lid;`);
  if (mode === 'reduce') o.push('  var acc = Acc(0.0, 0.0, 0.0, 0.0, 0u);');
  o.push('  NAN = u.ctl.nan;', '  INF = u.ctl.inf;', '  let key = u.ctl.key;', '  let stream = u.ctl.stream;', '  let base = u.ctl.base;',
    '  let lo = u.ctl.lo;', '  let hi = u.ctl.hi;', '  let kper = u.ctl.kper;');
  for (let i = 0; i < nslots; i++) o.push(`  S${i} = ${dev(2 * nrv + i)};`);
  for (let r = 0; r < nrv; r++) o.push(`  let A${r} = ${dev(2 * r)};`, `  let B${r} = ${dev(2 * r + 1)};`);
  a.rvs.forEach((rv, r) => {
    if (rv.vector) o.push(`  var xa${r}: array<f32, ${spec.dims[r]}>;`, `  var xb${r}: array<f32, ${spec.dims[r]}>;`);
  });
  if (wordsInArray) o.push(`  var w: array<u32, ${4 * B}>;`);
  // The radii's extension words (layout.ts): drawn once per group, and only
  // when one of its radius words is below the split (one group in ~2^15).
  const C = extCalls(spec);
  const G = L.gaussians;
  if (C === 1) o.push('  var ext = vec4<u32>(0u);');
  else if (C > 1) o.push(`  var ext: array<u32, ${4 * C}>;`);
  o.push('  for (var kk = 0u; kk < kper; kk = kk + 1u) {');
  o.push('    let lg = t * kper + kk;');
  o.push('    let glo = base.x + lg;');
  o.push('    let ghi = base.y + select(0u, 1u, glo < lg);');
  if (!wordsInArray) {
    o.push('    let w = philox(vec4<u32>(glo, stream, 0u, ghi), key);');
  } else {
    o.push(`    for (var j = 0u; j < ${B}u; j = j + 1u) {`,
      '      let c = philox(vec4<u32>(glo, stream, j, ghi), key);',
      '      w[4u * j] = c.x; w[4u * j + 1u] = c.y; w[4u * j + 2u] = c.z; w[4u * j + 3u] = c.w;',
      '    }');
  }
  if (C > 0) {
    o.push('    var rmin = 0xffffffffu;');
    for (let unit = 0; unit < L.unitsPerGroup; unit++) {
      if (G <= 4 || !wordsInArray) {
        for (let q = 0; q < G; q++) o.push(`    rmin = min(rmin, ${word(unit * L.unitWords + 2 * q)});`);
      } else {
        o.push(`    for (var q = 0u; q < ${G}u; q = q + 1u) { rmin = min(rmin, w[${unit * L.unitWords}u + 2u * q]); }`);
      }
    }
    o.push(`    if (rmin < ${RADIUS_SPLIT}u) {`);
    if (C === 1) {
      o.push(`      ext = philox(vec4<u32>(glo, stream, 0x${RADIUS_EXT_CALL.toString(16)}u, ghi), key);`);
    } else {
      o.push(`      for (var j = 0u; j < ${C}u; j = j + 1u) {`,
        `        let e = philox(vec4<u32>(glo, stream, 0x${RADIUS_EXT_CALL.toString(16)}u + j, ghi), key);`,
        '        ext[4u * j] = e.x; ext[4u * j + 1u] = e.y; ext[4u * j + 2u] = e.z; ext[4u * j + 3u] = e.w;',
        '      }');
    }
    o.push('    }');
  }
  const extOf = (x: string | number): string => (C === 1 && typeof x === 'number' ? `ext.${COMP[x]}` : `ext[${x}]`);
  o.push(`    let i0 = lg * ${L.samplesPerGroup}u;`);
  for (let unit = 0; unit < L.unitsPerGroup; unit++) {
    const base = unit * L.unitWords;
    o.push('    {');
    const argsA: string[] = [];
    const argsB: string[] = [];
    a.rvs.forEach((rv, r) => {
      if (rv.sampler.noise === 'uniform') {
        const j = base + 2 * L.gaussians + 2 * spec.unifOffset[r];
        o.push(`      let ya${r} = A${r} + B${r} * unif(${word(j)});`, `      let yb${r} = A${r} + B${r} * unif(${word(j + 1)});`);
        argsA.push(`ya${r}`);
        argsB.push(`yb${r}`);
        return;
      }
      const q0 = spec.gaussOffset[r];
      if (rv.vector) {
        o.push(`      for (var k = 0u; k < ${spec.dims[r]}u; k = k + 1u) {`,
          `        let i1 = ${base}u + 2u * (${q0}u + k);`,
          `        let z = box_muller(w[i1], w[i1 + 1u], ${extOf(`${unit * G + q0}u + k`)});`,
          `        xa${r}[k] = A${r} + B${r} * z.x;`,
          `        xb${r}[k] = A${r} + B${r} * z.y;`,
          '      }');
        argsA.push(`&xa${r}`);
        argsB.push(`&xb${r}`);
        return;
      }
      const i1 = base + 2 * q0;
      o.push(`      let z${r} = box_muller(${word(i1)}, ${word(i1 + 1)}, ${extOf(unit * G + q0)});`);
      const za = `A${r} + B${r} * z${r}.x`;
      const zb = `A${r} + B${r} * z${r}.y`;
      if (rv.sampler.link === 'identity') o.push(`      let ya${r} = ${za};`, `      let yb${r} = ${zb};`);
      else o.push(`      let ya${r} = g_sig(${za});`, `      let yb${r} = g_sig(${zb});`);
      argsA.push(`ya${r}`);
      argsB.push(`yb${r}`);
    });
    const sink = mode === 'reduce'
      ? (f: string, li: string) => `accumulate(&acc, ${f}, ${li} < hi);`
      : (f: string, li: string) => `emit(${f}, ${li}, lo, hi);`;
    o.push(`      ${sink(`F(${argsA.join(', ')})`, `i0 + ${2 * unit}u`)}`);
    o.push(`      ${sink(`F(${argsB.join(', ')})`, `i0 + ${2 * unit + 1}u`)}`);
    o.push('    }');
  }
  o.push('  }');
  if (mode === 'reduce') o.push(reduction(shape));
  o.push('}');
  return o.join('\n');
}

const MERGE_FAN_IN = (n: number): string => `
  if (lid == 0u) {
    var n = 0.0;
    var m = 0.0;
    var q = 0.0;
    var f = 0u;
    for (var j = 0u; j < ${n}u; j = j + 1u) {
      let nb = wn[j];
      f += wf[j];
      if (nb > 0.0) {
        // Chan et al.: merge (n, m, q) with (nb, mb, qb).
        let nn = n + nb;
        let d = wm[j] - m;
        let fb = nb / nn;
        m += d * fb;
        q += wq[j] + d * d * n * fb;
        n = nn;
      }
    }
    partials[u.ctl.slot + wgi] = Partial(u32(n), f, m, q);
  }`;

/** The end of `main` in reduce mode: the thread's moments, then the workgroup's. */
function reduction(shape: WgslShape): string {
  const WG = shape.workgroupSize;
  const thread = `
  let tn = acc.n;
  var tm = 0.0;
  var tq = 0.0;
  if (acc.n > 0.0) {
    tm = acc.sh + acc.s / acc.n;
    tq = max(acc.q - acc.s * acc.s / acc.n, 0.0);
  }`;
  if (shape.reduction === 'subgroup') {
    // Pooled moments of the subgroup: the mean first, then M2 about it
    // (M2 = Σ M2_t + n_t (m_t − m)², exact, no cancellation).
    const sub = `
  let sn = subgroupAdd(tn);
  let sm = select(0.0, subgroupAdd(tn * tm) / sn, sn > 0.0);
  let dm = tm - sm;
  let sq = subgroupAdd(tq + tn * dm * dm);
  let sf = subgroupAdd(acc.nf);`;
    if (shape.subgroupSize === WG) {
      return `${thread}${sub}
  if (sgi == 0u) {
    partials[u.ctl.slot + wgi] = Partial(u32(sn), sf, sm, sq);
  }`;
    }
    return `${thread}${sub}
  let lead = sgi == 0u;
  wn[lid] = select(0.0, sn, lead);
  wm[lid] = sm;
  wq[lid] = sq;
  wf[lid] = select(0u, sf, lead);
  workgroupBarrier();${MERGE_FAN_IN(WG)}`;
  }
  const store = `
  wn[lid] = tn;
  wm[lid] = tm;
  wq[lid] = tq;
  wf[lid] = acc.nf;`;
  if (shape.reduction === 'serial') return `${thread}${store}
  workgroupBarrier();${MERGE_FAN_IN(WG)}`;
  return `${thread}${store}
  for (var st = ${WG >> 1}u; st > 0u; st = st >> 1u) {
    workgroupBarrier();
    if (lid < st) {
      let na = wn[lid];
      let nb = wn[lid + st];
      if (nb > 0.0) {
        // Chan et al.: merge (na, ma, qa) with (nb, mb, qb).
        let nn = na + nb;
        let d = wm[lid + st] - wm[lid];
        let fb = nb / nn;
        wm[lid] = wm[lid] + d * fb;
        wq[lid] = wq[lid] + wq[lid + st] + d * d * na * fb;
        wn[lid] = nn;
      }
      wf[lid] = wf[lid] + wf[lid + st];
    }
  }
  if (lid == 0u) {
    partials[u.ctl.slot + wgi] = Partial(u32(wn[0]), wf[0], wm[0], wq[0]);
  }`;
}

/** A tiny kernel that writes raw Philox words: in = (c0, c1, c2, c3, k0, k1, 0, 0) per item, out = 4 words per item. */
export const WGSL_PHILOX_TEST = /* wgsl */ `
@group(0) @binding(0) var<storage, read> inp: array<vec4<u32>>;
@group(0) @binding(1) var<storage, read_write> outp: array<vec4<u32>>;
${WGSL_PHILOX}${WGSL_LOG_RADIUS}
@compute @workgroup_size(1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let c = inp[2u * gid.x];
  let k = inp[2u * gid.x + 1u];
  outp[gid.x] = philox(c, k.xy);
}
`;
