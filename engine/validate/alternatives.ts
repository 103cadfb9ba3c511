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
  const live = new ErrorSet(errors.filter((e) => e.keyword !== 'if' && e.keyword !== 'propertyNames'));
  for (const group of errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')) {
    const alternatives = (Array.isArray(group.schema) ? group.schema : []) as Schema[];
    if (alternatives.every(isRequiredOnly)) pruneExclusive(live, group, alternatives);
    else pruneByType(live, group, alternatives, definitions);
  }
  return live.toArray();
}

/**
 * The errors still standing, in order (a removal keeps the order, an addition goes last), indexed
 * by every prefix of their instancePath: a group then looks only at the errors under its own path,
 * so a flow with an error in each of 20,000 steps costs errors × depth, not errors × groups.
 */
class ErrorSet {
  private readonly live: Set<ErrorObject>;
  private readonly byPrefix = new Map<string, ErrorObject[]>();
  constructor(errors: readonly ErrorObject[]) {
    this.live = new Set(errors);
    for (const e of errors) this.index(e);
  }
  /** Standing errors whose instancePath is `path` or below it. */
  under(path: string): ErrorObject[] {
    return (this.byPrefix.get(path) ?? []).filter((e) => this.live.has(e));
  }
  delete(e: ErrorObject): void {
    this.live.delete(e);
  }
  add(e: ErrorObject): void {
    this.live.add(e);
    this.index(e);
  }
  toArray(): ErrorObject[] {
    return [...this.live];
  }
  private index(e: ErrorObject): void {
    const path = e.instancePath;
    for (let at = path.indexOf('/', 1); at !== -1; at = path.indexOf('/', at + 1)) this.register(path.slice(0, at), e);
    if (path !== '') this.register(path, e);
    this.register('', e);
  }
  private register(prefix: string, e: ErrorObject): void {
    const list = this.byPrefix.get(prefix);
    if (list) list.push(e);
    else this.byPrefix.set(prefix, [e]);
  }
}

/** `oneOf: [{required: [shell]}, {required: [http]} …]`: exactly one of these fields. */
function pruneExclusive(live: ErrorSet, group: ErrorObject, alternatives: Schema[]): void {
  const isChild = (e: ErrorObject) =>
    e.keyword === 'required' && e.instancePath === group.instancePath && e.schemaPath.startsWith(`${group.schemaPath}/`);
  live.delete(group);
  for (const e of live.under(group.instancePath)) if (isChild(e)) live.delete(e);
  // A step that is not a mapping gets a type error already; which fields it lacks is beside the point.
  if (!isPlainObject(group.data)) return;
  const fields = alternatives.map((a) => a.required?.[0] ?? '?');
  const passing = (group.params as { passingSchemas?: number[] | null }).passingSchemas;
  const message = Array.isArray(passing)
    ? `must have only one of ${passing.map((i) => fields[i]).join(', ')}; keep one`
    : `needs one of ${fields.join(', ')}`;
  live.add(summary(group, message));
}

/** `anyOf: [{type: string}, {$ref: shellSpec}]`: keep the errors of the alternative of the value's type. */
function pruneByType(live: ErrorSet, group: ErrorObject, alternatives: Schema[], definitions: Record<string, unknown>): void {
  const resolved = alternatives.map((a) => resolve(a, definitions));
  const chosen = resolved.findIndex((a) => typeMatches(a.type, group.data));
  const refIndex = alternatives.findIndex((a) => a.$ref !== undefined);
  const alternativeOf = (e: ErrorObject): number => {
    const prefix = `${group.schemaPath}/`;
    if (e.schemaPath.startsWith(prefix)) return Number(e.schemaPath.slice(prefix.length).split('/')[0]);
    return refIndex;
  };
  live.delete(group);
  const under = live.under(group.instancePath);
  if (chosen === -1) {
    for (const e of under) live.delete(e);
    const types = [...new Set(resolved.flatMap((a) => [a.type ?? []].flat()))];
    live.add(summary(group, `must be ${types.map(typeName).join(' or ')}`));
    return;
  }
  for (const e of under) if (alternativeOf(e) !== chosen) live.delete(e);
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
