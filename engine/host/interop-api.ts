/**
 * The HostApi methods of issue #4 (engine/host/api.ts): export to a production engine, import from
 * one, and trust. Imported flows are never written here: the designer opens them as unsaved
 * documents at a free path in the workspace and saves them with saveFlowText.
 */
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { ExportTarget } from '../export/types.js';
import type { Flow } from '../model/flow.js';
import { validateFlow } from '../validate/index.js';
import { writeFileAtomic } from '../yaml/files.js';
import type { HostApi, ImportedFlowInfo } from './api.js';
import type { Workspace } from './host-api.js';
import type { RunService } from '../service/run-service.js';
import type { FileAccess } from './file-access.js';
import { trustFlowFile, trustOf, type TrustContext } from '../service/trust.js';

type InteropApi = Pick<HostApi, 'writeExport' | 'importText' | 'trustFlow'> & {
  /** exportFlow for the production targets (`to: 'native'` stays in host-api.ts). */
  exportTo(flow: Flow, to: ExportTarget, path: string): ReturnType<HostApi['exportFlow']>;
  /** The trust verdict of the flow file at `path` (absolute) holding `flow`, for openFlow. */
  trustOf(path: string, flow: Flow | null): { trusted: boolean; trustReason: string };
};

/** What writeExport may write: the formats exports are written in (ASL JSON, YAML). */
const EXPORT_EXTENSIONS = ['.json', '.yaml', '.yml'] as const;

/** Who trusts a flow when the designer does not say: FLOWSMITH_USER, else the OS user. */
function hostUser(): string {
  if (process.env.FLOWSMITH_USER) return process.env.FLOWSMITH_USER;
  try {
    return userInfo().username;
  } catch {
    return 'designer';
  }
}

/** `<root>/<name>.yaml`, or `<name>-2.yaml`, `-3`… when taken: where an imported flow is offered to be saved. */
function freePath(root: string, name: string): string {
  const base = /^[a-z0-9][a-z0-9-]*$/.test(name) ? name : 'imported-flow';
  for (let n = 1; ; n++) {
    const path = join(root, n === 1 ? `${base}.yaml` : `${base}-${n}.yaml`);
    if (!existsSync(path)) return path;
  }
}

/** Builds the issue #4 methods over the run service's store, for one workspace. */
export function createInteropApi(service: RunService, workspace: Workspace, access: FileAccess): InteropApi {
  const ctx = (): TrustContext => ({ workspaceRoot: workspace.root, journal: service.journal });

  const imported = async (text: string, name: string, from: ExportTarget | undefined): Promise<ImportedFlowInfo> => {
    // Converters load on first use: they pull in asl-validator and the SW SDK (slow to load).
    const { detectFormat, importFlow: importDocument } = await import('../import/index.js');
    const format = from ?? detectFormat(text);
    if (!format) throw new Error(`cannot tell which format ${name} is; choose AWS Step Functions, Argo Workflows or Serverless Workflow`);
    const result = await importDocument(text, name, format);
    const path = freePath(workspace.root, result.flow.name);
    const verdict = trustOf(path, result.flow, ctx());
    return { ...result, path, trusted: verdict.trusted, trustReason: verdict.reason };
  };

  return {
    async exportTo(flow, to, path) {
      const format = to === 'asl' ? 'json' : 'yaml';
      // Exporters take valid flows only; an invalid one gets its errors back and no document.
      const errors = validateFlow(flow, { file: path }).filter((f) => f.severity === 'error');
      if (errors.length > 0) return { text: '', findings: errors, format };
      const { exportFlow } = await import('../export/index.js');
      const result = exportFlow(flow, to);
      return { text: result.text, findings: result.findings, format: result.format };
    },
    async writeExport({ path, text }) {
      const abs = access.absolute(path);
      // The renderer may only write inside the workspace (DESIGN.md "Security": it never touches files
      // itself); FileAccess resolves symlinks, so a link cannot carry the export out of it.
      await writeFileAtomic(access.writable(abs, { extensions: EXPORT_EXTENSIONS }), text);
      return { path: abs };
    },
    async importText({ text, name, from }) {
      return imported(text, name, from);
    },
    async trustFlow({ path, as }) {
      // An imported flow is trusted before its first save: a path not on disk yet is fine where a
      // save could write it (confined like a save).
      const target = access.readable(path, { missing: 'null' })?.path ?? access.writable(path);
      const verdict = trustFlowFile(target, as ?? hostUser(), Date.now(), ctx());
      return { trusted: verdict.trusted, trustReason: verdict.reason };
    },
    trustOf(path, flow) {
      const verdict = trustOf(path, flow, ctx());
      return { trusted: verdict.trusted, trustReason: verdict.reason };
    },
  };
}
