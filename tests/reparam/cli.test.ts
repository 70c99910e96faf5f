// derivcheck reparam on the command line: the --json shapes, the exit codes,
// and bad input as one line with exit 2. Runs the built CLI (npm run build).
import { describe, expect, it } from 'vitest';
import { cli, isOneLineError, json } from '../e2e/run-cli.js';

describe('derivcheck reparam', () => {
  it('--json has exactly the documented fields; at entries carry beta and alphaBar for a discrete schedule', () => {
    const r = cli('reparam', '--schedule', 'linear', '--T', '1000', '--target', 'eps', '--weight', 'min(snr,5)/snr', '--at', '1,2,500,999,1000', '--json');
    expect(r.code).toBe(0);
    const d = json(r);
    expect(Object.keys(d).sort()).toEqual(['at', 'checks', 'conversions', 'degenerate', 'derivcheck', 'endpoints', 'sampling', 'schedule', 'schema', 'target', 'weight', 'weightEps', 'weightLambda', 'weightX0'].sort());
    expect(d.at).toHaveLength(5);
    for (const a of d.at) expect(Object.keys(a).sort()).toEqual(['alpha', 'alphaBar', 'beta', 'lambda', 'sigma', 't', 'valid', 'weightEps', 'weightLambda', 'weightX0'].sort());
    expect(d.at[0].beta).toBe(1e-4);
    expect(d.at[0].alphaBar).toBe(0.9999);
    for (const c of d.checks) expect(Object.keys(c).sort()).toEqual(['claim', 'verdict']);
    expect(d.checks.every((c: { verdict: string }) => c.verdict === 'proved')).toBe(true);
  });

  it('a continuous schedule: numbers at t, null where undefined (with the reason in endpoints)', () => {
    const r = cli('reparam', '--schedule', 'cosine', '--target', 'x0', '--at', '0.5', '--json');
    const d = json(r);
    expect(d.at[0].t).toBe(0.5);
    expect(Math.abs(d.at[0].weightEps - 1)).toBeLessThan(1e-12);
    expect(d.endpoints.some((e: { where: string; value: string }) => e.where === 't -> 1' && e.value === 'inf')).toBe(true);
  });

  it('compare --json gives {same, verdict, constant, differAt}; exit 0 when the same, 1 when not', () => {
    const same = cli('reparam', 'compare', "--schedule linear --T 1000 --target eps --weight 'min(snr,5)/snr'", "--schedule linear --T 1000 --target v --weight 'min(snr,5)/(snr+1)'", '--json');
    expect(same.code).toBe(0);
    const d = json(same);
    expect(Object.keys(d).sort()).toEqual(['constant', 'derivcheck', 'differAt', 'same', 'schema', 'verdict']);
    expect(d).toMatchObject({ same: true, verdict: 'proved', differAt: null });
    const wrong = cli('reparam', 'compare', "--schedule linear --T 1000 --target eps --weight 'min(snr,5)/snr'", "--schedule linear --T 1000 --target v --weight 'min(snr,5)/snr + 1'", '--json');
    expect(wrong.code).toBe(1);
    expect(json(wrong)).toMatchObject({ same: false, verdict: 'refuted', constant: null });
    expect(json(wrong).differAt).toHaveLength(2);
  });

  const bad: [string, string[], RegExp][] = [
    ['an unknown schedule', ['--schedule', 'nosuch', '--target', 'eps'], /unknown schedule 'nosuch'/],
    ['a target not linear in x0 and eps', ['--schedule', 'cosine', '--target', 'x0*eps'], /not linear/],
    ['an affine target', ['--schedule', 'cosine', '--target', 'x0 + 1'], /not linear/],
    ['--at 2 for a continuous schedule', ['--schedule', 'cosine', '--target', 'eps', '--at', '2'], /--at 2/],
    ['--at 0 for a discrete schedule', ['--schedule', 'linear', '--T', '10', '--target', 'eps', '--at', '0'], /steps t = 1/],
    ['--alpha without --sigma', ['--alpha', '1-t', '--target', 'eps'], /both --alpha/],
    ['--sigma without --alpha', ['--sigma', 't', '--target', 'eps'], /both --alpha/],
    ['a weight with an unknown name', ['--schedule', 'cosine', '--target', 'eps', '--weight', 'min(snr, gamma)'], /unknown name 'gamma'/],
    ['a target with an unknown name', ['--schedule', 'cosine', '--target', 'x0 + y'], /unknown name 'y'/],
    ['no target', ['--schedule', 'cosine'], /--target/],
    ['linear without --T', ['--schedule', 'linear', '--target', 'eps'], /--T/],
    ['mode(s) outside its monotone range', ['--schedule', 'rf', '--target', 'flow', '--sampling', 'mode(2)'], /mode/],
    ['compare with one objective', ['compare', '--schedule cosine --target eps'], /two objectives/],
    ['flow with a discrete schedule', ['--schedule', 'cosine', '--T', '100', '--target', 'flow'], /continuous/],
  ];
  for (const [what, args, message] of bad) {
    it(`bad input, exit 2 with one line: ${what}`, () => {
      const r = cli('reparam', ...args);
      expect(isOneLineError(r), r.stderr).toBe(true);
      expect(r.stderr).toMatch(message);
    });
  }
});
