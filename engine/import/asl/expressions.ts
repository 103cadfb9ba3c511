/**
 * ASL values that compute something, as native JSONata: JSONata-mode expressions (`{% … %}` reading
 * `$states.input`, `$states.result`, `$states.errorOutput`, `$states.context` and variables; AWS
 * "Transforming data with JSONata in Step Functions"), and payload templates of both query
 * languages (JSONPath `Parameters`/`ResultSelector`/`ItemSelector` with `.$` keys, spec "Payload
 * Template"; JSONata `Arguments`/`Output`/`Assign` objects whose strings may be `{% … %}`).
 */
import { applyEdits, fieldStep, scanJsonata, type TextEdit } from '../../interop/asl/jsonata-refs.js';
import { AslImportCode } from './codes.js';
import { isObject } from './context.js';
import { intrinsicToJsonata, isIntrinsic } from './intrinsics.js';
import { contextToJsonata, onBase, pathToJsonata, variableToJsonata, type ExprEnv } from './jsonpath.js';

const BRACED = /^\s*\{%([\s\S]*)%\}\s*$/;

/**
 * Functions Step Functions adds to JSONata (AWS "JSONata functions provided by Step Functions")
 * written with standard JSONata, so the native engine can run them. `$hash` has no equivalent.
 */
const STEP_FUNCTIONS_FUNCTIONS: Record<string, string> = {
  parse: '$eval',
  uuid: '(function() { $string($millis()) & "-" & $substring($string($random()), 2) })',
  partition: '(function($a, $n) { $map([0..$ceil($count($a) / $n) - 1], function($i) { [$a[[$i * $n..$i * $n + $n - 1]]] }) })',
  range: '(function($s, $e, $d) { $filter([$s..$e], function($v) { ($v - $s) % $d = 0 }) })',
};

/** True when a JSONata-mode string is an expression (`{% … %}`). */
export function isBraced(value: unknown): value is string {
  return typeof value === 'string' && BRACED.test(value);
}

/** A JSONata-mode expression (the text inside `{% %}`) as native JSONata. */
export function jsonataToNative(expr: string, env: ExprEnv): string {
  const scan = scanJsonata(expr);
  if (!scan.ok) {
    env.note(AslImportCode.unknown, `{% ${expr.trim()} %} does not parse as JSONata (${scan.reason}); read as null`);
    return 'null';
  }
  const edits: TextEdit[] = [];
  let readsResult = false;
  for (const ref of scan.refs) {
    if (scan.bound.has(ref.name)) continue;
    if (ref.isCall) {
      const native = STEP_FUNCTIONS_FUNCTIONS[ref.name];
      if (native !== undefined) edits.push({ start: ref.start, end: ref.end, text: native });
      if (native === undefined && ref.name === 'hash') env.note(AslImportCode.contextObject, '$hash() is a Step Functions function that native JSONata lacks; replace it');
      continue;
    }
    if (ref.name !== 'states') {
      if (env.ctx.aliases.has(ref.name) || env.ctx.assigned.has(ref.name)) {
        edits.push({ start: ref.start, end: ref.end, text: variableToJsonata(ref.name, env) });
      }
      continue;
    }
    const [first, ...more] = ref.fields;
    const replace = (end: number, text: string) => edits.push({ start: ref.start, end, text });
    switch (first?.name) {
      case 'input':
        replace(first.end, paren(env.input));
        break;
      case 'result':
        if (env.result === undefined) {
          env.note(AslImportCode.unknown, '$states.result is read where the state has no result; read as null');
          replace(first.end, 'null');
        } else if (ref.isTop && env.result === '$') {
          replace(first.end, '$');
        } else {
          readsResult = true;
          replace(first.end, '$fs_result');
        }
        break;
      case 'errorOutput': {
        const field = more[0]?.name === 'Error' ? 'name' : more[0]?.name === 'Cause' ? 'message' : undefined;
        if (field) replace(more[0]!.end, `$error.${field}`);
        else replace(first.end, '{"Error": $error.name, "Cause": $error.message}');
        break;
      }
      case 'context': {
        // Plain names after `context` that end before any index or filter.
        const names: string[] = [];
        let end = first.end;
        for (const f of more) {
          names.push(f.name);
          end = f.end;
          if (f.hasStages) break;
        }
        replace(end, contextToJsonata(names, env, '', `$states.context.${names.join('.')}`));
        break;
      }
      default:
        env.note(AslImportCode.contextObject, `$states${first ? `.${first.name}` : ''} has no native equivalent; read as null`);
        replace(first?.end ?? ref.end, 'null');
    }
  }
  const body = applyEdits(expr, edits).trim();
  return readsResult ? `($fs_result := ${env.result}; ${body})` : body;
}

