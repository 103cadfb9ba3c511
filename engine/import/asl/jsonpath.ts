/**
 * ASL JSONPath (https://states-language.net/spec.html "Paths", "Reference Paths"; the context object
 * `$$`, AWS "Accessing execution data from the Context object") to native JSONata. A path reads the
 * state's input (`$`), the context object (`$$`) or a variable (`$name`); field names, indexes and
 * `[*]` translate exactly, filters `[?(…)]` and deep scans `..` approximately (with a finding).
 */
import jsonata from 'jsonata';
import { AslImportCode } from './codes.js';
import type { ImportContext } from './context.js';
import { fieldStep, isSimplePath } from '../../interop/asl/jsonata-refs.js';

/** What expressions in one field of one state resolve against. */
export interface ExprEnv {
  ctx: ImportContext;
  /** Native JSONata for `$` in a JSONPath (JSONPath mode) or `$states.input` (JSONata mode). */
  input: string;
  /** Native JSONata for `$states.result` where the field sees a result (Output, Assign of a Task). */
  result?: string;
  /** True in a Catcher's fields, where `$states.errorOutput` is the error (native `$error`). */
  error?: boolean;
  /** Native JSONata for the context's Map item, where ASL provides it (ItemSelector). */
  mapItem?: { value: string; index: string };
  /** Records an approximation; the caller knows which state and field. */
  note(code: AslImportCode, message: string): void;
}

/** `base` followed by path steps: `base.a[0]`, or `(base).a` when base is not a plain path. */
export function onBase(base: string, steps: string): string {
  if (steps === '') return base;
  return isSimplePath(base) ? `${base}${steps}` : `(${base})${steps}`;
}

/** A JSONPath (`$.a.b[0]`, `$$.Execution.Input.x`, `$myVar.x`) as native JSONata. */
export function pathToJsonata(path: string, env: ExprEnv): string {
  const text = path.trim();
  if (text.startsWith('$$')) {
    const { names, rest } = splitNames(text.slice(2), env, text);
    return contextToJsonata(names, env, rest, text);
  }
  const variable = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(text);
  if (variable) return onBase(variableToJsonata(variable[1]!, env), stepsOf(text.slice(variable[0].length), env, text));
  if (!text.startsWith('$')) {
    env.note(AslImportCode.jsonPath, `"${path}" is not a JSONPath; kept as a string`);
    return JSON.stringify(path);
  }
  return onBase(env.input, stepsOf(text.slice(1), env, text));
}

/** A JSONPath variable (`$name`): an alias of a native binding, or `$vars.name`. */
export function variableToJsonata(name: string, env: ExprEnv): string {
  return env.ctx.aliases.get(name) ?? `$vars.${fieldStep(name)}`;
}

/**
 * The context object (`$$.Execution.Input`, `$states.context.Map.Item.Value` …) read through
 * `names` (the leading plain field names), with `rest` (JSONata steps) after them.
 */
export function contextToJsonata(names: string[], env: ExprEnv, rest: string, shown: string): string {
  const key = names.join('.');
  const exact: [string, string][] = [
    ['Execution.Input', '$input'],
    ['Execution.Id', '$run.id'],
    ['Execution.StartTime', '$run.startedAt'],
    ['StateMachine.Name', '$run.flow'],
    ['StateMachine.Id', '$run.flow'],
  ];
  for (const [prefix, native] of exact) {
    if (key === prefix || key.startsWith(`${prefix}.`)) return onBase(native, names.slice(prefix.split('.').length).map(step).join('') + rest);
  }
  if (key.startsWith('Map.Item.Value')) {
    return onBase(env.mapItem?.value ?? '$item', names.slice(3).map(step).join('') + rest);
  }
  if (key === 'Map.Item.Index') return env.mapItem?.index ?? '$index';
  const approximate: [string, string, string][] = [
    ['Execution.Name', '$run.id', 'the run id'],
    ['State.EnteredTime', '$now()', 'the current time'],
    ['State.Name', JSON.stringify(names[2] ?? ''), 'a fixed name'],
  ];
  for (const [prefix, native, what] of approximate) {
    if (key === prefix) {
      env.note(AslImportCode.contextObject, `${shown} is read as ${what} (${native})`);
      return native;
    }
  }
  if (key === 'Task.Token') {
    env.note(AslImportCode.contextObject, `${shown} (the callback token) has no native equivalent; an approval step waits for people instead`);
    return '"task-token"';
  }
  env.note(AslImportCode.contextObject, `${shown} has no native equivalent; read as null`);
  return 'null';
}

