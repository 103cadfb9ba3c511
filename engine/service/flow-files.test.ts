/**
 * The run path names a flow file's real encoding (issue #11 item 13): loadValidFlow reads bytes, so
 * a UTF-16 file is refused as UTF-16 and a Latin-1 one runs with a warning that names Latin-1.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FlowInvalidError, loadValidFlow } from './flow-files.js';

const dir = mkdtempSync(join(tmpdir(), 'fs-flow-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const flow = 'flowsmith: "1.0"\nname: caf\u00e9\ntitle: "Caf\u00e9"\nstart: a\nsteps: {a: {type: succeed}}\n';

describe('loadValidFlow and file encodings', () => {
  it('refuses a UTF-16 file as UTF-16, saying to save it as UTF-8', () => {
    const file = join(dir, 'wide.yaml');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(flow, 'utf16le')]));
    const error = (() => {
      try {
        loadValidFlow(file);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(FlowInvalidError);
    expect((error as FlowInvalidError).findings).toEqual([expect.objectContaining({ code: 'FS029', file, line: 1, col: 1, message: expect.stringMatching(/^the file is UTF-16LE \(byte order mark FF FE\), not UTF-8: save it as UTF-8/) as unknown })]);
  });

  it('names Latin-1 in the warning of a file it still reads', () => {
    const file = join(dir, 'latin.yaml');
    writeFileSync(file, Buffer.from(flow.replace('name: caf\u00e9', 'name: cafe'), 'latin1'));
    const { findings } = loadValidFlow(file);
    expect(findings).toEqual([expect.objectContaining({ code: 'FS029', severity: 'warning', line: 3, col: 12, message: expect.stringMatching(/byte 0xE9 is "é" in Latin-1/) as unknown })]);
  });
});
