/**
 * `{{ expr }}` templates inside strings (DESIGN.md: expressions are used "as `{{ expr }}` inside
 * strings"). The scanner understands JSONata string literals, backtick names, comments and braces,
 * so `{{ {"a": {"b": 1}} }}` and `{{ "}}" }}` are one template each. A literal `{{` is written as
 * `{{ "{{" }}` (as in Jinja and Argo), e.g. `docker ps --format '{{ "{{" }}.Names}}'`.
 */
import type { Json } from '../model/flow.js';
import { evaluateExpression, type Bindings } from './evaluate.js';

/** One `{{ expr }}`: the trimmed expression, and the template's [start, end) character offsets. */
export interface TemplateMatch {
  expr: string;
  start: number;
  end: number;
}

/** Every `{{ expr }}` in `text`, in order. An unclosed `{{` is not a template (see findUnclosedTemplate). */
export function findTemplates(text: string): TemplateMatch[] {
  return scan(text).templates;
}

/** Offset of a `{{` that is never closed by a matching `}}`, or undefined; validate/ reports it. */
export function findUnclosedTemplate(text: string): number | undefined {
  return scan(text).unclosedAt;
}

/**
 * Replaces each `{{ expr }}` in `template` with its value: strings as they are, every other value
 * (numbers, booleans, null, objects) as JSON. When the whole string is exactly one template, the raw
 * value is returned instead, so `body: {count: "{{ $input.n }}"}` sends a number. A string without
 * templates comes back unchanged. Throws ExpressionError as evaluateExpression does.
 */
export async function interpolateString(template: string, bindings: Bindings): Promise<Json> {
  const templates = findTemplates(template);
  if (templates.length === 0) return template;
  const only = templates[0];
  if (templates.length === 1 && only && only.start === 0 && only.end === template.length) {
    return evaluateExpression(only.expr, bindings);
  }
  let out = '';
  let last = 0;
  for (const t of templates) {
    out += template.slice(last, t.start) + valueToText(await evaluateExpression(t.expr, bindings));
    last = t.end;
  }
  return out + template.slice(last);
}

/**
 * interpolateString applied to every string inside `value` (object values and array items, not
 * keys), for http bodies, headers and notify payloads. Returns a new value; `value` is not changed.
 */
export async function interpolateJson(value: Json, bindings: Bindings): Promise<Json> {
  if (typeof value === 'string') return interpolateString(value, bindings);
  if (Array.isArray(value)) {
    const out: Json[] = [];
    for (const item of value) out.push(await interpolateJson(item, bindings));
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) out[k] = await interpolateJson(v, bindings);
    return out;
  }
  return value;
}

/** How an interpolated value reads inside a larger string: strings as is, the rest as JSON. */
export function valueToText(value: Json): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function scan(text: string): { templates: TemplateMatch[]; unclosedAt?: number } {
  const templates: TemplateMatch[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('{{', from);
    if (start === -1) return { templates };
    const close = closingBraces(text, start + 2);
    if (close === undefined) return { templates, unclosedAt: start };
    templates.push({ expr: text.slice(start + 2, close).trim(), start, end: close + 2 });
    from = close + 2;
  }
}

/** Offset of the `}}` that closes a template whose body starts at `from`, skipping JSONata literals. */
function closingBraces(text: string, from: number): number | undefined {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' || ch === "'" || ch === '`') {
      i = endOfQuoted(text, i, ch);
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) return undefined;
      i = end + 1;
    } else if (ch === '{') {
      depth++;
    } else if (ch === '}') {
      if (depth === 0 && text[i + 1] === '}') return i;
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/** Offset of the quote closing the literal opened at `open` (backslash escapes inside strings). */
function endOfQuoted(text: string, open: number, quote: string): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\' && quote !== '`') i++;
    else if (text[i] === quote) return i;
  }
  return text.length;
}
