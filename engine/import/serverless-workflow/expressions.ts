/**
 * Serverless Workflow runtime expressions (jq inside `${ }`; dsl-reference.md "Runtime expressions",
 * "Runtime expression arguments") as native JSONata (DESIGN.md "Expressions"). Arguments map to
 * bindings: `$workflow.input` → `$input`, `$context.x` → `$vars.x`, `$workflow.id` → `$run.id`,
 * the for task's each/at variables → `$item`/`$index`, the caught `$error.title|detail` →
 * `$error.name|message`. SW's `.` and `$input` (the task input, i.e. the previous task's output)
 * have no native binding; the caller says what they stand for (usually `$steps.<prev>.output`).
 */
import type { SubsetExpr } from '../../expr/subset.js';
import { printJsonata } from '../../expr/subset.js';
import type { Json } from '../../model/flow.js';
import { STEPS_CONTEXT_KEY } from '../../interop/serverless-workflow/conventions.js';
import { OutsideJqSubset, parseJq, type JqNode, type RootMapper } from './jq-parse.js';

/** What the names inside an expression stand for, where it is written. */
export interface ExprEnv {
  /** What `.` and `$input` are, as a native path (renaming the first segment read); undefined when unknown. */
  dot?: SubsetExpr & { kind: 'path'; rename?: Record<string, string> };
  /** Names of the for task's item and index variables in scope. */
  loop?: { each: string; at: string };
  /** Called when `.` is read through `dot` (so the importer can say it approximated the input). */
  onDot?: () => void;
  /** Input property defaults (`inputs.properties.<name>.default`), which make `$workflow.input.x // d` plain `$input.x`. */
  inputDefaults?: Readonly<Record<string, unknown>>;
  /** A Flowsmith export: `$context.steps.<id>` is that step's output (conventions.ts STEPS_CONTEXT_KEY). */
  stepsInContext?: boolean;
}

/** A translation, or why it was not possible. */
export type Translation = { ok: true; text: string } | { ok: false; reason: string };

/** `${ expr }` → `expr`; anything else → undefined. */
export function runtimeExpression(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^\s*\$\{([\s\S]*)\}\s*$/.exec(value);
  return m ? m[1]!.trim() : undefined;
}

/**
 * The jq of an expression-only field (`when`, `if`, `for.in`, `output.as`…), where SW also accepts a
 * bare expression without `${ }` (the spec's own examples write `when: .orderType == "electronic"`).
 */
export function expressionField(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return runtimeExpression(value) ?? value.trim();
}

/** Parses jq into a subset tree (objects allowed when `allowObject`). */
export function parseSwExpression(jq: string, env: ExprEnv, allowObject = false): { ok: true; node: JqNode } | { ok: false; reason: string } {
  return parseJq(exporterDefaults(jq, env), rootMapper(env), allowObject, (left, right) => inputDefault(left, right, env));
}

/**
 * `$workflow.input.x // d`, the exporter's stand-in for an input default, is `$input.x` natively
 * when the flow's inputs declare that default (the run applies it before any step reads it).
 */
function inputDefault(left: SubsetExpr, right: SubsetExpr, env: ExprEnv): SubsetExpr | undefined {
  if (left.kind !== 'path' || left.root !== 'input' || left.segments.length !== 1 || right.kind !== 'literal') return undefined;
  const declared = env.inputDefaults?.[String(left.segments[0])];
  return JSON.stringify(declared) === JSON.stringify(right.value) ? left : undefined;
}

/**
 * The exporter's input defaults, `($workflow.input.x // <json>)` and, for a `true` default,
 * `($workflow.input | if has("x") then .x else true end)`, become `$workflow.input.x` when the
 * flow's inputs declare that default.
 */
