/**
 * ASL Task states (https://states-language.net/spec.html "Task State"; AWS "Integrating services
 * with Step Functions") as native steps. The HTTP Task becomes an `http` task; a callback task
 * (`.waitForTaskToken`) an approval; every other integration a `shell` task that makes the same
 * call with the AWS CLI (`aws <service> <action> --cli-input-json …`), which is what the Resource
 * asks AWS to do, with a finding that it is a placeholder to check.
 */
import type { HttpSpec, Step } from '../../model/flow.js';
import { AslImportCode } from './codes.js';
import { isObject } from './context.js';
import { catchField, retryField, timeoutField } from './errors.js';
import { dynamicValue, isStatic, payloadToNative, templateToNative } from './expressions.js';
import { onBase } from './jsonpath.js';
import { commonFields, envOf, nextOf, note, outputField, setField, targetOf, type StateSite } from './site.js';
import { escapeTemplates, shellQuote } from './text.js';
import { shellWordMin } from '../shell-text.js';

/** What a Resource names: a service integration, a Lambda function ARN, or something else. */
interface ResourceInfo {
  text: string;
  kind: 'http' | 'lambda' | 'function' | 'sdk' | 'other';
  service?: string;
  action?: string;
  pattern: 'request' | 'sync' | 'callback';
}

/** AWS CLI command names for SDK service ids that differ (`aws s3api`, `aws stepfunctions` …). */
const CLI_SERVICE: Record<string, string> = {
  s3: 's3api',
  sfn: 'stepfunctions',
  states: 'stepfunctions',
  config: 'configservice',
  bedrockagent: 'bedrock-agent',
  bedrockagentruntime: 'bedrock-agent-runtime',
  bedrockruntime: 'bedrock-runtime',
  cloudwatchlogs: 'logs',
  eventbridge: 'events',
};

/** A Task state as a task step (or an approval for a callback task). */
export function taskStep(site: StateSite): Step {
  const info = resourceInfo(site.state['Resource']);
  if (site.state['Credentials'] !== undefined) note(site, AslImportCode.unknown, 'warning', 'Credentials (a role to assume) have no native equivalent; left out', 'Credentials');
  if (info.pattern === 'callback') return approvalStep(site, info);
  const { body, raw, what } = info.kind === 'http' ? httpBody(site) : shellBody(site, info);
  if (info.pattern === 'sync') notes(site, `${info.text} waits for the job to finish in ASL; the CLI call only starts it`);
  const output = outputWith(site, raw);
  return {
    type: 'task',
    ...commonFields(site, [`Imported from ASL: ${what}.`]),
    ...body,
    ...timeoutField(site),
    ...retryField(site),
    ...output,
    ...setField(site, '$'),
    ...nextOf(site),
    ...catchField(site),
  } as Step;
}

/**
 * A callback task as an approval: ASL waits for SendTaskSuccess/SendTaskFailure with the task token,
 * the native engine for people to approve or reject. A Catcher of States.Timeout becomes onTimeout.
 */
function approvalStep(site: StateSite, info: ResourceInfo): Step {
  const catchers = (Array.isArray(site.state['Catch']) ? site.state['Catch'] : []).filter(isObject);
  const onTimeout = catchers.find((c) => Array.isArray(c['ErrorEquals']) && c['ErrorEquals'].length === 1 && c['ErrorEquals'][0] === 'States.Timeout');
  note(
    site,
    AslImportCode.callbackApproval,
    'warning',
    `the callback task (${info.text}) is imported as an approval: fill in its approvers (now "replace-with-approver"); whatever sent the task token's answer is now a person's decision`,
  );
  return {
    type: 'approval',
    ...commonFields(site, [`Imported from ASL: callback task on ${info.text} (waits for SendTaskSuccess/SendTaskFailure with the task token).`]),
    approvers: ['replace-with-approver'],
    message: escapeTemplates(`Continue after "${site.name}"? In Step Functions this waited for a callback from ${callbackTarget(site, info)}.`),
    ...timeoutField(site),
    ...outputWith(site, '$'),
    ...setField(site, '$'),
    ...nextOf(site),
    ...(onTimeout && typeof onTimeout['Next'] === 'string' ? { onTimeout: targetOf(site, onTimeout['Next']) } : {}),
    ...catchField(site, (c) => c === onTimeout),
  } as Step;
}

