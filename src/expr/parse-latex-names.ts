// Symbol names from LaTeX: the inverse of latexSymbol (print-latex.ts).
//   \alpha → alpha, \epsilon / \varepsilon → eps, \ell → ell, \bar{\alpha} → abar,
//   \bar{x} → x_bar, \hat{\epsilon} → eps_hat, \mathrm{snr} → snr,
//   subscripts: t-1 → tm1, t+1 → tp1, \mathrm{skip} → skip, {t,1} → t_1.
// Where the printer maps two names to one LaTeX form (eps and epsilon both
// print \epsilon; abar and alpha_bar both print \bar{\alpha}) the parser reads
// the project's convention: eps, abar.

export const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu',
  'xi', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega', 'Gamma', 'Delta', 'Theta',
  'Lambda', 'Xi', 'Pi', 'Sigma', 'Phi', 'Psi', 'Omega',
]);

/** Commands that are a symbol's base name. */
export function greekName(cmd: string): string | undefined {
  if (cmd === 'epsilon' || cmd === 'varepsilon') return 'eps';
  if (cmd === 'ell') return 'ell';
  if (cmd.startsWith('var') && GREEK.has(cmd.slice(3))) return cmd.slice(3); // \varphi, \vartheta, \varsigma, \varrho, \varpi
  return GREEK.has(cmd) ? cmd : undefined;
}

export const ACCENTS: Record<string, string> = {
  bar: 'bar', overline: 'bar', hat: 'hat', widehat: 'hat', tilde: 'tilde', widetilde: 'tilde',
};

/** The name of an accented base: \bar{\alpha} is abar (the project's short name), otherwise base_accent. */
export function accented(base: string, accent: string): string {
  return base === 'alpha' && accent === 'bar' ? 'abar' : `${base}_${accent}`;
}

/** One subscript item as a name part: `t-1` → tm1, `t+1` → tp1; letters, digits and names stay. */
export function subscriptPart(item: string): string | undefined {
  const m = /^([A-Za-z])([+-])(\d+)$/.exec(item);
  if (m) return `${m[1]}${m[2] === '-' ? 'm' : 'p'}${m[3]}`;
  return /^[A-Za-z0-9]+$/.test(item) ? item : undefined;
}
