/**
 * Test support for the kill -9 tests (crash.test.ts; issue #3 "Tests", DESIGN.md "Runtime
 * semantics" → Durability): the flow they run, a seeded PRNG, and the oracle that checks one
 * run's journal and side effects against at-least-once.
 */
import type { RunEvent, JournalEntry } from '../runtime/events.js';
import { foldEvents } from '../runtime/fold.js';
import type { RunState } from '../runtime/state.js';

/**
 * A parallel of three branches and a join, a task that fails its first two executions and succeeds
 * on retry, a 300 ms timer, and one line appended per execution to `<step>.effects` in the run's
 * work folder (the side effect the oracle counts). The side effect comes first in each command, so
 * a shell orphaned by a killed engine has written it long before anyone counts.
 */
export const CRASH_FLOW = `flowsmith: "1.0"
name: crash-durability
inputs:
  type: object
  properties:
    iteration: {type: integer}
vars: {done: false}
start: prep
steps:
  prep: {type: task, shell: 'echo "$FLOWSMITH_RUN_ID" >> prep.effects; sleep 0.1', next: fan}
  fan: {type: parallel, branches: [slow, flaky, quick], join: joined}
  slow: {type: task, shell: 'echo "$FLOWSMITH_RUN_ID" >> slow.effects; sleep 0.3', next: joined}
  flaky:
    type: task
    shell: 'echo "$FLOWSMITH_RUN_ID" >> flaky.effects; n=$(wc -l < flaky.effects | tr -d " "); [ "$n" -ge 3 ] || { echo "execution $n fails" >&2; exit 1; }; echo "{\\"executions\\": $n}"'
    retry: {maxAttempts: 4, delay: 200ms}
    next: joined
  quick: {type: task, shell: 'echo "$FLOWSMITH_RUN_ID" >> quick.effects', next: joined}
  joined: {type: join, next: nap}
  nap: {type: wait, duration: 300ms, next: finish}
  finish:
    type: task
    shell: 'echo "$FLOWSMITH_RUN_ID" >> finish.effects; sleep 0.1; echo "{\\"run\\": \\"$FLOWSMITH_RUN_ID\\"}"'
    set: {done: 'true', finishedBy: '$.run'}
`;

/** Steps of CRASH_FLOW whose executions leave a line in `<step>.effects`. */
export const TASKS = ['prep', 'slow', 'flaky', 'quick', 'finish'] as const;
/** Every step of CRASH_FLOW; each must succeed exactly once per run. */
export const ALL_STEPS = ['prep', 'fan', 'slow', 'flaky', 'quick', 'joined', 'nap', 'finish'] as const;
/** The flaky step succeeds on its third execution; retry.maxAttempts is 4. */
export const FLAKY_SUCCEEDS_AT = 3;
export const NAP_MS = 300;

/** mulberry32: a small seeded uniform [0, 1) source, so the kill schedule replays from the seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the journal and the work folder held right after one kill, for the "never runs again" check. */
export interface KillSnapshot {
  /** Which process was killed and when (epoch ms, the engine's clock). */
  what: string;
  at: number;
  /** Journal entries committed before the kill. */
  events: JournalEntry[];
  /** Lines of each task's effects file at that moment. */
  lines: Record<string, number>;
}

/** One finished run, as the oracle sees it. */
export interface RunEvidence {
  id: string;
  entries: JournalEntry[];
  /** The runs table row's status and ended_at. */
  row: { status: string; endedAt: number | null } | undefined;
  /** Lines of each task's effects file. */
  effects: Record<string, string[]>;
  /** Kills that happened while the run existed (its RunStarted was committed). */
  kills: KillSnapshot[];
}

const stepOf = (e: RunEvent): string | undefined => ('step' in e ? e.step : undefined);

/**
 * Checks one run of CRASH_FLOW after kills and resumes; returns every violation found (empty when
 * the run is as DESIGN.md's Durability and the README's "Delivery guarantee" promise):
 * gap-free journal that folds to succeeded and agrees with the runs table; each step succeeded
 * exactly once and never started again after that; per task, results ≤ executions (effect lines)
 * ≤ StepStarted events, and restarts (a StepStarted whose previous start has no result) ≤ kills;
 * retries numbered 1, 2, … with each retry started no earlier than its journaled due time; one
 * timer whose journaled due time the resume kept; the join fired after all three branches;
 * the vars set from the last step's output name this run.
 */