/**
 * A JSONPath-mode payload template as native JSONata: keys ending in `.$` take a path or an
 * intrinsic function, other values are literal. Returns a JSON literal when nothing is dynamic.
 */
export function payloadToNative(template: unknown, env: ExprEnv): string {
  if (Array.isArray(template)) return `[${template.map((v) => payloadToNative(v, env)).join(', ')}]`;
  if (!isObject(template)) return JSON.stringify(template ?? null);
  const fields = Object.entries(template).map(([key, value]) => {
    if (!key.endsWith('.$')) return `${JSON.stringify(key)}: ${payloadToNative(value, env)}`;
    return `${JSON.stringify(key.slice(0, -2))}: ${dynamicValue(value, env)}`;
  });
  return `{${fields.join(', ')}}`;
}

/** A JSONata-mode value (Arguments, Output, Assign, Items…): objects and arrays with `{% %}` strings inside. */
export function templateToNative(value: unknown, env: ExprEnv): string {
  if (isBraced(value)) return paren(jsonataToNative(BRACED.exec(value)![1]!, env));
  if (Array.isArray(value)) return `[${value.map((v) => templateToNative(v, env)).join(', ')}]`;
  if (isObject(value)) return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${templateToNative(v, env)}`).join(', ')}}`;
  return JSON.stringify(value ?? null);
}

/** True when a payload template (either language) computes nothing: it can be written as plain JSON. */
export function isStatic(value: unknown): boolean {
  if (isBraced(value)) return false;
  if (Array.isArray(value)) return value.every(isStatic);
  if (isObject(value)) return Object.entries(value).every(([k, v]) => !k.endsWith('.$') && isStatic(v));
  return true;
}

/** The value of a `.$` key: an intrinsic function or a path. */
export function dynamicValue(value: unknown, env: ExprEnv): string {
  if (typeof value !== 'string') return JSON.stringify(value ?? null);
  if (isIntrinsic(value)) return intrinsicToJsonata(value, env);
  return pathToJsonata(value, env);
}

/** `text` in parentheses unless it is one plain path or literal. */
export function paren(text: string): string {
  return /^(\$[A-Za-z0-9_]*((\.[A-Za-z_][A-Za-z0-9_]*)|(\.`[^`]+`)|(\[\d+\]))*|"[^"]*"|-?\d+(\.\d+)?|true|false|null)$/.test(text.trim())
    ? text.trim()
    : `(${text.trim()})`;
}

/** `base.path` for a JSONPath applied to a computed value (`OutputPath`, `ItemsPath`, `InputPath`). */
export function applyPath(base: string, path: string, env: ExprEnv): string {
  if (path === '$') return base;
  return pathToJsonata(path, { ...env, input: base });
}

/** `{"a": {"b": value}}` merged into `base` at a ResultPath such as `$.a.b` (spec "ResultPath"). */
export function mergeAt(base: string, path: string, value: string, env: ExprEnv): string {
  const names = /^\$((?:\.[^.[\]'"]+|\['[^']+'\])+)$/.exec(path.trim());
  if (!names) {
    env.note(AslImportCode.jsonPath, `ResultPath ${path} is not a plain field path; the result replaces the input`);
    return value;
  }
  const fields = names[1]!.match(/\.[^.[\]'"]+|\['[^']+'\]/g)!.map((f) => (f.startsWith('.') ? f.slice(1) : f.slice(2, -2)));
  const build = (at: string, rest: string[]): string => {
    const [head, ...tail] = rest;
    if (head === undefined) return value;
    const inner = tail.length === 0 ? value : build(onBase(at, `.${fieldStep(head)}`), tail);
    return `$merge([${at}, {${JSON.stringify(head)}: ${inner}}])`;
  };
  return build(base, fields);
}
