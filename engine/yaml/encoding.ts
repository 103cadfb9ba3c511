/**
 * Files that are not UTF-8 (issue #11 item 13: Latin-1 and UTF-16 files were misreported, as a
 * bad name or "not a mapping"). Every reader decodes flow and source files as UTF-8, which turns
 * each invalid byte into U+FFFD and UTF-16's zero bytes into NUL characters; this spots both in the
 * decoded text, so every path (validate, run, the designer, import) says what is wrong instead.
 */

/**
 * What is wrong with the encoding of decoded `text`, the offset of the first sign, and how bad:
 * NUL characters (UTF-16, binary) make the text unreadable (error); U+FFFD marks bytes that were
 * not UTF-8 (Latin-1 "é"), which leaves the rest readable (warning), and is also a character a
 * UTF-8 file may hold on purpose. Undefined when the text shows neither.
 */
export function encodingProblem(text: string): { message: string; offset: number; severity: 'error' | 'warning' } | undefined {
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    return { offset: nul, severity: 'error', message: 'the file holds NUL characters: it looks like UTF-16 (or binary), not UTF-8 text; save it as UTF-8' };
  }
  const bad = text.indexOf('\uFFFD');
  if (bad !== -1) {
    return { offset: bad, severity: 'warning', message: 'the file is not valid UTF-8 here (a Latin-1 or Windows-1252 "é"? it reads as �); save it as UTF-8' };
  }
  return undefined;
}
