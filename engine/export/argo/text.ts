/**
 * Flowsmith text with `{{ expr }}` templates (DESIGN.md "Expressions") rewritten for Argo: each
 * template becomes an Argo variable or `{{= … }}` expression (expr-print.ts). In shell commands the
 * values travel in environment variables (FLOWSMITH_ARG_n) that the script only references, as the
 * native shell executor does (engine/expr/shell.ts), so a value is never parsed as code.
 * An expression outside the subset becomes a visible `[untranslated: …]` marker plus an FS121 finding.
 */
import { parseJsonataSubset } from '../../expr/subset.js';
import { findTemplates } from '../../expr/templates.js';
import type { Json, StepId } from '../../model/flow.js';
import { ArgoExportCode } from './codes.js';
import type { ExportContext, Scope } from './context.js';
import { printTemplateValue, printWhen } from './expr-print.js';
import { resolverFor } from './refs.js';
import { shellContexts, shellReference } from './shell-context.js';
import { ARG_PREFIX } from '../../interop/argo/conventions.js';

/** Rewrites the templates of one step's strings; findings name `step`. */
export class TextRewriter {
  constructor(
    private readonly ctx: ExportContext,
    private readonly scope: Scope,
    private readonly step: StepId,
  ) {}

  /** `text` with every `{{ expr }}` replaced by its Argo form. */
  text(text: string): string {
    let out = '';
    let last = 0;
    for (const t of findTemplates(text)) {
      out += text.slice(last, t.start) + this.value(t.expr);
      last = t.end;
    }
    return out + text.slice(last);
  }

  /** Every string inside a JSON value rewritten with text(). */
  json(value: Json): Json {
    if (typeof value === 'string') return this.text(value);
    if (Array.isArray(value)) return value.map((v) => this.json(v));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.json(v)]));
    }
    return value;
  }

  /** A shell command whose templates read FLOWSMITH_ARG_n, and the env entries that set them. */
  shell(command: string): { source: string; env: { name: string; value: string }[] } {
    const templates = findTemplates(command);
    const contexts = shellContexts(command, templates);
    const env: { name: string; value: string }[] = [];
    let source = '';
    let last = 0;
    templates.forEach((t, n) => {
      const name = `${ARG_PREFIX}${n}`;
      env.push({ name, value: this.value(t.expr) });
      source += command.slice(last, t.start) + shellReference(name, contexts[n] ?? 'plain');
      last = t.end;
    });
    return { source: source + command.slice(last), env };
  }

  /**
   * A `when` for a JSONata condition. When it has no Argo form, the result is the marker
   * `[untranslated: …]`, which Argo fails to evaluate: the path then stops with an error instead of
   * being taken or skipped by a guess (FS121 says to rewrite it by hand).
   */
  condition(expr: string, what: string): string {
    const parsed = parseJsonataSubset(expr);
    const printed = parsed.ok ? printWhen(parsed.expr, resolverFor(this.ctx, this.scope)) : parsed;
    if (printed.ok) return printed.text;
    this.ctx.report(
      ArgoExportCode.expression,
      this.step,
      `${what} "${expr}" cannot be written as an Argo condition (${printed.reason}); it was written as "[untranslated: …]", which fails in Argo until you rewrite it by hand`,
    );
    return `[untranslated: ${expr}]`;
  }

  private value(expr: string): string {
    const parsed = parseJsonataSubset(expr);
    const printed = parsed.ok ? printTemplateValue(parsed.expr, resolverFor(this.ctx, this.scope)) : parsed;
    if (printed.ok) return printed.text;
    this.ctx.report(ArgoExportCode.expression, this.step, `{{ ${expr} }} cannot be written for Argo (${printed.reason}); it was replaced by the text "[untranslated: ${expr}]"`);
    return `[untranslated: ${expr}]`;
  }
}
