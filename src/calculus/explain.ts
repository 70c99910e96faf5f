/**
 * Explanations: a residual normal form at a large instance, folded back into symbolic sums.
 *
 * At the largest T of the lifting plan a non-zero residual lists one term per position t; terms
 * that are translates of each other (same shape relative to the index of their atom's variable)
 * with the same coefficient, at consecutive positions, are printed as one Σ over t, with bounds
 * written relative to 0 or to T. This is presentation only: the verdict never depends on it.
 */
import { toString as qstr } from '../expr/rational.js';
import { printTerm, termKey } from './expectation.js';
import type { NormalForm, NFEntry } from './normal-form.js';
import { printId } from './vars.js';

const ID = /^(.*)\[(-?\d+)\]$/;
const NEAR_T = 4;

function anchorOf(e: NFEntry): number | undefined {
  if (e.term.atom.kind !== 'logd') return undefined;
  const m = ID.exec(e.term.atom.v);
  return m ? Number(m[2]) : undefined;
}

/** Index i printed relative to 0 or to T. */
function bound(i: number, T: number): string {
  if (T - i >= 0 && T - i <= NEAR_T) return T === i ? 'T' : `T−${T - i}`;
  return String(i);
}

export function explainResidual(nf: NormalForm, T: number): string[] {
  const groups = new Map<string, Array<{ anchor: number; e: NFEntry }>>();
  const singles: NFEntry[] = [];
  for (const e of nf.values()) {
    const a = anchorOf(e);
    if (a === undefined) { singles.push(e); continue; }
    // Shape: every indexed id relative to the anchor, except index 0 when it is not the anchor
    // (x_0, the usual context). A boundary term whose x_{t−1} is x_0 then starts its own group,
    // which is printed as a single term: a sound simplification for display.
    const shape = termKey(e.term).replace(/\[(-?\d+)\]/g, (_m, d: string) => {
      const i = Number(d);
      return i === 0 && a !== 0 ? '[=0]' : `[t${i - a >= 0 ? '+' : ''}${i - a}]`;
    });
    const key = `${shape}#${qstr(e.coef)}`;
    const g = groups.get(key) ?? [];
    g.push({ anchor: a, e });
    groups.set(key, g);
  }
  const out: string[] = [];
  for (const g of groups.values()) {
    g.sort((x, y) => x.anchor - y.anchor);
    let start = 0;
    for (let i = 1; i <= g.length; i++) {
      if (i < g.length && g[i]!.anchor === g[i - 1]!.anchor + 1) continue;
      const run = g.slice(start, i);
      start = i;
      if (run.length < 3) { singles.push(...run.map((r) => r.e)); continue; }
      const first = run[0]!;
      const pr = (id: string) => {
        const m = ID.exec(id);
        if (!m) return id;
        const idx = Number(m[2]);
        if (idx === 0 && first.anchor !== 0) return printId(id);
        const d = idx - first.anchor;
        return d === 0 ? `${m[1]}_t` : `${m[1]}_{t${d > 0 ? `+${d}` : `−${-d}`}}`;
      };
      out.push(`${qstr(first.e.coef)} · Σ_{t=${bound(first.anchor, T)}}^{${bound(run[run.length - 1]!.anchor, T)}} ${printTerm(first.e.term, pr)}`);
    }
  }
  for (const e of singles) out.push(`${qstr(e.coef)} · ${printTerm(e.term, (id) => printId(id, T))}`);
  return out;
}
