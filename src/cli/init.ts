// derivcheck init [DIR] [--force]
// Writes a starter project: a derivation file, a vitest test of it, a
// package.json ("type": "module", scripts check and test) and a tsconfig.json
// for editors. Existing files are left alone unless --force.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { readArgs } from './args.js';
import { UsageError } from './usage-error.js';
import { VERSION } from './version.js';

const OPTIONS = { force: { type: 'boolean' } } as const;

const DERIVATION = `// A derivation: a header, named assumptions, one strategy comment, then
// chains of justified steps. \`derivcheck check\` decides every step.
import { add, by, calc, define, derivation, div, mul, sub, sym, wrong } from 'derivcheck';

const [alpha, abarPrev] = [sym('alpha_t'), sym('abar_tm1')];
const abar = sym('abar_t');

export const varianceAddsUp = derivation({
  id: 'example.forward-variance',
  title: 'the forward variances add up',
  source: 'Ho et al. 2020, eq. 4',
  assumptions: {
    hAlpha: 'alpha_t in (0,1)',
    hAbarPrev: 'abar_tm1 in (0,1)',
    hAbar: define(abar, mul(alpha, abarPrev)),
  },
  strategy: 'expand and collect: alpha_t (1 - abar_tm1) + (1 - alpha_t) = 1 - alpha_t abar_tm1',
  chains: [
    calc(add(mul(alpha, sub(1, abarPrev)), sub(1, alpha)))
      .eq(sub(1, mul(alpha, abarPrev)), by.algebra())
      .eq(sub(1, abar), by.algebra()),
  ],
});

// A documented mistake: the posterior variance is not beta_t. The step passes
// because it is refuted; it would fail the check if it held.
export const posteriorVarianceIsNotBeta = derivation({
  id: 'example.posterior-variance',
  title: 'the posterior variance is not beta_t',
  source: 'a common slip',
  assumptions: { hAlpha: 'alpha_t in (0,1)', hAbarPrev: 'abar_tm1 in (0,1)' },
  strategy: 'compare at a point',
  chains: [
    wrong(div(mul(sub(1, alpha), sub(1, abarPrev)), sub(1, mul(alpha, abarPrev))), '=', sub(1, alpha), by.algebra(), 'beta_tilde differs from beta_t'),
  ],
});
`;

const TEST = `// The same derivations, and single claims, in a vitest suite.
import { describe, expect, it } from 'vitest';
import 'derivcheck/vitest';
import { varianceAddsUp, posteriorVarianceIsNotBeta } from '../derivations/example.js';

describe('the forward process', () => {
  it('the variances add up', async () => {
    await expect(varianceAddsUp).toHold();
  });
  it('the documented mistake is refuted as documented', async () => {
    await expect(posteriorVarianceIsNotBeta).toHold();
  });
  it('a claim, as derivcheck claim reads it', async () => {
    await expect('sqrt(a)^2 = a').toHold({ params: ['a > 0'] });
    await expect('sqrt(x^2) = x').toBeRefuted();
  });
});
`;

const TSCONFIG = `{
  "compilerOptions": {
    "target": "ES2022",
    "module": "ESNext",
    "moduleResolution": "Bundler",
    "strict": true,
    "noEmit": true,
    "skipLibCheck": true,
    "allowImportingTsExtensions": true
  },
  "include": ["derivations", "tests"]
}
`;

function packageJson(name: string): string {
  const pkg = {
    name: name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'derivations',
    private: true,
    type: 'module',
    scripts: { check: 'derivcheck check derivations', test: 'vitest run' },
    devDependencies: { derivcheck: `^${VERSION}`, vitest: '>=3' },
  };
  return JSON.stringify(pkg, null, 2) + '\n';
}

export async function initCommand(argv: string[]): Promise<number> {
  const { values, positionals } = readArgs('init', argv, OPTIONS);
  if (positionals.length > 1) throw new UsageError(`init: expected at most one folder, got ${positionals.length}`);
  const dir = resolve(positionals[0] ?? '.');
  if (existsSync(dir) && !existsSync(join(dir, '.'))) throw new UsageError(`init: ${dir} is not a folder`);
  const files: [string, string][] = [
    ['package.json', packageJson(basename(dir))],
    ['tsconfig.json', TSCONFIG],
    [join('derivations', 'example.ts'), DERIVATION],
    [join('tests', 'example.test.ts'), TEST],
  ];
  const existing = files.filter(([f]) => existsSync(join(dir, f))).map(([f]) => f);
  if (existing.length && !values.force) {
    throw new UsageError(`init: ${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''} in ${relative(process.cwd(), dir) || '.'}: nothing written (--force overwrites)`);
  }
  for (const [f, text] of files) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
  const rel = relative(process.cwd(), dir);
  const where = rel === '' ? '.' : rel.startsWith('..') ? dir : rel;
  process.stdout.write(
    [
      `wrote ${files.map(([f]) => join(where, f)).join(', ')}`,
      '',
      'next:',
      ...(where === '.' ? [] : [`  cd ${where}`]),
      '  derivcheck check derivations      # decide every step',
      '  npm install && npx vitest run     # the same, as tests (installs derivcheck and vitest)',
    ].join('\n') + '\n',
  );
  return 0;
}
