// The single-sample variances of the VDM ELBO estimators (derivations/vdm/estimator-variance.ts),
// T = 2, from their closed forms: each Var g = E[g²] − E[g]² is lowered (logpdf and the
// Gaussian KLs written out) and integrated exactly over the forward chain by the checker's
// own Gaussian-moment closed forms (src/prob), then evaluated in float64 along a line
// through the derivation's counterexample point `points.c44`, varying one reverse-model
// parameter. The curves cross: which form varies less depends on θ (the derivation's finding).
import { two, points } from '../../derivations/vdm/estimator-variance.js';
import { closeNested, lowerHeads } from '../prob/index.js';
import { evalFloat } from '../algebra/index.js';
import { freeSymbols, type Node } from '../expr/ast.js';

export interface VarianceCurve {
  readonly id: 'eq45' | 'eq44' | 'eq58';
  readonly label: string;
  readonly points: readonly { x: number; variance: number }[];
}

/**
 * The parameter varied and its range (the derivation's box: k_t ∈ [−1, 1]). Along k_1 the
 * denoising form varies less for most k_1 and more near k_1 = 1 (the counterexample's end):
 * the seed's order holds at some θ and fails at others.
 */
export const SWEEP = { name: 'k_1', lo: -1, hi: 1 } as const;

function closedForm(g: Parameters<typeof two.variance>[0]): Node {
  const c = closeNested(lowerHeads(two.variance(g)));
  if (!c) throw new Error('estimator variance: no closed form (the derivation changed?)');
  return c;
}

/** The base point: points.c44 (α = (1/2, 1/4), k = (1, 0), c = −1, s = 1, x_0 = 0) as floats. */
export function basePoint(): Record<string, number> {
  const env: Record<string, number> = {};
  for (const [k, n] of points.c44) env[k] = evalFloat(n, {});
  return env;
}

export function estimatorVariances(n = 101): VarianceCurve[] {
  const base = basePoint();
  const forms = [
    { id: 'eq45' as const, label: "consistency form, eq. 45 (the seed's; biased)", g: two.gC },
    { id: 'eq44' as const, label: 'consistency form, eq. 44 (unbiased)', g: two.gC44 },
    { id: 'eq58' as const, label: 'denoising form, eq. 58', g: two.gD },
  ];
  return forms.map(({ id, label, g }) => {
    const f = closedForm(g);
    for (const s of freeSymbols(f)) if (!(s in base)) throw new Error(`estimator variance: '${s}' has no value at the base point`);
    const pts = Array.from({ length: n }, (_, i) => {
      const x = SWEEP.lo + ((SWEEP.hi - SWEEP.lo) * i) / (n - 1);
      return { x, variance: evalFloat(f, { ...base, [SWEEP.name]: x }) };
    });
    return { id, label, points: pts };
  });
}