function exporterDefaults(jq: string, env: ExprEnv): string {
  const declared = env.inputDefaults ?? {};
  let out = jq.replace(/\(\$workflow\.input \| if has\(("(?:[^"\\]|\\.)*")\) then [^()]*? else true end\)/g, (m, name: string) =>
    declared[JSON.parse(name) as string] === true ? `$workflow.input[${name}]` : m,
  );
  const head = /\(\$workflow\.input(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[("(?:[^"\\]|\\.)*")\]) \/\/ /g;
  for (let m = head.exec(out); m !== null; m = head.exec(out)) {
    const close = closingParen(out, m.index + m[0].length);
    if (close === undefined) break;
    const name = m[1] ?? (JSON.parse(m[2]!) as string);
    let value: unknown;
    try {
      value = JSON.parse(out.slice(m.index + m[0].length, close));
    } catch {
      continue;
    }
    if (!(name in declared) || JSON.stringify(declared[name]) !== JSON.stringify(value)) continue;
    const path = m[0].slice(1, -4);
    out = out.slice(0, m.index) + path + out.slice(close + 1);
    head.lastIndex = m.index + path.length;
  }
  return out;
}

/** Offset of the `)` closing a group whose content starts at `from` (strings skipped). */
function closingParen(text: string, from: number): number | undefined {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') depth--;
    else if (ch === ')') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return undefined;
}

/** Translates jq into a bare JSONata expression. */
export function jqToJsonata(jq: string, env: ExprEnv): Translation {
  const parsed = parseSwExpression(jq, env);
  if (!parsed.ok) return parsed;
  return { ok: true, text: printJsonata(parsed.node as SubsetExpr) };
}

/**
 * A JSON value from an SW task (arguments, bodies) as a native value with `{{ }}` templates: a
 * whole `${ jq }` becomes `{{ jsonata }}` (its raw value), a jq string with interpolations becomes
 * template text. `report` gets every expression that stays untranslated (kept as written).
 */
export function valueToNative(value: unknown, env: ExprEnv, report: (jq: string, reason: string) => void): Json {
  if (typeof value === 'string') {
    const jq = runtimeExpression(value);
    if (jq === undefined) return value;
    const parsed = parseSwExpression(jq, env);
    if (!parsed.ok) {
      report(jq, parsed.reason);
      return value;
    }
    return templateOf(parsed.node as SubsetExpr);
  }
  if (Array.isArray(value)) return value.map((v) => valueToNative(v, env, report));
  if (value !== null && typeof value === 'object') {
    const out: { [k: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) out[k] = valueToNative(v, env, report);
    return out;
  }
  return (value ?? null) as Json;
}

/** A subset tree as a native template string: `"a" & x` → `a {{ x }}`, anything else → `{{ e }}`. */
export function templateOf(e: SubsetExpr): string {
  if (e.kind === 'literal' && typeof e.value === 'string') return e.value.replaceAll('{{', '{{ "{{" }}');
  const parts: SubsetExpr[] = [];
  const flatten = (x: SubsetExpr) => {
    if (x.kind === 'binary' && x.op === '&') {
      flatten(x.left);
      flatten(x.right);
    } else parts.push(x);
  };
  flatten(e);
  if (parts.length === 1) return `{{ ${printJsonata(e)} }}`;
  return parts.map((p) => (p.kind === 'literal' && typeof p.value === 'string' ? templateOf(p) : `{{ ${printJsonata(p)} }}`)).join('');
}

/** A JSONata expression that is false and carries the untranslated jq in a comment (best effort for `when`). */
export function untranslatedCondition(jq: string): string {
  return `false /* untranslated jq: ${jq.replaceAll('*/', '* /')} */`;
}

function rootMapper(env: ExprEnv): RootMapper {
  return (root, segments) => {
    const [first, ...rest] = segments;
    if (root === '.' || root === 'input') {
      if (env.dot === undefined) throw new OutsideJqSubset('the task input `.` has no native equivalent here');
      env.onDot?.();
      const [head, ...tail] = segments;
      const renamed = typeof head === 'string' && env.dot.rename?.[head] !== undefined ? [env.dot.rename[head]!, ...tail] : segments;
      return { kind: 'path', root: env.dot.root, segments: [...env.dot.segments, ...renamed] };
    }
    if (env.loop !== undefined && root === env.loop.each) return { kind: 'path', root: 'item', segments };
    if (env.loop !== undefined && root === env.loop.at) return { kind: 'path', root: 'index', segments };
    switch (root) {
      case 'context':
        if (env.stepsInContext && first === STEPS_CONTEXT_KEY && typeof rest[0] === 'string') {
          return { kind: 'path', root: 'steps', segments: [rest[0], 'output', ...rest.slice(1)] };
        }
        return { kind: 'path', root: 'vars', segments };
      case 'workflow':
        if (first === 'input') return { kind: 'path', root: 'input', segments: rest };
        if (first === 'id') return { kind: 'path', root: 'run', segments: ['id', ...rest] };
        if (first === 'startedAt' && rest[0] === 'iso8601') return { kind: 'path', root: 'run', segments: ['startedAt'] };
        if (first === 'definition' && rest[0] === 'document' && rest[1] === 'name') return { kind: 'path', root: 'run', segments: ['flow'] };
        throw new OutsideJqSubset(`$workflow.${String(first ?? '')} has no native equivalent`);
      case 'error':
        if (first === 'title') return { kind: 'path', root: 'error', segments: ['name', ...rest] };
        if (first === 'detail') return { kind: 'path', root: 'error', segments: ['message', ...rest] };
        if (first === undefined) return { kind: 'path', root: 'error', segments };
        throw new OutsideJqSubset(`$error.${String(first)} has no native equivalent (only title and detail)`);
      default:
        throw new OutsideJqSubset(`$${root} has no native equivalent`);
    }
  };
}
