// The sheet's plots as files: every SVG is well-formed XML (parsed by
// Python's xml.etree, a parser independent of the one that wrote it), has
// the marks and series the chart is about, and is byte-identical when
// rendered twice with the same seed (the committed sheet must not churn).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTOGRAM_BINS, renderPlots } from '../../src/sheet/plots.js';

/** Per file: its root tag, and for each mark type the number of items drawn by role-mark groups (one path per line series, per rect, per point). */
const COUNT_MARKS = `
import json, sys, xml.etree.ElementTree as ET
out = {}
for path in sys.argv[1:]:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        out[path] = {'error': str(e)}
        continue
    marks = {}
    for g in root.iter('{http://www.w3.org/2000/svg}g'):
        cls = g.get('class', '').split()
        if 'role-mark' in cls:
            kind = [c for c in cls if c.startswith('mark-')][0][5:]
            marks[kind] = marks.get(kind, 0) + len(list(g))
    out[path] = {'root': root.tag, 'width': root.get('width'), 'marks': marks}
json.dump(out, sys.stdout)
`;

type Parsed = Record<string, { error?: string; root?: string; width?: string; marks?: Record<string, number> }>;

function parseWithPython(files: string[]): Parsed | string {
  const r = spawnSync('python3', ['-c', COUNT_MARKS, ...files], { encoding: 'utf8', timeout: 60_000 });
  if (r.error || r.status !== 0) return `python3 unavailable (${r.error?.message ?? r.stderr.trim()})`;
  return JSON.parse(r.stdout) as Parsed;
}

/** What each chart shows: series (line paths), bars, points. */
const EXPECTED: Record<string, Record<string, number>> = {
  // linear, scaled-linear, cosine × {as published, rescaled} + the seed's linear
  'schedules-alphabar': { line: 7 },
  'schedules-logsnr': { line: 7 },
  // linear and the seed's linear at t = 1..10, with their points
  'schedules-off-by-one': { line: 2, symbol: 20 },
  // cosine ε, cosine v, rectified flow, EDM
  weightings: { line: 4 },
  // three densities, each over its histogram
  'timestep-densities': { line: 3, rect: 3 * HISTOGRAM_BINS },
  // eq. 45, eq. 44, eq. 58
  'vdm-estimator-variance': { line: 3 },
};

describe('plots rendered by Vega headless', () => {
  let dir: string;
  let again: string;
  let listed: { name: string; file: string; title: string }[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'derivcheck-plots-'));
    again = mkdtempSync(join(tmpdir(), 'derivcheck-plots-'));
    // a previous plot to be replaced, as the sheet's re-runs do
    writeFileSync(join(dir, 'weightings.svg'), 'stale');
    listed = await renderPlots(dir);
    await renderPlots(again);
  }, 120_000);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(again, { recursive: true, force: true });
  });

  it('renderPlots lists each plot once, with a title, and writes exactly those files (no temporary files left)', () => {
    expect(listed.map((p) => p.name).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const p of listed) {
      expect(p.file).toBe(`${p.name}.svg`);
      expect(p.title.length).toBeGreaterThan(10);
    }
    expect(readdirSync(dir).sort()).toEqual(listed.map((p) => p.file).sort());
    expect(readFileSync(join(dir, 'weightings.svg'), 'utf8')).not.toBe('stale');
  });

  it('every SVG parses as XML with an <svg> root and has the expected marks and series count', (ctx) => {
    const files = listed.map((p) => join(dir, p.file));
    const parsed = parseWithPython(files);
    if (typeof parsed === 'string') {
      console.log(`skipped: ${parsed}`);
      ctx.skip();
      return;
    }
    for (const p of listed) {
      const r = parsed[join(dir, p.file)];
      expect(r.error, p.name).toBeUndefined();
      expect(r.root).toBe('{http://www.w3.org/2000/svg}svg');
      expect(Number(r.width)).toBeGreaterThan(100);
      expect(r.marks, p.name).toEqual(EXPECTED[p.name]);
    }
  });

  it('the SVGs are drawn by Vega (its mark classes) and carry their titles as text', () => {
    for (const p of listed) {
      const svg = readFileSync(join(dir, p.file), 'utf8');
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toContain('class="marks"');
      // the title as Vega writes text (XML-escaped)
      const escaped = p.title.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/</g, '&lt;');
      expect(svg.includes(escaped) || svg.includes(p.title), p.name).toBe(true);
      expect(svg).not.toMatch(/NaN|Infinity/);
    }
  });

  it('the same seed gives byte-identical SVGs', () => {
    for (const p of listed) expect(readFileSync(join(again, p.file), 'utf8'), p.name).toBe(readFileSync(join(dir, p.file), 'utf8'));
  });

  it("another seed changes the samplers' histograms and nothing else", async () => {
    const other = mkdtempSync(join(tmpdir(), 'derivcheck-plots-'));
    try {
      await renderPlots(other, { seed: 12345 });
      for (const p of listed) {
        const same = readFileSync(join(other, p.file), 'utf8') === readFileSync(join(dir, p.file), 'utf8');
        expect(same, p.name).toBe(p.name !== 'timestep-densities');
      }
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  }, 60_000);
});