/** Leading `.name` steps of a path (for the context object), and the rest as JSONata steps. */
function splitNames(text: string, env: ExprEnv, shown: string): { names: string[]; rest: string } {
  const match = /^((?:\.[A-Za-z_][A-Za-z0-9_]*)*)/.exec(text)!;
  const names = match[1]!.split('.').filter((n) => n !== '');
  return { names, rest: stepsOf(text.slice(match[1]!.length), env, shown) };
}

/** The steps after a path's root (`.a['b'][0][*]..c[?(@.x == 1)]`) as JSONata steps. */
function stepsOf(text: string, env: ExprEnv, shown: string): string {
  let out = '';
  let i = 0;
  const fail = (why: string) => {
    env.note(AslImportCode.jsonPath, `${shown}: ${why}; the rest of the path is left out`);
    i = text.length;
  };
  while (i < text.length) {
    if (text.startsWith('..', i)) {
      out += '.**';
      i += 1; // the second dot starts the next name step
      env.note(AslImportCode.jsonPath, `${shown}: the deep scan ".." reads fields at any depth (JSONata **)`);
      continue;
    }
    if (text[i] === '.' && text[i + 1] === '[') i++; // `$.[0]`: the validator rejects it, AWS accepts it
    if (text[i] === '.') {
      const name = /^\.([^.[\]]+)/.exec(text.slice(i));
      if (!name) return (fail(`unexpected "${text.slice(i)}"`), out);
      out += name[1] === '*' ? '.*' : step(name[1]!);
      i += name[0].length;
      continue;
    }
    if (text[i] !== '[') return (fail(`unexpected "${text.slice(i)}"`), out);
    const close = bracketEnd(text, i);
    if (close < 0) return (fail('a bracket is not closed'), out);
    const inner = text.slice(i + 1, close).trim();
    i = close + 1;
    if (/^-?\d+$/.test(inner)) out += `[${inner}]`;
    else if (inner === '*') continue; // JSONata maps over arrays by itself
    else if (/^'[^']*'$|^"[^"]*"$/.test(inner)) out += step(inner.slice(1, -1));
    else if (inner.startsWith('?(') && inner.endsWith(')')) out += filterOf(inner.slice(2, -1), env, shown);
    else return (fail(`the selector [${inner}] (slices and unions) is not translated`), out);
  }
  return out;
}

function step(name: string): string {
  return `.${fieldStep(name)}`;
}

function bracketEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (ch === '[' || ch === '(') depth++;
    else if (ch === ']' || ch === ')') {
      depth--;
      if (depth === 0 && ch === ']') return i;
    }
  }
  return -1;
}

/** `?(@.x == 'a' && @.n > 1)` as a JSONata predicate `[x = "a" and n > 1]`; `$.x` reads the input. */
function filterOf(filter: string, env: ExprEnv, shown: string): string {
  const jsonataText = filter
    .replace(/'((?:[^'\\]|\\.)*)'/g, (_, s: string) => JSON.stringify(s.replace(/\\'/g, "'")))
    .replace(/@\./g, '')
    .replace(/@/g, '$')
    .replace(/\$\.([A-Za-z_][\w.]*)/g, (_, p: string) => onBase(env.input, p.split('.').map(step).join('')))
    .replace(/===?/g, '=')
    .replace(/&&/g, ' and ')
    .replace(/\|\|/g, ' or ');
  try {
    jsonata(jsonataText);
  } catch {
    env.note(AslImportCode.jsonPath, `${shown}: the filter ${filter} is not translated; it is left out`);
    return '';
  }
  env.note(AslImportCode.jsonPath, `${shown}: the filter ${filter} is read as the JSONata predicate [${jsonataText}]; check it`);
  return `[${jsonataText}]`;
}