/** What the callback task called: its Lambda function when named literally, else the Resource. */
function callbackTarget(site: StateSite, info: ResourceInfo): string {
  const fn = info.kind === 'lambda' ? argField(site, 'FunctionName')?.literal : undefined;
  return typeof fn === 'string' ? `Lambda ${fn}` : info.text;
}

function outputWith(site: StateSite, raw: string): { output?: string } {
  if (raw === '$') return outputField(site);
  const output = site.data.shape(site.frame, site.name, raw);
  return { output };
}

/** The Task's arguments: Parameters (JSONPath, default the input) or Arguments (JSONata). */
function argumentsOf(site: StateSite): { value: unknown; text: (v: unknown) => string; whole: string } {
  const jsonata = site.language === 'JSONata';
  const value = jsonata ? site.state['Arguments'] : site.state['Parameters'];
  const env = envOf(site, jsonata ? 'Arguments' : 'Parameters', { input: site.data.effectiveInput(site.frame, site.name) });
  const text = (v: unknown) => (jsonata ? templateToNative(v, env) : payloadToNative(v, env));
  const whole = value === undefined ? env.input : text(value);
  return { value, text, whole };
}

/** Native JSONata for one field of the arguments (`FunctionName`, `Payload`), or undefined. */
function argField(site: StateSite, key: string): { text: string; literal?: unknown } | undefined {
  const args = argumentsOf(site);
  if (!isObject(args.value)) return args.value === undefined ? undefined : { text: onBase(args.whole, `.${key}`) };
  if (args.value[key] !== undefined) {
    const v = args.value[key];
    return isStatic(v) ? { text: JSON.stringify(v), literal: v } : { text: args.text(v) };
  }
  const dynamic = args.value[`${key}.$`];
  if (dynamic !== undefined) return { text: dynamicValue(dynamic, envOf(site, 'Parameters', { input: site.data.effectiveInput(site.frame, site.name) })) };
  return undefined;
}

/** A JSON value as one shell word: quoted JSON when static, else a `{{ }}` that writes it as JSON text. */
function jsonWord(field: { text: string; literal?: unknown }): string {
  if (field.literal !== undefined) return shellQuote(typeof field.literal === 'string' ? field.literal : JSON.stringify(field.literal));
  return `{{ $string(${field.text}) }}`;
}

function shellBody(site: StateSite, info: ResourceInfo): { body: { shell: string }; raw: string; what: string } {
  if (info.kind === 'lambda' || info.kind === 'function') {
    const fn = info.kind === 'function' ? { text: JSON.stringify(info.text), literal: info.text } : argField(site, 'FunctionName');
    const payload = info.kind === 'function' ? { text: argumentsOf(site).whole } : argField(site, 'Payload');
    const name = fn?.literal !== undefined ? String(fn.literal) : 'a function named at run time';
    const command = [
      'out=$(mktemp) &&',
      `aws lambda invoke --function-name ${fn ? jsonWord(fn) : "''"}`,
      payload ? `--cli-binary-format raw-in-base64-out --payload ${jsonWord(payload)}` : '',
      '"$out" > /dev/null &&',
      // lambda:invoke returns {StatusCode, Payload}; a bare function ARN returns the function's result.
      info.kind === 'lambda' ? `printf '{"StatusCode": 200, "Payload": %s}\\n' "$(cat "$out")"` : 'cat "$out"',
    ].filter((p) => p !== '').join(' ');
    notes(site, `invokes Lambda ${name}; imported as an AWS CLI call (aws lambda invoke), a placeholder for the function's work`);
    return { body: { shell: command }, raw: '$', what: `Lambda ${name} (${info.text})` };
  }
  if (info.kind === 'sdk' && info.service && info.action) {
    const service = CLI_SERVICE[info.service] ?? (info.service === 'bedrock' && info.action === 'invokeModel' ? 'bedrock-runtime' : info.service);
    const action = info.action.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Za-z])(\d)/g, '$1-$2').toLowerCase();
    const args = argumentsOf(site);
    const input = args.value === undefined ? '' : ` --cli-input-json ${jsonWord(isStatic(args.value) ? { text: '', literal: args.value } : { text: args.whole })}`;
    notes(site, `calls ${info.service}:${info.action}; imported as the AWS CLI call aws ${service} ${action}, a placeholder to check (CLI names and input can differ from the SDK's)`);
    // service and action come from the Resource text: each one quoted word (issue #11 item 3).
    return { body: { shell: `aws ${shellWordMin(service)} ${shellWordMin(action)}${input}` }, raw: '$', what: `${info.service}:${info.action} (${info.text})` };
  }
  notes(site, `runs ${info.text}, which has no native equivalent; imported as a shell step that fails until you replace it`);
  const command = `echo ${shellQuote(`replace this placeholder: the ASL Task ran ${info.text}`)} >&2; exit 1`;
  return { body: { shell: command }, raw: '$', what: info.text };
}

