// Shared by the derivation tests: every derivation under derivations/, and a
// per-file cache of check results (a derivation is checked once per file).
import { pathToFileURL } from 'node:url';
import { findDerivationFiles } from '../../src/derive/load.js';
import { isDerivation, type Derivation } from '../../src/derive/derivation.js';
import { checkDerivation, type DerivationResult } from '../../src/derive/checker.js';

export async function loadAllDerivations(): Promise<Derivation[]> {
  const out: Derivation[] = [];
  for (const f of findDerivationFiles(['derivations'])) {
    const mod = (await import(pathToFileURL(f).href)) as Record<string, unknown>;
    for (const v of new Set(Object.values(mod))) if (isDerivation(v)) out.push(v);
  }
  return out;
}

/** checkDerivation with seed 1 on the auto backend, memoized by id. */
export function cachedChecker(): (d: Derivation) => Promise<DerivationResult> {
  const cache = new Map<string, Promise<DerivationResult>>();
  return (d) => {
    if (!cache.has(d.id)) cache.set(d.id, checkDerivation(d, { seed: 1, backend: 'auto' }));
    return cache.get(d.id)!;
  };
}

/** A counterexample coordinate: a number, or an exact rational as text ('63407/66744'). */
export function coordinate(s: string | number | undefined): number {
  if (s === undefined) throw new Error('missing');
  if (typeof s === 'number') return s;
  const [p, q] = s.split('/');
  return q === undefined ? Number(p) : Number(p) / Number(q);
}
