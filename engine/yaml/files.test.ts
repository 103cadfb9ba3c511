import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Flow } from '../model/flow.js';
import { readFlowFile, saveFlowFile, writeFileAtomic } from './files.js';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'flowsmith-files-'));
});
afterEach(async () => {
  await chmod(folder, 0o755).catch(() => undefined);
  await rm(folder, { recursive: true, force: true });
});

const original = '# keep me\nflowsmith: "1.0"\nname: demo # id\nstart: a\nsteps:\n  a: {type: succeed}\n';
const isRoot = process.getuid?.() === 0;

describe('readFlowFile', () => {
  it('reads and parses, with the path on every finding', async () => {
    const path = join(folder, 'bad.yaml');
    await writeFile(path, 'name: [oops\n');
    const { text, loaded } = await readFlowFile(path);
    expect(text).toBe('name: [oops\n');
    expect(loaded.findings[0]).toMatchObject({ code: 'FS001', file: path });
  });

  it('names the path when the file is missing or a folder', async () => {
    const missing = join(folder, 'nope.yaml');
    await expect(readFlowFile(missing)).rejects.toThrow(`cannot read flow file ${missing}: no such file`);
    await expect(readFlowFile(folder)).rejects.toThrow(/it is a folder/);
  });
});

describe('saveFlowFile', () => {
  it('applies the change onto the existing document, keeping its comments', async () => {
    const path = join(folder, 'demo.yaml');
    await writeFile(path, original);
    const { loaded } = await readFlowFile(path);
    const flow = { ...loaded.flow!, title: 'Demo' };
    const text = await saveFlowFile(path, flow);
    expect(text).toBe('# keep me\nflowsmith: "1.0"\nname: demo # id\ntitle: Demo\nstart: a\nsteps:\n  a: {type: succeed}\n');
    expect(await readFile(path, 'utf8')).toBe(text);
    expect(await readdir(folder)).toEqual(['demo.yaml']);
  });

  it('leaves an unchanged file exactly as written', async () => {
    const path = join(folder, 'aligned.yaml');
    const aligned = original.replace('a: {type', 'a:    {type');
    await writeFile(path, aligned);
    const { loaded } = await readFlowFile(path);
    expect(await saveFlowFile(path, loaded.flow!)).toBe(aligned);
    expect(await readFile(path, 'utf8')).toBe(aligned);
  });

  it('keeps CRLF line endings', async () => {
    const path = join(folder, 'windows.yaml');
    await writeFile(path, original.replaceAll('\n', '\r\n'));
    const { loaded } = await readFlowFile(path);
    const text = await saveFlowFile(path, { ...loaded.flow!, title: 'Demo' });
    expect(text).toContain('title: Demo\r\nstart: a\r\n');
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
  });

  it('writes a new file fresh, and replaces a file too broken to edit', async () => {
    const flow = { flowsmith: '1.0', name: 'fresh', start: 'a', steps: { a: { type: 'succeed' } } } as Flow;
    const path = join(folder, 'new.yaml');
    expect(await saveFlowFile(path, flow)).toBe('flowsmith: "1.0"\nname: fresh\nstart: a\nsteps:\n  a:\n    type: succeed\n');
    await writeFile(path, 'steps: [unclosed\n');
    expect(await saveFlowFile(path, flow)).toContain('name: fresh');
  });

  it('keeps the old file and removes the temp file when the write fails', async () => {
    const path = join(folder, 'demo.yaml');
    await writeFile(path, original);
    const { loaded } = await readFlowFile(path);
    let tempSeen = '';
    const failing = {
      beforeRename: async (temp: string) => {
        tempSeen = temp;
        expect((await readdir(folder)).length).toBe(2);
        throw Object.assign(new Error('disk on fire'), { code: 'EIO' });
      },
    };
    await expect(saveFlowFile(path, { ...loaded.flow!, title: 'X' }, failing)).rejects.toThrow(
      `cannot save ${path}: disk on fire`,
    );
    expect(tempSeen).toMatch(/\.demo\.yaml\.[0-9a-f]+\.tmp$/);
    expect(await readFile(path, 'utf8')).toBe(original);
    expect(await readdir(folder)).toEqual(['demo.yaml']);
  });

  // Root ignores folder permissions: as root (CI, containers) the same write runs in a child process
  // as the unprivileged user `nobody`, so the read-only folder is really refused and the test always runs.
  it('keeps the old file when the folder is read-only', async () => {
    const path = join(folder, 'demo.yaml');
    await writeFile(path, original);
    await chmod(path, 0o644);
    await chmod(folder, 0o555);
    if (isRoot) expect(writeAsNobody(path, 'changed')).toMatch(/permission denied/);
    else await expect(writeFileAtomic(path, 'changed')).rejects.toThrow(/permission denied/);
    expect(await readFile(path, 'utf8')).toBe(original);
  });
});

/** writeFileAtomic(path, text) run as uid/gid 65534 (nobody) in a child Node; returns what it printed (its error message, or "written"). */
function writeAsNobody(path: string, text: string): string {
  const module = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), 'files.ts')).href;
  const script = `const { writeFileAtomic } = await import(${JSON.stringify(module)});
try { await writeFileAtomic(${JSON.stringify(path)}, ${JSON.stringify(text)}); console.log('written'); } catch (e) { console.log(e.message); }`;
  const out = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { uid: 65534, gid: 65534, encoding: 'utf8', cwd: fileURLToPath(new URL('../..', import.meta.url)) });
  return `${out.stdout}${out.stderr}`;
}

describe('writeFileAtomic', () => {
  it('keeps the mode of the file it replaces', async () => {
    const path = join(folder, 'script.yaml');
    await writeFile(path, 'a: 1\n', { mode: 0o600 });
    await chmod(path, 0o600);
    await writeFileAtomic(path, 'a: 2\n');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readFile(path, 'utf8')).toBe('a: 2\n');
  });

  it('names the path when the folder does not exist', async () => {
    const path = join(folder, 'missing', 'x.yaml');
    await expect(writeFileAtomic(path, 'x')).rejects.toThrow(`cannot save ${path}: no such file`);
  });
});
