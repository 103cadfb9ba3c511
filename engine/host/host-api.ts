/**
 * The engine-side implementation of HostApi (engine/host/api.ts), shared by both transports:
 * the engine process serves it over JSON-RPC to Electron's main process and to the web host.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { Flow } from '../model/flow.js';
import { toRunRecord } from '../runtime/record.js';
import { documentToText, flowToText, updateDocument } from '../yaml/save.js';
import { loadFlowText } from '../yaml/load.js';
import { readFlowFile } from '../yaml/files.js';
import { createFileApi } from './file-api.js';
import { flowHeader, originEntry } from './flow-header.js';
import { FileAccess } from './file-access.js';
import { validateFlow, validateText } from '../validate/index.js';
import type { FlowFileInfo, HostApi, TriggerInfo } from './api.js';
import { templatesDir } from '../service/paths.js';
import { createDebugApi } from './debug-api.js';
import { createClockApi } from './clock-api.js';
import { createSaveScenarioApi } from './save-scenario-api.js';
import { createScenarioApi } from './scenario-api.js';
import { createScenarioFileApi } from './scenario-file-api.js';
import { createFileOpsApi } from './file-ops-api.js';
import { createInteropApi } from './interop-api.js';
import { createVersionsApi } from './versions-api.js';
import type { RunService } from '../service/run-service.js';
import type { RunWatches } from './run-watches.js';
import type { RunStatus } from '../runtime/state.js';

export interface Workspace {
  /** Absolute folder the host works in. */
  root: string;
  /** A flow file to open first, if the host was started with one. */
  openPath: string | null;
}

/** Lists the flow files (`*.yaml`, `*.yml`, not `*.scenarios.yaml`) directly in `dir` with their name, title and description. */
export function listFlowFiles(dir: string): FlowFileInfo[] {
  if (!existsSync(dir)) return [];
  const out: FlowFileInfo[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!/\.ya?ml$/.test(file)) continue;
    // X.scenarios.yaml holds the simulation scenarios of X.yaml (engine/simulate), not a flow.
    if (/\.scenarios\.ya?ml$/.test(file)) continue;
    const path = join(dir, file);
    try {
      const doc = parse(flowHeader(readFileSync(path, 'utf8')), { maxAliasCount: 100 }) as Partial<Flow> | null;
      if (!doc || typeof doc !== 'object' || doc.flowsmith === undefined) continue;
      out.push({ name: doc.name ?? file, title: doc.title ?? doc.name ?? file, description: doc.description ?? '', path });
    } catch {
      // A file that does not parse is not listed; opening it directly shows its findings.
    }
  }
  return out;
}

/** What the engine process runs beside the HostApi; each part is optional (tests leave it out). */
export interface HostParts {
  /** The workspace's scheduled cron triggers (engine/host/triggers.ts); without it, none are listed. */
  triggers?: { list(): TriggerInfo[] };
  /**
   * Where HostApi may read and write (file-access.ts); default: the workspace and the shipped
   * templates. The engine process passes its own so Electron's main process can grant picked paths.
   */
  access?: FileAccess;
  /** The runs the connected client watches (run-watches.ts); without it, watchRun changes nothing. */
  watches?: RunWatches;
}

/** The OS user name, or `designer` where the OS has none for this process. */
function osUser(): string {
  try {
    return userInfo().username || 'designer';
  } catch {
    return 'designer';
  }
}

