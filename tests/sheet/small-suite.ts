// A small real suite for the sheet's tests: two fast derivations with
// documented mistakes (vdm.posterior's mutants 1 and 2, vae.gaussian-kl's
// mutant 3) and the ELBO by Jensen (general and testbed, an inequality),
// checked once per test file on the CPU backend.
import { resolve } from 'node:path';
import posterior from '../../derivations/vdm/posterior.js';
import gaussianKl from '../../derivations/vae/gaussian-kl.js';
import jensen from '../../derivations/elbo/jensen.js';
import { checkSuite, type CheckedSuite } from '../../src/sheet/index.js';

let cached: Promise<CheckedSuite> | undefined;

export function smallSuite(): Promise<CheckedSuite> {
  // In the seed's topic order, as loadSuite would put them.
  const loaded = [
    { derivation: jensen, file: resolve('derivations/elbo/jensen.ts') },
    { derivation: gaussianKl, file: resolve('derivations/vae/gaussian-kl.ts') },
    { derivation: posterior, file: resolve('derivations/vdm/posterior.ts') },
  ];
  cached ??= checkSuite(loaded, { seed: 1, backend: 'cpu', now: new Date('2026-01-01T00:00:00Z') });
  return cached;
}
