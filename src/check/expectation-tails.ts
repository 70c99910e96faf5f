// A guard against heavy tails before a Monte Carlo refutation. The z-test
// trusts the sample variance; when a few extreme samples dominate it (e.g.
// E[exp(3z)·…], whose mass sits where a million normal draws never go) both
// the mean and its standard error are wrong together, and the error is
// systematic, so a second stream reproduces it. We estimate, on the SAME
// samples, the mean of g = (f − f̄)² (the integrand's variance) and its own
// standard error: when the variance is itself uncertain by more than 10 %,
// the standard error of the mean is not to be trusted and the refutation is
// withheld. For a Gaussian-like integrand the relative error is √(2/n) ≈ 0.0014
// at n = 2^20; it reaches 0.1 only when the kurtosis is ~10⁴ or when single
// samples dominate.
import { compileExpectation, type Estimator } from '../mc/index.js';
import type { Node } from '../expr/ast.js';
import type { McTerm } from './expectation-plan.js';

export const MAX_VARIANCE_REL_ERROR = 0.1;

export class TailCheck {
  private readonly squared = new Map<number, Estimator>();
  constructor(private readonly terms: readonly McTerm[], private readonly backend: 'auto' | 'webgpu' | 'cpu') {}

  private centerName(t: McTerm): string {
    let name = 'mc__center';
    const taken = new Set([...t.paramNames, ...t.random.map((b) => b.name)]);
    for (let i = 2; taken.has(name); i++) name = `mc__center${i}`;
    return name;
  }

  private async estimator(j: number): Promise<{ est: Estimator; center: string }> {
    const t = this.terms[j];
    const center = this.centerName(t);
    let est = this.squared.get(j);
    if (!est) {
      const dev: Node = { op: 'add', kind: 'scalar', args: [t.integrand, { op: 'neg', kind: 'scalar', args: [{ op: 'sym', kind: 'scalar', name: center }] }] };
      const g: Node = { op: 'pow', kind: 'scalar', args: [dev, { op: 'num', kind: 'scalar', n: 2n, d: 1n }] };
      est = await compileExpectation(g, t.random, [...t.paramNames, center], this.backend);
      this.squared.set(j, est);
    }
    return { est, center };
  }

  dispose(): void {
    for (const e of this.squared.values()) e.dispose();
    this.squared.clear();
  }

  /**
   * A reason to distrust term j's standard error at this point and stream,
   * or undefined when its variance estimate is sound.
   */
  async check(j: number, params: Record<string, number>, mean: number, run: { samples: number; seed: number; stream: number }): Promise<string | undefined> {
    const { est, center } = await this.estimator(j);
    const res = await est.run({ ...params, [center]: mean }, run);
    if (res.nonFinite > 0 || !Number.isFinite(res.mean)) return 'the integrand\'s variance is not finite';
    if (res.mean === 0) return undefined;
    const rel = res.stderr / res.mean;
    if (rel > MAX_VARIANCE_REL_ERROR) {
      return `heavy-tailed integrand: its sample variance is uncertain by ${(100 * rel).toFixed(0)} % (limit ${100 * MAX_VARIANCE_REL_ERROR} %), so the standard error cannot be trusted`;
    }
    return undefined;
  }
}
