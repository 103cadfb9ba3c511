/**
 * Files that are not UTF-8 (issue #11 item 13: Latin-1 and UTF-16 files were misreported, as a
 * bad name or "not a mapping"). Flow files must be UTF-8. `bytesEncodingProblem` looks at a file's
 * bytes before they are decoded and names what the file really is: UTF-16 or UTF-32 (byte order
 * mark, or the NUL bytes of ASCII text in them), or single-byte Latin-1 / Windows-1252 (bytes that
 * are not UTF-8, with the character they stand for there). `encodingProblem` does its best from
 * text already decoded as UTF-8 (UTF-16's NULs survive decoding; Latin-1's bytes become U+FFFD),
 * for callers that only have the text. Either way FS029 says what the file is and to re-save it.
 */

/** What is wrong with a file's encoding, where it shows first (offset in the text), and how bad. */
export interface EncodingProblem {
  message: string;
  /** Offset of the first sign in the UTF-8-decoded text (for line:col). */
  offset: number;
  /** error: the text is unreadable as UTF-8 (UTF-16/32, binary); warning: some bytes are not UTF-8. */
  severity: 'error' | 'warning';
  /** The encoding the bytes look like, e.g. `UTF-16LE`, `Windows-1252`; undefined when unknown. */
  encoding?: string;
}

const RESAVE = 'save it as UTF-8 (in most editors: "Save with encoding" → UTF-8)';

/**
 * The encoding problem of a file's raw `bytes`, or undefined when they are UTF-8 (a UTF-8 byte
 * order mark is fine). Checked in this order: byte order marks, the NUL pattern of UTF-16/32 text,
 * then UTF-8 validity; bytes that are not UTF-8 are read as Windows-1252 when one is in 0x80–0x9F
 * (curly quotes, €), else as Latin-1 (ISO-8859-1).
 */
export function bytesEncodingProblem(bytes: Uint8Array): EncodingProblem | undefined {
  const wide = wideEncoding(bytes);
  if (wide) return { severity: 'error', offset: 0, encoding: wide.name, message: `the file is ${wide.name} (${wide.why}), not UTF-8: ${RESAVE}` };
  const bad = firstNonUtf8(bytes);
  if (bad === undefined) return undefined;
  if (bytes[bad] === 0) return nulProblem(utf8Offset(bytes, bad));
  const isWindows = bytes.some((b) => b >= 0x80 && b <= 0x9f);
  const encoding = isWindows ? 'Windows-1252' : 'Latin-1 (ISO-8859-1)';
  const byte = bytes[bad]!;
  const char = isWindows ? new TextDecoder('windows-1252').decode(bytes.subarray(bad, bad + 1)) : String.fromCharCode(byte);
  return {
    severity: 'warning',
    offset: utf8Offset(bytes, bad),
    encoding,
    message: `the file is not UTF-8 here: byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} is "${char}" in ${encoding}, which the file looks like (it reads as �); ${RESAVE}`,
  };
}

/**
 * The encoding problem of `text` that was decoded as UTF-8 (the bytes are gone): NUL characters in
 * the pattern of UTF-16 or UTF-32 text make it unreadable (error, naming the encoding); U+FFFD marks
 * bytes that were not UTF-8 (a Latin-1 or Windows-1252 "é"), which leaves the rest readable
 * (warning; U+FFFD is also a character a UTF-8 file may hold on purpose). Undefined otherwise.
 */
export function encodingProblem(text: string): EncodingProblem | undefined {
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    // A byte order mark decoded as UTF-8 is U+FFFD U+FFFD (FF FE, FE FF) before the NUL pattern.
    const wide = wideEncoding(Uint8Array.from(text.replace(/^\uFFFD\uFFFD/, ''), (c) => c.charCodeAt(0) & 0xff));
    if (wide) return { severity: 'error', offset: nul, encoding: wide.name, message: `the file is ${wide.name} (${wide.why}), not UTF-8: ${RESAVE}` };
    return nulProblem(nul);
  }
  const bad = text.indexOf('\uFFFD');
  if (bad !== -1) {
    return { offset: bad, severity: 'warning', message: `the file is not valid UTF-8 here (a Latin-1 or Windows-1252 "é"? it reads as �); ${RESAVE}` };
  }
  return undefined;
}

function nulProblem(offset: number): EncodingProblem {
  return { offset, severity: 'error', message: `the file holds NUL characters: it is binary, or text in an encoding other than UTF-8; ${RESAVE}` };
}

/** UTF-16 or UTF-32 by byte order mark, or by where ASCII text's NUL bytes fall (first 4 KiB). */
function wideEncoding(bytes: Uint8Array): { name: string; why: string } | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return { name: 'UTF-32LE', why: 'byte order mark FF FE 00 00' };
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return { name: 'UTF-32BE', why: 'byte order mark 00 00 FE FF' };
  if (a === 0xff && b === 0xfe) return { name: 'UTF-16LE', why: 'byte order mark FF FE' };
  if (a === 0xfe && b === 0xff) return { name: 'UTF-16BE', why: 'byte order mark FE FF' };
  const n = Math.min(bytes.length, 4096) & ~3;
  if (n < 4) return undefined;
  const zeros = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) if (bytes[i] === 0) zeros[i % 4]! += 1;
  const quarter = n / 4;
  // ASCII in UTF-32: three NULs per character; in UTF-16: one, on the odd (LE) or even (BE) byte.
  const most = (k: number) => zeros[k]! > quarter * 0.9;
  const few = (k: number) => zeros[k]! < quarter * 0.1;
  if (few(0) && most(1) && most(2) && most(3)) return { name: 'UTF-32LE', why: 'three NUL bytes after each ASCII character' };
  if (most(0) && most(1) && most(2) && few(3)) return { name: 'UTF-32BE', why: 'three NUL bytes before each ASCII character' };
  if (few(0) && few(2) && most(1) && most(3)) return { name: 'UTF-16LE', why: 'a NUL byte after each ASCII character' };
  if (most(0) && most(2) && few(1) && few(3)) return { name: 'UTF-16BE', why: 'a NUL byte before each ASCII character' };
  return undefined;
}

/** Index of the first byte that starts an invalid or NUL UTF-8 sequence, or undefined. */
function firstNonUtf8(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0) return i;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    for (let k = 1; k < len; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    const second = bytes[i + 1]!;
    // Overlong forms, surrogates and code points past U+10FFFF.
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f) || (b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return i;
    i += len;
  }
  return undefined;
}

/** The offset in the UTF-8 decoding of `bytes` of byte `index` (everything before it is valid UTF-8). */
function utf8Offset(bytes: Uint8Array, index: number): number {
  return new TextDecoder('utf-8').decode(bytes.subarray(0, index)).length;
}
