/**
 * Narrows Ajv's anyOf/oneOf/if errors to what the user needs to read. With allErrors, Ajv reports
 * the failure of every alternative (`shell: 5` gives "must be string", "must be object" and "must
 * match a schema in anyOf"); here they become one sentence, or only the errors of the alternative
 * whose type matches the value (an object `shell` gets the shellSpec errors only).
 *
 * Relies on a property of flow.schema.json: an anyOf/oneOf stands alone in its schema object, so
 * every error at or below its path comes from its alternatives; and an alternative is either
 * inline or one local `$ref` (Ajv restarts schemaPath at a `$ref` target).
 */
import type { ErrorObject } from 'ajv';

type Schema = { type?: string | string[]; $ref?: string; required?: string[] } & Record<string, unknown>;

/** Errors without `if`/`propertyNames` wrappers, and the noise of anyOf/oneOf alternatives, replaced by summary errors. */
export function pruneAlternatives(errors: readonly ErrorObject[], definitions: Record<string, unknown>): ErrorObject[] {
  // `if` and `propertyNames` only repeat what their inner `then`/`pattern` errors say.
  let out = errors.filter((e) => e.keyword !== 'if' && e.keyword !== 'propertyNames');
  for (const group of errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')) {
    const alternatives = (Array.isArray(group.schema) ? group.schema : []) as Schema[];
    out = alternatives.every(isRequiredOnly)
      ? pruneExclusive(out, group, alternatives)
      : pruneByType(out, group, alternatives, definitions);
  }
  return out;
}

/** `oneOf: [{required: [shell]}, {required: [http]} …]`: exactly one of these fields. */
function pruneExclusive(errors: ErrorObject[], group: ErrorObject, alternatives: Schema[]): ErrorObject[] {
  const isChild = (e: ErrorObject) =>
    e.keyword === 'required' && e.instancePath === group.instancePath && e.schemaPath.startsWith(`${group.schemaPath}/`);
  const rest = errors.filter((e) => e !== group && !isChild(e));
  // A step that is not a mapping gets a type error already; which fields it lacks is beside the point.
  if (!isPlainObject(group.data)) return rest;
  const fields = alternatives.map((a) => a.required?.[0] ?? '?');
  const passing = (group.params as { passingSchemas?: number[] | null }).passingSchemas;
  const message = Array.isArray(passing)
    ? `must have only one of ${passing.map((i) => fields[i]).join(', ')}; keep one`
    : `needs one of ${fields.join(', ')}`;
  return [...rest, summary(group, message)];
}

/** `anyOf: [{type: string}, {$ref: shellSpec}]`: keep the errors of the alternative of the value's type. */
function pruneByType(
  errors: ErrorObject[],
  group: ErrorObject,
  alternatives: Schema[],
  definitions: Record<string, unknown>,
): ErrorObject[] {
  const path = group.instancePath;
  const isUnder = (e: ErrorObject) => e.instancePath === path || e.instancePath.startsWith(`${path}/`);
  const resolved = alternatives.map((a) => resolve(a, definitions));
  const chosen = resolved.findIndex((a) => typeMatches(a.type, group.data));
  const refIndex = alternatives.findIndex((a) => a.$ref !== undefined);
  const alternativeOf = (e: ErrorObject): number => {
    const prefix = `${group.schemaPath}/`;
    if (e.schemaPath.startsWith(prefix)) return Number(e.schemaPath.slice(prefix.length).split('/')[0]);
    return refIndex;
  };
  if (chosen === -1) {
    const types = [...new Set(resolved.flatMap((a) => [a.type ?? []].flat()))];
    const rest = errors.filter((e) => e !== group && !isUnder(e));
    return [...rest, summary(group, `must be ${types.map(typeName).join(' or ')}`)];
  }
  return errors.filter((e) => e !== group && (!isUnder(e) || alternativeOf(e) === chosen));
}

function summary(group: ErrorObject, message: string): ErrorObject {
  return { ...group, keyword: 'summary', message, params: {} };
}

function resolve(alternative: Schema, definitions: Record<string, unknown>): Schema {
  const name = alternative.$ref?.replace('#/definitions/', '');
  return name === undefined ? alternative : ((definitions[name] as Schema | undefined) ?? alternative);
}

function isRequiredOnly(schema: Schema): boolean {
  return Object.keys(schema).length === 1 && Array.isArray(schema.required) && schema.required.length === 1;
}

function typeMatches(type: string | string[] | undefined, value: unknown): boolean {
  if (type === undefined) return true;
  return [type].flat().some((t) => {
    if (t === 'integer') return Number.isInteger(value);
    if (t === 'array') return Array.isArray(value);
    if (t === 'object') return isPlainObject(value);
    if (t === 'null') return value === null;
    return typeof value === t;
  });
}

function typeName(type: string): string {
  return ({ object: 'a mapping', array: 'a list', integer: 'a whole number' } as Record<string, string>)[type] ?? `a ${type}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
