/**
 * Run input checking against a flow's `inputs` JSON Schema, with defaults applied (ajv useDefaults).
 */
import { Ajv } from 'ajv';
import type { Flow, JsonObject } from '../model/flow.js';

const ajv = new Ajv({ useDefaults: true, allErrors: true, strict: false });

/** Thrown when a run's input does not match the flow's `inputs` schema; the message lists each problem. */
export class InputError extends Error {
  override name = 'InputError';
}

/**
 * Returns a copy of `input` with the schema's defaults filled in. Throws InputError naming every
 * field that is missing or wrong and what the schema expects.
 */
export function prepareInput(flow: Flow, input: JsonObject): JsonObject {
  const copy = structuredClone(input);
  if (!flow.inputs) return copy;
  const validate = ajv.compile(flow.inputs);
  if (validate(copy)) return copy;
  const problems = (validate.errors ?? []).map((e) => `${e.instancePath || 'input'} ${e.message}${e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : ''}`);
  throw new InputError(`the run input of ${flow.name} is not valid: ${problems.join('; ')}`);
}
