// The --json documents' header: derivcheck's version (package.ts) and the layout's version.
import { VERSION } from '../package.js';

export { VERSION };

/** The version of the --json documents' layout: raised when a field changes meaning or goes away. */
export const JSON_SCHEMA = 1;

/** A --json document: who wrote it, in which layout, then its fields. */
export function jsonDocument(fields: Record<string, unknown>): Record<string, unknown> {
  return { derivcheck: VERSION, schema: JSON_SCHEMA, ...fields };
}
