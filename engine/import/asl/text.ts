/**
 * Text that goes into native flow fields as it is: every string of a flow is read for `{{ expr }}`
 * templates (DESIGN.md "Expressions"), so a literal `{{` from an ASL document is written
 * `{{ "{{" }}` (engine/expr/templates.ts); and shell words are single-quoted so that `${Name}`
 * deploy-time placeholders and JSON reach the command unchanged.
 */

/** `text` with each literal `{{` written as the template `{{ "{{" }}`. */
export function escapeTemplates(text: string): string {
  return text.replace(/\{\{/g, '{{ "{{" }}');
}

/** `text` as one POSIX shell word in single quotes (`'` written as `'\''`), templates escaped. */
export function shellQuote(text: string): string {
  return `'${escapeTemplates(text).replace(/'/g, `'\\''`)}'`;
}
