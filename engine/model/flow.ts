/**
 * Types of the native flow document (DESIGN.md "The flow document").
 * These mirror resources/schema/flow.schema.json; the schema is the contract on disk,
 * these types are what the engine works with after a document passed validation.
 * Durations are kept as written (`30s`, `PT5M`); engine/model/duration.ts parses them at the edge.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A step id: the key of the step in `steps`. */
export type StepId = string;

/** A duration as written in a flow: `500ms`, `30s`, `5m`, `2h`, `1d`, or ISO 8601 (`PT5M`). */
export type DurationText = string;

export const StepType = {
  task: 'task',
  approval: 'approval',
  branch: 'branch',
  parallel: 'parallel',
  join: 'join',
  map: 'map',
  wait: 'wait',
  succeed: 'succeed',
  fail: 'fail',
} as const;
export type StepType = (typeof StepType)[keyof typeof StepType];

/** Retry policy; `delay` before the first retry, multiplied by `multiplier` per retry when exponential. */
export interface RetryPolicy {
  maxAttempts: number;
  delay?: DurationText;
  backoff?: 'fixed' | 'exponential';
  multiplier?: number;
  maxDelay?: DurationText;
  jitter?: boolean;
}

/** A catch clause: error names (DESIGN.md error names, or `*`) and the step to go to. */
export interface CatchClause {
  errors: string[];
  next: StepId;
}

export interface ShellSpec {
  command: string;
  cwd?: string;
  env?: Record<string, string>;
  shell?: string;
}

export interface HttpSpec {
  method?: string;
  url: string;
  headers?: Record<string, string>;
  body?: Json;
  expectStatus?: number[];
}

/**
 * JavaScript run by the script executor (engine/executors/script.ts): `code` sees the run's
 * bindings as `$input`, `$vars`, `$steps`, `$run`, `$item`, `$index`, `$error`; its output is the
 * value it returns. `memoryMb` is the script's memory limit (QuickJS allocator) in MiB (default 64).
 */
export interface ScriptSpec {
  code: string;
  memoryMb?: number;
}

/**
 * A notification (engine/executors/notify.ts). `message`, `title` and `webhook` may hold
 * `{{ expr }}` templates. `webhook` is POSTed as `format` (default `generic`); `desktop` defaults
 * to true when there is no webhook, false when there is one.
 */
export interface NotifySpec {
  message: string;
  title?: string;
  webhook?: string;
  format?: 'generic' | 'slack' | 'dingtalk';
  desktop?: boolean;
}

/** Work done by a task or a compensation: exactly one executor field is set. */
export interface TaskBody {
  shell?: string | ShellSpec;
  http?: HttpSpec;
  script?: string | ScriptSpec;
  notify?: NotifySpec;
  call?: string | { flow: string; input?: Json };
}

/** Mocked behaviour of a step in simulation (DESIGN.md "Simulation"). */
export interface StepMock {
  output?: Json;
  error?: { name: string; message?: string };
  duration?: DurationText;
}

/** Fields every step may carry. */
export interface StepCommon {
  title?: string;
  description?: string;
  next?: StepId;
  timeout?: DurationText;
  retry?: RetryPolicy;
  catch?: CatchClause[];
  continueOnError?: boolean;
  compensate?: TaskBody;
  output?: string;
  set?: Record<string, string>;
  mock?: StepMock;
}

/**
 * Waiting for an outside system (DESIGN.md "Waiting for an outside system"; Step Functions'
 * `.waitForTaskToken`): after its executor succeeds, the task waits until its `$callback.token`
 * is answered (`flowsmith callback TOKEN`, RunService.answerCallback), at most `timeout` from the
 * moment the wait begins; unanswered, the attempt fails with `Timeout`.
 */
export interface CallbackSpec {
  timeout: DurationText;
}

export interface TaskStep extends StepCommon, TaskBody {
  type: 'task';
  /** Wait for an outside answer after the executor ran (shell, http, script, notify only). */
  callback?: CallbackSpec;
}

/** The task executors a `callback` applies to (a `call` runs a flow, which has no token to send). */
export const CALLBACK_EXECUTORS: readonly (keyof TaskBody)[] = ['shell', 'http', 'script', 'notify'];

