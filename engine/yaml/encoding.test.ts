/**
 * FS029 names the encoding a flow file is really in and says to re-save it as UTF-8 (issue #11
 * item 13): UTF-16/32 by byte order mark or NUL pattern, Latin-1 and Windows-1252 by the first byte
 * that is not UTF-8, both from raw bytes and (as far as it goes) from text already decoded as UTF-8.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateText } from '../validate/index.js';
import { bytesEncodingProblem, encodingProblem } from './encoding.js';
import { readFlowFile } from './files.js';

const flow = 'flowsmith: "1.0"\nname: café\nstart: a\nsteps: {a: {type: succeed}}\n';
const bom = (b: number[], text: Buffer) => Buffer.concat([Buffer.from(b), text]);
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
const utf32le = (s: string) => Buffer.from([...s].flatMap((c) => { const n = c.codePointAt(0)!; return [n & 0xff, (n >> 8) & 0xff, n >> 16, 0]; }));

describe('bytesEncodingProblem', () => {
  it.each([
    ['UTF-16LE with a byte order mark', bom([0xff, 0xfe], Buffer.from(flow, 'utf16le')), 'UTF-16LE', /byte order mark FF FE/],
    ['UTF-16BE with a byte order mark', bom([0xfe, 0xff], utf16be(flow)), 'UTF-16BE', /byte order mark FE FF/],
    ['UTF-16LE without one', Buffer.from(flow, 'utf16le'), 'UTF-16LE', /a NUL byte after each ASCII character/],
    ['UTF-16BE without one', utf16be(flow), 'UTF-16BE', /a NUL byte before each ASCII character/],
    ['UTF-32LE with a byte order mark', bom([0xff, 0xfe, 0, 0], utf32le(flow)), 'UTF-32LE', /byte order mark FF FE 00 00/],
    ['UTF-32LE without one', utf32le(flow), 'UTF-32LE', /three NUL bytes after each/],
  ])('names %s, as an error', (_what, bytes, encoding, why) => {
    const p = bytesEncodingProblem(bytes)!;
    expect(p).toMatchObject({ severity: 'error', encoding, offset: 0 });
    expect(p.message).toMatch(why);
    expect(p.message).toMatch(new RegExp(`^the file is ${encoding} .*not UTF-8: save it as UTF-8`));
  });

  it('names Latin-1 and the character its byte stands for, as a warning at that byte', () => {
    const p = bytesEncodingProblem(Buffer.from(flow, 'latin1'))!;
    expect(p).toMatchObject({ severity: 'warning', encoding: 'Latin-1 (ISO-8859-1)', offset: flow.indexOf('é') });
    expect(p.message).toBe('the file is not UTF-8 here: byte 0xE9 is "é" in Latin-1 (ISO-8859-1), which the file looks like (it reads as �); save it as UTF-8 (in most editors: "Save with encoding" → UTF-8)');
  });

  it('names Windows-1252 when a byte is one of its own (curly quotes, €)', () => {
    const bytes = Buffer.concat([Buffer.from('name: caf', 'latin1'), Buffer.from([0xe9]), Buffer.from(' ', 'latin1'), Buffer.from([0x93, 0x61, 0x94])]);
    const p = bytesEncodingProblem(bytes)!;
    expect(p).toMatchObject({ severity: 'warning', encoding: 'Windows-1252', offset: 9 });
    expect(p.message).toMatch(/byte 0xE9 is "é" in Windows-1252/);
  });

  it('accepts UTF-8, with or without its byte order mark, and a U+FFFD written on purpose', () => {
    expect(bytesEncodingProblem(Buffer.from(flow, 'utf8'))).toBeUndefined();
    expect(bytesEncodingProblem(bom([0xef, 0xbb, 0xbf], Buffer.from(flow, 'utf8')))).toBeUndefined();
    expect(bytesEncodingProblem(Buffer.from('name: \uFFFD\n', 'utf8'))).toBeUndefined();
  });

  it('refuses overlong forms and surrogates, and reports NUL bytes in binary', () => {
    expect(bytesEncodingProblem(Buffer.from([0x61, 0xc0, 0xaf]))).toMatchObject({ offset: 1, severity: 'warning' });
    expect(bytesEncodingProblem(Buffer.from([0x61, 0xed, 0xa0, 0x80]))).toMatchObject({ offset: 1 });
    expect(bytesEncodingProblem(Buffer.from([0x61, 0x62, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05]))).toMatchObject({ severity: 'error', offset: 2, message: expect.stringMatching(/NUL characters/) as unknown });
  });
});

describe('encodingProblem (text already decoded as UTF-8)', () => {
  it('still names UTF-16 from the NULs that survive decoding', () => {
    expect(encodingProblem(bom([0xff, 0xfe], Buffer.from(flow, 'utf16le')).toString('utf8'))).toMatchObject({ severity: 'error', encoding: 'UTF-16LE' });
    expect(encodingProblem(utf16be(flow).toString('utf8'))).toMatchObject({ severity: 'error', encoding: 'UTF-16BE' });
  });

  it('can only guess at single-byte encodings, whose bytes became U+FFFD', () => {
    expect(encodingProblem(Buffer.from(flow, 'latin1').toString('utf8'))?.message).toMatch(/Latin-1 or Windows-1252 .*save it as UTF-8/);
  });
});

describe('FS029 where flow files are read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fs-encoding-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('readFlowFile and validateText with the bytes name the encoding, at line:col', async () => {
    const file = join(dir, 'latin.yaml');
    writeFileSync(file, Buffer.from(flow, 'latin1'));
    const { loaded } = await readFlowFile(file);
    expect(loaded.findings).toEqual([expect.objectContaining({ code: 'FS029', severity: 'warning', line: 2, col: 10, file, message: expect.stringMatching(/"é" in Latin-1/) as unknown })]);

    const utf16 = bom([0xff, 0xfe], Buffer.from(flow, 'utf16le'));
    const found = validateText(utf16.toString('utf8'), 'f.yaml', utf16).findings;
    expect(found).toEqual([expect.objectContaining({ code: 'FS029', severity: 'error', line: 1, col: 1, message: expect.stringMatching(/^the file is UTF-16LE \(byte order mark FF FE\), not UTF-8: save it as UTF-8/) as unknown })]);
  });
});
