// The runs of a Monte Carlo decision: the estimators of a plan's terms on
// the chosen backend and, lazily, on the float64 cpu backend that confirms a
// candidate found in f32; and what one run at a point measured, as the
// evidence shows it.
import type { BackendChoice, Estimator } from '../mc/index.js';
import { compileMethod, describeMethod, type Method } from '../mc/rqmc-choice.js';
import type { PointTest } from './estimate.js';
import { shortText, type Plan } from './plan.js';

const isNamed = (e: unknown, name: string): e is Error => e instanceof Error && e.name === name;
const fmt = (x: number): string => (Number.isFinite(x) ? Number(x.toPrecision(4)).toString() : String(x));

/** One run at a point, for the evidence: where it ran and what it measured. */
export interface RunRecord {
  readonly backend: string;
  readonly z: number;
  /** The t statistic behind z (equal to z for plain Monte Carlo). */
  readonly t: number;
  readonly difference: number;
  readonly stderr: number;
  /** Each Monte Carlo term's mean and standard error. */
  readonly means: readonly number[];
  readonly stderrs: readonly number[];
  /** How each term was estimated (plain Monte Carlo, or RQMC with its randomizations and points). */
  readonly methods: readonly string[];
  /** Degrees of freedom of the statistic (Infinity: z). */
  readonly dof: number;
}

export const record = (t: PointTest): RunRecord => ({
  backend: t.results[0]?.backend ?? 'float64',
  z: t.z,
  t: t.t,
  difference: t.difference,
  stderr: t.se,
  means: t.results.map((r) => r.mean),
  stderrs: t.results.map((r) => r.stderr),
  methods: t.results.map(describeMethod),
  dof: t.dof,
});

export const describeRun = (r: RunRecord): string => Number.isFinite(r.dof)
  ? `${r.backend} RQMC: t = ${fmt(r.t)} (${r.dof} dof, as z = ${fmt(r.z)}), lhs − rhs = ${fmt(r.difference)} ± ${fmt(r.stderr)}`
  : `${r.backend}: z = ${fmt(r.z)}, lhs − rhs = ${fmt(r.difference)} ± ${fmt(r.stderr)}`;

/** The estimators of the plan's terms on the chosen backend, and (lazily) on the float64 cpu backend for confirmations. */
export class EstimatorPool {
  readonly main: Estimator[] = [];
  private cpu: Estimator[] | undefined;
  constructor(private readonly p: Plan, private readonly backend: BackendChoice, private readonly method: Method = 'auto') {}

  private async compile(backend: BackendChoice, into: Estimator[]): Promise<string | undefined> {
    for (const t of this.p.mc) {
      try {
        into.push(await compileMethod(t.integrand, t.random, t.paramNames, backend, this.method));
      } catch (e) {
        if (isNamed(e, 'McError')) return `cannot estimate ${shortText(t.expectation)} by Monte Carlo: ${e.message}`;
        throw e;
      }
    }
    return undefined;
  }

  open(): Promise<string | undefined> {
    return this.compile(this.backend, this.main);
  }

  async float64(): Promise<Estimator[]> {
    if (!this.cpu) {
      const cpu: Estimator[] = [];
      this.cpu = cpu;
      const why = await this.compile('cpu', cpu);
      if (why) throw new Error(why); // the same integrand compiled for the main backend: cannot happen
    }
    return this.cpu;
  }

  dispose(): void {
    for (const e of [...this.main, ...(this.cpu ?? [])]) e.dispose();
  }
}

