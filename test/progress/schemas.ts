import { readFileSync } from 'node:fs';
import Ajv2020Module from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';

// ajv is CommonJS: under ESM its class is the default export's `default` (or the default itself, depending on interop).
const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module;

function load(name: string): ValidateFunction {
  const schema = JSON.parse(readFileSync(new URL(`../../docs/schema/${name}.schema.json`, import.meta.url), 'utf8'));
  // strict: a typo in the schema (an unknown keyword) fails the test instead of silently validating nothing.
  return new Ajv2020({ allErrors: true, strict: true }).compile(schema);
}

export const validateSummary = load('batch-summary');
export const validateEvent = load('progress-event');

/** The validator's errors in one readable string, for expect messages. */
export function errorsOf(v: ValidateFunction): string {
  return JSON.stringify(v.errors, null, 1);
}
