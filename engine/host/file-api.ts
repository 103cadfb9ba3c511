/**
 * The HostApi file methods of issue #8 point 4 (engine/host/api.ts): the workspace tree, reading
 * and saving a document's text, New, and copying a template into the workspace before it is edited.
 * Every path goes through FileAccess (file-access.ts), so nothing reaches a file outside the
 * workspace, the templates (read-only) or a path the user picked.
 */
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parse } from 'yaml';
import { flowNameFrom } from '../model/new-flow.js';
import type { Flow } from '../model/flow.js';
import { scenarioPathFor } from '../simulate/scenario-file.js';
import { validateText } from '../validate/index.js';
import { writeFileAtomic } from '../yaml/files.js';
import { flowHeader as headerText } from './flow-header.js';
import { MAX_FILE_BYTES } from '../yaml/limits.js';
import type { HostApi, WorkspaceEntry } from './api.js';
import { FileAccess, FileAccessError } from './file-access.js';

/** Bounds of listFiles: a workspace may be a home folder or a monorepo. */
export const LIST_LIMITS = { depth: 12, entriesSeen: 20_000, flows: 2_000 } as const;

/** Folders never listed besides dot folders: dependencies, where flows do not live and files are many. */
const SKIPPED_FOLDERS = new Set(['node_modules']);

type FileApi = Pick<HostApi, 'listFiles' | 'saveFlowText' | 'copyTemplate'>;

/** The flow's name and title when `path` is a flow file (has `flowsmith`), else null. Never throws. */
function flowHeader(path: string): { flowName: string; title: string } | null {
  try {
    const size = lstatSync(path).size;
    if (size > MAX_FILE_BYTES) return null;
    const doc = parse(headerText(readFileSync(path, 'utf8')), { maxAliasCount: 100 }) as Partial<Flow> | null;
    if (!doc || typeof doc !== 'object' || doc.flowsmith === undefined) return null;
    const flowName = typeof doc.name === 'string' ? doc.name : basename(path);
    return { flowName, title: typeof doc.title === 'string' ? doc.title : flowName };
  } catch {
    return null; // not YAML, unreadable: not listed (opening it directly shows why)
  }
}

/**
 * Lists the flows under `root` as a tree, within LIST_LIMITS. Symlinks are not followed (a link
 * could lead out of the workspace or into a loop). Never throws for unreadable folders.
 */
export function listWorkspaceTree(root: string): { entries: WorkspaceEntry[]; truncated: boolean } {
  let seen = 0;
  let flows = 0;
  let truncated = false;
  const walk = (dir: string, depth: number): WorkspaceEntry[] => {
    let names: string[];
    try {
      names = readdirSync(dir).sort((a, b) => a.localeCompare(b));
    } catch {
      return [];
    }
    const folders: WorkspaceEntry[] = [];
    const files: WorkspaceEntry[] = [];
    for (const name of names) {
      if (++seen > LIST_LIMITS.entriesSeen || flows >= LIST_LIMITS.flows) {
        truncated = true;
        break;
      }
      if (name.startsWith('.')) continue;
      const path = join(dir, name);
      let stat;
      try {
        stat = lstatSync(path);
      } catch {
        continue;
      }
      if (stat.isDirectory()) {
        if (SKIPPED_FOLDERS.has(name)) continue;
        if (depth >= LIST_LIMITS.depth) {
          truncated = true;
          continue;
        }
        const children = walk(path, depth + 1);
        if (children.length > 0) folders.push({ kind: 'folder', name, path, children });
      } else if (stat.isFile() && /\.ya?ml$/i.test(name) && !/\.scenarios\.ya?ml$/i.test(name)) {
        const header = flowHeader(path);
        if (!header) continue;
        flows++;
        files.push({ kind: 'flow', name, path, ...header });
      }
    }
    return [...folders, ...files];
  };
  const entries = walk(root, 0);
  return { entries, truncated };
}

/** `<folder>/<base>.yaml`, or `<base>-2.yaml`, `-3`… : the first name not taken (nor its scenarios file). */
function freeFlowPath(folder: string, base: string): string {
  for (let n = 1; ; n++) {
    const path = join(folder, n === 1 ? `${base}.yaml` : `${base}-${n}.yaml`);
    if (!existsSync(path) && !existsSync(scenarioPathFor(path))) return path;
  }
}

async function readIfPresent(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`cannot read ${path}: ${(err as Error).message}`);
  }
}

function exists(path: string): FileAccessError {
  return new FileAccessError('EXISTS', `${path} already exists; choose another name (or open it)`);
}

/** Builds the file methods over `access` (the engine process's one FileAccess). */
export function createFileApi(access: FileAccess): FileApi {
  /** Resolves a shipped template by name or path; refuses anything else. */
  const templateOf = (template: string) => {
    const candidate = /[\\/]/.test(template) ? template : join(access.templates, `${template}.yaml`);
    const readable = access.readable(candidate);
    if (!readable.isTemplate) throw new FileAccessError('NOT_ALLOWED', `${template} is not a template shipped with Flowsmith; open it instead`);
    return readable;
  };

  return {
    async listFiles() {
      return { root: access.root, ...listWorkspaceTree(access.root) };
    },

    async saveFlowText({ path, text, expectedText }) {
      if (typeof text !== 'string') throw new FileAccessError('NOT_ALLOWED', 'the document text is missing');
      if (Buffer.byteLength(text, 'utf8') > MAX_FILE_BYTES) {
        throw new FileAccessError('NOT_ALLOWED', `the document is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB; split the flow (call) before saving`);
      }
      const abs = access.absolute(path);
      const target = access.writable(abs);
      if (expectedText !== undefined) {
        const current = await readIfPresent(target);
        if (expectedText === null && current !== null) throw exists(abs);
        if (typeof expectedText === 'string' && current !== null && current !== expectedText) {
          throw new FileAccessError(
            'CHANGED_ON_DISK',
            `${basename(abs)} was changed on disk since you opened it; use Save as to keep both, or open it again to see the other change`,
          );
        }
      }
      await writeFileAtomic(target, text);
      return { path: abs, text, findings: validateText(text, abs).findings };
    },

    async copyTemplate({ template, path }) {
      const source = templateOf(template);
      const base = flowNameFrom(basename(source.real));
      const abs = path === undefined ? freeFlowPath(access.root, base) : access.absolute(path);
      const target = access.writable(abs);
      const scenarioTarget = scenarioPathFor(target);
      if (existsSync(target)) throw exists(abs);
      const text = await readFile(source.real, 'utf8');
      await writeFileAtomic(target, text);
      // The scenarios sit beside the flow they test (engine/simulate), so they travel with the copy.
      const scenarios = scenarioPathFor(source.real);
      let scenarioPath: string | null = null;
      if (existsSync(scenarios) && !existsSync(scenarioTarget)) {
        await writeFileAtomic(scenarioTarget, await readFile(scenarios, 'utf8'));
        scenarioPath = join(dirname(abs), basename(scenarioTarget));
      }
      return { path: abs, scenarioPath };
    },
  };
}
