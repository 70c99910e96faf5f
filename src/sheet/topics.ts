// The sheet's sections, in the seed's order (ELBO, VAE, HVAE, VDM), then the
// topics of the reparameterization work as their derivations land. A
// derivation's topic is the first segment of its id (`vdm.posterior` → vdm);
// a topic not listed here comes after these, in alphabetical order, under its
// own name, so a new folder of derivations never disappears from the sheet.
export const TOPICS: readonly { readonly key: string; readonly title: string }[] = [
  { key: 'elbo', title: 'The evidence lower bound' },
  { key: 'vae', title: 'Variational autoencoders' },
  { key: 'hvae', title: 'Hierarchical VAEs' },
  { key: 'vdm', title: 'Variational diffusion models' },
  { key: 'schedule', title: 'Noise schedules' },
  { key: 'param', title: 'Parameterizations (ε, x₀, v, score)' },
  { key: 'weights', title: 'Loss weightings w(λ)' },
  { key: 'flow', title: 'Flow matching and rectified flow' },
  { key: 'edm', title: 'EDM preconditioning' },
  { key: 'adaln', title: 'adaLN conditioning' },
  { key: 'repa', title: 'Representation alignment (REPA)' },
];

export const topicOf = (derivationId: string): string => derivationId.split('.')[0];

export function topicTitle(key: string): string {
  return TOPICS.find((t) => t.key === key)?.title ?? key;
}

/** Sorts topic keys: the listed ones in their order, the others after them alphabetically. */
export function compareTopics(a: string, b: string): number {
  const ia = TOPICS.findIndex((t) => t.key === a);
  const ib = TOPICS.findIndex((t) => t.key === b);
  if (ia >= 0 && ib >= 0) return ia - ib;
  if (ia >= 0) return -1;
  if (ib >= 0) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
