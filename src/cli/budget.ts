// Long Monte Carlo runs from the command line: the --samples and
// --max-seconds options, progress on a terminal, and stopping on SIGINT /
// SIGTERM. (The engine runs in chunks of ~0.2 s and checks between them,
// src/mc/index.ts; this file is what the commands wire to it.)
import { UsageError } from './usage-error.js';

/** The most samples a run takes (src/mc/index.ts MAX_SAMPLES; sample indices exact in float64). */
export const MAX_SAMPLES = 2 ** 53 - 1;

/**
 * --samples: a whole number written as digits (1000000) or in scientific
 * notation (1e12, 2.5e9) that is an integer, from `min` to 2^53 − 1. Not
 * negative numbers, fractions (1.5), hexadecimal, Infinity or overflow.
 */
export function samplesOption(command: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const v = value.trim();
  const n = Number(v);
  if (!/^(\d+|\d+(\.\d+)?e\+?\d+)$/i.test(v) || !Number.isInteger(n) || n < min || n > MAX_SAMPLES) {
    throw new UsageError(`${command}: --samples must be a whole number from ${min} to 2^53 − 1 = ${MAX_SAMPLES}, like 1000000 or 1e12, not '${value}'`);
  }
  return n;
}

/** --max-seconds: a positive, finite number of seconds (0.5, 30, 1e3). */
export function secondsOption(command: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  const n = Number(v);
  if (!/^(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(v) || !(n > 0) || !Number.isFinite(n)) {
    throw new UsageError(`${command}: --max-seconds must be a positive number of seconds, like 30 or 0.5, not '${value}'`);
  }
  return n;
}

export interface ProgressLike {
  readonly done: number;
  readonly samples: number;
  readonly mean: number;
  readonly stderr: number;
  readonly samplesPerSecond: number;
}

const sci = (x: number, d = 3): string => (Number.isFinite(x) ? x.toExponential(d) : String(x));

/**
 * A progress line on stderr, rewritten in place at most 4 times a second,
 * only when stderr is a terminal (never in pipes, files or --json captures),
 * or when DERIVCHECK_PROGRESS=1 asks for it anyway (logs of long jobs; tests).
 */
export class ProgressLine {
  private last = 0;
  private shown = false;
  readonly enabled: boolean;

  constructor(private readonly label: string, private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.enabled = stream.isTTY === true || process.env.DERIVCHECK_PROGRESS === '1';
  }

  /** The callback for the engine's onProgress, or undefined when disabled. */
  get callback(): ((p: ProgressLike) => void) | undefined {
    return this.enabled ? (p) => this.update(p) : undefined;
  }

  update(p: ProgressLike): void {
    const now = Date.now();
    if (now - this.last < 250 && p.done < p.samples) return;
    this.last = now;
    const pct = (100 * p.done) / p.samples;
    const text = `${this.label}: ${sci(p.done, 2)} of ${sci(p.samples, 2)} samples (${pct < 10 ? pct.toFixed(2) : pct.toFixed(1)}%), ` +
      `${sci(p.samplesPerSecond, 2)}/s, estimate ${sci(p.mean, 6)} ± ${sci(p.stderr, 2)}`;
    this.stream.write(`\r\x1b[K${text}`);
    this.shown = true;
  }

  /** Erases the line (before the result or an error is printed). */
  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}

/**
 * SIGINT / SIGTERM during a run: the first one aborts the run (it stops at
 * the next chunk boundary, within ~0.25 s, and the command releases the GPU
 * and exits 130 / 143); a second one exits at once.
 */
export class Interrupt {
  private readonly controller = new AbortController();
  private received: NodeJS.Signals | undefined;
  private readonly handler = (sig: NodeJS.Signals): void => {
    if (this.received) process.exit(exitCodeOfSignal(sig));
    this.received = sig;
    this.controller.abort();
  };

  constructor() {
    process.on('SIGINT', this.handler);
    process.on('SIGTERM', this.handler);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** 130 after SIGINT, 143 after SIGTERM (128 + the signal's number), undefined without a signal. */
  get exitCode(): number | undefined {
    return this.received ? exitCodeOfSignal(this.received) : undefined;
  }

  get signalName(): string | undefined {
    return this.received;
  }

  dispose(): void {
    process.off('SIGINT', this.handler);
    process.off('SIGTERM', this.handler);
  }
}

export const exitCodeOfSignal = (sig: NodeJS.Signals): number => (sig === 'SIGTERM' ? 143 : 130);
