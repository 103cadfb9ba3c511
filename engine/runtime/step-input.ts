/**
 * The input one task attempt was given, as the journal keeps it (StepInput, issue #12 point 4;
 * CloudFlow shows each state's input): the shell command with its `{{ }}` values in place, the
 * http request, the notify message, the script's bindings. Secret values are redacted by the
 * driver before the value is bounded here (a cut could otherwise keep half a secret); header
 * values that carry credentials are masked whatever they hold.
 */
import type { Json, JsonObject } from '../model/flow.js';

/** Longest string kept whole in a recorded input (characters); longer ones keep their start. */
export const MAX_INPUT_STRING = 4096;
/** Most items kept of one array or object in a recorded input. */
export const MAX_INPUT_ITEMS = 200;
/** Deepest nesting kept in a recorded input. */
export const MAX_INPUT_DEPTH = 16;
/** Largest recorded input as JSON text (characters); a larger one is kept as a cut preview. */
export const MAX_INPUT_CHARS = 32_768;

/** Header names whose values are credentials: shown as `***` (a scheme word like `Bearer` is kept). */
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie)$|token|secret|passw|api-?key|credential/i;

/** Environment variable names whose values are credentials (as runtime/redact-stream.ts sensitiveEnv names them). */
const SECRET_ENV = /TOKEN|SECRET|PASSW|KEY|CREDENTIAL/i;

/**
 * A shell command as the process got it, with `${FLOWSMITH_ARG_n}` references replaced by their
 * values (for people), and the step's `env:` with credential-named values shown as `***`.
 */
export function shellInput(command: string, args: Record<string, string>, cwd: string | undefined, env: Record<string, string>): JsonObject {
  const resolved = command.replace(/\$\{(FLOWSMITH_ARG_\d+)\}/g, (ref, name: string) => args[name] ?? ref);
  const shown = Object.create(null) as Record<string, string>; // names are data (#11 item 11)
  for (const [name, value] of Object.entries(env)) shown[name] = SECRET_ENV.test(name) ? '***' : value;
  return { shell: { command: resolved, ...(cwd !== undefined ? { cwd } : {}), ...(Object.keys(env).length ? { env: shown } : {}) } };
}

/** An http request with credential header values masked. */
export function httpInput(spec: { method?: string; url: string; headers?: Record<string, string>; body?: Json }): JsonObject {
  const headers = Object.create(null) as Record<string, string>; // names are data (#11 item 11)
  for (const [name, value] of Object.entries(spec.headers ?? {})) {
    headers[name] = SECRET_HEADER.test(name) ? maskCredential(String(value)) : String(value);
  }
  return {
    http: {
      method: (spec.method ?? 'GET').toUpperCase(),
      url: spec.url,
      ...(spec.headers ? { headers } : {}),
      ...(spec.body !== undefined ? { body: spec.body } : {}),
    },
  };
}

/** `Bearer abc` → `Bearer ***`; anything else → `***`. */
function maskCredential(value: string): string {
  const scheme = /^(Bearer|Basic|Token|Digest)\s+/i.exec(value);
  return scheme ? `${scheme[1]} ***` : '***';
}

/**
 * `value` cut to the bounds above: long strings keep their start and say how much is left out,
 * long arrays and objects their first items, deep nesting ends in `…`; when the JSON is still over
 * MAX_INPUT_CHARS the result is `{ truncated: true, preview }` with its first characters.
 */
export function boundInput(value: Json): Json {
  const bounded = cut(value, 0);
  const text = JSON.stringify(bounded);
  if (text.length <= MAX_INPUT_CHARS) return bounded;
  return { truncated: true, chars: text.length, preview: text.slice(0, MAX_INPUT_CHARS) };
}

function cut(value: Json, depth: number): Json {
  if (typeof value === 'string') {
    return value.length <= MAX_INPUT_STRING ? value : `${value.slice(0, MAX_INPUT_STRING)}… (${value.length - MAX_INPUT_STRING} more characters)`;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_INPUT_DEPTH) return '…';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_INPUT_ITEMS).map((v) => cut(v, depth + 1));
    if (value.length > MAX_INPUT_ITEMS) items.push(`… (${value.length - MAX_INPUT_ITEMS} more items)`);
    return items;
  }
  const out: JsonObject = Object.create(null) as JsonObject;
  const keys = Object.keys(value);
  for (const key of keys.slice(0, MAX_INPUT_ITEMS)) out[key] = cut(value[key]!, depth + 1);
  if (keys.length > MAX_INPUT_ITEMS) out['…'] = `${keys.length - MAX_INPUT_ITEMS} more keys`;
  return out;
}
