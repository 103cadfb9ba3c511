/**
 * HostApi: the one contract between the renderer and the engine (DESIGN.md "Architecture",
 * STYLE.md §3). Types plus one list of method names; no runtime imports, so the renderer can
 * `import type` it. Only JSON crosses: errors arrive as HostError.
 */
import type { ExportTarget, ImportFormat } from '../export/types.js';
import type { Finding } from '../model/finding.js';
import type { Flow, Json, JsonObject, StepId } from '../model/flow.js';
import type { JournalEntry, RunEvent, RunId, RunMode } from '../runtime/events.js';
import type { RunRecord } from '../runtime/record.js';
import type { PublishResult, ReleaseInfo, VersionDiff, VersionInfo, VersionRef } from '../versions/types.js';

/** Versions and release records (issue #12 part 3; engine/versions/types.ts). */
export type { FlowDiff, PublishResult, ReleaseInfo, StepChange, StepDiff, VersionDiff, VersionInfo, VersionRef } from '../versions/types.js';

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
  /**
   * False for an imported flow or one outside the workspace that nobody trusted yet (DESIGN.md
   * "Security", engine/service/trust.ts): it can be simulated, not run for real, until trustFlow.
   */
  trusted: boolean;
  /** Why it is (un)trusted, in words for a person: `imported from AWS Step Functions (…) on 2026-11-23`. */
  trustReason?: string;
  /** True for a shipped template: saving it is refused; Save as (or copyTemplate) makes a copy in the workspace. */
  readOnly?: boolean;
}

/**
 * One entry of the workspace tree (listFiles): a folder holding flows, or a flow file.
 * `path` is absolute (what openFlow and saveFlowText take); `name` is the file or folder name.
 */
export type WorkspaceEntry =
  | { kind: 'folder'; name: string; path: string; children: WorkspaceEntry[] }
  | { kind: 'flow'; name: string; path: string; flowName: string; title: string };

/** The workspace's flows as a tree (listFiles). `truncated`: the bounds were reached and some are not listed. */
export interface WorkspaceTree {
  root: string;
  entries: WorkspaceEntry[];
  truncated: boolean;
}

/** A flow read from a production engine's document (issue #4); nothing is written. */
export interface ImportedFlowInfo {
  flow: Flow;
  /** The flow as native YAML. */
  text: string;
  /** What could not be carried over, with line:col in the source document where known. */
  findings: Finding[];
  format: ExportTarget;
  /** A free file name in the workspace to save it to (`<flow name>.yaml`, numbered when taken). */
  path: string;
  /** Always false until a person trusts it (the flow has `origin`). */
  trusted: boolean;
  trustReason?: string;
}

import type { RunSummary } from '../service/run-history.js';

/** A run in the history (defined beside the history query in service/run-history.ts). */
export type { RunSummary };

/** A cron trigger the engine process has scheduled (DESIGN.md "The flow document", `triggers`). */
export interface TriggerInfo {
  /** The flow's name. */
  flow: string;
  /** Absolute path of the flow file. */
  path: string;
  /** The croner pattern as written. */
  cron: string;
  /** IANA time zone the pattern is read in; null: the machine's time zone. */
  timezone: string | null;
  /** The next firing, ISO 8601; null when the pattern never matches again. */
  nextRunAt: string | null;
  /** True while a `flowsmith serve` process fires this workspace's triggers instead of this engine (issue #12). */
  isFiredByServe?: boolean;
}

