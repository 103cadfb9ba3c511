/**
 * HostApi: the one contract between the renderer and the engine (DESIGN.md "Architecture",
 * STYLE.md §3). Types plus one list of method names; no runtime imports, so the renderer can
 * `import type` it. Only JSON crosses: errors arrive as HostError.
 */
import type { Finding } from '../model/finding.js';
import type { Flow, Json, JsonObject, StepId } from '../model/flow.js';
import type { JournalEntry, RunEvent, RunId, RunMode } from '../runtime/events.js';
import type { RunRecord } from '../runtime/record.js';

export interface FlowFileInfo {
  name: string;
  title: string;
  description: string;
  /** Absolute path of the YAML file. */
  path: string;
}

export interface OpenedFlow {
  path: string;
  /** The file's text as on disk. */
  text: string;
  /** The parsed document, or null when the YAML could not be parsed. */
  flow: Flow | null;
  findings: Finding[];
}

export interface RunSummary {
  id: RunId;
  flow: string;
  status: string;
  mode: RunMode;
  startedAt: string;
  endedAt: string | null;
}

export interface StepLogLine {
  step: StepId;
  attempt: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface HostApi {
  /** What the host was started with: the workspace folder and the file to open first, if any. */
  getWorkspace(p: Record<string, never>): Promise<{ root: string; openPath: string | null; files: FlowFileInfo[] }>;
  /** The flow templates shipped in resources/templates. */
  listTemplates(p: Record<string, never>): Promise<FlowFileInfo[]>;
  openFlow(p: { path: string }): Promise<OpenedFlow>;
  /**
   * Writes `flow` to `path`, keeping the comments and key order of the file already there.
   * Atomic: a failed save leaves the old file. Returns the new text and its findings.
   */
  saveFlow(p: { path: string; flow: Flow }): Promise<{ text: string; findings: Finding[] }>;
  /** Findings for an unsaved document. */
  validateFlow(p: { flow: Flow; path?: string }): Promise<Finding[]>;
  /** The document as native YAML (the Export view of issue 2). */
  exportFlow(p: { path: string; flow: Flow; to: 'native' }): Promise<{ text: string; findings: Finding[] }>;
  /**
   * Starts a run of the saved file at `path`; events then stream as HostEvent runEvent.
   * `breakpoints`: steps to pause before (debugging).
   */
  startRun(p: { path: string; input?: JsonObject; mode: RunMode; breakpoints?: StepId[] }): Promise<{ run: RunId }>;
  /** Debugging: replaces the run's breakpoints (steps to pause before). */
  setBreakpoints(p: { run: RunId; steps: StepId[] }): Promise<void>;
  /** Debugging: pauses a running run; executing steps finish, nothing new starts. */
  pauseRun(p: { run: RunId; as?: string }): Promise<void>;
  /** Debugging: continues a paused run; with `step`, it pauses again before the next step. */
  continueRun(p: { run: RunId; step?: boolean; as?: string }): Promise<void>;
  /** Debugging: changes vars of a paused run. */
  editVars(p: { run: RunId; vars: JsonObject; as?: string }): Promise<void>;
  /** Debugging: skips a step about to start (or running/waiting); the path goes on to its next. */
  skipStep(p: { run: RunId; step: StepId }): Promise<void>;
  /** Debugging: runs a failed step again; a failed run goes on from it. */
  retryStep(p: { run: RunId; step: StepId; as?: string }): Promise<void>;
  /** Debugging: a new run from `step` with the earlier run's input, vars and step outputs. */
  runFrom(p: { run: RunId; step: StepId; mode?: RunMode; breakpoints?: StepId[] }): Promise<{ run: RunId }>;
  answerApproval(p: {
    run: RunId;
    step: StepId;
    verdict: 'approve' | 'reject';
    as: string;
    comment?: string;
  }): Promise<void>;
  getRun(p: { run: RunId }): Promise<{ record: RunRecord; events: JournalEntry[] }>;
  listRuns(p: { flow?: string; status?: string }): Promise<RunSummary[]>;
  getStepLogs(p: { run: RunId; step?: StepId }): Promise<StepLogLine[]>;
}

export type HostMethod = keyof HostApi;

export type HostEvent =
  | { kind: 'runEvent'; run: RunId; seq: number; event: RunEvent }
  | { kind: 'stepLog'; run: RunId; step: StepId; attempt: number; stream: 'stdout' | 'stderr'; text: string };

/** An error crossing the transport: plain JSON. `where` is `file:line:col` or a step id when known. */
export interface HostError {
  name: string;
  message: string;
  code?: string;
  where?: string;
}

export const hostMethods = [
  'getWorkspace',
  'listTemplates',
  'openFlow',
  'saveFlow',
  'validateFlow',
  'exportFlow',
  'startRun',
  'setBreakpoints',
  'pauseRun',
  'continueRun',
  'editVars',
  'skipStep',
  'retryStep',
  'runFrom',
  'answerApproval',
  'getRun',
  'listRuns',
  'getStepLogs',
] as const satisfies readonly HostMethod[];

/** Parameters and result of one method, for transports. */
export type HostParams<M extends HostMethod> = Parameters<HostApi[M]>[0];
export type HostResult<M extends HostMethod> = Awaited<ReturnType<HostApi[M]>>;

/** The two members every transport has (STYLE.md §3). */
export interface HostTransport {
  call(method: HostMethod, params: unknown): Promise<unknown>;
  onEvent(listener: (event: HostEvent) => void): () => void;
}

export type { Json };