export function checkRun(ev: RunEvidence): { problems: string[]; state: RunState | null } {
  const problems: string[] = [];
  const p = (m: string) => problems.push(`${ev.id}: ${m}`);
  const seqs = ev.entries.map((e) => e.seq);
  if (seqs.some((s, i) => s !== i + 1)) p(`journal seqs are not 1..n: ${seqs.join(',')}`);
  let state: RunState | null = null;
  try {
    state = foldEvents(ev.entries.map((e) => e.event));
  } catch (err) {
    p(`journal does not fold: ${(err as Error).message}`);
    return { problems, state };
  }
  if (state.status !== 'succeeded') p(`run status ${state.status} (error ${JSON.stringify(state.error)})`);
  const last = ev.entries.at(-1)?.event;
  if (ev.row?.status !== state.status) p(`runs table says ${ev.row?.status}, journal folds to ${state.status}`);
  if (last?.type === 'RunSucceeded' && ev.row?.endedAt !== last.at) p(`runs.ended_at ${ev.row?.endedAt} ≠ RunSucceeded.at ${last.at}`);
  if (state.vars.finishedBy !== ev.id || state.vars.done !== true) p(`vars ${JSON.stringify(state.vars)} do not name this run`);
  for (const id of state.path) if (state.steps[id]?.status !== 'succeeded') p(`step ${id} on the path is ${state.steps[id]?.status}`);
  const kills = ev.kills.length;

  for (const step of ALL_STEPS) {
    const mine = ev.entries.filter((e) => stepOf(e.event) === step);
    const succeeded = mine.filter((e) => e.event.type === 'StepSucceeded');
    if (succeeded.length !== 1) p(`${step} succeeded ${succeeded.length} times`);
    const doneAt = succeeded[0]?.seq ?? Infinity;
    const lateStarts = mine.filter((e) => e.event.type === 'StepStarted' && e.seq > doneAt);
    if (lateStarts.length > 0) p(`${step} started again after it succeeded (seq ${lateStarts.map((e) => e.seq).join(',')})`);
    // A restart is a StepStarted whose previous StepStarted got no result: the process died in between.
    let restarts = 0;
    let open: Extract<RunEvent, { type: 'StepStarted' }> | null = null;
    for (const { event } of mine) {
      if (event.type === 'StepStarted') {
        if (open) {
          restarts += 1;
          if (event.attempt !== open.attempt) p(`${step} restarted as attempt ${event.attempt} after an interrupted attempt ${open.attempt}`);
        }
        open = event;
      } else if (event.type !== 'TimerStarted') open = null;
    }
    if (restarts > kills) p(`${step} was restarted ${restarts} times but only ${kills} kills hit the run`);
    if (!(TASKS as readonly string[]).includes(step)) continue;
    const starts = mine.filter((e) => e.event.type === 'StepStarted').length;
    const results = mine.filter((e) => e.event.type === 'StepSucceeded' || e.event.type === 'StepRetryScheduled' || e.event.type === 'StepFailed').length;
    const lines = ev.effects[step] ?? [];
    if (lines.some((l) => l !== ev.id)) p(`${step}.effects holds lines of other runs: ${JSON.stringify(lines)}`);
    if (lines.length < Math.max(1, results)) p(`${step} ran ${lines.length} times but journaled ${results} results`);
    if (lines.length > starts) p(`${step} ran ${lines.length} times but was started ${starts} times`);
    if (step !== 'flaky' && lines.length > 1 + kills) p(`${step} ran ${lines.length} times with ${kills} kills (at most 1 + kills)`);
  }
  checkRetries(ev, state, p);
  checkTimer(ev, p);
  checkJoin(ev, p);
  checkKeptAfterKills(ev, p);
  return { problems, state };
}

function checkRetries(ev: RunEvidence, state: RunState, p: (m: string) => void): void {
  const flaky = ev.entries.map((e) => e.event).filter((e) => stepOf(e) === 'flaky');
  const retries = flaky.filter((e): e is Extract<RunEvent, { type: 'StepRetryScheduled' }> => e.type === 'StepRetryScheduled');
  retries.forEach((r, i) => {
    if (r.attempt !== i + 1) p(`flaky retry #${i + 1} was scheduled for attempt ${r.attempt}`);
    // The driver reads the clock once for dueAt and once more for `at`, so `at` may be a few ms later.
    if (r.dueAt - r.at > 200 || r.dueAt - r.at < 190) p(`flaky retry after attempt ${r.attempt} is due ${r.dueAt - r.at} ms after it failed, not 200`);
  });
  for (const e of flaky) {
    if (e.type !== 'StepStarted' || e.attempt === 1) continue;
    const r = retries.find((x) => x.attempt === e.attempt - 1);
    if (!r) p(`flaky attempt ${e.attempt} started without a journaled retry of attempt ${e.attempt - 1}`);
    else if (e.at < r.dueAt) p(`flaky attempt ${e.attempt} started at ${e.at}, before its retry was due (${r.dueAt})`);
  }
  const attempts = state.steps.flaky?.attempts ?? 0;
  if (attempts !== retries.length + 1) p(`flaky shows ${attempts} attempts after ${retries.length} retries`);
  if (retries.length > FLAKY_SUCCEEDS_AT - 1) p(`flaky retried ${retries.length} times; its executions succeed from the ${FLAKY_SUCCEEDS_AT}rd`);
  const executions = (state.steps.flaky?.output as { executions?: number } | null)?.executions ?? 0;
  const lines = ev.effects.flaky?.length ?? 0;
  if (executions < FLAKY_SUCCEEDS_AT || executions > lines) p(`flaky succeeded at execution ${executions} of ${lines}`);
  if (lines > FLAKY_SUCCEEDS_AT + ev.kills.length) p(`flaky ran ${lines} times with ${ev.kills.length} kills (at most ${FLAKY_SUCCEEDS_AT} + kills)`);
}

