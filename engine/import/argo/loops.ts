/**
 * The items of an Argo loop as a map step's `items` (a JSONata expression; DESIGN.md step types):
 * withItems → the literal list; withParam → the variable or expression holding a JSON list (a
 * step's JSON stdout is read as data: `$steps.<id>.output`); withSequence → a JSONata range
 * `[start..end]`, reversed for a descending sequence. Source: https://argo-workflows.readthedocs.io/en/latest/walk-through/loops/.
 */
import type { StepId } from '../../model/flow.js';
import { ArgoImportCode } from './codes.js';
import { parseArgoExpression } from './conditions.js';
import { scopeOf, type Frame, type ImportContext } from './context.js';
import { printJExpr } from './jexpr.js';
import { obj, str, type Obj } from './source.js';
import { resolveVar, textAsExpr } from './vars.js';

/** The items expression of the loop on `raw` (an Argo step or task). */
export function loopItems(ctx: ImportContext, raw: Obj, frame: Frame, name: string, id: StepId): string {
  const where = { template: frame.template, step: id };
  if (Array.isArray(raw['withItems'])) return JSON.stringify(raw['withItems']);
  const sequence = obj(raw['withSequence']);
  if (sequence) return sequenceItems(ctx, sequence, frame, name, id);
  const param = str(raw['withParam']) ?? '';
  try {
    const literal: unknown = JSON.parse(param);
    if (Array.isArray(literal)) return JSON.stringify(literal);
  } catch {
    // Not a literal list: a variable or an expression.
  }
  const expr = listExpr(param, frame);
  if (expr !== undefined) return expr;
  ctx.report(ArgoImportCode.loop, where.step, `${name}: withParam "${param}" could not be translated; the map runs over an empty list until you write its items`, { at: where.template });
  return '[]';
}

/** `{{variable}}` or `{{= expression }}` holding a list, as JSONata text. */
function listExpr(param: string, frame: Frame): string | undefined {
  const whole = /^\{\{(=?)([\s\S]*)\}\}$/.exec(param.trim());
  if (!whole || whole[2]!.includes('}}')) return undefined;
  const scope = scopeOf(frame);
  if (whole[1] === '=') {
    const parsed = parseArgoExpression(whole[2]!, scope);
    return parsed.ok ? printJExpr(parsed.expr) : undefined;
  }
  const resolved = resolveVar(whole[2]!, scope, true);
  if (resolved.kind === 'expr') return printJExpr(resolved.expr);
  if (resolved.kind === 'error') return undefined;
  // A parameter: a JSON list written as text is JSONata already; else its one {{ expr }}.
  try {
    if (Array.isArray(JSON.parse(resolved.text))) return resolved.text;
  } catch {
    // Not JSON.
  }
  const expr = textAsExpr(resolved.text);
  return expr ? printJExpr(expr) : undefined;
}

/** `withSequence` {count | end, start, format} as a JSONata range. */
function sequenceItems(ctx: ImportContext, sequence: Obj, frame: Frame, name: string, id: StepId): string {
  const where = { template: frame.template, step: id };
  const number = (value: unknown, fallback: number): string => {
    const text = str(value);
    if (text === undefined) return String(fallback);
    if (/^-?\d+$/.test(text.trim())) return text.trim();
    const expr = listExpr(text, frame);
    return expr === undefined ? String(fallback) : `$number(${expr})`;
  };
  const start = number(sequence['start'], 0);
  if (sequence['format'] !== undefined) {
    ctx.report(ArgoImportCode.loop, where.step, `${name}: withSequence format "${str(sequence['format']) ?? ''}" was not kept; items are plain numbers`, { at: where.template });
  }
  if (sequence['count'] !== undefined) {
    const count = number(sequence['count'], 0);
    const numeric = /^-?\d+$/.test(start) && /^-?\d+$/.test(count);
    return numeric ? `[${start}..${Number(start) + Number(count) - 1}]` : `[${start}..${start} + ${count} - 1]`;
  }
  const end = number(sequence['end'], 0);
  if (/^-?\d+$/.test(start) && /^-?\d+$/.test(end) && Number(end) < Number(start)) return `$reverse([${end}..${start}])`;
  return `[${start}..${end}]`;
}
