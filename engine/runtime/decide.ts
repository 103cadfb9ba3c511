/**
 * What should happen next in a run, given its flow, its folded state and the time (STYLE.md §2).
 * Pure: the driver carries the commands out and journals their results.
 */
import type { Flow, JoinMode, ParallelStep, Step, StepId } from '../model/flow.js';
import { blockTree } from '../model/blocks.js';
import type { EpochMs } from './events.js';
import type { RunState, StepState } from './state.js';
import { isMachineWork } from './state.js';

export type Command =
  /** Start (or, after a crash, restart) a step; `attempt` 1 is a new activation. */
  | { kind: 'executeStep'; step: StepId; attempt: number }
  /** An approval has its answer (quorum reached, a rejection, or its deadline passed). */
  | { kind: 'completeApproval'; step: StepId; outcome: 'approved' | 'rejected' | 'timedOut' }
  /**
   * A task's callback has its answer, or its wait passed `dueAt`: end the attempt (the driver
   * shapes the answer's output, or fails it with the answer's error or `Timeout`).
   */
  | { kind: 'finishCallback'; step: StepId; attempt: number }
  /** A wait step's timer is due. */
  | { kind: 'completeTimer'; step: StepId }
  /** Nothing is left to do and nothing failed: the run succeeded. */
  | { kind: 'completeRun' }
  /** Roll back a completed step by running its `compensate` body. */
  | { kind: 'compensateStep'; step: StepId }
  /** Every compensation ran: end the run as failed or cancelled. */
  | { kind: 'endCompensation' }
  /** Debugging: stop before starting `step` (a breakpoint, or the next step after "step"). */
  | { kind: 'pauseBefore'; step: StepId; reason: 'breakpoint' | 'step' }
  /** Nothing to do before `dueAt` (a retry, timer or approval deadline); sleep until then. */
  | { kind: 'wakeAt'; dueAt: EpochMs };

/**
 * Commands for the run's next move. `inFlight` holds the steps whose attempt is being executed by
 * this process; a running step outside it was interrupted (crash) and runs again (at-least-once).
 * Returns [] when the run only waits for people (approvals without a deadline) or has ended.
 */
export function decide(flow: Flow, run: RunState, now: EpochMs, inFlight: InFlight): Command[] {
  if (run.status !== 'running') return [];
  if (run.compensation) {
    if (inFlight.size > 0) return []; // aborted steps and a running compensation settle first
    const step = nextCompensation(flow, run);
    return [step === undefined ? { kind: 'endCompensation' } : { kind: 'compensateStep', step }];
  }
  const out: Command[] = [];
  let wakeAt = Infinity;

  // Only ready and open steps are looked at: O(work in progress), not O(steps) (issue #3 benchmarks).
  // A resume lets the step it paused before start first, alone (debugging "step").
  if (run.passOnce !== null && run.ready.has(run.passOnce)) return [{ kind: 'executeStep', step: run.passOnce, attempt: 1 }];
  for (const id of run.ready) {
    const step = flow.steps[id];
    if (step?.type === 'join' && (run.arrivals.get(id) ?? 0) < joinNeeds(flow, id, step.mode)) continue;
    if (run.stepping || run.breakpoints.has(id)) {
      return [{ kind: 'pauseBefore', step: id, reason: run.breakpoints.has(id) ? 'breakpoint' : 'step' }];
    }
    out.push({ kind: 'executeStep', step: id, attempt: 1 });
  }

  const open = run.open.size > 0;
  for (const id of run.open) {
    const s = run.steps[id]!;
    if (isMachineWork(s)) {
      // Running, backing off before a retry, or a wait step on its timer.
      if (inFlight.has(id)) continue;
      if (s.retryDueAt !== null) {
        if (s.retryDueAt <= now) out.push({ kind: 'executeStep', step: id, attempt: s.attempts + 1 });
        else wakeAt = Math.min(wakeAt, s.retryDueAt);
      } else if (s.timerDueAt !== null) {
        if (s.timerDueAt <= now) out.push({ kind: 'completeTimer', step: id });
        else wakeAt = Math.min(wakeAt, s.timerDueAt);
      } else if (s.callback?.answer && s.callback.attempt === s.attempts) {
        // Answered while its executor ran, then the process died: the answer stands, the
        // executor does not run again (its token was already sent and used).
        out.push({ kind: 'finishCallback', step: id, attempt: s.attempts });
      } else {
        out.push({ kind: 'executeStep', step: id, attempt: s.attempts });
      }
    } else if (s.status === 'waiting' && s.callback) {
      if (inFlight.has(id)) continue;
      const due = s.callback.dueAt;
      if (s.callback.answer || (due !== null && due <= now)) out.push({ kind: 'finishCallback', step: id, attempt: s.callback.attempt });
      else if (due !== null) wakeAt = Math.min(wakeAt, due);
    } else if (s.status === 'waiting' && s.approval) {
      const outcome = approvalOutcome(s, now);
      if (outcome) out.push({ kind: 'completeApproval', step: id, outcome });
      else if (s.approval.dueAt !== null) wakeAt = Math.min(wakeAt, s.approval.dueAt);
    }
  }

  if (!open && out.length === 0) {
    // Joins still in `ready` here can never fire; validation rejects flows where that can happen.
    return [{ kind: 'completeRun' }];
  }
  if (wakeAt !== Infinity) out.push({ kind: 'wakeAt', dueAt: wakeAt });
  return out;
}

