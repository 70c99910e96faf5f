// derivcheck's version, read from its package.json (found upwards from this
// file, so it works from src/ under tsx and from dist/src/ alike).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function find(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const p = join(dir, 'package.json');
    if (existsSync(p)) {
      const pkg = JSON.parse(readFileSync(p, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'derivcheck' && pkg.version) return pkg.version;
    }
    dir = dirname(dir);
  }
  return '0.0.0-unknown';
}

export const VERSION: string = find();

/** The version of the --json documents' layout: raised when a field changes meaning or goes away. */
export const JSON_SCHEMA = 1;

/** A --json document: who wrote it, in which layout, then its fields. */
export function jsonDocument(fields: Record<string, unknown>): Record<string, unknown> {
  return { derivcheck: VERSION, schema: JSON_SCHEMA, ...fields };
}
