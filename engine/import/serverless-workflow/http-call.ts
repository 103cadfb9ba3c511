/**
 * Serverless Workflow `call` tasks (dsl-reference.md "Call", "HTTP Call", "Endpoint"): `call: http`
 * becomes a native http task (DESIGN.md "Executors": output `{status, headers, body}`); every other
 * call (openapi, grpc, asyncapi, mcp, a2a, a custom function) becomes a labelled placeholder.
 */
import type { TaskStep } from '../../model/flow.js';
import { SwImportCode } from './codes.js';
import { addSimpleStep, exprEnv, report, type TaskEnv, type TaskResult } from './common.js';
import { runtimeExpression, valueToNative } from './expressions.js';
import { placeholder } from './process.js';
import { nativeValue } from './tasks.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** A URI template variable, `{petId}` (RFC 6570 level 1, what the SW examples use). */
const URI_VARIABLE = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Imports a call task. */
export function importCall(env: TaskEnv): TaskResult {
  const call = env.task['call'];
  if (call !== 'http') return placeholder(env, `call ${String(call)}`);
  const args = obj(env.task['with']);
  const endpoint = typeof args['endpoint'] === 'string' ? args['endpoint'] : obj(args['endpoint'])['uri'];
  if (obj(args['endpoint'])['authentication'] !== undefined || args['authentication'] !== undefined) {
    report(env, SwImportCode.httpApproximated, 'authentication has no native equivalent: add the header it produces to headers');
  }
  const http: NonNullable<TaskStep['http']> = {
    method: String(args['method'] ?? 'get').toUpperCase(),
    url: withQuery(env, urlOf(env, endpoint), args['query']),
  };
  const headers = args['headers'];
  if (headers !== null && typeof headers === 'object') http.headers = nativeValue(env, headers, 'headers') as Record<string, string>;
  else if (headers !== undefined) report(env, SwImportCode.httpApproximated, 'headers given as one expression are not translatable; dropped');
  if (args['body'] !== undefined) http.body = nativeValue(env, args['body'], 'body');
  const output = args['output'];
  if (output !== undefined && output !== 'content' && output !== 'response') {
    report(env, SwImportCode.httpApproximated, `output ${String(output)}: the native output is always {status, headers, body}`, 'info');
  }
  if (args['redirect'] === true) report(env, SwImportCode.httpApproximated, 'redirect: true has no native equivalent (redirects are followed)', 'info');
  // SW's default output is the response content, which is `body` of the native output; with
  // `output: response` it is {statusCode, headers, content}, named status and body natively.
  if (output === 'response') {
    return addSimpleStep(env, { type: 'task', http }, { shape: [], rename: { statusCode: 'status', content: 'body' } });
  }
  return addSimpleStep(env, { type: 'task', http }, { shape: ['body'] });
}

/**
 * The endpoint as a native URL. SW fills URI template variables from the task input; here they read
 * the same path as `.` does (the previous step's output, or the run input for the first task).
 */
function urlOf(env: TaskEnv, endpoint: unknown): string {
  if (typeof endpoint !== 'string') return '';
  const url = String(nativeValue(env, endpoint, 'endpoint'));
  if (runtimeExpression(endpoint) !== undefined || !new RegExp(URI_VARIABLE.source).test(url)) return url;
  const dot = valueToNative('${ . }', exprEnv(env), () => undefined);
  const base = typeof dot === 'string' && dot.startsWith('{{ ') ? dot.slice(3, -3) : '$input';
  report(env, SwImportCode.httpApproximated, `the URI template variables of ${endpoint} are read from the previous step's output`, 'info');
  return url.replace(URI_VARIABLE, (_m, v: string) => `{{ ${base}.${v} }}`);
}

/** Appends `query` (an object of literals or expressions) to the URL. */
function withQuery(env: TaskEnv, url: string, query: unknown): string {
  if (query === undefined) return url;
  if (query === null || typeof query !== 'object') {
    report(env, SwImportCode.httpApproximated, 'query given as one expression is not translatable; dropped');
    return url;
  }
  const pairs = Object.entries(nativeValue(env, query, 'query') as Obj).map(([k, v]) => {
    const value = typeof v === 'string' && v.includes('{{') ? v : encodeURIComponent(String(v));
    return `${encodeURIComponent(k)}=${value}`;
  });
  return pairs.length === 0 ? url : `${url}${url.includes('?') ? '&' : '?'}${pairs.join('&')}`;
}
