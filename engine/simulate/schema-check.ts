/**
 * Checks a scenario file's plain JS against resources/schema/scenario.schema.json (Ajv, allErrors)
 * and turns Ajv's errors into sentences with the path of the offending node, the way
 * engine/validate/schema.ts does for flows. Durations are checked here too (the schema only says
 * "string"), with the same parser the runtime uses.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import schema from '../../resources/schema/scenario.schema.json' with { type: 'json' };
import { isDurationText } from '../model/duration.js';
import { describeValue } from '../validate/schema.js';
import { didYouMean, dottedPath, type DocPath } from '../validate/issue.js';

/** The scenario file JSON Schema (draft-07), as published for editors. */
export const scenarioSchema = schema;

/** A problem at `path` (keys and list indexes) of the scenario file. */
export interface PathIssue {
  path: DocPath;
  message: string;
}

let validator: ValidateFunction | undefined;

/** Schema problems of `data` (never throws), then bad durations; empty when the file is well-formed. */
export function checkScenarioSchema(data: unknown): PathIssue[] {
  validator ??= new Ajv({ allErrors: true, verbose: true, strictTypes: false }).compile(schema);
  if (!validator(data)) return dedupe(prune(validator.errors ?? []).map((e) => describe(e, pathOf(e.instancePath, data))));
  return checkDurations(data as { scenarios: Record<string, unknown>[] });
}

/**
 * A mock is one mapping or a list of them, an expected error a mapping or null (anyOf): keep only
 * the errors of the form the user wrote, so a list does not also get "must be object"; a value of
 * no allowed form gets one sentence (the anyOf error) instead of one per alternative.
 */
function prune(errors: ErrorObject[]): ErrorObject[] {
  // Innermost group first, so an error is judged by the anyOf nearest to it.
  const groups = errors.filter((e) => e.keyword === 'anyOf').sort((a, b) => b.instancePath.length - a.instancePath.length);
  return errors.filter((e) => {
    if (e.keyword === 'anyOf') return !fits(e);
    const group = groups.find((g) => e.instancePath === g.instancePath || e.instancePath.startsWith(`${g.instancePath}/`));
    if (!group) return true;
    if (!fits(group)) return false;
    if (e.instancePath !== group.instancePath) return true;
    if (Array.isArray(group.data)) return e.keyword === 'minItems';
    return e.keyword !== 'type';
  });
}

/** Which forms an anyOf group allows besides a mapping: a list (mocks) and null (expected errors). */
function formsOf(group: ErrorObject): { list: boolean; empty: boolean } {
  const alternatives = (Array.isArray(group.schema) ? group.schema : []) as { type?: string }[];
  return { list: alternatives.some((a) => a.type === 'array'), empty: alternatives.some((a) => a.type === 'null') };
}

function fits(group: ErrorObject): boolean {
  const forms = formsOf(group);
  return isMapping(group.data) || (forms.list && Array.isArray(group.data)) || (forms.empty && group.data === null);
}

function describe(error: ErrorObject, path: DocPath): PathIssue {
  const where = dottedPath(path);
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path, message: `${where} needs field "${String(p['missingProperty'])}"` };
    case 'additionalProperties': {
      const field = String(p['additionalProperty']);
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const advice = didYouMean(field, known) || `; known fields: ${known.join(', ')}`;
      return { path: [...path, field], message: `${where} has unknown field "${field}"${advice}` };
    }
    case 'type':
      return { path, message: `${where} must be ${article(String(p['type']))} (found ${describeValue(error.data)})` };
    case 'enum': {
      const allowed = (p['allowedValues'] as unknown[]).map(String);
      const guess = typeof error.data === 'string' ? didYouMean(error.data, allowed) : '';
      return { path, message: `${where} must be one of ${allowed.join(', ')} (found ${describeValue(error.data)})${guess}` };
    }
    case 'anyOf': {
      const form = formsOf(error).list
        ? 'a mock ({output, error, duration}) or a list of mocks, one per attempt'
        : 'null or an error ({name, message})';
      return { path, message: `${where} must be ${form} (found ${describeValue(error.data)})` };
    }
    case 'pattern':
      return { path, message: `${where} is not a step id (found ${describeValue(error.data)}); use letters, digits, _ and -` };
    case 'minItems':
      return { path, message: `${where} must have at least ${String(p['limit'])} item(s)` };
    default:
      return { path, message: `${where} ${error.message ?? 'is not valid'} (found ${describeValue(error.data)})` };
  }
}

/** `after` of approval answers, `duration` of mocks and of expectations must parse. */
function checkDurations(data: { scenarios: Record<string, unknown>[] }): PathIssue[] {
  const issues: PathIssue[] = [];
  const check = (value: unknown, path: DocPath) => {
    if (value !== undefined && !isDurationText(value)) {
      issues.push({ path, message: `${dottedPath(path)} is not a duration (found ${describeValue(value)}); write it like 30s, 20m, 2h or PT20M` });
    }
  };
  data.scenarios.forEach((s, i) => {
    const at = ['scenarios', i] as const;
    for (const [step, mock] of Object.entries((s['mocks'] ?? {}) as Record<string, unknown>)) {
      const list = Array.isArray(mock) ? mock : [mock];
      list.forEach((m, n) => check((m as { duration?: unknown }).duration, Array.isArray(mock) ? [...at, 'mocks', step, n, 'duration'] : [...at, 'mocks', step, 'duration']));
    }
    for (const [step, answers] of Object.entries((s['approvals'] ?? {}) as Record<string, { after?: unknown }[]>)) {
      answers.forEach((a, n) => check(a.after, [...at, 'approvals', step, n, 'after']));
    }
    for (const [step, answer] of Object.entries((s['callbacks'] ?? {}) as Record<string, { after?: unknown }>)) {
      check(answer.after, [...at, 'callbacks', step, 'after']);
    }
    check((s['expect'] as { duration?: unknown }).duration, [...at, 'expect', 'duration']);
  });
  return issues;
}

/** Ajv's instancePath as keys and indexes (an index where the data is a list). */
function pathOf(instancePath: string, data: unknown): DocPath {
  if (instancePath === '') return [];
  const out: (string | number)[] = [];
  let node = data;
  for (const raw of instancePath.slice(1).split('/')) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    out.push(Array.isArray(node) ? Number(segment) : segment);
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return out;
}

function dedupe(issues: PathIssue[]): PathIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path.join('\u0000')}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isMapping(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function article(type: string): string {
  const names: Record<string, string> = { object: 'a mapping', array: 'a list', integer: 'a whole number', string: 'text' };
  return names[type] ?? (type.includes(',') ? type.replaceAll(',', ' or ') : `a ${type}`);
}
