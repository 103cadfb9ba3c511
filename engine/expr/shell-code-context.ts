/**
 * Where a `{{ }}` template stands in a POSIX sh command, in the words people read: its quoting
 * context, and the bash construct that would evaluate its value as code (issue #11 item 4). Types
 * plus the one message both validate (FS027) and the runtime give.
 */

/** Where a template sits in POSIX sh syntax, which decides how its reference is quoted. */
export type ShellContext = 'plain' | 'single' | 'double' | 'heredoc' | 'quotedHeredoc';

/**
 * A bash construct that evaluates the text of a value as code: arithmetic (`$(( ))`, `(( ))`,
 * `$[ ]`, `let`, array subscripts, `${name:offset:length}`, the value of a `declare -i`/`typeset -i`
 * variable, then and later) evaluates `a[$(cmd)]` by running cmd, and `[[ ]]` evaluates the
 * operands of `-eq`, `-lt`… the same way (issue #11 item 4); a variable name that `declare`,
 * `typeset`, `local`, `readonly`, `export` or `printf -v` assigns evaluates its subscript
 * (`printf -v 'a[$(cmd)]'`). dash refuses these values, bash (and /bin/sh on macOS) runs them, so a
 * template there is refused whatever the shell: no quoting can make a value inert once bash reads
 * it as an arithmetic expression.
 */
export type CodeContext =
  | '$(( ))'
  | '(( ))'
  | '$[ ]'
  | 'let'
  | '[[ ]]'
  | 'an array subscript'
  | '${name:offset:length}'
  | 'declare -i'
  | 'an integer variable'
  | 'printf -v'
  | 'a declared name';

/** Where one template stands: its quoting context, and the code context that evaluates it, if any. */
export interface ShellSite {
  context: ShellContext;
  evaluatedAs?: CodeContext;
}

/**
 * Why a template may not stand in a code context: one sentence for the finding (FS027) and the
 * runtime error, with what to do instead. Numeric expressions (expr/numeric.ts) may stand there.
 */
export function codeContextMessage(template: string, where: CodeContext): string {
  const instead =
    where === '[[ ]]'
      ? 'compare in the expression ({{ $input.n > 3 }} gives true/false) or with [ ] or case, which read values as text'
      : where === 'printf -v' || where === 'a declared name'
        ? 'assign to a fixed variable name and insert the value as an argument'
        : where === 'declare -i' || where === 'an integer variable'
          ? 'declare the variable without -i, or do the arithmetic in the expression ({{ $number($input.n) + 1 }})'
          : 'do the arithmetic in the expression ({{ $number($input.n) + 1 }}) and insert its result outside the arithmetic';
  return `${template} stands inside ${where}, where bash evaluates a value as code (a[$(cmd)] runs cmd); only a numeric expression such as {{ $number($input.n) }} may stand there; or ${instead}`;
}

/** A stretch of a command that bash evaluates as code because of the command word it belongs to. */
export interface CodeRange {
  start: number;
  end: number;
  kind: CodeContext;
}