export interface StepLogLine {
  step: StepId;
  attempt: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

/** One scenario's result as HostApi returns it: the outcome, its CLI text, and the run record. */
export interface ScenarioReport {
  name: string;
  passed: boolean;
  /** `✓ name` or `✗ name` with the diff, exactly as `flowsmith test` prints it. */
  text: string;
  notes: string[];
  /** The simulated run it was judged on; null when the simulation threw. */
  record: RunRecord | null;
}

/**
 * A simulation's virtual clock as HostApi shows it (runtime/virtual-clock.ts, issue #9 point 7).
 * `pace`: `held` jumps to the next timer by itself except while an approval or callback waits
 * (`isHeld`), `speed` flows at `factor` virtual seconds per real second, `jump` never holds.
 */
export interface VirtualTime {
  /** The virtual now, ISO 8601. */
  now: string;
  pace: { kind: 'jump' } | { kind: 'held' } | { kind: 'speed'; factor: number };
  isHeld: boolean;
  /** The earliest virtual time something waits for (a timer, a retry delay, a deadline), ISO 8601; null: none. */
  nextTimerAt: string | null;
}

export interface HostApi {
  /** What the host was started with: the workspace folder and the file to open first, if any. */
  getWorkspace(p: Record<string, never>): Promise<{
    root: string;
    openPath: string | null;
    files: FlowFileInfo[];
    /** The OS user name of the host's process: the default identity for approvals and debugging requests. */
    user: string;
  }>;
  /** The flow templates shipped in resources/templates. */
  listTemplates(p: Record<string, never>): Promise<FlowFileInfo[]>;
  /**
   * Reads, parses and validates the flow file at `path` (absolute, or relative to the workspace).
   * Like every HostApi file access it is confined (DESIGN.md "Security"): the workspace, the shipped
   * templates (read-only) and files picked in a native dialog, checked on the real path (symlinks
   * resolved). Elsewhere: HostError FileAccessError with code OUTSIDE_WORKSPACE; missing: NOT_FOUND.
   */
  /**
   * Reads the flow file at `path` with its trust and findings. `deferFindings`: return only the
   * parse findings (fast for a 5,000-step flow); the designer validates the text itself right after
   * (validateText), so opening is not held up by validation (issue #8 point 6). `textOnly`: do not
   * parse the steps either (the designer parses the text itself, once): `flow` is null and
   * `findings` empty whatever the text holds; trust is decided from the header (`origin`).
   */
  openFlow(p: { path: string; deferFindings?: boolean; textOnly?: boolean }): Promise<OpenedFlow>;
  /**
   * The workspace as a tree of folders and flow files (`*.yaml`/`*.yml` with a `flowsmith` key, not
   * `*.scenarios.yaml`), sorted by name, folders without flows left out. Skips `node_modules`, `.git`,
   * dot folders and symlinked folders; bounded (12 levels, 20,000 entries looked at, 2,000 flows).
   */
  listFiles(p: Record<string, never>): Promise<WorkspaceTree>;
  /**
   * Writes the document text `text` to `path` (`.yaml`/`.yml`) atomically: a failed save leaves the
   * old file. `expectedText`: a string refuses the save (CHANGED_ON_DISK) when the file on disk is no
   * longer that text (changed since it was opened); null refuses when the file exists (EXISTS, for
   * Save as); absent overwrites. Refuses shipped templates (TEMPLATE_READ_ONLY: "use Save as"),
   * paths outside the workspace (OUTSIDE_WORKSPACE, symlinks resolved) and hidden files (NOT_ALLOWED).
   * Returns the absolute path written, the text and its findings (invalid text is saved all the same).
   */
  saveFlowText(p: { path: string; text: string; expectedText?: string | null }): Promise<{ path: string; text: string; findings: Finding[] }>;
  /**
   * Copies a shipped template (`template`: its name, e.g. `web-app-deploy`, or its path from
   * listTemplates) and its scenarios file into the workspace, so the copy is what gets edited.
   * `path`: where (refused when taken); default `<name>.yaml` in the workspace, `<name>-2.yaml`… when taken.
   * Returns the copy's absolute path and its scenarios file's (null when the template has none).
   */
  copyTemplate(p: { template: string; path?: string }): Promise<{ path: string; scenarioPath: string | null }>;
  /** Findings for document text (line:col in that text), as `flowsmith validate` gives them. */
  validateText(p: { text: string; path?: string }): Promise<Finding[]>;
  /** Findings for an unsaved document. */
  validateFlow(p: { flow: Flow; path?: string }): Promise<Finding[]>;
  /**
   * The document as native YAML (the Export view of issue 2) or exported to a production engine
   * (issue #4): the text, findings for every loss of meaning (an invalid flow: its validation
   * errors and no text), and `format`, how the text is written.
   */
  exportFlow(p: { path: string; flow: Flow; to: 'native' | ExportTarget }): Promise<{ text: string; findings: Finding[]; format: 'yaml' | 'json' }>;
  /**
   * Writes an exported document to `path` (`.json`, `.yaml`, `.yml`), which must lie in the workspace
   * (symlinks resolved; not a template, not a hidden folder) or be a picked path; returns the absolute path.
   * `from` (issue #12): the flow file exported and the target; when `text` is that file's export and
   * the file's text is a published version, a release record is left and returned as `release`.
   */
  writeExport(p: { path: string; text: string; from?: { path: string; to: ExportTarget } }): Promise<{ path: string; release?: ReleaseInfo | null }>;
  /** Imports a document's text (a file the user picked; `name` labels findings and `origin`); writes nothing. */
  importText(p: { text: string; name: string; from?: ImportFormat }): Promise<ImportedFlowInfo>;
  /** Records that the user (`as`, default the host's user) trusts the flow file at `path` (confined like openFlow), so it may run for real. */
  trustFlow(p: { path: string; as?: string }): Promise<{ trusted: boolean; trustReason: string }>;
  /**
   * Starts a run of the saved file at `path` (confined like openFlow); events then stream as HostEvent runEvent.
   * `breakpoints`: steps to pause before (debugging).
   */
  startRun(p: { path: string; input?: JsonObject; mode: RunMode; breakpoints?: StepId[] }): Promise<{ run: RunId }>;
  /**
   * Runs the scenarios of the flow at `path` (its `X.scenarios.yaml`, or a scenario file given
   * directly) in simulation, in memory, and returns each one's pass/fail with the CLI's diff text.
   * `name`: run only that scenario (an unknown name is an FS101 finding).
   * Both files are confined like openFlow.
   */
  testScenarios(p: { path: string; name?: string }): Promise<{ scenarioPath: string; findings: Finding[]; results: ScenarioReport[] }>;
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
  /**
   * Answers a waiting callback by its token (DESIGN.md "Waiting for an outside system";
   * RunService.answerCallback): `output` becomes the step's output, or `error` (a word like
   * BuildFailed, with `message`) fails the step. The run is then driven on in the engine process.
   * Rejects with a HostError whose code is UNKNOWN_TOKEN or USED_TOKEN for a token that answers
   * nothing, or a RunRequestError when its step no longer waits (timed out, run ended).
   */
  answerCallback(p: { token: string; output?: Json } | { token: string; error: string; message?: string }): Promise<void>;
  /** Moves a waiting approval's deadline `by` a duration (`30m`, `PT2H`) past its current one (or now). */
  extendApproval(p: { run: RunId; step: StepId; by: string; as: string; comment?: string }): Promise<{ dueAt: string }>;
  getRun(p: { run: RunId }): Promise<{ record: RunRecord; events: JournalEntry[] }>;
  /**
   * Runs, newest first. `status` is the shown status (waiting included); `since` is ISO 8601;
   * child runs (map items, calls) only with `includeChildren`; at most `limit` (default 1000).
   */
  listRuns(p: {
    flow?: string;
    status?: string;
    since?: string;
    mode?: RunMode;
    isTriggered?: boolean;
    includeChildren?: boolean;
    limit?: number;
  }): Promise<RunSummary[]>;
  getStepLogs(p: { run: RunId; step?: StepId }): Promise<StepLogLine[]>;
  /**
   * Streams runEvent and stepLog HostEvents of `run` to this client (counted: one unwatchRun per
   * watchRun). A client that never watched gets every run's events; once it has, only watched
   * runs'. Events from before the call: getRun. `runSummary` events go to every client.
   */
  watchRun(p: { run: RunId }): Promise<void>;
  /** Stops one watchRun of `run`. */
  unwatchRun(p: { run: RunId }): Promise<void>;
  /** Cancels a run: compensations of completed steps run in reverse order (as `flowsmith cancel`). */
  cancelRun(p: { run: RunId; as?: string }): Promise<void>;
  /** The cron triggers of the workspace's flows that fire while the engine process runs. */
  listTriggers(p: Record<string, never>): Promise<TriggerInfo[]>;
  /**
   * Publishes the saved flow file at `path` (confined like openFlow) as the next numbered version of
   * its flow (its `name:`), author the host's OS user (`flowsmith publish`). `outcome`: `published`;
   * `unchanged` when the text already is a version (nothing written; that version returned);
   * `invalid` when it has error findings (nothing written; the findings, located).
   */
  publishVersion(p: { path: string; note?: string }): Promise<PublishResult>;
  /** The published versions of a flow, oldest first: by name (`flow`) or by its file (`path`, confined). */
  listVersions(p: { flow?: string; path?: string }): Promise<VersionInfo[]>;
  /**
   * Step- and field-level diff of two versions of a flow (`flow` name, or its file `path`), or of a
   * version and the working document (`working`, the default `to`): the file at `path` as on disk,
   * or `text` when given (the designer's unsaved document). HostError VersionError with code
   * NO_VERSIONS, NO_SUCH_VERSION, NO_WORKING_FILE or NOT_A_FLOW when it cannot be answered.
   */
  diffVersions(p: { flow?: string; path?: string; from: VersionRef; to?: VersionRef; text?: string }): Promise<VersionDiff>;
  /** The release records of a flow (each export of a published version), oldest first; by `flow` name or file `path`. */
  listReleases(p: { flow?: string; path?: string }): Promise<ReleaseInfo[]>;
  /**
   * The virtual clock of simulation `run` driven by this engine process (an ended one: its time at
   * the end). Throws RunRequestError for a real run, or a simulation another process drives.
   */
  getClock(p: { run: RunId }): Promise<VirtualTime>;
  /**
   * Moves simulation `run`'s virtual clock on: `to: 'next-timer'` (the earliest timer, retry delay or
   * deadline; an approval may time out) or `byMs` milliseconds. Errors as getClock; RangeError for a bad byMs.
   */
  advanceClock(p: { run: RunId; to?: 'next-timer'; byMs?: number }): Promise<VirtualTime>;
  /** Sets how simulation `run`'s virtual clock moves from now on (VirtualTime `pace`; speed factor in (0, 1000]). */
  setClockPace(p: { run: RunId; pace: VirtualTime['pace'] }): Promise<VirtualTime>;
  /**
   * "Save as scenario": appends finished run `run` (succeeded or failed) to its flow's
   * X.scenarios.yaml as scenario `name`: its input, each task attempt's outcome as a mock, the
   * approvals' answers and delays, and its status, path and error as expectations. Refuses
   * (RunRequestError, ScenarioFromRunError, FileAccessError) an unfinished or debugged run, a taken
   * name, a template's or otherwise unwritable scenarios file.
   */
  saveScenario(p: { run: RunId; name: string }): Promise<{ scenarioPath: string; name: string }>;
  /**
   * The Scenarios editor: the scenarios file of the flow at `path` (confined like openFlow), its
   * `X.scenarios.yaml` sibling. `text` null when it does not exist yet. `findings` as checkScenarios
   * gives them; `readOnly` for a shipped template's (copy the template to edit them).
   */
  readScenarios(p: { path: string }): Promise<{ scenarioPath: string; text: string | null; findings: Finding[]; readOnly: boolean }>;
  /**
   * Findings for scenarios `text` as the scenarios file of the flow at `path` (nothing is written):
   * the scenario file's own checks (schema, duplicate names, extend) and those against the flow
   * (step ids, approvers, input), with line:col in `text`, each message naming its scenario and field
   * (`scenario "rejected", mocks.buidl: no step "buidl" …`).
   */
  checkScenarios(p: { path: string; text: string }): Promise<Finding[]>;
  /**
   * Writes `text` as the scenarios file of the flow at `path`, atomically (a failed save leaves the
   * old file). `scenarioPath`, when given, must be that file (the flow's sibling), else NOT_ALLOWED;
   * it must lie inside the workspace, also with symlinks resolved (OUTSIDE_WORKSPACE), and not be a
   * template's (TEMPLATE_READ_ONLY). `expectedText` as saveFlowText (CHANGED_ON_DISK, EXISTS).
   * Invalid text is saved all the same; its findings come back.
   */
  saveScenarios(p: { path: string; scenarioPath?: string; text: string; expectedText?: string | null }): Promise<{ scenarioPath: string; findings: Finding[] }>;
  /**
   * Renames or moves the flow file at `path` to `to` (a file path, or an existing folder to keep its
   * name), with its `X.scenarios.yaml` (a `flow:` key naming it follows). Both inside the workspace
   * (not templates, not picked paths; symlinks resolved; links are not moved), `.yaml`/`.yml`, no
   * hidden names. An existing target (or its scenarios file) is refused with EXISTS unless `overwrite`.
   * Returns the new path, the new scenarios path (null: none) and the files written.
   */
  moveFile(p: { path: string; to: string; overwrite?: boolean }): Promise<{ path: string; scenarioPath: string | null; moved: string[] }>;
  /** Deletes the flow file at `path` and its scenarios file (confined as moveFile). Returns the files deleted. */
  deleteFile(p: { path: string }): Promise<{ deleted: string[] }>;
}

export type HostMethod = keyof HostApi;

export type HostEvent =
  | { kind: 'runEvent'; run: RunId; seq: number; event: RunEvent }
  | { kind: 'stepLog'; run: RunId; step: StepId; attempt: number; stream: 'stdout' | 'stderr'; text: string }
  /**
   * A run-level change of any run this engine drives (started, waiting, paused, running again,
   * ended), watched or not, for history lists (engine/host/run-watches.ts). `started` on RunStarted.
   */
  | { kind: 'runSummary'; run: RunId; status: string; at: string; endedAt?: string; started?: RunSummary }
  /**
   * A notify step asks for a desktop notification (notify `desktop: true`): Electron's main process
   * shows it natively, the web host's page with the browser's Notification API or a banner.
   * `run` and `step` name the step that asked when the runtime says (see engine-process.ts).
   */
  | { kind: 'notification'; title: string; message: string; run?: RunId; step?: StepId }
  /** A watched simulation's virtual clock moved, changed pace, or was held or released (getClock). */
  | ({ kind: 'clock'; run: RunId } & VirtualTime);

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
  'listFiles',
  'saveFlowText',
  'copyTemplate',
  'validateFlow',
  'validateText',
  'exportFlow',
  'writeExport',
  'importText',
  'trustFlow',
  'startRun',
  'testScenarios',
  'setBreakpoints',
  'pauseRun',
  'continueRun',
  'editVars',
  'skipStep',
  'retryStep',
  'runFrom',
  'answerApproval',
  'extendApproval',
  'getRun',
  'listRuns',
  'getStepLogs',
  'watchRun',
  'unwatchRun',
  'cancelRun',
  'listTriggers',
  'publishVersion',
  'listVersions',
  'diffVersions',
  'listReleases',
  'answerCallback',
  'getClock',
  'advanceClock',
  'setClockPace',
  'saveScenario',
  'readScenarios',
  'checkScenarios',
  'saveScenarios',
  'moveFile',
  'deleteFile',
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
