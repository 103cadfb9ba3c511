/**
 * Run input checking against a flow's `inputs` JSON Schema, with defaults applied (ajv useDefaults),
 * within bounds on depth and size (issue #11 item 10: input nested ~1,100 deep was journaled, and
 * then SQLite's JSON functions failed `runs` and `listRuns` for the whole store; deeper input
 * overflowed the stack).
 */
import { Ajv } from 'ajv';
import type { Flow, JsonObject } from '../model/flow.js';

const ajv = new Ajv({ useDefaults: true, allErrors: true, strict: false });

/** Deepest nesting of objects and arrays in a run input, in levels (as MAX_NESTING_LEVELS for flows). */
export const MAX_INPUT_DEPTH = 64;
/** Largest run input, in bytes of JSON text (UTF-8): it is journaled with the run and copied to children. */
export const MAX_INPUT_BYTES = 1024 * 1024;

/** One problem of a run input: where (a JSON Pointer into the input, `''` for the whole) and what. */
export interface InputProblem {
  path: string;
  message: string;
}

/**
 * Thrown when a run's input does not match the flow's `inputs` schema; the message lists each
 * problem, `problems` has them one by one (a webhook answers them as JSON, engine/host/serve-hooks.ts).
 */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    message: string,
    readonly problems: InputProblem[] = [{ path: '', message }],
  ) {
    super(message);
  }
}

/**
 * Returns a copy of `input` with the schema's defaults filled in. Throws InputError naming every
 * field that is missing or wrong and what the schema expects, or saying where the input nests
 * deeper than MAX_INPUT_DEPTH or how far it is over MAX_INPUT_BYTES (checked first, without
 * recursion, so no input can overflow the stack here).
 */
export function prepareInput(flow: Flow, input: JsonObject): JsonObject {
  checkInputBounds(flow.name, input);
  const copy = structuredClone(input);
  if (!flow.inputs) return copy;
  const validate = ajv.compile(flow.inputs);
  if (validate(copy)) return copy;
  const errors = validate.errors ?? [];
  const problems = errors.map((e) => `${e.instancePath || 'input'} ${e.message}${e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : ''}`);
  // A missing field is located at the field, not at its parent object.
  const located = errors.map((e, i) => ({
    path: e.keyword === 'required' ? `${e.instancePath}/${String((e.params as { missingProperty?: string }).missingProperty)}` : e.instancePath,
    message: problems[i]!,
  }));
  throw new InputError(`the run input of ${flow.name} is not valid: ${problems.join('; ')}`, located);
}

/**
 * Throws InputError when `input` nests deeper than MAX_INPUT_DEPTH (naming the path where it
 * does, cut to its first levels) or its JSON is over MAX_INPUT_BYTES. Iterative: a depth-first walk
 * with an explicit stack that stops at the first level too deep.
 */
export function checkInputBounds(flowName: string, input: unknown): void {
  const stack: [unknown, number, string][] = [[input, 1, '']];
  while (stack.length > 0) {
    const [value, depth, path] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_INPUT_DEPTH) {
      const shown = path.split('/').slice(0, 9).join('/');
      throw new InputError(`the run input of ${flowName} nests deeper than ${MAX_INPUT_DEPTH} levels (at ${shown}/…); flatten it, or pass the data as a file the flow reads`);
    }
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    for (const [key, item] of entries) if (item !== null && typeof item === 'object') stack.push([item, depth + 1, `${path}/${key}`]);
  }
  const bytes = Buffer.byteLength(JSON.stringify(input) ?? '');
  if (bytes > MAX_INPUT_BYTES) {
    throw new InputError(`the run input of ${flowName} is ${(bytes / 1024 / 1024).toFixed(1)} MiB of JSON, over the limit of ${MAX_INPUT_BYTES / 1024 / 1024} MiB; pass the data as a file the flow reads`);
  }
}