/** The HTTP Task as an `http` task; its result {StatusCode, Headers, ResponseBody} from native {status, headers, body}. */
function httpBody(site: StateSite): { body: { http: HttpSpec }; raw: string; what: string } {
  const url = argField(site, 'ApiEndpoint');
  const method = argField(site, 'Method')?.literal;
  const http: HttpSpec = { url: url?.literal !== undefined ? escapeTemplates(String(url.literal)) : `{{ ${url?.text ?? '""'} }}` };
  if (typeof method === 'string' && /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/.test(method)) http.method = method as HttpSpec['method'];
  const headers = argField(site, 'Headers');
  if (headers?.literal !== undefined && isObject(headers.literal)) {
    http.headers = Object.fromEntries(Object.entries(headers.literal).map(([k, v]) => [k, escapeTemplates(String(v))]));
  } else if (headers) notes(site, 'Headers computed at run time are not translated');
  const body = argField(site, 'RequestBody');
  if (body) http.body = body.literal !== undefined ? (JSON.parse(escapeTemplates(JSON.stringify(body.literal))) as HttpSpec['body']) : `{{ ${body.text} }}`;
  for (const key of ['QueryParameters', 'Transform', 'Authentication']) {
    if (argField(site, key)) notes(site, `the HTTP Task's ${key} is not translated`);
  }
  return { body: { http }, raw: '{"StatusCode": $.status, "Headers": $.headers, "ResponseBody": $.body}', what: 'HTTP Task' };
}

function notes(site: StateSite, message: string): void {
  note(site, AslImportCode.placeholderTask, 'warning', message, 'Resource');
}

/** Classifies a Resource (spec "Task State"; AWS service integration ARNs `arn:aws:states:::<service>:<action>[.sync|.waitForTaskToken]`). */
export function resourceInfo(resource: unknown): ResourceInfo {
  const text = typeof resource === 'string' ? resource : JSON.stringify(resource);
  const pattern = /\.waitForTaskToken$/.test(text) ? 'callback' : /\.sync(:\d+)?$/.test(text) ? 'sync' : 'request';
  const integration = /^arn:[^:]+:states:::(.+?)(\.waitForTaskToken|\.sync(:\d+)?)?$/.exec(text);
  if (integration) {
    const parts = integration[1]!.split(':');
    if (parts[0] === 'http' && parts[1] === 'invoke') return { text, kind: 'http', pattern };
    if (parts[0] === 'lambda' && parts[1] === 'invoke') return { text, kind: 'lambda', pattern };
    const [service, action] = parts[0] === 'aws-sdk' ? [parts[1], parts[2]] : [parts[0], parts[1]];
    return { text, kind: 'sdk', pattern, ...(service ? { service } : {}), ...(action ? { action } : {}) };
  }
  if (/^arn:[^:]+:lambda:/.test(text) || /^\$\{[^}]+\}$/.test(text)) return { text, kind: 'function', pattern };
  return { text, kind: 'other', pattern };
}
