/**
 * Text that goes into native flow fields as it is: every string of a flow is read for `{{ expr }}`
 * templates (DESIGN.md "Expressions"), so a literal `{{` from an ASL document is written
 * `{{ "{{" }}` (engine/expr/templates.ts); and shell words are single-quoted so that `${Name}`
 * deploy-time placeholders and JSON reach the command unchanged.
 */

export { escapeTemplates, shellWord as shellQuote } from '../shell-text.js';
