/**
 * The run record printed by `--json` and returned by HostApi.getRun (DESIGN.md "Interfaces").
 * Times are ISO 8601 (virtual times in simulations).
 */
import type { Json, JsonObject, StepId } from '../model/flow.js';
import type { RunId, StartedBy, StepError } from './events.js';
import { runStatusOf } from './fold.js';
import type { RunState, RunStatus, StepStatus } from './state.js';
import { idMap } from './state.js';

export interface StepRecord {
  status: StepStatus;
  attempts: number;
  output: Json;
  error: StepError | null;
  startedAt: string | null;
  endedAt: string | null;
  /** The resolved input of the latest attempt that recorded one (StepInput): secrets redacted, size bounded. */
  input?: Json;
}

export interface RunRecord {
  id: RunId;
  flow: string;
  status: RunStatus;
  startedAt: string;
  endedAt: string | null;
  input: JsonObject;
  vars: JsonObject;
  path: StepId[];
  steps: Record<StepId, StepRecord>;
  /** Approvals waiting for people; `dueAt` is their deadline (ISO 8601) or null. */
  waitingFor: { step: StepId; approvers: string[]; message: string; dueAt: string | null }[];
  /**
   * Tasks waiting for the answer to their callback token (the token is not shown: it is a secret
   * only the step's executor saw); `dueAt` is when the wait times out, ISO 8601.
   */
  waitingForCallback?: { step: StepId; attempt: number; dueAt: string | null }[];
  /** While paused (debugging): why, and the step it paused before. */
  paused: { reason: 'breakpoint' | 'step' | 'user'; step?: StepId } | null;
  error: StepError | null;
  mode: string;
  workdir: string;
  flowPath: string;
  /** Who or what started the run (RunStarted.startedBy), when recorded. */
  startedBy?: StartedBy;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Builds the JSON record of a run from its folded state. */
export function toRunRecord(run: RunState): RunRecord {
  const steps = idMap<StepRecord>();
  const waitingFor: RunRecord['waitingFor'] = [];
  const waitingForCallback: NonNullable<RunRecord['waitingForCallback']> = [];
  for (const [id, s] of Object.entries(run.steps)) {
    steps[id] = {
      status: s.status,
      attempts: s.attempts,
      output: s.output,
      error: s.error,
      startedAt: iso(s.startedAt),
      endedAt: iso(s.endedAt),
      ...(s.input !== undefined ? { input: s.input } : {}),
    };
    if (s.status === 'waiting' && s.approval) {
      waitingFor.push({ step: id, approvers: s.approval.approvers, message: s.approval.message, dueAt: iso(s.approval.dueAt) });
    }
    if (s.status === 'waiting' && s.callback && !s.callback.answer) {
      waitingForCallback.push({ step: id, attempt: s.callback.attempt, dueAt: iso(s.callback.dueAt) });
    }
  }
  return {
    id: run.id,
    flow: run.flow,
    status: runStatusOf(run),
    startedAt: iso(run.startedAt) as string,
    endedAt: iso(run.endedAt),
    input: run.input,
    vars: run.vars,
    path: run.path,
    steps,
    waitingFor,
    waitingForCallback,
    paused: run.paused,
    error: run.error,
    mode: run.mode,
    workdir: run.workdir,
    flowPath: run.flowPath,
    ...(run.startedBy ? { startedBy: run.startedBy } : {}),
  };
}
