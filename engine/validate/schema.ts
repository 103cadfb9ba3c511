/**
 * Schema check: the flow against resources/schema/flow.schema.json with Ajv (allErrors), with Ajv's
 * errors turned into sentences a user can act on (`steps.deploy.retry.maxAttempts must be >= 1`).
 * Ajv reports every failed alternative of anyOf/oneOf and every `if/then`; this file keeps only the
 * errors of the alternative the user evidently meant (see alternatives.ts).
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import schema from '../../resources/schema/flow.schema.json' with { type: 'json' };
import { pruneAlternatives } from './alternatives.js';
import { Code } from '../model/finding.js';
import { didYouMean, dottedPath, type DocPath, type Issue } from './issue.js';

/** The flow JSON Schema (draft-07), as published for editors. */
export const flowSchema = schema;

/**
 * Problems that dedicated checks report with their own code and a better message; the schema
 * still declares them so editors flag them as the user types.
 */
const COVERED_ELSEWHERE: ((e: ErrorObject) => boolean)[] = [
  (e) => e.keyword === 'required' && e.params['missingProperty'] === 'approvers', // FS012
  (e) => e.keyword === 'minItems' && /\/approvers$/.test(e.instancePath), // FS012
  (e) => e.keyword === 'required' && e.params['missingProperty'] === 'cases', // FS020
  (e) => e.keyword === 'minItems' && /\/cases$/.test(e.instancePath), // FS020
];

let validators: { flow: ValidateFunction; steps: ValidateFunction } | undefined;

/**
 * Schema issues (FS010) for `flow`, one per problem, each with the path of the offending node.
 * Never throws for any JSON input.
 */
export function checkSchema(flow: unknown): Issue[] {
  const errors = pruneAlternatives(schemaErrors(flow), schema.definitions);
  const seen = new Set<string>();
  const issues: Issue[] = [];
  for (const error of errors) {
    if (COVERED_ELSEWHERE.some((covered) => covered(error))) continue;
    const issue = describe(error, pathOf(error.instancePath, flow));
    const key = `${issue.path.join('\u0000')}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

/**
 * Ajv's errors for `flow`, the steps validated one by one. In one pass, Ajv concatenates its error
 * list at every `$ref`, which is quadratic: a flow with an error in each of 10,000 steps took
 * seconds, 20,000 minutes (issue #3 item 9). One step's errors are few, so per step it stays linear.
 */
function schemaErrors(flow: unknown): ErrorObject[] {
  if (!validators) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strictTypes: false });
    validators = { flow: ajv.compile(schema), steps: ajv.compile({ $ref: `${schema.$id}#/definitions/steps` }) };
  }
  const { flow: checkFlow, steps: checkSteps } = validators;
  const steps = isMapping(flow) ? flow['steps'] : undefined;
  if (!isMapping(flow) || !isMapping(steps)) return checkFlow(flow) ? [] : [...(checkFlow.errors ?? [])];
  const errors = checkFlow({ ...flow, steps: {} }) ? [] : [...(checkFlow.errors ?? [])];
  for (const [id, step] of Object.entries(steps)) {
    if (checkSteps({ [id]: step })) continue;
    for (const error of checkSteps.errors ?? []) errors.push({ ...error, instancePath: `/steps${error.instancePath}` });
  }
  return errors;
}

function describe(error: ErrorObject, path: DocPath): Issue {
  const where = dottedPath(path);
  const at = (message: string, where: DocPath = path): Issue => ({ code: Code.schema, message, path: where });
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const field = String(p['missingProperty']);
      const hint = field === 'type' ? '; add type: task (or approval, branch, parallel, join, map, wait, succeed, fail)' : '';
      return at(`${where} needs field "${field}"${hint}`);
    }
    case 'additionalProperties': {
      const field = String(p['additionalProperty']);
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const guess = didYouMean(field, known);
      const advice = guess || '; remove it, or name it x-… to keep it as an extension field';
      return at(`${where} has unknown field "${field}"${advice}`, [...path, field]);
    }
    case 'type':
      return at(`${where} must be ${article(String(p['type']))} (found ${describeValue(error.data)})`);
    case 'enum': {
      const allowed = (p['allowedValues'] as unknown[]).map(String);
      const guess = typeof error.data === 'string' ? didYouMean(error.data, allowed) : '';
      return at(`${where} must be one of ${allowed.join(', ')} (found ${describeValue(error.data)})${guess}`);
    }
    case 'const': {
      const quoted = where === 'flowsmith' && error.data === 1 ? '; write it quoted: flowsmith: "1.0"' : '';
      return at(`${where} must be ${JSON.stringify(p['allowedValue'])} (found ${describeValue(error.data)})${quoted}`);
    }
    case 'pattern':
      return describePattern(error, path, where);
    case 'minItems': {
      const limit = Number(p['limit']);
      const count = Array.isArray(error.data) ? error.data.length : 0;
      return at(`${where} must have at least ${limit} item${limit === 1 ? '' : 's'} (found ${count})`);
    }
    case 'summary': {
      // Built by alternatives.ts; naming the value only helps when it is not a whole mapping.
      const found = isMapping(error.data) ? '' : ` (found ${describeValue(error.data)})`;
      return at(`${where} ${error.message ?? 'is not valid'}${found}`);
    }
    default:
      return at(`${where} ${error.message ?? 'is not valid'} (found ${describeValue(error.data)})`);
  }
}

function describePattern(error: ErrorObject, path: DocPath, where: string): Issue {
  // propertyNames errors carry the offending key: point at the key itself.
  const key = error.propertyName;
  if (key !== undefined) {
    return {
      code: Code.schema,
      message: `step id "${key}" may only use letters, digits, _ and - (and not start with -); rename it`,
      path: [...path, key],
    };
  }
  const message =
    where === 'name'
      ? `name must use lowercase letters, digits and dashes, like web-app-deploy (found ${describeValue(error.data)})`
      : `${where} must match ${String((error.params as { pattern?: string }).pattern)} (found ${describeValue(error.data)})`;
  return { code: Code.schema, message, path };
}

/** Ajv's instancePath as keys and indexes; a segment is an index when the data there is an array. */
function pathOf(instancePath: string, data: unknown): DocPath {
  if (instancePath === '') return [];
  const out: (string | number)[] = [];
  let node = data;
  for (const raw of instancePath.slice(1).split('/')) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    const isIndex = Array.isArray(node);
    out.push(isIndex ? Number(segment) : segment);
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return out;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function article(type: string): string {
  const names: Record<string, string> = { object: 'a mapping', array: 'a list', integer: 'a whole number' };
  return names[type] ?? (type.includes(',') ? type.replaceAll(',', ' or ') : `a ${type}`);
}

/** A short, safe rendering of a value for messages: strings quoted and cut, collections by kind. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}
