/**
 * Argo text with `{{tags}}` (template fields, commands, URLs, arguments) rewritten as Flowsmith
 * text: parameters inserted as they are (Argo substitutes them as text too), other variables and
 * `{{= expressions }}` as `{{ JSONata }}` templates (DESIGN.md "Expressions"). A tag without a
 * binding becomes a visible `ARGO_VAR:<tag>` marker and is reported by the caller.
 * Source: https://argo-workflows.readthedocs.io/en/latest/variables/.
 */
import { parseArgoExpression } from './conditions.js';
import { printJExpr } from './jexpr.js';
import { resolveVar, type VarScope } from './vars.js';

/** Argo `{{…}}` tags in text: `{{name}}` or `{{=expression}}`. */
const TAG = /\{\{(=?)([\s\S]*?)\}\}/g;

/**
 * `text` with its Argo tags rewritten: parameters inserted, other variables and expressions as
 * `{{ JSONata }}`; a tag without a binding becomes `ARGO_VAR:<tag>` and is passed to `report`.
 */
export function translateText(text: string, scope: VarScope, report: (problem: string, replaced: boolean) => void): string {
  return text.replace(TAG, (_whole, isExpr: string, body: string) => {
    if (isExpr === '=') {
      const parsed = parseArgoExpression(body, scope);
      if (parsed.ok) return `{{ ${printJExpr(parsed.expr)} }}`;
      report(`the expression {{=${body.trim()}}} (${parsed.reason})`, true);
      return `ARGO_EXPR:${body.trim().replace(/\s+/g, '_')}`;
    }
    const resolved = resolveVar(body, scope);
    if (resolved.kind === 'text') return resolved.text;
    if (resolved.kind === 'expr') {
      if (resolved.note) report(resolved.note, false);
      return `{{ ${printJExpr(resolved.expr)} }}`;
    }
    report(resolved.reason, true);
    return `ARGO_VAR:${body.trim()}`;
  });
}


/** `text` as plain Flowsmith text: each `{{` written as the template `{{ "{{" }}` (engine/expr/templates.ts). */
export function literalText(text: string): string {
  return text.replace(/\{\{/g, '{{ "{{" }}');
}
