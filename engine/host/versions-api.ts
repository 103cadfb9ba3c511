/**
 * The HostApi methods of issue #12 part 3 (engine/host/api.ts): publish a flow file as a numbered
 * version, list versions and release records, diff two versions or a version and the working
 * document, and the release record an export written through writeExport leaves. Semantics in
 * engine/versions/versions.ts; files are confined like every HostApi file access (file-access.ts).
 * Errors: VersionError (code NO_VERSIONS, NO_SUCH_VERSION, BAD_VERSION, NOT_A_FLOW,
 * NO_WORKING_FILE) and FileAccessError, as HostErrors with their code.
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { ExportTarget } from '../export/types.js';
import type { RunService } from '../service/run-service.js';
import { validateText } from '../validate/index.js';
import type { ReleaseInfo } from '../versions/types.js';
import {
  diffVersions,
  flowNameOf,
  lastPublishedPath,
  listReleases,
  listVersions,
  publishText,
  recordRelease,
  VersionError,
} from '../versions/versions.js';
import type { HostApi } from './api.js';
import type { FileAccess } from './file-access.js';

type VersionsApi = Pick<HostApi, 'publishVersion' | 'listVersions' | 'diffVersions' | 'listReleases'> & {
  /**
   * After writeExport wrote `text` to `output`: records a release when `text` is the export to `to`
   * of the flow file at `from` (confined) and that file's text is a published version; else null.
   */
  releaseOf(from: string, to: ExportTarget, output: string, text: string): Promise<ReleaseInfo | null>;
};

/** The OS user name: the author of versions and releases made in the designer. */
function osUser(): string {
  try {
    return process.env.FLOWSMITH_USER ?? (userInfo().username || 'designer');
  } catch {
    return 'designer';
  }
}

/** Builds the versions methods over the run service's store; `access` confines the files read. */
export function createVersionsApi(service: RunService, access: FileAccess): VersionsApi {
  const journal = service.journal;

  /** The text of a flow file HostApi may read, with its absolute path. */
  const readFlow = (path: string): { path: string; text: string } => {
    const file = access.readable(path);
    try {
      return { path: file.path, text: readFileSync(file.real, 'utf8') };
    } catch (err) {
      throw new Error(`cannot read ${file.path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  };

  /** `path` (absolute) when HostApi may read it and it exists, else null: a version published from elsewhere has no working file here. */
  const readableOrNull = (path: string): string | null => {
    try {
      return access.readable(path, { missing: 'null' })?.path ?? null;
    } catch {
      return null;
    }
  };

  /** The flow a request names: `flow` (a name) or the file at `path` (its `name:`). */
  const flowOf = (p: { flow?: string; path?: string }): { name: string; file?: { path: string; text: string } } => {
    if (p.path !== undefined) {
      const file = readFlow(p.path);
      return { name: flowNameOf(file.text, file.path), file };
    }
    if (p.flow) return { name: p.flow };
    throw new VersionError('NOT_A_FLOW', 'name the flow (flow) or its file (path)');
  };

  return {
    async publishVersion({ path, note }) {
      const file = readFlow(path);
      return publishText(journal, { text: file.text, path: file.path, note: note ?? '', author: osUser(), at: Date.now() });
    },
    async listVersions(p) {
      return listVersions(journal, flowOf(p).name);
    },
    async diffVersions({ flow, path, from, to, text }) {
      const target = flowOf({ ...(flow !== undefined ? { flow } : {}), ...(path !== undefined ? { path } : {}) });
      let working = target.file;
      if (working && text !== undefined) working = { path: working.path, text };
      if (!working) {
        // By name: the working file is the one its latest version came from, when HostApi may read it.
        const last = lastPublishedPath(journal, target.name);
        const readable = last === undefined ? null : readableOrNull(last);
        if (readable) working = text !== undefined ? { path: readable, text } : readFlow(readable);
      }
      return diffVersions(journal, { flow: target.name, from, to: to ?? 'working', ...(working ? { working } : {}) });
    },
    async listReleases(p) {
      return listReleases(journal, flowOf(p).name);
    },
    async releaseOf(from, to, output, text) {
      const source = readFlow(from);
      const { loaded, findings } = validateText(source.text, source.path);
      if (!loaded.flow || findings.some((f) => f.severity === 'error')) return null;
      // The document written must be this file's export: an edited, unsaved document is no release.
      const { exportFlow } = await import('../export/index.js');
      const result = exportFlow(loaded.flow, to);
      const trimmed = (s: string) => s.replace(/\s+$/, '');
      if (trimmed(result.text) !== trimmed(text)) return null;
      return recordRelease(journal, { text: source.text, target: to, output, findings: result.findings, by: osUser(), at: Date.now() });
    },
  };
}
