// Atomic writes: a file is replaced whole or not at all, and a failed write
// leaves the previous content and no temporary file behind.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeAtomic } from '../../src/sheet/write.js';

const root = mkdtempSync(join(tmpdir(), 'sheet-write-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('writeAtomic', () => {
  it('creates the folder and replaces the file, leaving no temporary file', () => {
    const f = join(root, 'a', 'b', 'sheet.json');
    writeAtomic(f, 'one');
    writeAtomic(f, 'two');
    expect(readFileSync(f, 'utf8')).toBe('two');
    expect(readdirSync(join(root, 'a', 'b'))).toEqual(['sheet.json']);
  });
  it('a write that fails (the target is a folder) leaves what was there and no temporary file', () => {
    const dir = join(root, 'c');
    mkdirSync(join(dir, 'sheet.html'), { recursive: true });
    writeFileSync(join(dir, 'sheet.html', 'keep'), 'kept');
    expect(() => writeAtomic(join(dir, 'sheet.html'), 'new')).toThrow();
    expect(readFileSync(join(dir, 'sheet.html', 'keep'), 'utf8')).toBe('kept');
    expect(readdirSync(dir)).toEqual(['sheet.html']);
  });
});
