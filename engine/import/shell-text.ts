/**
 * Imported text on its way into a shell command (issue #11 item 3: an ASL Resource written
 * unquoted into `aws <service> <action>` ran `; touch X` once the flow was trusted). Every
 * importer builds the commands it writes itself (placeholders, AWS/kubectl/docker calls) from these
 * helpers, so a name, an ARN, an action, an image or a manifest from the source document is one
 * single-quoted word or a heredoc body that cannot end early, never command text. The commands a
 * source document runs by design (an Argo container's `sh -c` script, a Serverless Workflow
 * `run.shell.command`) stay code: they are what the document asks to run, and an imported flow
 * runs only once a person trusts it (DESIGN.md "Security").
 */

/** `text` with each literal `{{` written as the template `{{ "{{" }}`, so no template appears from data. */
export function escapeTemplates(text: string): string {
  return text.replace(/\{\{/g, '{{ "{{" }}');
}

/**
 * `text` as one POSIX shell word in single quotes (`'` written as `'\''`), templates escaped.
 * Inside single quotes nothing is special to sh or bash: no `$`, backquote, `\` or newline acts.
 */
export function shellWord(text: string): string {
  return `'${escapeTemplates(text).replace(/'/g, `'\\''`)}'`;
}

/** `text` as a word, left bare when it is plainly safe (`s3api`, `get-object`), else shellWord. */
export function shellWordMin(text: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(text) ? text : shellWord(text);
}

/**
 * A quoted heredoc (`<<'WORD'` … `WORD`) holding `body` verbatim: WORD is `preferred`, with a
 * number added until no line of the body equals it (with or without leading tabs), so a line of
 * the body can never end the heredoc and turn the rest into commands. The body is kept as it is:
 * inside a quoted heredoc the shell expands nothing (templates stay literal, engine/expr/shell.ts).
 */
export function quotedHeredoc(body: string, preferred = 'FLOWSMITH_END'): { open: string; body: string; close: string } {
  const lines = new Set(body.split(/\r?\n/).map((l) => l.replace(/^\t+/, '')));
  let word = preferred;
  for (let n = 2; lines.has(word); n++) word = `${preferred}_${n}`;
  return { open: `<<'${word}'`, body, close: word };
}

/** A command that prints `message` on stderr and fails: the body of an importer's placeholder step. */
export function failingCommand(message: string): string {
  return `echo ${shellWord(message)} >&2\nexit 1`;
}