/** The steps whose attempt this process is executing: a Map or Set of step ids. */
export interface InFlight {
  has(step: StepId): boolean;
  readonly size: number;
}

/** Branch counts of each flow's joins, computed once per Flow object (a join closes one parallel). */
const branchCounts = new WeakMap<Flow, Map<StepId, number>>();

/** How many arrivals a join needs: every branch of its parallel (all), one (any), or n. */
export function joinNeeds(flow: Flow, joinId: StepId, mode: JoinMode | undefined): number {
  if (mode === 'any') return 1;
  if (typeof mode === 'object') return mode.count;
  let counts = branchCounts.get(flow);
  if (!counts) {
    counts = new Map();
    for (const s of Object.values(flow.steps)) {
      if (s.type === 'parallel') counts.set((s as ParallelStep).join, (s as ParallelStep).branches.length);
    }
    branchCounts.set(flow, counts);
  }
  return counts.get(joinId) ?? 1;
}

/**
 * An approval's outcome, or null while it is open: one rejection by a listed approver rejects;
 * `quorum` distinct approving approvers approve; past the deadline it times out. Only decisions
 * made before the deadline count, whenever the run is driven (#11 item 8: the deadline decides).
 */
export function approvalOutcome(s: StepState, now: EpochMs): 'approved' | 'rejected' | 'timedOut' | null {
  const a = s.approval;
  if (!a) return null;
  const listed = a.decisions.filter((d) => a.approvers.includes(d.by) && (a.dueAt === null || d.at < a.dueAt));
  if (listed.some((d) => d.verdict === 'reject')) return 'rejected';
  const approvers = new Set(listed.filter((d) => d.verdict === 'approve').map((d) => d.by));
  if (approvers.size >= a.quorum) return 'approved';
  if (a.dueAt !== null && a.dueAt <= now) return 'timedOut';
  return null;
}

/** The step's definition; throws (a bug: validation guarantees ids exist) when it is missing. */
export function stepDef(flow: Flow, id: StepId): Step {
  const step = flow.steps[id];
  if (!step) throw new Error(`step ${id} is not in flow ${flow.name}`);
  return step;
}

/** The latest-completed step with a `compensate` body whose compensation has not run, if any. */
export function nextCompensation(flow: Flow, run: RunState): StepId | undefined {
  // Runs only when a run fails or is cancelled, so copying the order once per call is fine.
  const order = [...run.completed];
  for (let i = order.length - 1; i >= 0; i--) {
    const id = order[i]!;
    if (flow.steps[id]?.compensate && !run.compensationsRun.has(id)) return id;
  }
  return undefined;
}

/** Steps inside each parallel/join block, per Flow object: reachable from the branches before the join. */
const regions = new WeakMap<Flow, Map<StepId, ReadonlySet<StepId>>>();
const NO_STEPS: ReadonlySet<StepId> = new Set();

/**
 * The steps between join `joinId`'s parallel and the join (the branches' steps, nested blocks
 * included): the members of its block in model/blocks.ts. Used to cancel what is still running
 * when an `any`/`count` join fires. Empty for a step that closes no parallel.
 */
export function joinRegion(flow: Flow, joinId: StepId): ReadonlySet<StepId> {
  let byJoin = regions.get(flow);
  if (!byJoin) {
    // The model's block tree (one analysis for validation, runtime, exporters and canvas), read once per flow.
    byJoin = new Map();
    for (const scope of blockTree(flow).scopes) for (const block of scope.blocks) if (block.join !== undefined) byJoin.set(block.join, block.members);
    regions.set(flow, byJoin);
  }
  return byJoin.get(joinId) ?? NO_STEPS;
}
