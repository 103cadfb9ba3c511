/**
 * Where each `{{ expr }}` of a shell command stands in POSIX sh syntax, so the exported script
 * references the environment variable carrying its value with the right quoting: the same lexer the
 * runtime uses (engine/expr/shell.ts), so Argo scripts keep Flowsmith's rule that an inserted value
 * is never parsed as code (DESIGN.md "Security").
 */
export { shellContexts, shellReference } from '../../expr/shell.js';
export type { ShellContext } from '../../expr/shell.js';
