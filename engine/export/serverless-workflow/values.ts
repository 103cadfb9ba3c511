/**
 * Native values with `{{ expr }}` templates (DESIGN.md "Expressions") as Serverless Workflow values
 * with runtime expressions (dsl-reference.md "Runtime expressions": a whole string `${ … }` is
 * evaluated, any other string is literal). A string that is one template becomes `${ jq }` (its raw
 * value, as interpolateString returns); a string mixing text and templates becomes a jq string with
 * interpolations, `${ "Deploy \($workflow.input.version)" }`, which turns non-strings into JSON text
 * as valueToText does. Expressions outside the subset stay as JSONata inside `${ }` and are reported.
 */
import { findTemplates } from '../../expr/templates.js';
import type { Json } from '../../model/flow.js';
import { jqStringText, jsonataToJq, type JqScope } from './jq-print.js';

/** Called once per expression that could not be translated, with the JSONata text and the reason. */
export type ReportUntranslated = (expression: string, reason: string) => void;
/** Called with notes about a translated expression whose meaning may differ in jq (truthiness). */
export type ReportNote = (expression: string, note: string) => void;

/** Where an exported value goes: its scope and the two report callbacks. */
export interface ValueContext {
  scope: JqScope;
  untranslated: ReportUntranslated;
  note?: ReportNote;
}

/** SW's runtime expression pattern (schema `runtimeExpression`): the whole string is `${ … }`. */
const RUNTIME_EXPRESSION = /^\s*\$\{.+\}\s*$/s;

/**
 * A bare JSONata expression as jq text (no `${ }`): translated, or the JSONata text itself after
 * reporting why it was not translated.
 */
export function expressionToJq(expression: string, ctx: ValueContext): string {
  const result = jsonataToJq(expression, ctx.scope);
  if (result.ok) {
    for (const n of result.notes) ctx.note?.(expression, n);
    return result.jq;
  }
  ctx.untranslated(expression, result.reason);
  return expression;
}

/** A bare JSONata expression as an SW runtime expression string, `${ jq }`. */
export function expressionToSw(expression: string, ctx: ValueContext): string {
  return `\${ ${expressionToJq(expression, ctx)} }`;
}

/**
 * A native string that may hold templates as an SW value. Text without templates comes back as it
 * is, except text that SW would read as an expression (`${X}`), which becomes a jq string literal.
 */
export function templateToSw(text: string, ctx: ValueContext): string {
  const templates = findTemplates(text);
  if (templates.length === 0) {
    return RUNTIME_EXPRESSION.test(text) ? `\${ "${jqStringText(text)}" }` : text;
  }
  const only = templates[0]!;
  if (templates.length === 1 && only.start === 0 && only.end === text.length) return expressionToSw(only.expr, ctx);
  let body = '';
  let last = 0;
  for (const t of templates) {
    body += jqStringText(text.slice(last, t.start)) + `\\(${expressionToJq(t.expr, ctx)})`;
    last = t.end;
  }
  body += jqStringText(text.slice(last));
  return `\${ "${body}" }`;
}

/** templateToSw applied to every string inside a JSON value (object values and array items, not keys). */
export function jsonToSw(value: Json, ctx: ValueContext): Json {
  if (typeof value === 'string') return templateToSw(value, ctx);
  if (Array.isArray(value)) return value.map((v) => jsonToSw(v, ctx));
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) out[k] = jsonToSw(v, ctx);
    return out;
  }
  return value;
}

/** True when `value` is a string SW evaluates as a runtime expression. */
export function isRuntimeExpression(value: unknown): value is string {
  return typeof value === 'string' && RUNTIME_EXPRESSION.test(value);
}
