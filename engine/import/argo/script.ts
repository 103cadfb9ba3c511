/**
 * An Argo `script` template (image + command + source; https://argo-workflows.readthedocs.io/en/latest/walk-through/scripts-and-results/)
 * as a task body. A shell source is the command itself; another interpreter reads the source from a
 * heredoc (`python - <<'FLOWSMITH_SCRIPT'`). Argo pastes `{{tags}}` into the source as text; when it
 * has tags, the heredoc is unquoted so the Flowsmith values are expanded, with the source's own `\`,
 * `$` and backquotes escaped. Scripts written by Flowsmith's exporter are read back exactly: their
 * FLOWSMITH_ARG_n environment references become `{{ expr }}` again, and node scripts become
 * `script` steps (engine/export/argo/bodies.ts writes both). Container command lists become POSIX
 * sh words (https://pubs.opengroup.org/onlinepubs/9699919799/utilities/V3_chap02.html#tag_18_02).
 */
import { ARG_PREFIX } from '../../interop/argo/conventions.js';
import type { ShellSpec, TaskBody } from '../../model/flow.js';
import { arr, obj, str, type Obj } from './source.js';

const DELIMITER = 'FLOWSMITH_SCRIPT';
const NODE_HEAD = 'const step = async () => {\n';
const NODE_TAIL = '\n};\nstep().then(';

/** The task body of script template `script`; `text` rewrites Argo tags. */
export function scriptBody(script: Obj, text: (s: string) => string): Pick<TaskBody, 'shell' | 'script'> {
  const words = arr(script['command']).map((w) => str(w) ?? '');
  const base = (words[0] ?? 'sh').split('/').pop() ?? 'sh';
  const source = str(script['source']) ?? '';
  const { env, restore } = readEnv(script, text);
  const image = str(script['image']) ?? '';
  const start = source.indexOf(NODE_HEAD);
  const end = source.lastIndexOf(NODE_TAIL);
  if (base === 'node' && image.startsWith('node') && start !== -1 && end > start) {
    return { script: restore(source.slice(start + NODE_HEAD.length, end)) };
  }
  let command: string;
  let shell: string | undefined;
  if (SHELLS.has(base)) {
    command = restore(text(source));
    shell = shellPath(words[0]!, base);
  } else {
    const interpreter = [...words, '-'].map(quoteWord).join(' ');
    const hasTags = /\{\{/.test(source);
    // Unquoted heredoc only when values must be expanded; then the source's own specials are escaped.
    const body = hasTags ? text(source.replace(/[\\$`]/g, (c) => `\\${c}`)) : source;
    command = `${interpreter} <<${hasTags ? DELIMITER : `'${DELIMITER}'`}\n${restore(body).replace(/\n$/, '')}\n${DELIMITER}`;
  }
  const spec: ShellSpec = { command };
  if (shell !== undefined) spec.shell = shell;
  const cwd = str(script['workingDir']);
  if (cwd !== undefined) spec.cwd = text(cwd);
  if (Object.keys(env).length) spec.env = env;
  return { shell: Object.keys(spec).length === 1 ? command : spec };
}

/**
 * The env entries (values rewritten), and a function that turns `FLOWSMITH_ARG_n` references back
 * into `{{ expr }}`. A reference quoted for its context (`"${X}"`, `'"${X}"'`) loses the quotes
 * Flowsmith's exporter added (engine/export/argo/shell-context.ts). Apply it after rewriting tags.
 */
function readEnv(script: Obj, text: (s: string) => string): { env: Record<string, string>; restore: (s: string) => string } {
  const env: Record<string, string> = {};
  const args: [string, string][] = [];
  for (const entry of arr(script['env'])) {
    const name = str(obj(entry)?.['name']);
    const value = str(obj(entry)?.['value']);
    if (name === undefined || value === undefined) continue;
    const native = text(value);
    if (!name.startsWith(ARG_PREFIX)) env[name] = native;
    else args.push([name, /^\{\{[\s\S]*\}\}$/.test(native) ? native : `{{ ${JSON.stringify(native)} }}`]);
  }
  const restore = (s: string) => {
    let out = s;
    for (const [name, template] of args) {
      for (const form of [`'"\${${name}}"'`, `"\${${name}}"`, `\${${name}}`]) out = out.split(form).join(template);
    }
    return out;
  };
  return { env, restore };
}

/** Shells whose `-c` argument is the command itself. */
export const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);

/** A word for sh: as it is when it has no special characters, else in single quotes. */
export function quoteWord(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The shell to run a command with: undefined for plain sh, else the path (`/bin/bash` for `bash`). */
export function shellPath(word: string, base: string): string | undefined {
  if (base === 'sh') return undefined;
  return word.includes('/') ? word : `/bin/${base}`;
}
