/**
 * JSONata expressions for flows (DESIGN.md "Expressions"): compile, evaluate with the run's
 * bindings, and `{{ expr }}` templates in strings, JSON bodies and shell commands.
 */
export {
  compileExpression,
  evaluateExpression,
  ExpressionError,
  EXPRESSION_MAX_DEPTH,
  EXPRESSION_TIMEOUT_MS,
  type Bindings,
} from './evaluate.js';
export {
  findTemplates,
  findUnclosedTemplate,
  interpolateJson,
  interpolateString,
  valueToText,
  type TemplateMatch,
} from './templates.js';
export { interpolateEnv, interpolateShell, SHELL_ARG_PREFIX } from './shell.js';
export { interpolateUrl } from './url.js';
