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