/** Builds the HostApi over a RunService, for one workspace. Errors reject with the thrown Error. */
export function createHostApi(service: RunService, workspace: Workspace, parts: HostParts = {}): HostApi {
  const access = parts.access ?? new FileAccess({ root: workspace.root, templates: templatesDir });
  const { exportTo, trustOf, ...interop } = createInteropApi(service, workspace, access);
  const { releaseOf, ...versions } = createVersionsApi(service, access);
  return {
    async getWorkspace() {
      return { root: workspace.root, openPath: workspace.openPath, files: listFlowFiles(workspace.root), user: osUser() };
    },
    async listTemplates() {
      return listFlowFiles(templatesDir);
    },
    async openFlow({ path, deferFindings, textOnly }) {
      const file = access.readable(path);
      if (textOnly) {
        // As readFlowText, plus trust, which needs only `origin` (flow-header.ts), not the steps.
        const text = await readFile(file.real, 'utf8');
        const origin = loadFlowText(originEntry(text) ?? '', file.path).flow?.origin;
        return { path: file.path, text, flow: null, findings: [], ...trustOf(file.path, origin ? { origin } : null), readOnly: file.isTemplate };
      }
      const { text } = await readFlowFile(file.real);
      const { loaded, findings } = deferFindings ? { loaded: loadFlowText(text, file.path), findings: undefined } : validateText(text, file.path);
      return { path: file.path, text, flow: loaded.flow, findings: findings ?? loaded.findings, ...trustOf(file.path, loaded.flow), readOnly: file.isTemplate };
    },
    ...createFileApi(access),
    async validateText({ text, path }) {
      // Only names a file for the findings; nothing is read.
      return validateText(text, path === undefined ? undefined : resolve(workspace.root, path)).findings;
    },
    async validateFlow({ flow, path }) {
      return validateFlow(flow, { file: path });
    },
    async exportFlow({ path, flow, to }) {
      const abs = access.absolute(path);
      if (to !== 'native') return exportTo(flow, to, abs);
      let text: string;
      // Readable checks the place before the file, so this says nothing about files outside.
      const real = access.readable(abs, { missing: 'null' })?.real ?? null;
      if (real !== null) {
        const loaded = loadFlowText(readFileSync(real, 'utf8'), abs);
        updateDocument(loaded.doc, flow);
        text = documentToText(loaded.doc);
      } else text = flowToText(flow);
      return { text, findings: [], format: 'yaml' };
    },
    ...interop,
    async writeExport({ path, text, from }) {
      // The source must be a file HostApi may read: refused before anything is written.
      if (from) access.readable(from.path);
      const written = await interop.writeExport({ path, text });
      // Issue #12: an export of a published version leaves a release record (output as given).
      return from ? { ...written, release: await releaseOf(from.path, from.to, path, text) } : written;
    },
    ...versions,
    ...createDebugApi(service),
    ...createClockApi(service),
    ...createSaveScenarioApi(service, access),
    ...createScenarioApi(workspace, access),
    ...createScenarioFileApi(access),
    ...createFileOpsApi(access),
    async startRun({ path, input, mode, breakpoints }) {
      // The run reads the file (and publishes its text): only a file HostApi may read.
      const driver = service.startRun({ path: access.readable(path).path, input, mode, ...(breakpoints ? { breakpoints } : {}) });
      service.driveInBackground(driver);
      return { run: driver.id };
    },
    async answerApproval(p) {
      // A run started elsewhere (the CLI) is not driven here yet: this drives it on.
      service.driveInBackground(service.answerApproval(p));
    },
    async answerCallback(p) {
      const { token, ...reply } = p;
      service.driveInBackground(service.answerCallback(token, reply));
    },
    async extendApproval(p) {
      const { driver, dueAt } = service.extendApproval(p);
      service.driveInBackground(driver);
      return { dueAt: new Date(dueAt).toISOString() };
    },
    async getRun({ run }) {
      return { record: toRunRecord(service.state(run)), events: service.journal.events(run) };
    },
    async listRuns({ flow, status, since, mode, isTriggered, includeChildren, limit }) {
      const sinceMs = since === undefined ? undefined : Date.parse(since);
      if (sinceMs !== undefined && Number.isNaN(sinceMs)) throw new Error(`since must be an ISO 8601 time, got ${since}`);
      return service.summaries({
        ...(flow ? { flow } : {}),
        ...(status ? { status: status as RunStatus } : {}),
        ...(sinceMs !== undefined ? { sinceMs } : {}),
        ...(mode ? { mode } : {}),
        ...(isTriggered !== undefined ? { isTriggered } : {}),
        // summaries() hides child runs unless told otherwise; undefined lifts that filter.
        ...(includeChildren ? { isChild: undefined } : {}),
        ...(limit !== undefined ? { limit } : {}),
      });
    },
    async getStepLogs({ run, step }) {
      return service.journal.logs(run, step).map(({ step: s, attempt, stream, text }) => ({ step: s, attempt, stream, text }));
    },
    async watchRun({ run }) {
      parts.watches?.watch(run);
    },
    async unwatchRun({ run }) {
      parts.watches?.unwatch(run);
    },
    async cancelRun({ run }) {
      const driver = service.open(run);
      driver.cancel();
      service.driveInBackground(driver);
    },
    async listTriggers() {
      return parts.triggers?.list() ?? [];
    },
  };
}