function checkTimer(ev: RunEvidence, p: (m: string) => void): void {
  const nap = ev.entries.filter((e) => stepOf(e.event) === 'nap');
  const timers = nap.filter((e) => e.event.type === 'TimerStarted');
  if (timers.length !== 1) return void p(`nap journaled ${timers.length} TimerStarted events`);
  const timer = timers[0]!;
  const t = timer.event as Extract<RunEvent, { type: 'TimerStarted' }>;
  const started = nap.filter((e) => e.event.type === 'StepStarted' && e.seq < timer.seq).at(-1)?.event;
  if (!started || t.dueAt !== started.at + NAP_MS) p(`nap's timer is due at ${t.dueAt}, not its start ${started?.at} + ${NAP_MS} ms`);
  const done = nap.find((e) => e.event.type === 'StepSucceeded')?.event;
  if (done && done.at < t.dueAt) p(`nap ended at ${done.at}, before its timer was due (${t.dueAt})`);
  // The due time the journal held at each kill is the one the resumed run used.
  for (const k of ev.kills) {
    const seen = k.events.find((e) => e.event.type === 'TimerStarted' && stepOf(e.event) === 'nap');
    if (seen && (seen.seq !== timer.seq || (seen.event as typeof t).dueAt !== t.dueAt)) p(`nap's timer changed across the kill at ${k.at}`);
  }
}

function checkJoin(ev: RunEvidence, p: (m: string) => void): void {
  const seqOf = (step: string) => ev.entries.find((e) => e.event.type === 'StepSucceeded' && stepOf(e.event) === step)?.seq ?? Infinity;
  const joinStart = ev.entries.find((e) => e.event.type === 'StepStarted' && stepOf(e.event) === 'joined')?.seq ?? -1;
  for (const b of ['slow', 'flaky', 'quick']) if (seqOf(b) > joinStart) p(`the join started (seq ${joinStart}) before ${b} succeeded (seq ${seqOf(b)})`);
}

/** A step that had succeeded before a kill is never executed again: its journaled result is kept. */
function checkKeptAfterKills(ev: RunEvidence, p: (m: string) => void): void {
  for (const k of ev.kills) {
    const doneBefore = new Set(k.events.filter((e) => e.event.type === 'StepSucceeded').map((e) => stepOf(e.event)!));
    for (const e of ev.entries) {
      if (e.seq > k.events.length && e.event.type === 'StepStarted' && doneBefore.has(e.event.step)) {
        p(`${e.event.step} had succeeded before the kill of ${k.what} and started again (seq ${e.seq})`);
      }
    }
    for (const step of TASKS) {
      if (doneBefore.has(step) && (ev.effects[step]?.length ?? 0) !== k.lines[step]) {
        p(`${step} had succeeded before the kill of ${k.what} with ${k.lines[step]} executions, ended with ${ev.effects[step]?.length}`);
      }
    }
  }
}

/** Where a run was when a process was killed, from the journal committed by then (for the report). */
export function phaseAt(events: readonly JournalEntry[]): string[] {
  if (events.length === 0) return ['before RunStarted'];
  const s = foldEvents(events.map((e) => e.event));
  if (s.status !== 'running') return [`after Run${s.status === 'succeeded' ? 'Succeeded' : s.status}`];
  const phases: string[] = [];
  const open = [...s.open];
  if (open.some((id) => s.steps[id]?.timerDueAt !== null)) phases.push('timer');
  if (open.some((id) => s.steps[id]?.retryDueAt !== null)) phases.push('retry delay');
  const running = open.filter((id) => s.steps[id]?.retryDueAt === null && s.steps[id]?.timerDueAt === null);
  if (running.length > 0) phases.push(`running ${running.sort().join('+')}`);
  if (open.filter((id) => ['slow', 'flaky', 'quick'].includes(id)).length >= 2) phases.push('parallel branches');
  if (phases.length === 0) phases.push('between steps');
  return phases;
}
