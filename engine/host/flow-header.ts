/** Reading a flow file's identity (name, title, description) without parsing its steps. */

/**
 * The part of a flow file before its top-level `steps:` (name, title, description live there in
 * every file Flowsmith writes, FLOW_KEY_ORDER), so listing a workspace of 1,000-step flows does not
 * parse every step (issue #8 point 6). A file without `flowsmith:` and `name:` before its steps is
 * parsed whole.
 */
export function flowHeader(text: string): string {
  const at = text.search(/^steps[ \t]*:/m);
  if (at <= 0) return text;
  const head = text.slice(0, at);
  return /^flowsmith[ \t]*:/m.test(head) && /^name[ \t]*:/m.test(head) ? head : text;
}

/**
 * The top-level `origin:` entry of a flow file as YAML text of its own, or null when the file has
 * none. Imports write `origin` after `steps:` (it is not in FLOW_KEY_ORDER), so opening a 1,000-step
 * flow for the designer decides trust from this entry without parsing the steps (issue #8 point 6).
 * Hiding `origin` (a quoted key, flow style) gains nothing: a file without it is simply not imported.
 */
export function originEntry(text: string): string | null {
  const found = /^origin[ \t]*:/m.exec(text);
  if (!found) return null;
  const lineEnd = text.indexOf('\n', found.index);
  if (lineEnd < 0) return text.slice(found.index);
  // The entry runs to the next line that starts a top-level key (not indented, not a comment).
  const next = text.slice(lineEnd + 1).search(/^[^\s#]/m);
  return next < 0 ? text.slice(found.index) : text.slice(found.index, lineEnd + 1 + next);
}
