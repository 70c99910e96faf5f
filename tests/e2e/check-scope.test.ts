// Law: `derivcheck check` prints the scope beside every verdict and counts each, --json carries
// `scope` per step and per derivation, and an unjustified step fails the run (exit 1) unless
// --lenient (exit 0); a refuted step fails even with --lenient.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cli, json } from './run-cli.js';

const root = mkdtempSync(join(tmpdir(), 'derivcheck-scope-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const lib = pathToFileURL(resolve('dist/src/index.js')).href;

const file = (name: string, body: string) => {
  const p = join(root, name);
  writeFileSync(p, `import { by, calc, calculus as c, claim, derivation, inGeneral, sym, wrong } from '${lib}';\n${body}`);
  return p;
};

const general = file('general.mjs', `
const x = c.named('x'), z = c.named('z');
const q = c.density('q', [z], [x]), pxz = c.density('p', [x, z]);
const G = inGeneral({ models: [c.vaeJoint, c.vaeEncoder], scope: { T0: 1 } });
export default derivation({ id: 'fixture.general', title: 'ELBO', source: 's', assumptions: { ha: 'a in [0, 1]' }, strategy: '',
  chains: [
    G.calc(c.log(c.density('p', [x]))).eq(c.logE(q, [pxz], [q]), by.importanceSampling()).ge(c.E(q, c.logRatio([pxz], [q])), by.jensen()),
    claim(sym('a'), '>=', 0, by.assumption('ha')),
  ] });
`);
const mislabelled = file('mislabelled.mjs', `
export default derivation({ id: 'fixture.mislabelled', title: 's = s by Jensen', source: 's', assumptions: {}, strategy: '',
  chains: [calc(sym('s')).eq(sym('s'), by.jensen())] });
`);
const refuted = file('refuted.mjs', `
export default derivation({ id: 'fixture.refuted', title: 'wrong', source: 's', assumptions: {}, strategy: '',
  chains: [calc(sym('s')).eq(2, by.algebra())] });
`);

describe('check: scope and unjustified', () => {
  it('prints proved (general) and proved on testbed, the testbed, and counts per scope', () => {
    const r = cli('check', general, '--backend', 'cpu');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/proved \(general\)/);
    expect(r.stdout).toMatch(/proved on testbed/);
    expect(r.stdout).toMatch(/general: all positive densities factorizing as p, q/);
    expect(r.stdout).toMatch(/in general: 2 proved; on testbeds: 1 proved/);
  });
  it('--json carries scope per step and per derivation, the assumptions used, and the counts by scope', () => {
    const d = json(cli('check', general, '--json', '--backend', 'cpu'));
    const [der] = d.derivations;
    expect(der.scope.kind).toBe('general+testbed');
    expect(der.steps.map((s: any) => s.scope.kind)).toEqual(['general', 'general', 'testbed']);
    expect(der.steps[2].assumptions).toEqual(['ha']);
    expect(d.summaryByScope.general.proved).toBe(2);
    expect(d.summaryByScope.testbed.proved).toBe(1);
  });
  it('an unjustified step fails with exit 1, and says what the rule expected', () => {
    const r = cli('check', mislabelled, '--backend', 'cpu');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/unjustified on testbed/);
    expect(r.stdout).toMatch(/expected an inequality/);
  });
  it('--lenient lets an unjustified step pass (exit 0) but not a refuted one (exit 1)', () => {
    expect(cli('check', mislabelled, '--lenient', '--backend', 'cpu').code).toBe(0);
    expect(cli('check', refuted, mislabelled, '--lenient', '--backend', 'cpu').code).toBe(1);
  });
});

describe('suiteExitCode', () => {
  it('--lenient never hides an undecided step behind an unjustified one', async () => {
    const { suiteExitCode } = await import('../../src/cli/check.js');
    const step = (verdict: string, ok: boolean) => ({ verdict, ok }) as never;
    const der = (verdict: string, steps: never[]) => ({ verdict, ok: false, steps }) as never;
    const mixed = [der('unjustified', [step('unjustified', false), step('unknown', false)])];
    expect(suiteExitCode(mixed, true)).toBe(3);
    expect(suiteExitCode(mixed, false)).toBe(1);
    expect(suiteExitCode([der('unjustified', [step('unjustified', false)])], true)).toBe(0);
    expect(suiteExitCode([der('unknown', [step('proved', true)])], true)).toBe(3);
  });
});
