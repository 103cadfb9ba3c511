/**
 * Flow files on disk: read with positions for findings, save with comments preserved (save.ts),
 * written atomically so a crash or a full disk never leaves half a flow behind.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Flow } from '../model/flow.js';
import { MAX_FILE_BYTES } from '../model/limits.js';
import { loadFlowText, type LoadedFlow } from './load.js';
import { documentToText, flowToText, updateDocument } from './save.js';

/** Test seam for writeFileAtomic: runs after the temp file is written and synced, before the rename. */
export interface AtomicWriteHooks {
  beforeRename?(tempPath: string): void | Promise<void>;
}

/**
 * Reads and parses a flow file (UTF-8; any other encoding is FS029, named). Parse problems come back as findings in `loaded`; throws
 * `Error` naming the path when the file is missing, unreadable or a folder. A file larger than
 * MAX_FILE_BYTES is still read whole, and loadFlowText reports it (FS002).
 */
export async function readFlowFile(path: string): Promise<{ text: string; loaded: LoadedFlow }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new Error(`cannot read flow file ${path}: ${describeFsError(error)}`, { cause: error });
  }
  // Decoded as UTF-8; the bytes let FS029 name a UTF-16 or Latin-1 file as such (encoding.ts).
  const text = bytes.toString('utf8');
  return { text, loaded: loadFlowText(text, path, bytes) };
}

/**
 * Saves `flow` to `path` and returns the text written. When the file exists and parses, the change
 * is applied onto its Document (comments and key order survive); when it is missing, or so broken
 * that it has no Document to edit, the flow is written fresh with flowToText (the model wins, as the
 * user asked to save it). When the flow equals what the file already holds, the file is left as is
 * and its text returned. Written with writeFileAtomic; throws `Error` naming the path on failure.
 */
export async function saveFlowFile(path: string, flow: Flow, hooks?: AtomicWriteHooks): Promise<string> {
  const existing = await readExisting(path);
  let text: string;
  if (existing && existing.loaded.flow !== null && sameJson(existing.loaded.flow, flow)) {
    // Nothing changed: keep the file as the user wrote it (yaml would re-space aligned values).
    return existing.text;
  }
  if (existing && existing.loaded.flow !== null) {
    updateDocument(existing.loaded.doc, flow);
    text = documentToText(existing.loaded.doc);
    // yaml prints LF; keep a Windows file's CRLF so the whole file does not show as changed.
    if (existing.text.includes('\r\n')) text = text.replaceAll('\n', '\r\n');
  } else {
    text = flowToText(flow);
  }
  await writeFileAtomic(path, text, hooks);
  return text;
}

/**
 * Writes `text` (UTF-8) to `path` atomically: a temp file in the same folder, fsync, rename over the
 * target, then fsync of the folder where the platform allows it. Keeps an existing file's mode. On
 * any failure the old file is untouched, the temp file is removed and an `Error` naming the path is
 * thrown.
 */
export async function writeFileAtomic(path: string, text: string, hooks?: AtomicWriteHooks): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const mode = await stat(path).then((s) => s.mode & 0o777, () => 0o644);
  try {
    const handle = await open(temp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, mode);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await hooks?.beforeRename?.(temp);
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw new Error(`cannot save ${path}: ${describeFsError(error)}`, { cause: error });
  }
  await syncFolder(dirname(path));
}

async function readExisting(path: string): Promise<{ text: string; loaded: LoadedFlow } | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read flow file ${path} before saving: ${describeFsError(error)}`, { cause: error });
  }
  return text.length > MAX_FILE_BYTES ? undefined : { text, loaded: loadFlowText(text, path) };
}

/** Deep equality of JSON data, ignoring `undefined` members as the saved YAML would. */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Makes the rename durable; folders cannot be opened for fsync on Windows, where this is skipped. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, constants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: the file itself is already synced and renamed.
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder; check the path';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied; check the file and folder permissions';
    case 'EISDIR':
      return 'it is a folder, not a flow file';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
