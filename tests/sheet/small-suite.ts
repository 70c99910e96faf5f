// A small real suite for the sheet's tests: two fast derivations with
// documented mistakes (vdm.posterior's mutants 1 and 2, vae.gaussian-kl's
// mutant 3) and the ELBO by Jensen (general and testbed, an inequality),
// checked once per test file on the CPU backend.
import { checkSuite, loadSuite, type CheckedSuite } from '../../src/sheet/index.js';

let cached: Promise<CheckedSuite> | undefined;

export function smallSuite(): Promise<CheckedSuite> {
  cached ??= (async () => {
    const loaded = await loadSuite(['derivations/vdm/posterior.ts', 'derivations/vae/gaussian-kl.ts', 'derivations/elbo/jensen.ts'], { typecheck: false });
    return checkSuite(loaded, { seed: 1, backend: 'cpu', now: new Date('2026-01-01T00:00:00Z') });
  })();
  return cached;
}