export interface ApprovalStep extends StepCommon {
  type: 'approval';
  approvers: string[];
  quorum?: number;
  message?: string;
  onReject?: StepId;
  onTimeout?: StepId;
}

export interface BranchCase {
  when: string;
  next: StepId;
}

export interface BranchStep extends StepCommon {
  type: 'branch';
  cases: BranchCase[];
  default?: StepId;
}

export interface ParallelStep extends StepCommon {
  type: 'parallel';
  branches: StepId[];
  join: StepId;
}

export type JoinMode = 'all' | 'any' | { count: number };

export interface JoinStep extends StepCommon {
  type: 'join';
  mode?: JoinMode;
}

export interface MapStep extends StepCommon {
  type: 'map';
  items: string;
  as?: string;
  concurrency?: number;
  start: StepId;
  steps: Record<StepId, Step>;
}

export interface WaitStep extends StepCommon {
  type: 'wait';
  duration?: DurationText;
  until?: string;
}

export interface SucceedStep extends StepCommon {
  type: 'succeed';
}

export interface FailStep extends StepCommon {
  type: 'fail';
  error?: string;
  message?: string;
}

export type Step =
  | TaskStep
  | ApprovalStep
  | BranchStep
  | ParallelStep
  | JoinStep
  | MapStep
  | WaitStep
  | SucceedStep
  | FailStep;

/**
 * What a trigger does when it fires while a run it started earlier is unfinished (the names of Argo
 * CronWorkflow's and Kubernetes CronJob's concurrencyPolicy): `allow` starts another run (the
 * default), `forbid` skips the firing (a webhook answers 409), `queue` starts it when the earlier
 * run ends. Issue #12 part 2; engine/host/trigger-policy.ts.
 */
export type TriggerConcurrency = 'allow' | 'forbid' | 'queue';

/** A schedule that starts the flow (croner syntax, read in `timezone` or the machine's zone). */
export interface CronTrigger {
  cron: string;
  timezone?: string;
  input?: JsonObject;
  concurrency?: TriggerConcurrency;
}

/**
 * An HTTP endpoint of `flowsmith serve` that starts the flow: `POST /hooks/<file>/<name>` with
 * `Authorization: Bearer <secret>`, the secret being the value of the environment variable
 * `secretEnv` in serve's environment; the JSON body is the run input (engine/host/serve-hooks.ts).
 */
export interface WebhookTrigger {
  webhook: { name: string; secretEnv: string };
  concurrency?: TriggerConcurrency;
}

/** When the flow starts by itself: a cron schedule or a webhook. */
export type Trigger = CronTrigger | WebhookTrigger;

/** True for a cron trigger (it has `cron`), false for a webhook. */
export function isCronTrigger(trigger: Trigger): trigger is CronTrigger {
  return 'cron' in trigger;
}

/** Canvas position of a step, in canvas pixels. */
export interface Position {
  x: number;
  y: number;
}

/**
 * Where an imported flow came from (engine/import, issue #4). A flow with `origin` is untrusted:
 * it runs only in simulation until a person trusts it (DESIGN.md "Security").
 */
export interface FlowOrigin {
  /** The format it was imported from. */
  format: 'argo' | 'asl' | 'serverless-workflow';
  /** The source file as given to the importer (a path or a file name). */
  file: string;
  /** When it was imported, ISO 8601. */
  importedAt: string;
}

/** A whole flow document. */
export interface Flow {
  flowsmith: string;
  name: string;
  title?: string;
  description?: string;
  inputs?: JsonObject;
  vars?: Record<string, Json>;
  triggers?: Trigger[];
  defaults?: { timeout?: DurationText; retry?: RetryPolicy };
  start: StepId;
  steps: Record<StepId, Step>;
  layout?: Record<StepId, Position>;
  origin?: FlowOrigin;
}

/** The executor field a task body uses, or undefined when it has none. */
export function taskExecutor(body: TaskBody): keyof TaskBody | undefined {
  for (const key of ['shell', 'http', 'script', 'notify', 'call'] as const) {
    if (body[key] !== undefined) return key;
  }
  return undefined;
}

/** Ids a step can go to next: see model/step-references.ts, where every step reference is listed once. */
export { successors } from './step-references.js';
